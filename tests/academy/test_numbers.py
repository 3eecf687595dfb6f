"""Numbers from outside input are read strictly: a crafted value is "not a number", never a 500."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from academy.numbers import parse_int, parse_version
from tests.factories import PersonFactory

CRAFTED = ["²", "٣", "1e3", "-1", " 1", "1 ", "9" * 5000, "99999999999999999999", "", "1.0"]


@pytest.mark.parametrize("value", CRAFTED)
def test_anything_but_plain_ascii_digits_is_not_a_number(value):
    assert parse_int(value) is None


def test_plain_digits_are_read_within_bounds():
    assert parse_int("42") == 42
    assert parse_int("007") == 7
    assert parse_int("0", minimum=1) is None
    assert parse_int("11", maximum=10) is None
    assert parse_int(None) is None


@pytest.mark.parametrize("value", ["².0", "1.²", "٢.٠", "2", "2.", ".0", "2.0.1", "2,0", None])
def test_a_version_number_is_two_plain_numbers(value):
    assert parse_version(value) is None


def test_a_version_number_is_read():
    assert parse_version("12.3") == (12, 3)


def _pages_without_arguments(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            if str(entry.pattern).startswith(("admin", "accounts", "scim")):
                continue
            yield from _pages_without_arguments(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.converters:
            if "(?P<" in str(entry.pattern.regex.pattern):
                continue
            yield f"{prefix}{entry.name}"


QUERY = {
    name: "²"
    for name in ("page", "past", "decided", "weeks", "unit", "lang", "module", "to", "months")
} | {"version": "².0", "old": "².0", "new": "1.²"}


@pytest.mark.parametrize("name", sorted(set(_pages_without_arguments())))
def test_no_page_answers_500_to_unicode_digits(name, client, unit):
    everyone = PersonFactory(unit=unit, is_staff=True, is_trainer=True, leads=[unit])
    client.force_login(everyone)
    url = reverse(name)
    assert client.get(url, QUERY).status_code < 500
    if name != "account_logout":
        assert client.post(url, QUERY).status_code < 500


def test_acknowledging_a_version_written_in_superscript_digits_is_not_found(client, learner):
    client.force_login(learner)
    response = client.post(
        reverse("policies:acknowledge"), {"version": "².0", "language": "en", "confirm": "on"}
    )
    assert response.status_code == 404
