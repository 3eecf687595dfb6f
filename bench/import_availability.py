"""Pages keep answering on SQLite while a large HR roster is imported.

    .venv/bin/python bench/import_availability.py [--people 20000] [--port 8391]

In a scratch data folder (SQLite, nothing else to start) the script loads the demo, serves it
with `academy serve` (gunicorn, two workers) and probes two pages from two threads each: the
policy page (reads) and /healthz (reads the database and writes to the cache, which without
Redis is a database table: a write that competes with the import). It probes first with nothing
else running (the baseline), then while `academy import-people` writes a roster of --people new
staff, and prints for each phase the requests, failures (any answer but 200, or no answer in
10 s) and p50 / p99 / worst latency. The import must not take the site down: no failures, and
latencies that stay in the order of the import's short write batches, not the whole import.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import load_average, start, stop  # noqa: E402

ACADEMY = str(ROOT / ".venv" / "bin" / "academy")
PROBES = ["/policy/", "/healthz"]


def probe(base: str, path: str, stop: threading.Event, samples: list) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(base + path, timeout=10) as response:  # noqa: S310
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            status = 0
        samples.append((path, status, (time.perf_counter() - started) * 1000))
        time.sleep(0.02)


def measure(base: str, while_running) -> tuple[list, float]:
    """Probe every page from two threads each while `while_running()` runs; (samples, seconds)."""
    stop, samples, threads = threading.Event(), [], []
    for path in PROBES:
        for _ in range(2):
            thread = threading.Thread(target=probe, args=(base, path, stop, samples))
            thread.start()
            threads.append(thread)
    started = time.perf_counter()
    try:
        while_running()
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    return samples, time.perf_counter() - started


def report(name: str, samples: list, seconds: float) -> None:
    for path in PROBES:
        line(f"{name} {path}", [s for s in samples if s[0] == path], seconds)


def line(name: str, samples: list, seconds: float) -> None:
    latencies = sorted(ms for _, _, ms in samples)
    failures = sum(1 for _, status, _ in samples if status != 200)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(
        f"{name:<34} {seconds:6.1f} s {len(samples):6d} requests {failures:4d} failed"
        f"   p50 {statistics.median(latencies):7.1f} ms   p99 {p99:7.1f} ms"
        f"   worst {latencies[-1]:7.1f} ms"
    )


def roster(path: Path, people: int) -> None:
    with path.open("w", encoding="utf-8") as file:
        file.write("email,first_name,last_name,unit,role,manager_email,language\n")
        for index in range(people):
            manager = f"bench{index - 1}@example.com" if index % 50 else ""
            file.write(f"bench{index}@example.com,Bench,Person {index},advisory,,{manager},en\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--port", type=int, default=8391)
    parser.add_argument("--baseline", type=float, default=8.0, help="seconds of baseline probing")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="academy-import-bench-"))
    env = {**os.environ, "ACADEMY_DATA_DIR": str(work / "data")}
    for name in ("DATABASE_URL", "REDIS_URL", "ACADEMY_BASE_URL"):
        env.pop(name, None)
    base = f"http://127.0.0.1:{args.port}"
    server = None
    try:
        print("loading the demo into a scratch SQLite database ...", flush=True)
        subprocess.run(  # noqa: S603 - fixed command line
            [ACADEMY, "demo", "--no-serve"], env=env, check=True, capture_output=True
        )
        roster(work / "roster.csv", args.people)
        server = start(
            [ACADEMY, "serve", "--port", str(args.port), "--workers", "2"], env, args.port
        )
        print(load_average())
        report("baseline", *measure(base, lambda: time.sleep(args.baseline)))
        outcome = {}

        def run_import():
            outcome["result"] = subprocess.run(  # noqa: S603 - fixed command line
                [ACADEMY, "import-people", str(work / "roster.csv")],
                env=env,
                capture_output=True,
                text=True,
            )

        report(f"during import ({args.people:,})", *measure(base, run_import))
        result = outcome["result"]
        print(f"import exit {result.returncode}: {(result.stdout or result.stderr).strip()[:200]}")
        return 0 if result.returncode == 0 else 1
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
