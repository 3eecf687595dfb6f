import pytest


class ForgetfulCache:
    """A cache that accepts every value and keeps none."""

    def set(self, *args, **kwargs):
        pass

    def get(self, *args, **kwargs):
        return None


@pytest.fixture
def forgetful_cache(monkeypatch):
    """The health checks (/healthz, /status/) see a cache that forgets what it is given."""
    monkeypatch.setattr("academy.views.cache", ForgetfulCache())
