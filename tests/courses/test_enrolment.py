"""Self-enrolment: voluntary, for the module's audience and language, after its prerequisites."""

import pytest

from courses import services
from courses.models import Enrolment, TimeApproval
from tests.factories import PersonFactory, UnitFactory

from .factories import ModuleFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_enrolling_twice_gives_the_same_enrolment_and_one_signal(
    learner, module, signals_sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.enrol(person=learner, module=module)
        second = services.enrol(person=learner, module=module)
    assert first.pk == second.pk
    assert Enrolment.objects.count() == 1
    assert [name for name, _ in signals_sent] == ["enrolled"]
    assert first.language == learner.language


def test_a_module_for_a_unit_admits_people_in_units_below_it(unit, module):
    team = UnitFactory(parent=unit, kind="team")
    module.audience_units.set([unit])
    assert services.enrol(person=PersonFactory(unit=team), module=module)


def test_a_module_for_another_unit_is_refused(learner, other_unit, module):
    module.audience_units.set([other_unit])
    with pytest.raises(services.CourseError, match="meant for other units or roles"):
        services.enrol(person=learner, module=module)


def test_a_module_for_trainers_admits_trainers_only(learner, trainer, module):
    module.audience_roles = ["trainer"]
    module.save()
    assert services.enrol(person=trainer, module=module)
    with pytest.raises(services.CourseError, match="meant for other units or roles"):
        services.enrol(person=learner, module=module)


def test_the_programme_team_may_enrol_in_any_module_to_try_it(programme, other_unit, module):
    module.audience_units.set([other_unit])
    assert services.enrol(person=programme, module=module)


def test_a_module_not_offered_in_the_language_is_refused_unless_another_is_chosen(learner, module):
    module.languages = ["nl"]
    module.save()
    with pytest.raises(services.CourseError, match="offered in nl"):
        services.enrol(person=learner, module=module)
    assert services.enrol(person=learner, module=module, language="nl").language == "nl"


def test_prerequisites_must_be_completed_first(learner, module):
    later = ModuleFactory(programme=module.programme, title_en="Later", requires=[module])
    with pytest.raises(services.CourseError, match="Complete Basics first"):
        services.enrol(person=learner, module=later)
    enrolment = services.enrol(person=learner, module=module)
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=enrolment.enrolled_at)
    assert services.enrol(person=learner, module=later)


def test_an_unpublished_programme_takes_no_enrolments(learner):
    hidden = ModuleFactory(programme=ProgrammeFactory(status="draft"))
    with pytest.raises(services.CourseError, match="not open for enrolment"):
        services.enrol(person=learner, module=hidden)


def test_a_programme_that_needs_time_approval_waits_for_the_lead(learner, lead, module):
    module.programme.requires_time_approval = True
    module.programme.save()
    with pytest.raises(services.CourseError, match="approves the training time"):
        services.enrol(person=learner, module=module)
    approval = services.request_time_approval(person=learner, programme=module.programme)
    with pytest.raises(services.CourseError):
        services.enrol(person=learner, module=module)
    services.decide_time_approval(approval=approval, by=lead, approve=True)
    assert services.enrol(person=learner, module=module)
    assert TimeApproval.objects.get().status == "approved"


def test_visiting_a_step_remembers_where_to_resume(learner, enrolled, steps):
    services.visit_step(person=learner, step=steps["quiz"])
    enrolled.refresh_from_db()
    assert enrolled.last_step_id == steps["quiz"].pk


def test_opening_the_same_step_again_writes_nothing(learner, enrolled, steps):
    from tests.queries import captured

    services.visit_step(person=learner, step=steps["quiz"])
    queries = captured(lambda: services.visit_step(person=learner, step=steps["quiz"]))
    assert not [sql for sql in queries if sql.lstrip().upper().startswith("UPDATE")]


def test_opening_a_step_after_an_hour_records_the_activity(learner, enrolled, steps):
    import datetime

    from courses.models import Enrolment

    services.visit_step(person=learner, step=steps["quiz"])
    earlier = enrolled.last_activity_at - datetime.timedelta(hours=2)
    Enrolment.objects.filter(pk=enrolled.pk).update(last_activity_at=earlier)
    services.visit_step(person=learner, step=steps["quiz"])
    enrolled.refresh_from_db()
    assert enrolled.last_activity_at > earlier + datetime.timedelta(hours=1)


def test_visiting_a_step_of_a_module_not_enrolled_in_changes_nothing(learner, steps):
    assert services.visit_step(person=learner, step=steps["quiz"]) is None


def test_the_reason_a_learner_cannot_enrol_is_given_in_their_language(learner, module):
    from django.utils import translation

    later = ModuleFactory(programme=module.programme, title_en="Later", requires=[module])
    with translation.override("nl"), pytest.raises(services.CourseError, match="Rond eerst"):
        services.enrol(person=learner, module=later)
