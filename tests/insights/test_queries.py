"""The dashboards run the same number of queries whatever the number of units and people."""

import pytest
from django.urls import reverse

from insights import services
from tests.factories import PersonFactory, UnitFactory
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def grow(org, units: int, people_per_unit: int):
    """Add units (each with a team) full of people, some of whom learn and hold credentials."""
    from certification import services as certification
    from courses import services as courses

    for n in range(units):
        unit = UnitFactory(name=f"Extra {n}", slug=f"extra-{n}", parent=org.units.firm)
        team = UnitFactory(name=f"Team {n}", slug=f"team-{n}", parent=unit, kind="team")
        for m in range(people_per_unit):
            person = PersonFactory(unit=team if m % 2 else unit)
            if m % 3 == 0:
                courses.enrol(person=person, module=org.modules.basics.module)
                courses.mark_step_done(person=person, step=org.modules.basics.step)
            if m % 4 == 0:
                certification.issue(person=person, definition=org.definitions.certified)
    services.rebuild()


PAGES = [
    ("staff", "insights:dashboard", {}),
    ("staff", "insights:dashboard", {"language": "nl", "weeks": 26}),
    ("staff", "insights:people", {}),
    ("staff", "insights:people", {"state": "credentialed", "sort": "level"}),
    ("lotte", "insights:dashboard", {}),
    ("lotte", "insights:people", {}),
    ("lotte", "insights:people", {"state": "no_policy"}),
    ("staff", "insights:people", {"state": "stuck", "sort": "unit"}),
    ("lotte", "lead_home", {}),
    ("staff", "programme_home", {}),
]


@pytest.mark.parametrize("who, name, params", PAGES)
def test_queries_stay_constant_as_the_organisation_grows(client_for, org, who, name, params):
    client = client_for(getattr(org, who))
    grow(org, units=1, people_per_unit=4)
    small = queries_for(client, reverse(name), params)
    grow(org, units=6, people_per_unit=12)
    # A lead's units grow too: they lead every unit now.
    org.lotte.led_units.add(*org.units.firm.children.all())
    large = queries_for(client, reverse(name), params)
    assert small == large
