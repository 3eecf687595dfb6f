"""Role x page matrix: every link a role sees on the pages it can reach opens for that role.

The demo academy is loaded once; for each role's demo login a test client follows the links of
every page it reaches (breadth-first, one page per URL pattern, the admin included), and
no link may answer 403, 404 or 500 to the person who was shown it.
"""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

from people import demo
from people.models import Person

# Sign-out and language switches change the session; downloads and machine endpoints are tested
# on their own; admin "delete" pages are for deleting, not for browsing.
SKIP = re.compile(
    r"(/accounts/logout|/i18n/|/scim/|/media/|/static/|/admin/logout|/delete/$|/history/$"
    r"|\.(pdf|ics|jwt|png|csv|xlsx|zip)$)"
)
HREF = re.compile(r'<a\b[^>]*\bhref="([^"#]+)', re.IGNORECASE)
PER_ROUTE = 1
LIMIT = 250


def route_of(path: str) -> str:
    try:
        return resolve(path).route
    except Resolver404:
        return path


def broken_links(client, start: str) -> tuple[list[str], int]:
    """(links answering 403/404/500 with the page that showed them, pages visited)."""
    queue: list[tuple[str, str]] = [(start, "(start)")]
    seen: set[str] = set()
    per: dict[str, int] = {}
    broken: list[str] = []
    visited = 0
    while queue and visited < LIMIT:
        target, shown_on = queue.pop(0)
        parts = urlsplit(target)
        if target in seen or SKIP.search(parts.path):
            continue
        seen.add(target)
        route = route_of(parts.path)
        if per.get(route, 0) >= PER_ROUTE:
            continue
        per[route] = per.get(route, 0) + 1
        response = client.get(target, follow=True)
        visited += 1
        if response.status_code in (403, 404, 500):
            broken.append(f"{target} ({response.status_code}) shown on {shown_on}")
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        here = response.redirect_chain[-1][0] if response.redirect_chain else target
        for href in HREF.findall(response.content.decode()):
            link = urlsplit(urljoin("http://testserver" + urlsplit(here).path, href))
            if link.netloc != "testserver" or link.scheme not in ("http",):
                continue
            queue.append((link.path + (f"?{link.query}" if link.query else ""), here))
    return broken, visited


@pytest.mark.django_db(transaction=True)
def test_every_link_shown_to_a_role_opens_for_that_role(client, capsys):
    call_command("demo", no_serve=True)
    capsys.readouterr()
    problems = []
    for role, email in demo.login_emails().items():
        client.logout()
        client.force_login(Person.objects.get(email=email))
        broken, visited = broken_links(client, "/home/")
        assert visited > 10, f"{role} reached only {visited} pages"
        problems += [f"{role}: {line}" for line in broken]
    client.logout()
    broken, _visited = broken_links(client, "/")
    problems += [f"anonymous: {line}" for line in broken]
    assert problems == []
