"""Find the pages a role can open by following links, as a person clicking around would.

Used by the browser tests (no page wider than the screen, axe clean, for every role) and by
bench/screenshots.py. Pages are grouped by URL pattern (Django's resolver), so ten colleagues'
pages count as at most `per_route`; downloads, the admin, sign-out and machine endpoints are
skipped.
"""

import re
from urllib.parse import urljoin, urlsplit

SKIP = re.compile(
    r"(/accounts/logout|/admin/|/i18n/|/scim/|/healthz|/media/|/static/|/download"
    r"|/file$|/insights/export/|\.(pdf|ics|json|jwt|png|csv|xlsx|zip|txt)$|/wallet/)"
)
START = ["/home/", "/design/", "/status/", "/policy/"]


def route_of(path: str) -> str:
    from django.urls import Resolver404, resolve

    try:
        return resolve(path).route
    except Resolver404:
        return path


def crawl(
    page, base_url: str, *, limit: int = 40, per_route: int = 2, start: list[str] | None = None
) -> list[str]:
    """Visit pages breadth-first from the signed-in home; return the paths (with query) seen."""
    origin = urlsplit(base_url).netloc
    queue = list(start or START)
    seen_paths: set[str] = set()
    per: dict[str, int] = {}
    visited: list[str] = []
    while queue and len(visited) < limit:
        target = queue.pop(0)
        path = urlsplit(target).path
        if path in seen_paths or SKIP.search(path):
            continue
        seen_paths.add(path)
        route = route_of(path)
        if per.get(route, 0) >= per_route:
            continue
        per[route] = per.get(route, 0) + 1
        response = page.goto(target)
        if response is None or response.status >= 400:
            continue
        landed = urlsplit(page.url)
        seen_paths.add(landed.path)
        visited.append(landed.path + (f"?{landed.query}" if landed.query else ""))
        for href in page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))"
        ):
            absolute = urljoin(page.url, href)
            parts = urlsplit(absolute)
            if parts.netloc != origin or parts.scheme not in ("http", "https"):
                continue
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.path not in seen_paths and not SKIP.search(parts.path):
                queue.append(link)
    return visited
