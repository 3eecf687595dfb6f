"""Lighthouse scores of the pages people judge the academy by, on a phone and on a desktop.

    .venv/bin/python bench/lighthouse.py [--runs 1] [--pages home,step,...] [--form mobile,desktop]

Loads the demo academy into a temporary data folder, serves it production-style (gunicorn,
compressed and hashed static files, DEBUG off) on 127.0.0.1:8351, and runs Lighthouse 12.2.3
(bench/lighthouse/package.json; `npm ci --prefix bench/lighthouse` once; Node 20) with Debian's
Chromium (CHROME_PATH, default /usr/bin/chromium) on: the learner home, a learning step, the
catalogue, a credential's verification page, the policy and the adoption dashboard. Signed-in
pages get a session cookie made for the demo person. Prints accessibility, best practices and
performance per page and form factor (the median of --runs) beside the load average of the
machine, since a loaded machine lowers performance scores. Targets: accessibility 100, best
practices >= 95, performance >= 95.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PORT = 8351
CATEGORIES = ["accessibility", "best-practices", "performance"]
TARGETS = {"accessibility": 100, "best-practices": 95, "performance": 95}

# Run inside the demo academy: a session per person, and the URLs of a step and a credential.
SETUP = """
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from certification.models import IssuedCredential
from courses.models import Enrolment
from people.demo import email
from people.models import Person

def session(local):
    person = Person.objects.get(email=email(local))
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(person.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = person.get_session_auth_hash()
    store.create()
    return store.session_key

learner = Person.objects.get(email=email("daan.jansen"))
enrolment = Enrolment.objects.filter(person=learner).select_related("module").first()
lesson = enrolment.module.lessons.first()
step = lesson.steps.first()
credential = IssuedCredential.objects.order_by("id").first()
print(json.dumps({
    "learner": session("daan.jansen"),
    "programme": session("emma.clarke"),
    "step": "/learn/modules/%s/%s/%s/" % (enrolment.module.slug, lesson.slug, step.slug),
    "verify": "/verify/%s/" % credential.code,
}))
"""


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def serve(data_dir: str) -> tuple[subprocess.Popen, dict]:
    env = {
        **os.environ,
        "ACADEMY_DATA_DIR": data_dir,
        "ACADEMY_ENV": "production",
        "SECRET_KEY": "lighthouse-bench-only",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "ACADEMY_BASE_URL": f"http://127.0.0.1:{PORT}",
        "DEBUG": "",
    }
    env.pop("DATABASE_URL", None)
    python = sys.executable
    run = {"cwd": ROOT, "env": env, "check": True}
    # Hashed static files first: the demo's credentials name the issuer logo by its URL.
    for command in (["collectstatic", "--noinput", "-v0"], ["demo", "--no-serve"]):
        subprocess.run([python, "manage.py", *command], stdout=subprocess.DEVNULL, **run)  # noqa: S603
    facts = subprocess.run(  # noqa: S603 - a fixed command line
        [python, "manage.py", "shell", "-c", SETUP], capture_output=True, text=True, **run
    )
    server = subprocess.Popen(  # noqa: S603 - a fixed command line
        [python, "manage.py", "serve", "--port", str(PORT), "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2)  # noqa: S310
            return server, json.loads(facts.stdout.strip().splitlines()[-1])
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the demo server did not start")


def lighthouse(url: str, form: str, cookie: str | None) -> dict[str, int]:
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report.name}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ]
        if form == "desktop":
            command.append("--preset=desktop")
        if cookie:
            command.append("--extra-headers=" + json.dumps({"Cookie": f"sessionid={cookie}"}))
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
        result = json.loads(Path(report.name).read_text())
    return {name: round(100 * (result["categories"][name]["score"] or 0)) for name in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--pages", default="home,step,catalogue,verify,policy,dashboard")
    parser.add_argument("--form", default="mobile,desktop")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: run `npm ci --prefix bench/lighthouse`", file=sys.stderr)
        raise SystemExit(1)

    data_dir = tempfile.mkdtemp(prefix="academy-lighthouse-")
    server, facts = serve(data_dir)
    base = f"http://127.0.0.1:{PORT}"
    pages = {
        "home": ("/learn/", "learner"),
        "step": (facts["step"], "learner"),
        "catalogue": ("/learn/catalogue/", "learner"),
        "verify": (facts["verify"], None),
        "policy": ("/policy/", None),
        "dashboard": ("/insights/", "programme"),
    }
    failures = 0
    try:
        print(f"{'page':<10} {'form':<8} {'a11y':>5} {'b.p.':>5} {'perf':>5}   load average")
        for name in args.pages.split(","):
            path, who = pages[name]
            for form in args.form.split(","):
                runs = [lighthouse(base + path, form, facts.get(who)) for _ in range(args.runs)]
                scores = {c: statistics.median(r[c] for r in runs) for c in CATEGORIES}
                missed = [c for c in CATEGORIES if scores[c] < TARGETS[c]]
                failures += bool(missed)
                print(
                    f"{name:<10} {form:<8} {scores['accessibility']:>5.0f} "
                    f"{scores['best-practices']:>5.0f} {scores['performance']:>5.0f}   "
                    f"{load_average()}{'   below target: ' + ', '.join(missed) if missed else ''}"
                )
    finally:
        server.terminate()
        server.wait()
    print(f"targets: accessibility 100, best practices >= 95, performance >= 95; {failures} misses")


if __name__ == "__main__":
    main()
