"""The bare counterpart of bench/load.py: a Django project with no apps and no middleware, whose
one view replays the SQL statements a page of the app ran (recorded by bench/load.py into the
file BENCH_REPLAY names) and answers with a few bytes. What it costs is the framework's floor
for those queries: the request cycle, the database driver and the round trips.

    DJANGO_SETTINGS_MODULE=bare_site gunicorn --pythonpath bench bare_site
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.wsgi import get_wsgi_application
from django.db import connection, transaction
from django.http import Http404, HttpResponse
from django.urls import path

DEBUG = False
SECRET_KEY = "bench-only"  # noqa: S105 - signs nothing
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = __name__
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
USE_TZ = True
DATABASES = {
    "default": dj_database_url.config(
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")), conn_health_checks=True
    )
}
REPLAY = (
    json.loads(Path(os.environ["BENCH_REPLAY"]).read_text()) if "BENCH_REPLAY" in os.environ else {}
)


def replay(request, name: str):
    statements = REPLAY.get(name)
    if statements is None:
        raise Http404
    rows = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            if cursor.description is not None:
                rows += len(cursor.fetchall())
    return HttpResponse(f"<p>{len(statements)} queries, {rows} rows</p>")


def healthz(request):
    return HttpResponse("ok")


urlpatterns = [path("healthz", healthz), path("<str:name>/", replay)]
application = get_wsgi_application()
