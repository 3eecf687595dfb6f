"""Adoption dashboards at scale: seeding time, and the programme and lead dashboards warm,
beside the slowest SQL query they run (run bare) and a naive funnel over the raw progress rows.

    .venv/bin/python bench/dashboard.py [--employees 100000] [--runs 5] [--database academy_bench]

Needs PostgreSQL (DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432); the
database named by --database is created when missing and seeded once (`academy seed`); later
runs reuse it. Targets: each dashboard < 500 ms warm; seeding 100,000 employees < 5 minutes.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NAIVE_FUNNEL = """
SELECT p.unit_id,
       COUNT(DISTINCT p.id) AS headcount,
       COUNT(DISTINCT e.person_id) AS enrolled,
       COUNT(DISTINCT CASE WHEN e.completed_at IS NOT NULL THEN e.person_id END) AS completed,
       COUNT(sc.id) AS steps_completed
FROM people_person p
LEFT JOIN courses_enrolment e ON e.person_id = p.id
LEFT JOIN courses_stepcompletion sc ON sc.enrolment_id = e.id
GROUP BY p.unit_id
"""


def median_time(function, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def ensure_database(base_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(f"{base_url}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return f"{base_url}/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database", default="academy_bench")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = ensure_database(args.server, args.database)
    os.environ.setdefault("ACADEMY_DATA_DIR", tempfile.mkdtemp(prefix="bench-dashboard-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from academy import seed
    from courses.models import StepCompletion
    from people.models import Person, Unit

    call_command("migrate", interactive=False, verbosity=0)
    seeded = seed.seeded_count()
    if seeded != args.employees:
        print(f"Seeding {args.employees:,} employees (was {seeded:,}) ...", flush=True)
        start = time.perf_counter()
        call_command("seed", employees=args.employees, seed=1, replace=bool(seeded))
        print(f"seed: {time.perf_counter() - start:.1f} s for {args.employees:,} employees")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    progress_rows = StepCompletion.objects.count()
    print(f"data: {Person.objects.count():,} people, {progress_rows:,} progress rows")

    staff, _ = Person.objects.get_or_create(
        email="bench-programme@example.com", defaults={"is_staff": True}
    )
    biggest = (
        Unit.objects.filter(slug__startswith=seed.UNIT_PREFIX, kind=Unit.Kind.UNIT)
        .order_by("slug")
        .first()
    )
    lead = Person.objects.filter(led_units=biggest).first()
    lead_people = Person.objects.filter(unit__in=[biggest, *biggest.children.all()]).count()

    def client_for(person):
        client = Client()
        client.force_login(person)
        return client

    pages = [
        ("programme dashboard", staff, reverse("insights:dashboard"), {}),
        (
            "programme dashboard, programme filter",
            staff,
            reverse("insights:dashboard"),
            {"programme": "social-business-roles", "language": "nl"},
        ),
        (f"lead dashboard ({lead_people:,} people)", lead, reverse("insights:dashboard"), {}),
        ("people table (programme team)", staff, reverse("insights:people"), {"sort": "hours"}),
        ("lead home", lead, reverse("lead_home"), {}),
    ]
    print(f"\n{'page':<44} {'warm median':>12} {'queries':>8} {'slowest query bare':>19}")
    for label, person, url, params in pages:
        client = client_for(person)
        client.get(url, params)  # warm: caches, connections, templates
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        assert response.status_code == 200, response.status_code
        # Read the log now: every later request clears it (django.db.reset_queries).
        captured = list(queries.captured_queries)
        elapsed = median_time(lambda c=client, u=url, p=params: c.get(u, p), args.runs)
        slowest = max(captured, key=lambda q: float(q["time"]))
        with connection.cursor() as cursor:
            bare = median_time(lambda s=slowest["sql"], c=cursor: c.execute(s), args.runs)
        verdict = "ok" if elapsed < 0.5 else "SLOW"
        print(
            f"{label:<44} {elapsed * 1000:>9.0f} ms {len(captured):>8} "
            f"{bare * 1000:>16.0f} ms  {verdict}"
        )
    with connection.cursor() as cursor:
        naive = median_time(lambda: cursor.execute(NAIVE_FUNNEL), max(1, args.runs // 2))
    print(
        f"\nbaseline: a naive funnel over the {progress_rows:,} raw progress rows: "
        f"{naive * 1000:.0f} ms (what the rollups avoid)"
    )


if __name__ == "__main__":
    main()
