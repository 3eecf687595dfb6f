"""The distributed deployment on one machine: two web processes and two workers against one
PostgreSQL, one Redis and an S3-compatible server (moto), each in its own process.

Run with `pytest -m distributed -n 0` (.ci/run does). Needs PostgreSQL and Redis:
ACADEMY_TEST_CLUSTER_DATABASE (default postgres://postgres@127.0.0.1:5432/academy_cluster; the
database is created afresh), ACADEMY_TEST_CLUSTER_REDIS (default redis://127.0.0.1:6379/5; the
Redis database is emptied), ACADEMY_TEST_CLUSTER_PORT (default 8460: moto, then the two web
processes).
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.distributed

ROOT = Path(__file__).resolve().parents[2]
DATABASE = os.environ.get(
    "ACADEMY_TEST_CLUSTER_DATABASE", "postgres://postgres@127.0.0.1:5432/academy_cluster"
)
REDIS = os.environ.get("ACADEMY_TEST_CLUSTER_REDIS", "redis://127.0.0.1:6379/5")
PORT = int(os.environ.get("ACADEMY_TEST_CLUSTER_PORT", "8460"))
BUCKET = "academy-cluster"


def fresh_database(url: str) -> None:
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def wait_for(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def answers(url: str) -> bool:
    import httpx

    try:
        return httpx.get(url, timeout=2).status_code < 500
    except httpx.HTTPError:
        return False


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    import boto3
    import redis

    fresh_database(DATABASE)
    redis.Redis.from_url(REDIS).flushdb()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "academy.settings",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": DATABASE,
        "REDIS_URL": REDIS,
        "ACADEMY_DATA_DIR": str(tmp_path_factory.mktemp("cluster")),
        "SECRET_KEY": "cluster-test-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "",
        "ACADEMY_TASK_BACKEND": "rq",
        "ACADEMY_WORKER_MAINTENANCE_SECONDS": "2",
        "ACADEMY_WORKER_HEARTBEAT_GRACE": "2",
        "ACADEMY_S3_BUCKET": BUCKET,
        "ACADEMY_S3_ENDPOINT_URL": f"http://127.0.0.1:{PORT}",
        "ACADEMY_S3_REGION": "us-east-1",
        "ACADEMY_S3_ACCESS_KEY_ID": "testing",
        "ACADEMY_S3_SECRET_ACCESS_KEY": "testing",
    }
    processes: dict[str, subprocess.Popen] = {}
    logs = tmp_path_factory.mktemp("logs")

    def start(name: str, command: list[str]) -> subprocess.Popen:
        log = (logs / f"{name}.log").open("wb")
        processes[name] = subprocess.Popen(  # noqa: S603 - fixed command lines
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        return processes[name]

    try:
        start("s3", [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(PORT)])
        wait_for(lambda: answers(f"http://127.0.0.1:{PORT}/"), 30, "the S3 server")
        s3 = boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{PORT}",
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        s3.create_bucket(Bucket=BUCKET)
        academy = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*academy, "migrate", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
        # The setup's own tasks stay in the database queue, which no worker here reads.
        facts = json.loads(
            subprocess.run(  # noqa: S603
                [sys.executable, str(Path(__file__).with_name("cluster_setup.py"))],
                cwd=ROOT,
                env={**env, "ACADEMY_TASK_BACKEND": "database"},
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        webs = []
        for number in (1, 2):
            port = PORT + number
            gunicorn = [sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}"]
            start(f"web{number}", [*gunicorn, "academy.wsgi"])
            webs.append(f"http://127.0.0.1:{port}")
        for number in (1, 2):
            start(f"worker{number}", [*academy, "worker"])
        for web in webs:
            wait_for(lambda w=web: answers(f"{w}/healthz"), 60, f"{web}")
        yield {"env": env, "webs": webs, "s3": s3, "facts": facts, "processes": processes}
    finally:
        for process in processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def test_a_revoke_is_seen_by_every_web_process_at_once(cluster):
    import httpx

    code, serial = cluster["facts"]["code"], cluster["facts"]["serial"]
    pages = [f"{web}/verify/{code}/" for web in cluster["webs"]]
    for page in pages:  # both processes have the valid page cached now
        assert "status-banner status-valid" in httpx.get(page).text
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "revoke", serial, "--reason", "Left the firm"],
        cwd=ROOT,
        env=cluster["env"],
        check=True,
        capture_output=True,
    )
    for page in pages:
        assert "status-banner status-revoked" in httpx.get(page).text


def test_a_signed_in_learner_stays_signed_in_on_either_web_process(cluster):
    import httpx

    cookies = {"sessionid": cluster["facts"]["session"]}
    for web in cluster["webs"]:
        response = httpx.get(f"{web}{cluster['facts']['step_url']}", cookies=cookies)
        assert response.status_code == 200


def test_an_upload_through_a_web_process_lands_in_the_bucket(cluster):
    import re

    import httpx

    web = cluster["webs"][1]
    url = f"{web}{cluster['facts']['step_url']}"
    with httpx.Client(cookies={"sessionid": cluster["facts"]["session"]}) as client:
        page = client.get(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = client.post(
            url,
            data={"csrfmiddlewaretoken": token, "text": "My first post"},
            files={"file": ("first-post.pdf", b"%PDF-1.4 my first post", "application/pdf")},
            headers={"Referer": url},
        )
    assert response.status_code == 302, response.text[:500]
    keys = [o["Key"] for o in cluster["s3"].list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert any(key.endswith(".pdf") and "first-post" in key for key in keys), keys


def test_a_job_whose_worker_is_killed_is_retried_and_done_once(cluster):
    import psycopg
    import redis

    ids = cluster["facts"]["unsigned"]
    env = cluster["env"]
    queue = redis.Redis.from_url(REDIS, decode_responses=True)

    def signed() -> dict[int, str]:
        with psycopg.connect(DATABASE) as connection:
            rows = connection.execute(
                "SELECT id, signed_at FROM certification_issuedcredential "
                "WHERE id = ANY(%s) AND signed_at IS NOT NULL",
                [ids],
            ).fetchall()
        return {row[0]: row[1].isoformat() for row in rows}

    job_id = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from certification import tasks; "
            f"print(tasks.sign_and_render.enqueue({ids!r}).id)",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # Kill the worker that runs it (and its work horse) while it is half way.
    worker_name = wait_for(
        lambda: signed() and queue.hget(f"rq:job:{job_id}", "worker_name"), 60, "the job to start"
    )
    pid = int(queue.hget(f"rq:worker:{worker_name}", "pid"))
    os.killpg(os.getpgid(pid), signal.SIGKILL)
    before = signed()
    assert 0 < len(before) < len(ids), "the job should be half way when its worker dies"
    wait_for(lambda: queue.hget(f"rq:job:{job_id}", "status") == "finished", 80, "the retry")
    after = signed()
    assert set(after) == set(ids)
    # Done once: what was signed before the worker died was not signed again.
    assert {i: after[i] for i in before} == before
    # ... and the rest was done by the other worker: the killed one is gone.
    killed = [p for p in cluster["processes"].values() if p.pid == pid]
    assert killed and killed[0].poll() is not None
