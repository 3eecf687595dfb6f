"""Counting database queries: the one helper every query-count test uses.

A page or selector "runs a constant number of queries" when it runs exactly as many with 5 rows
as with 50 (`assert_constant`). Each measure is taken after a warm-up read, so caches filled
on first use (content types, the current policy, a token's last use) do not count.
"""

from collections import Counter
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext

SIZES = (5, 50)


def captured(read: Callable[[], object]) -> list[str]:
    """The SQL of every query `read()` runs, in order."""
    with CaptureQueriesContext(connection) as context:
        read()
    return [query["sql"] for query in context.captured_queries]


def count_queries(read: Callable[[], object]) -> int:
    """How many queries `read()` runs."""
    return len(captured(read))


def page(client, url: str, params: dict | None = None, *, headers: dict | None = None):
    """A read that opens `url` with the test client and expects it to answer 200."""

    def read() -> None:
        response = client.get(url, params or {}, headers=headers)
        assert response.status_code == 200, f"{url}: {response.status_code}"

    return read


def queries_for(client, url: str, params: dict | None = None, *, headers=None) -> int:
    """How many queries one GET of `url` runs (after a warm-up GET); it must answer 200."""
    read = page(client, url, params, headers=headers)
    read()
    return count_queries(read)


def assert_constant(read: Callable[[], object], grow: Callable[[int], object]) -> int:
    """Grow to 5 rows, warm up and count the queries of `read`; grow to 50, warm up and
    expect exactly as many. `grow(n)` adds n more rows. Returns the count."""
    small, large = SIZES
    grow(small)
    read()
    before = captured(read)
    grow(large - small)
    read()
    after = captured(read)
    extra = Counter(after) - Counter(before)
    assert len(after) == len(before), (
        f"{len(before)} queries at {small} rows, {len(after)} at {large}; more often at "
        f"{large}:\n" + "\n".join(f"{n} x {sql}" for sql, n in extra.items())
    )
    return len(after)
