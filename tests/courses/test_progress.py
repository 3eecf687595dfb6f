"""Completing steps: idempotent, counted once, and cascading to module and programme."""

import pytest

from courses import services
from courses.models import Enrolment, ProgrammeCompletion, StepCompletion

from .factories import LessonFactory, ModuleFactory, TextStepFactory

pytestmark = pytest.mark.django_db


def test_marking_a_text_done_records_it_once_and_moves_the_resume_point(
    learner, enrolled, steps, signals_sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_step_done(person=learner, step=steps["text"])
        services.mark_step_done(person=learner, step=steps["text"])
    enrolled.refresh_from_db()
    assert enrolled.steps_completed == 1
    assert enrolled.last_step_id == steps["text"].pk
    assert StepCompletion.objects.count() == 1
    assert [name for name, _ in signals_sent] == ["step_completed"]


def test_a_video_is_marked_done_by_the_learner_too(learner, enrolled, steps):
    assert not steps["video"].is_complete_for(learner)
    services.mark_step_done(person=learner, step=steps["video"])
    assert StepCompletion.objects.get().step_id == steps["video"].pk
    assert steps["video"].is_complete_for(learner)


@pytest.mark.parametrize("kind", ["quiz", "assignment", "session"])
def test_steps_that_complete_by_what_the_learner_does_cannot_be_marked_done(
    learner, enrolled, steps, kind
):
    with pytest.raises(services.CourseError, match=steps[kind].completion_hint()):
        services.mark_step_done(person=learner, step=steps[kind])
    assert not StepCompletion.objects.exists()


def test_a_base_step_row_is_handled_as_its_own_kind(learner, enrolled, steps):
    from courses.models import Step

    base = Step.objects.non_polymorphic().get(pk=steps["text"].pk)
    services.mark_step_done(person=learner, step=base)
    assert StepCompletion.objects.count() == 1


def test_completing_a_step_needs_an_enrolment(learner, steps):
    with pytest.raises(services.CourseError, match="Enrol in the module first"):
        services.mark_step_done(person=learner, step=steps["text"])


def test_the_last_step_completes_the_module_and_the_programme_once(
    learner, signals_sent, django_capture_on_commit_callbacks
):
    module = ModuleFactory(slug="short")
    lesson = LessonFactory(module=module)
    first, last = TextStepFactory(lesson=lesson), TextStepFactory(lesson=lesson)
    with django_capture_on_commit_callbacks(execute=True):
        services.enrol(person=learner, module=module)
        services.mark_step_done(person=learner, step=first)
        assert Enrolment.objects.get().completed_at is None
        services.mark_step_done(person=learner, step=last)
        services.mark_step_done(person=learner, step=last)
    enrolment = Enrolment.objects.get()
    assert enrolment.completed_at is not None and enrolment.steps_completed == 2
    assert ProgrammeCompletion.objects.get().programme == module.programme
    names = [name for name, _ in signals_sent]
    assert names.count("module_completed") == 1
    assert names.count("programme_completed") == 1


def test_a_programme_is_complete_only_when_every_module_is(learner):
    module = ModuleFactory()
    ModuleFactory(programme=module.programme)
    step = TextStepFactory(lesson=LessonFactory(module=module))
    services.enrol(person=learner, module=module)
    services.mark_step_done(person=learner, step=step)
    assert Enrolment.objects.get().completed_at is not None
    assert not ProgrammeCompletion.objects.exists()
