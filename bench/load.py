"""Learner pages under load: the app beside a bare Django view that runs the same queries.

    .venv/bin/python bench/load.py [--employees 20000] [--duration 10] [--database academy_bench_load]

Needs PostgreSQL (DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432) and wrk
(Debian: `apt-get install wrk`). The database named by --database is created when missing, loaded
with the demo and seeded once (`academy seed`); later runs reuse it.

For each page (learner home, catalogue, module, quiz step, verify, lead dashboard) the script
records the SQL the page runs for one signed-in person, then serves
- the app: `gunicorn -w 2 academy.wsgi` on --port, and
- the bare counterpart: `gunicorn -w 2` of a Django project with no apps and no middleware, one
  view that replays exactly those SQL statements and answers with a few bytes (bench/bare_site.py),
on the next port, and drives each in turn with wrk at 16 and 64 connections. It prints
requests per second, p50 and p99 latency and the ratio app / bare, then the memory of each
server's workers after the load, with the machine's load average (figures from a shared machine
are noisy: compare the two columns of one run, not runs on different days).
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.dashboard import ensure_database  # noqa: E402

# Statements that manage a transaction; the bare view runs the rest inside one of its own.
TRANSACTION_CONTROL = re.compile(r"^\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b", re.I)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def load_average() -> str:
    return "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())


def prepare(args) -> tuple[list[dict], dict[str, str]]:
    """Demo + seed when missing; the pages to drive, each with its cookie and recorded SQL."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from academy import seed
    from certification.models import IssuedCredential
    from courses.models import Enrolment, QuizStep
    from people.models import Person, Unit

    call_command("migrate", interactive=False, verbosity=0)
    if not Person.objects.filter(email__endswith="@brightwater.example").exists():
        print("Loading the demo ...", flush=True)
        call_command("demo", no_serve=True, verbosity=0)
    seeded = seed.seeded_count()
    if seeded != args.employees:
        print(f"Seeding {args.employees:,} employees (was {seeded:,}) ...", flush=True)
        call_command("seed", employees=args.employees, seed=1, replace=bool(seeded))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    # The learner: a seeded enthusiast with the most enrolments, some still under way.
    enrolment = (
        Enrolment.objects.filter(
            person__email__endswith="@" + seed.DOMAIN,
            completed_at__isnull=True,
            module__lessons__steps__in=QuizStep.objects.all(),
        )
        .select_related("person", "module")
        .order_by("-person__id")
        .first()
    )
    learner, module = enrolment.person, enrolment.module
    quiz = (
        QuizStep.objects.filter(lesson__module=module)
        .select_related("lesson")
        .order_by("lesson__position", "position")
        .first()
    )
    unit = Unit.objects.filter(slug__startswith=seed.UNIT_PREFIX, kind=Unit.Kind.UNIT).first()
    lead = Person.objects.filter(led_units=unit).first()
    credential = IssuedCredential.objects.filter(status="valid").order_by("-id").first()
    pages = [
        ("learner home", learner, reverse("learner_home")),
        ("catalogue", learner, reverse("courses:catalogue")),
        ("module", learner, reverse("courses:module", args=[module.slug])),
        (
            "quiz step",
            learner,
            reverse("courses:step", args=[module.slug, quiz.lesson.slug, quiz.slug]),
        ),
        ("verify", None, reverse("credential_verify", args=[credential.code])),
        ("lead dashboard", lead, reverse("insights:dashboard")),
    ]
    result, replay = [], {}
    for number, (label, person, url) in enumerate(pages):
        client = Client()
        if person is not None:
            client.force_login(person)
        client.get(url)  # warm: caches, first visits
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (label, url, response.status_code)
        statements = [
            q["sql"] for q in queries.captured_queries if not TRANSACTION_CONTROL.match(q["sql"])
        ]
        cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
        name = f"page{number}"
        replay[name] = statements
        result.append(
            {
                "label": label,
                "url": url,
                "bare_url": f"/{name}/",
                "cookie": f"{settings.SESSION_COOKIE_NAME}={cookie.value}" if cookie else "",
                "queries": len(statements),
            }
        )
    return result, replay


def start(command: list[str], env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603 - fixed command line
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
            return process
        except OSError as error:
            if getattr(error, "code", None):  # an HTTP error: the server answers
                return process
            if process.poll() is not None:
                raise SystemExit(process.stderr.read().decode()) from None
            time.sleep(0.3)
    raise SystemExit(f"server on port {port} did not start")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def worker_memory(process: subprocess.Popen) -> list[float]:
    """Resident memory (MB) of a gunicorn master's workers."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * UNITS[unit]


def wrk(url: str, cookie: str, connections: int, duration: int) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+?)\s*$", out, re.M))
    if len(latency) < 2:
        raise SystemExit(f"wrk gave no latency figures for {url}:\n{out}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": to_ms(latency["50"]),
        "p99": to_ms(latency["99"]),
        "errors": int(errors.group(1)) if errors else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=20_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", default="16,64")
    parser.add_argument("--database", default="academy_bench_load")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--port", type=int, default=8400, help="the app; the bare view: +1")
    parser.add_argument("--pages", default="", help="comma-separated labels (default: all)")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="bench-load-")
    env = {
        **os.environ,
        "DATABASE_URL": ensure_database(args.server, args.database),
        "ACADEMY_DATA_DIR": os.environ.get("ACADEMY_DATA_DIR", data_dir),
        "DJANGO_SETTINGS_MODULE": "academy.settings",
        "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
        "DEBUG": "",
        # The verify page's per-address limit would answer wrk with 429s.
        "ACADEMY_VERIFY_RATE_LIMIT": str(10**9),
    }
    os.environ.update(env)
    pages, replay = prepare(args)
    if args.pages:
        wanted = {label.strip() for label in args.pages.split(",")}
        pages = [page for page in pages if page["label"] in wanted]
    replay_file = Path(data_dir) / "replay.json"
    replay_file.write_text(json.dumps(replay))

    gunicorn = [sys.executable, "-m", "gunicorn", "-w", "2", "--log-level", "warning"]
    app = start([*gunicorn, "-b", f"127.0.0.1:{args.port}", "academy.wsgi"], env, args.port)
    bare_env = {**env, "DJANGO_SETTINGS_MODULE": "bare_site", "BENCH_REPLAY": str(replay_file)}
    bare = start(
        [*gunicorn, "--pythonpath", str(ROOT / "bench"), "-b", f"127.0.0.1:{args.port + 1}"]
        + ["bare_site"],
        bare_env,
        args.port + 1,
    )
    try:
        base_memory = (worker_memory(app), worker_memory(bare))
        print(f"\n{load_average()} before the runs; wrk -t2 -d{args.duration}s, gunicorn -w 2")
        header = (
            f"{'page':<15}{'queries':>8}{'conns':>6} | {'app req/s':>9}{'p50':>8}{'p99':>8} | "
            f"{'bare req/s':>10}{'p50':>8}{'p99':>8} | {'app/bare':>8}"
        )
        print(header)
        print("-" * len(header))
        for page in pages:
            for connections in [int(c) for c in args.connections.split(",")]:
                ours = wrk(
                    f"http://127.0.0.1:{args.port}{page['url']}",
                    page["cookie"],
                    connections,
                    args.duration,
                )
                theirs = wrk(
                    f"http://127.0.0.1:{args.port + 1}{page['bare_url']}",
                    "",
                    connections,
                    args.duration,
                )
                flag = f"  ({ours['errors']} non-2xx!)" if ours["errors"] else ""
                print(
                    f"{page['label']:<15}{page['queries']:>8}{connections:>6} | "
                    f"{ours['rps']:>9.0f}{ours['p50']:>6.0f}ms{ours['p99']:>6.0f}ms | "
                    f"{theirs['rps']:>10.0f}{theirs['p50']:>6.0f}ms{theirs['p99']:>6.0f}ms | "
                    f"{ours['rps'] / theirs['rps']:>8.2f}{flag}",
                    flush=True,
                )
        app_memory, bare_memory = worker_memory(app), worker_memory(bare)
        print(f"{load_average()} after the runs")
        print(
            "worker memory (MB, each worker): app "
            f"{' '.join(f'{m:.0f}' for m in base_memory[0])} at start, "
            f"{' '.join(f'{m:.0f}' for m in app_memory)} after load; bare "
            f"{' '.join(f'{m:.0f}' for m in base_memory[1])} at start, "
            f"{' '.join(f'{m:.0f}' for m in bare_memory)} after load; app / bare "
            f"{max(app_memory) / max(bare_memory):.2f}"
        )
    finally:
        stop(app)
        stop(bare)


if __name__ == "__main__":
    main()
