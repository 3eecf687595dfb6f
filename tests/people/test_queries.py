"""Pages a lead or trainer opens run the same number of queries however many people there are."""

import pytest
from django.urls import reverse

from tests.factories import PersonFactory, UnitFactory
from tests.queries import queries_for


def grow(unit, people: int, teams: int) -> None:
    for _ in range(teams):
        UnitFactory(parent=unit, kind="team")
    for _ in range(people):
        PersonFactory(unit=unit)


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("lead", reverse("lead_home")),
        ("lead", reverse("unit_detail", args=["advisory"])),
        ("trainer", reverse("trainer_home")),
        ("programme", reverse("programme_home")),
        ("learner", reverse("learner_home")),
    ],
)
def test_query_count_stays_constant_as_the_unit_grows(role, url, people_by_role, unit, client):
    client.force_login(people_by_role[role])
    grow(unit, people=5, teams=1)
    small = queries_for(client, url)
    grow(unit, people=45, teams=0)
    assert queries_for(client, url) == small
