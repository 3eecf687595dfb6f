"""Run work in several threads released at the same moment, each on its own database
connection (PostgreSQL: real concurrency)."""

import threading

from django.db import connections


def at_once(work, count: int) -> tuple[list, list]:
    """Call `work(index)` in `count` threads at once; return (results, errors)."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run(index):
        try:
            barrier.wait()
            results.append(work(index))
        except Exception as error:  # noqa: BLE001 - collected and asserted by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
