"""Every list answers in the same number of queries for a page of 5 and a page of 50."""

import pytest
from django.test import Client

from certification import services as certification
from courses.models import Enrolment
from tests.certification.factories import DefinitionFactory
from tests.courses.factories import ModuleFactory, ProgrammeFactory
from tests.factories import PersonFactory, UnitFactory
from tests.queries import queries_for


def grow_programmes(count, people):
    for _ in range(count):
        ModuleFactory(programme=ProgrammeFactory())


def grow_modules(count, people):
    programme = ProgrammeFactory()
    previous = None
    for _ in range(count):
        module = ModuleFactory(programme=programme, platforms=["linkedin"])
        if previous is not None:
            module.requires.add(previous)
        previous = module


def grow_enrolments(count, people):
    for _ in range(count):
        Enrolment.objects.create(person=people["learner"], module=ModuleFactory())


def grow_credentials(count, people):
    for _ in range(count):
        certification.issue(person=people["learner"], definition=DefinitionFactory())


def grow_people(count, people):
    team = UnitFactory(parent=people["learner"].unit, kind="team")
    for _ in range(count):
        PersonFactory(unit=team, manager=people["lead"]).led_units.set([team])


def grow_units(count, people):
    for _ in range(count):
        PersonFactory(unit=UnitFactory(parent=people["learner"].unit, kind="team"))


LISTS = [
    ("learner", "/programmes", grow_programmes),
    ("learner", "/modules", grow_modules),
    ("learner", "/me/enrolments", grow_enrolments),
    ("learner", "/me/credentials", grow_credentials),
    ("lead", "/people", grow_people),
    ("programme", "/people", grow_people),
    ("lead", "/units", grow_units),
    ("programme", "/units", grow_units),
    ("lead", "/credentials", grow_credentials),
    ("programme", "/credentials", grow_credentials),
    ("lead", "/adoption", grow_units),
    ("programme", "/adoption", grow_units),
]


@pytest.mark.parametrize(("role", "path", "grow"), LISTS, ids=[f"{r} {p}" for r, p, _ in LISTS])
def test_query_count_is_the_same_for_5_and_50(role, path, grow, people_by_role, token_for):
    headers = {"Authorization": f"Bearer {token_for(people_by_role[role])}"}
    client = Client()
    grow(5, people_by_role)
    small = queries_for(
        client,
        f"/api/v1{path}?limit=5" if path != "/adoption" else "/api/v1/adoption",
        headers=headers,
    )
    grow(45, people_by_role)
    large = queries_for(
        client,
        f"/api/v1{path}?limit=50" if path != "/adoption" else "/api/v1/adoption",
        headers=headers,
    )
    assert large == small
