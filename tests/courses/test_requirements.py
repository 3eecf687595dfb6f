"""Required training: who must complete what by when, set by the programme team or a lead."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import Requirement
from courses.selectors import open_obligations, required_training
from tests.factories import PersonFactory, UnitFactory
from tests.queries import assert_constant, page

from .factories import LessonFactory, ModuleFactory, ProgrammeFactory, TextStepFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def basics(db):
    programme = ProgrammeFactory(slug="certified", title_en="Certified")
    module = ModuleFactory(programme=programme, slug="basics", title_en="Basics")
    TextStepFactory(lesson=LessonFactory(module=module, slug="intro"), slug="why")
    return module


def require(by, **kwargs):
    kwargs.setdefault("units", [])
    kwargs.setdefault("roles", [])
    return services.set_requirement(by=by, **kwargs)


def test_required_module_shows_with_its_due_date(programme, learner, basics):
    require(programme, module=basics, due_on=TODAY + datetime.timedelta(days=10))
    items = required_training(learner)
    assert [(i.module.slug, i.due, i.days_left) for i in items] == [
        ("basics", TODAY + datetime.timedelta(days=10), 10)
    ]


def test_most_urgent_comes_first(programme, learner, basics):
    later = ModuleFactory(programme=basics.programme, slug="linkedin")
    require(programme, module=later, due_on=TODAY + datetime.timedelta(days=30))
    require(programme, module=basics, due_on=TODAY + datetime.timedelta(days=3))
    assert [i.module.slug for i in required_training(learner)] == ["basics", "linkedin"]


def test_a_programme_requires_each_of_its_modules(programme, learner, basics):
    ModuleFactory(programme=basics.programme, slug="linkedin", position=basics.position + 1)
    require(programme, programme=basics.programme, due_on=TODAY + datetime.timedelta(days=5))
    assert [i.module.slug for i in required_training(learner)] == ["basics", "linkedin"]


def test_due_date_counts_from_joining_for_newcomers(programme, basics, unit):
    newcomer = PersonFactory(unit=unit, date_joined=timezone.now() - datetime.timedelta(days=2))
    require(programme, module=basics, due_after_days=30)
    assert required_training(newcomer)[0].due == TODAY + datetime.timedelta(days=28)


def test_completed_training_is_no_longer_required(programme, learner, basics):
    require(programme, module=basics, due_on=TODAY + datetime.timedelta(days=5))
    services.enrol(person=learner, module=basics)
    services.mark_step_done(person=learner, step=basics.lessons.get().steps.get())
    assert required_training(learner) == []
    assert [o for o in open_obligations() if o.person == learner] == []


def test_units_cover_the_units_below_and_no_others(programme, basics, unit, other_unit):
    team = UnitFactory(slug="team", name="Team", parent=unit, kind="team")
    inside = PersonFactory(unit=team)
    outside = PersonFactory(unit=other_unit)
    require(programme, module=basics, units=[unit], due_on=TODAY)
    assert len(required_training(inside)) == 1
    assert required_training(outside) == []


def test_roles_narrow_who_must(programme, learner, trainer, basics):
    require(programme, module=basics, roles=["trainer"], due_on=TODAY)
    assert required_training(learner) == []
    assert len(required_training(trainer)) == 1


def test_a_lead_requires_training_only_for_units_they_lead(lead, unit, other_unit, basics):
    require(lead, module=basics, units=[unit], due_on=TODAY)
    with pytest.raises(PermissionDenied):
        require(lead, module=basics, units=[other_unit], due_on=TODAY)
    with pytest.raises(PermissionDenied):
        require(lead, module=basics, units=[], due_on=TODAY)
    assert Requirement.objects.count() == 1


def test_a_learner_cannot_require_training(learner, unit, basics):
    with pytest.raises(PermissionDenied):
        require(learner, module=basics, units=[unit], due_on=TODAY)


def test_both_kinds_of_due_date_are_refused(programme, basics):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        require(programme, module=basics, due_on=TODAY, due_after_days=3)
    assert not Requirement.objects.exists()


# -- the page ----------------------------------------------------------------------------------

URL = reverse("courses:requirements")


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("learner", 403), ("trainer", 403), ("lead", 200), ("programme", 200)],
)
def test_who_may_open_the_required_training_page(client_for, people_by_role, role, status):
    assert client_for(people_by_role[role]).get(URL).status_code == status


def test_programme_team_requires_a_module_through_the_page(client_for, programme, learner, basics):
    due = TODAY + datetime.timedelta(days=20)
    response = client_for(programme).post(
        URL, {"training": "module:basics", "due_on": due.isoformat()}
    )
    assert response.status_code == 302
    assert required_training(learner)[0].due == due


def test_a_lead_sees_only_their_units_and_must_tick_one(client_for, lead, unit, other_unit, basics):
    client = client_for(lead)
    page = client.get(URL).content.decode()
    assert "Advisory" in page and "Audit" not in page
    response = client.post(URL, {"training": "module:basics", "due_after_days": "30"})
    assert response.status_code == 400
    assert "Tick at least one of the units you lead." in response.content.decode()
    assert not Requirement.objects.exists()


def test_a_past_due_date_is_refused_with_a_message(client_for, programme, basics):
    response = client_for(programme).post(
        URL, {"training": "module:basics", "due_on": "2000-01-01"}
    )
    assert response.status_code == 400
    assert "The due date has passed" in response.content.decode()
    assert not Requirement.objects.exists()


def test_a_lead_cannot_remove_the_programme_teams_requirement(client_for, programme, lead, basics):
    requirement = require(programme, module=basics, due_on=TODAY)
    response = client_for(lead).post(reverse("courses:remove_requirement", args=[requirement.pk]))
    assert response.status_code == 404
    assert Requirement.objects.exists()


def test_the_programme_team_removes_a_requirement(client_for, programme, basics):
    requirement = require(programme, module=basics, due_on=TODAY)
    client_for(programme).post(reverse("courses:remove_requirement", args=[requirement.pk]))
    assert not Requirement.objects.exists()


def test_learner_home_shows_required_training_with_due_date(client_for, programme, learner, basics):
    require(programme, module=basics, due_on=datetime.date(2099, 3, 1))
    page = client_for(learner).get(reverse("learner_home")).content.decode()
    assert "Required training" in page
    assert "Basics" in page and "1 March 2099" in page


def test_required_training_page_runs_as_many_queries_at_5_and_50_rows(
    client_for, programme, basics, unit
):
    def grow(count):
        for number in range(count):
            require(
                programme,
                module=basics,
                units=[unit],
                due_on=TODAY + datetime.timedelta(days=number),
            )

    assert_constant(page(client_for(programme), URL), grow)


def test_learner_home_runs_as_many_queries_with_5_and_50_requirements(
    client_for, programme, learner, basics, unit
):
    def grow(count):
        for number in range(count):
            module = ModuleFactory(programme=basics.programme)
            require(
                programme,
                module=module,
                units=[unit],
                due_on=TODAY + datetime.timedelta(days=number),
            )

    assert_constant(page(client_for(learner), reverse("learner_home")), grow)
