"""Settings come from environment variables with safe defaults (README, Configuration)."""

import json
import os
import subprocess
import sys

import pytest

PROBE = (
    "import json; from django.conf import settings;"
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'],"
    " 'name': str(settings.DATABASES['default']['NAME']),"
    " 'host': settings.DATABASES['default'].get('HOST', ''),"
    " 'cache': settings.CACHES['default']['BACKEND'], 'debug': settings.DEBUG,"
    " 'email': settings.EMAIL_BACKEND, 'email_path': str(getattr(settings, 'EMAIL_FILE_PATH', '')), 'tasks': settings.TASKS['default']['BACKEND'],"
    " 'hosts': settings.ALLOWED_HOSTS, 'base_url': settings.ACADEMY_BASE_URL,"
    " 'secure_cookie': settings.SESSION_COOKIE_SECURE}))"
)


def run_settings(tmp_path, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_", "ACADEMY_", "REDIS_", "EMAIL_", "DEBUG", "SECRET_KEY"))
    }
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "academy.settings",
            "ACADEMY_DATA_DIR": str(tmp_path / "data"),
            **env,
        }
    )
    return subprocess.run(
        [sys.executable, "-c", PROBE], env=clean, capture_output=True, text=True, cwd=tmp_path
    )


def test_no_variables_means_sqlite_in_data_dir_console_email_and_debug_off(tmp_path):
    result = run_settings(tmp_path)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(tmp_path / "data" / "academy.sqlite3")
    assert values["cache"].endswith("DatabaseCache")  # shared by every web process
    assert values["email"].endswith("console.EmailBackend")
    assert values["tasks"].endswith("ImmediateBackend")
    assert values["debug"] is False
    assert values["hosts"] == ["localhost", "127.0.0.1"]
    assert values["base_url"] == "http://localhost:8000"
    # A secret key is generated once into the data folder and reused.
    key_file = tmp_path / "data" / "secret_key"
    assert key_file.exists() and oct(key_file.stat().st_mode & 0o777) == "0o600"


def test_database_url_selects_postgresql(tmp_path):
    values = json.loads(
        run_settings(tmp_path, DATABASE_URL="postgres://postgres@127.0.0.1:5432/test").stdout
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert (values["name"], values["host"]) == ("test", "127.0.0.1")


def test_redis_url_selects_redis_cache_and_email_url_smtp(tmp_path):
    values = json.loads(
        run_settings(
            tmp_path,
            REDIS_URL="redis://127.0.0.1:6379/1",
            EMAIL_URL="smtp://user:pw@mail.example.com:587/?tls=True",
            ACADEMY_TASK_BACKEND="database",
        ).stdout
    )
    assert values["cache"].endswith("RedisCache")
    assert values["email"].endswith("smtp.EmailBackend")
    assert values["tasks"] == "django_tasks_db.DatabaseBackend"


def test_production_requires_a_secret_key(tmp_path):
    result = run_settings(tmp_path, ACADEMY_ENV="production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when ACADEMY_ENV=production" in result.stderr


def check_deploy(tmp_path, **overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_", "ACADEMY_", "DEBUG", "REDIS_"))
    }
    env.update(
        {
            "ACADEMY_ENV": "production",
            "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-0123456789",
            "ALLOWED_HOSTS": "academy.example.com",
            "ACADEMY_BASE_URL": "https://academy.example.com",
            "ACADEMY_DATA_DIR": str(tmp_path / "data"),
            "DJANGO_SETTINGS_MODULE": "academy.settings",
            **overrides,
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )


def test_production_with_secrets_passes_check_deploy(tmp_path):
    result = check_deploy(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("base_url", ["http://localhost:8000", "https://127.0.0.1"])
def test_check_deploy_warns_when_credentials_would_be_signed_for_localhost(tmp_path, base_url):
    result = check_deploy(tmp_path, ACADEMY_BASE_URL=base_url)
    assert result.returncode != 0
    assert "core.W002" in result.stderr + result.stdout


def test_check_deploy_warns_when_the_cache_is_not_shared_between_processes(tmp_path):
    settings_file = tmp_path / "local_cache_settings.py"
    settings_file.write_text(
        "from academy.settings import *  # noqa\n"
        "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}\n"
    )
    result = check_deploy(
        tmp_path, DJANGO_SETTINGS_MODULE="local_cache_settings", PYTHONPATH=str(tmp_path)
    )
    assert result.returncode != 0
    assert "core.W003" in result.stderr + result.stdout


@pytest.mark.parametrize(
    "bad", [{"ACADEMY_ENV": "staging"}, {"ACADEMY_TASK_BACKEND": "carrier-pigeon"}]
)
def test_unknown_choices_are_refused_with_a_clear_message(tmp_path, bad):
    result = run_settings(tmp_path, **bad)
    assert result.returncode != 0
    assert "must be" in result.stderr


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path, django_db_blocker):
    from django.conf import settings
    from django.db.backends.sqlite3.base import DatabaseWrapper

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite only")
    wrapper = DatabaseWrapper({**settings.DATABASES["default"], "NAME": str(tmp_path / "a.db")})
    with django_db_blocker.unblock():
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
                cursor.execute("PRAGMA busy_timeout")
                assert cursor.fetchone()[0] >= 5000
        finally:
            wrapper.close()


def test_email_url_with_the_file_scheme_writes_emails_into_that_folder(tmp_path):
    folder = tmp_path / "mail"
    result = run_settings(tmp_path, EMAIL_URL=f"file://{folder}")
    values = json.loads(result.stdout)
    assert values["email"].endswith("filebased.EmailBackend")
    assert values["email_path"] == str(folder)
