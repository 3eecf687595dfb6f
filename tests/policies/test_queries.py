"""Policy pages and home sections run the same number of queries whatever the data size:
more versions, more people, more units, more acknowledgements."""

import pytest
from django.urls import reverse

from tests.factories import PersonFactory, UnitFactory
from tests.queries import queries_for

from .factories import AcknowledgementFactory, version

pytestmark = pytest.mark.django_db


@pytest.fixture
def grow(unit, v1, v2):
    """Add minor versions of 2.x, teams with people, and acknowledgements of every kind."""
    state = {"minor": 0}

    def add(n: int) -> None:
        latest = v2
        for _ in range(2):
            state["minor"] += 1
            latest = version(f"2.{state['minor']}", days_ago=9 - state["minor"] % 9)
        for i in range(n):
            team = UnitFactory(parent=unit, kind="team")
            for j in range(3):
                person = PersonFactory(unit=team if j else unit)
                if (i + j) % 3 == 0:
                    AcknowledgementFactory(person=person, version=latest)
                elif (i + j) % 3 == 1:
                    AcknowledgementFactory(person=person, version=v1)

    return add


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("anonymous", "/policy/"),
        ("anonymous", "/policy/history/"),
        ("anonymous", "/policy/compare/"),
        ("anonymous", "/policy/compare/?old=1.0&new=2.0&lang=nl"),
        ("learner", "/policy/"),
        ("learner", "/policy/2.0/"),
        ("learner", "/policy/1.0/?lang=nl"),
        ("learner", "/policy/history/"),
        ("learner", "/policy/compare/"),
        ("learner", reverse("learner_home")),
        ("trainer", reverse("trainer_home")),
        ("lead", "/policy/"),
        ("lead", "/policy/coverage/"),
        ("lead", reverse("lead_home")),
        ("programme", "/policy/coverage/"),
        ("programme", "/policy/manage/"),
        ("programme", reverse("programme_home")),
        ("programme", reverse("policies:new_draft")),
    ],
)
def test_query_count_stays_constant_as_the_policy_and_staff_grow(
    role, url, people_by_role, client, grow
):
    if people_by_role[role] is not None:
        client.force_login(people_by_role[role])
    grow(2)
    small = queries_for(client, url)
    grow(12)
    assert queries_for(client, url) == small


def test_the_preview_query_count_stays_constant(client, programme, grow, v2):
    client.force_login(programme)
    url = reverse("policies:preview", args=[v2.pk])
    grow(2)
    small = queries_for(client, url)
    grow(12)
    assert queries_for(client, url) == small


def test_the_public_policy_page_needs_few_queries(client, v2):
    assert queries_for(client, "/policy/") <= 4
