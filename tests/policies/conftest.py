import pytest

from .factories import version


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    # Rendered PDFs go to a folder of each test's own.
    settings.DATA_DIR = tmp_path
    settings.ACADEMY_POLICY_GRACE_DAYS = 30


@pytest.fixture
def v1(db):
    """Version 1.0, in effect for a year."""
    return version("1.0", days_ago=365)


@pytest.fixture
def v2(v1):
    """Version 2.0, a major version that took effect ten days ago."""
    return version("2.0", days_ago=10, changes_en="Internal network added.")
