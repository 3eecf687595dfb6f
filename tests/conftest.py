from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import override_settings

from people.models import Unit
from tests.factories import PersonFactory, UnitFactory


@pytest.fixture(autouse=True, scope="session")
def _local_memory_cache(django_db_setup):
    # The academy's cache is a database table (shared by processes); most tests touch no
    # database, so they get a cache in memory (after the test database and its cache table are
    # made). tests/academy/test_cache.py tests the table.
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    ):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached pages live in the cache; every test starts with a clean one.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def firm(db):
    return Unit.objects.get_or_create(
        slug="firm", defaults={"name": "Firm", "kind": Unit.Kind.FIRM}
    )[0]


@pytest.fixture
def unit(firm):
    return UnitFactory(name="Advisory", slug="advisory", parent=firm)


@pytest.fixture
def other_unit(firm):
    return UnitFactory(name="Audit", slug="audit", parent=firm)


@pytest.fixture
def learner(unit):
    return PersonFactory(email="learner@example.com", unit=unit)


@pytest.fixture
def trainer(unit):
    return PersonFactory(email="trainer@example.com", unit=unit, is_trainer=True)


@pytest.fixture
def lead(unit):
    return PersonFactory(email="lead@example.com", unit=unit, leads=[unit])


@pytest.fixture
def programme(unit):
    return PersonFactory(email="programme@example.com", unit=unit, is_staff=True)


@pytest.fixture
def people_by_role(learner, trainer, lead, programme):
    return {
        "anonymous": None,
        "learner": learner,
        "trainer": trainer,
        "lead": lead,
        "programme": programme,
    }


@pytest.fixture
def client_for(client):
    """A test client signed in as the given person (or anonymous for None)."""

    def sign_in(person):
        client.logout()
        if person is not None:
            client.force_login(person)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _certificates_drawn_on_demand(request, monkeypatch):
    """Issuing a credential renders its PDF certificate in the background, ahead of the first
    download; the download renders it itself when it is missing (certificate_pdf). Tests skip
    the early rendering (a fifth of a second per credential) unless marked
    `certificate_on_issue`: the tests of the certificate itself."""
    if request.node.get_closest_marker("certificate_on_issue"):
        return
    from certification import tasks

    monkeypatch.setattr(tasks, "render_certificate", SimpleNamespace(enqueue=lambda *a, **k: None))


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def wsgi_app(db):
    """The project's WSGI application for tools that call it directly (schemathesis).

    Like Django's test client, it keeps the test's database connection open between requests:
    otherwise the end of each request closes it (and, on PostgreSQL, the test's transaction).
    """
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
