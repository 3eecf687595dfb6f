"""`academy seed` generates a consistent organisation in bulk, and is safe to run twice."""

import pytest
from django.core.management import CommandError, call_command

from certification.models import IssuedCredential
from courses.models import Enrolment, StepCompletion
from insights import selectors
from insights.models import PersonFact
from insights.selectors import Filters
from people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(firm, capsys):
    call_command("seed", employees=300, seed=7)
    return capsys.readouterr().out


def test_seeding_creates_the_people_and_their_learning(seeded):
    people = Person.objects.filter(email__endswith="@seed.example")
    assert people.count() == 300
    assert "300 employees" in seeded
    assert Enrolment.objects.filter(person__in=people).exists()
    assert StepCompletion.objects.filter(enrolment__person__in=people).count() > 300
    # Progress agrees with itself: an enrolment's count of completed steps is its rows.
    enrolment = Enrolment.objects.filter(steps_completed__gt=0).first()
    assert enrolment.completions.count() == enrolment.steps_completed


def test_every_unit_has_a_lead_and_people_have_managers(seeded):
    units = Person.objects.filter(email__endswith="@seed.example").values("unit__parent")
    leads = Person.objects.filter(email__endswith="@seed.example", led_units__isnull=False)
    assert leads.exists()
    assert Person.objects.filter(email__endswith="@seed.example", manager__isnull=False).exists()
    assert units.exists()


def test_the_certified_acknowledged_the_current_policy(seeded):
    from policies import selectors as policy_selectors

    holders = Person.objects.filter(credentials__status="valid").distinct()
    assert holders.exists()
    assert policy_selectors.acknowledged_current_ids([p.pk for p in holders]) == {
        p.pk for p in holders
    }


def test_credentials_have_unique_codes_serials_and_status_bits(seeded):
    credentials = IssuedCredential.objects.all()
    assert credentials.exists()
    assert credentials.values("code").distinct().count() == credentials.count()
    assert credentials.values("serial").distinct().count() == credentials.count()


def test_the_dashboard_figures_are_built_for_everyone(seeded):
    assert PersonFact.objects.count() >= 300 * 0.5
    staff = Person.objects.create_user("boss@example.com", is_staff=True)
    total = selectors.funnel(selectors.scope_for(staff, Filters()), Filters()).total
    assert total["headcount"] == 300
    assert 0 < total["level_1"] <= total["foundation"] <= total["enrolled"] <= 300


def test_the_same_seed_gives_the_same_organisation(firm):
    call_command("seed", employees=50, seed=3)
    first = list(Enrolment.objects.order_by("id").values_list("module_id", "steps_completed"))
    call_command("seed", employees=50, seed=3, replace=True)
    again = list(Enrolment.objects.order_by("id").values_list("module_id", "steps_completed"))
    assert first == again


def test_seeding_twice_changes_nothing(seeded, capsys):
    before = Person.objects.count()
    call_command("seed", employees=300, seed=7)
    assert "nothing changed" in capsys.readouterr().out
    assert Person.objects.count() == before


def test_replacing_a_seed_removes_the_earlier_one(seeded):
    call_command("seed", employees=20, seed=2, replace=True)
    assert Person.objects.filter(email__endswith="@seed.example").count() == 20


def test_a_bad_number_of_employees_is_refused(db):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("seed", employees=0)


def test_seeding_works_beside_units_that_already_have_its_names(unit, other_unit, capsys):
    # The demo's firm already has units called Advisory and Audit, as the seed's first ones are.
    call_command("seed", employees=120, seed=5)
    assert "120 employees" in capsys.readouterr().out
    names = list(unit.parent.children.values_list("name", flat=True))
    assert len(names) == len(set(names))
    assert unit.members.count() == 0


def test_seeding_refreshes_the_planner_statistics(firm):
    from django.db import connection

    call_command("seed", employees=60, seed=2)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'people_person'")
            assert cursor.fetchone()[0] >= 60
        else:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'people_person'")
            assert cursor.fetchone()[0] > 0
