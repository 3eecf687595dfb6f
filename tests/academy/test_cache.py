"""Without Redis the cache is a database table: every web process sees the same rate limits."""

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD

DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "academy_cache",
    }
}


def _rows_in_cache_table() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM academy_cache")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_the_login_lockout_is_kept_where_every_web_process_sees_it(learner, client):
    with override_settings(CACHES=DATABASE_CACHE):
        caches["default"].clear()
        for _ in range(5):
            client.post(
                reverse("account_login"), {"login": "learner@example.com", "password": "guess"}
            )
        assert _rows_in_cache_table() > 0  # in the database, not in this process's memory
        response = client.post(
            reverse("account_login"), {"login": "learner@example.com", "password": PASSWORD}
        )
        assert "_auth_user_id" not in client.session
        assert "Too many failed login attempts" in response.content.decode()
        caches["default"].clear()


@pytest.mark.django_db(transaction=True)
def test_migrate_makes_the_cache_table():
    with override_settings(CACHES=DATABASE_CACHE):
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE academy_cache")
        call_command("migrate", verbosity=0)
    assert "academy_cache" in connection.introspection.table_names()
