"""Reads for pages and other apps: catalogue, outline, my learning, review queue, sessions."""

import datetime

import pytest
from django.utils import timezone

from courses import selectors, services
from courses.models import Enrolment, Module
from courses.steps import kind_of
from courses.steps.assignment import assignment_state
from tests.factories import PersonFactory

from .factories import (
    LessonFactory,
    ModuleFactory,
    ProgrammeFactory,
    SessionFactory,
    TextStepFactory,
)

pytestmark = pytest.mark.django_db
LINK = "https://www.linkedin.com/posts/1"


def slugs(modules) -> list[str]:
    return [module.slug for module in modules]


def test_the_catalogue_lists_published_modules_in_programme_then_module_order(learner, module):
    first = ProgrammeFactory(slug="first", position=1)
    ModuleFactory(programme=first, slug="b", position=2)
    ModuleFactory(programme=first, slug="a", position=1)
    Module.objects.filter(pk=module.pk).update(position=1)
    ModuleFactory(programme=module.programme, slug="second", position=5)
    ModuleFactory(slug="hidden", programme=ProgrammeFactory(status="draft"))
    assert slugs(selectors.catalogue_for(learner)) == ["a", "b", "basics", "second"]


def test_the_catalogue_hides_modules_for_other_roles_and_units(learner, trainer, other_unit):
    ModuleFactory(slug="everyone")
    trainers_only = ModuleFactory(slug="trainers-only")
    trainers_only.audience_roles = ["trainer"]
    trainers_only.save()
    ModuleFactory(slug="audit-only", units=[other_unit])
    assert slugs(selectors.catalogue_for(learner)) == ["everyone"]
    assert slugs(selectors.catalogue_for(trainer)) == ["everyone", "trainers-only"]


def test_the_catalogue_filters_by_language_platform_and_words(learner):
    ModuleFactory(slug="linkedin", title_en="LinkedIn for advisers", platforms=["linkedin"])
    ModuleFactory(slug="video", title_en="Video", platforms=["video"], languages=["nl"])
    assert slugs(selectors.catalogue_for(learner, platform="linkedin")) == ["linkedin"]
    assert slugs(selectors.catalogue_for(learner, language="en")) == ["linkedin"]
    assert slugs(selectors.catalogue_for(learner, query="advisers")) == ["linkedin"]
    assert selectors.catalogue_platforms() == ["linkedin", "video"]
    video = selectors.catalogue_for(learner, platform="video")[0]
    assert not video.offered_in_my_language and video.platform_labels() == ["Video"]


def test_the_catalogue_tells_my_state_of_each_module(learner, lead, module):
    later = ModuleFactory(programme=module.programme, slug="later", requires=[module])
    paid = ModuleFactory(slug="paid", programme=ProgrammeFactory(requires_time_approval=True))
    services.enrol(person=learner, module=module)
    Enrolment.objects.filter(person=learner).update(steps_completed=2)
    states = {m.slug: m for m in selectors.catalogue_for(learner)}
    assert states["basics"].state == "in_progress" and states["basics"].progress_percent == 40
    assert states["later"].state == "locked" and states["later"].missing_requirements == [module]
    assert states["paid"].state == "locked" and states["paid"].needs_time_approval
    approval = services.request_time_approval(person=learner, programme=paid.programme)
    services.decide_time_approval(approval=approval, by=lead, approve=True)
    assert {m.slug: m for m in selectors.catalogue_for(learner)}["paid"].state == "available"
    assert states["later"].step_count == 0 and later.pk == states["later"].pk


def test_the_outline_shows_what_is_done_and_where_to_resume(learner, enrolled, steps, module):
    services.mark_step_done(person=learner, step=steps["text"])
    outline = selectors.module_outline(module, learner)
    assert outline.total == 5 and outline.done_count == 1 and outline.percent == 20
    assert outline.next_step.pk == steps["video"].pk
    assert [item.kind for item in outline.steps] == [
        "text",
        "video",
        "quiz",
        "assignment",
        "session",
    ]
    assert [lesson.done for lesson in outline.lessons] == [False, False, False]
    assert outline.neighbours(steps["quiz"])[0].pk == steps["video"].pk


def test_resuming_continues_after_the_step_visited_last(learner, enrolled, steps, module):
    services.visit_step(person=learner, step=steps["assignment"])
    assert selectors.module_outline(module, learner).next_step.pk == steps["assignment"].pk
    services.mark_step_done(person=learner, step=steps["video"])
    services.visit_step(person=learner, step=steps["video"])
    assert selectors.module_outline(module, learner).next_step.pk == steps["quiz"].pk


def test_the_outline_without_enrolment_has_no_resume_point(learner, module):
    outline = selectors.module_outline(module, learner)
    assert outline.enrolment is None and outline.next_step is None and outline.percent == 0


def test_my_learning_lists_unfinished_modules_first_with_progress(learner):
    done_module = ModuleFactory(slug="done")
    step = TextStepFactory(lesson=LessonFactory(module=done_module))
    busy = ModuleFactory(slug="busy")
    busy_steps = [TextStepFactory(lesson=LessonFactory(module=busy)) for _ in range(4)]
    services.enrol(person=learner, module=done_module)
    services.mark_step_done(person=learner, step=step)
    services.enrol(person=learner, module=busy)
    services.mark_step_done(person=learner, step=busy_steps[0])
    items = selectors.my_learning(learner)
    assert [item.module.slug for item in items] == ["busy", "done"]
    assert [item.percent for item in items] == [25, 100]
    assert items[0].next_step.pk == busy_steps[1].pk and items[1].next_step is None
    assert selectors.my_learning(PersonFactory()) == []


def test_the_review_queue_holds_open_submissions_a_reviewer_may_review(
    learner, trainer, programme, other_unit, module, steps
):
    services.enrol(person=learner, module=module)
    mine = services.submit_assignment(person=learner, step=steps["assignment"], link=LINK)
    elsewhere = PersonFactory(unit=other_unit)
    services.enrol(person=elsewhere, module=module)
    theirs = services.submit_assignment(person=elsewhere, step=steps["assignment"], link=LINK)
    assert list(selectors.review_queue(trainer)) == [mine]
    assert list(selectors.review_queue(programme)) == [mine, theirs]
    assert list(selectors.review_queue(programme, unit_ids=[other_unit.pk])) == [theirs]
    assert list(selectors.review_queue(learner)) == []
    services.review_submission(submission=mine, by=trainer, approve=True)
    assert list(selectors.review_queue(trainer)) == []


def test_a_submission_for_review_comes_with_its_earlier_rounds(learner, trainer, enrolled, steps):
    first = services.submit_assignment(person=learner, step=steps["assignment"], link=LINK)
    services.review_submission(submission=first, by=trainer, approve=False, feedback="More.")
    second = services.submit_assignment(person=learner, step=steps["assignment"], link=LINK)
    found = selectors.submission_for_review(trainer, second.pk)
    assert found == second and found.earlier_rounds == [first]
    assert selectors.submission_for_review(learner, second.pk) is None


def test_the_assignment_state_has_every_round(learner, trainer, enrolled, steps):
    first = services.submit_assignment(person=learner, step=steps["assignment"], link=LINK)
    assert assignment_state(learner, steps["assignment"]).waiting
    services.review_submission(submission=first, by=trainer, approve=True)
    state = kind_of(steps["assignment"]).state(learner, steps["assignment"])
    assert state.approved and not state.can_submit and state.latest == first


def test_sessions_of_a_step_show_seats_and_my_booking(learner, enrolled, trainer, steps):
    soon = SessionFactory(step=steps["session"], trainer=trainer, capacity=3)
    SessionFactory(step=steps["session"], starts_at=timezone.now() - datetime.timedelta(days=3))
    booking = services.book_session(person=learner, session=soon)
    (listed,) = selectors.sessions_for(steps["session"], person=learner)
    assert listed.my_booking == booking and listed.seats_left == 2
    assert len(selectors.sessions_for(steps["session"], upcoming=False)) == 2
    assert selectors.sessions_run_by(trainer) == [soon]
    assert list(selectors.session_roster(soon)) == [booking]
    assert list(selectors.bookings_of(learner)) == [booking]


def test_completed_modules_and_approved_assignments_for_other_apps(
    learner, trainer, enrolled, steps
):
    submission = services.submit_assignment(person=learner, step=steps["assignment"], link=LINK)
    services.review_submission(submission=submission, by=trainer, approve=True)
    assert selectors.approved_assignment_step_ids(learner) == {steps["assignment"].pk}
    assert selectors.completed_module_slugs(learner) == set()
    Enrolment.objects.update(completed_at=timezone.now())
    assert selectors.completed_module_slugs(learner) == {"basics"}


def test_stuck_enrolments_are_unfinished_and_idle(learner, unit, other_unit, module):
    idle = services.enrol(person=learner, module=module)
    busy = services.enrol(person=PersonFactory(unit=unit), module=module)
    away = services.enrol(person=PersonFactory(unit=other_unit), module=module)
    old = timezone.now() - datetime.timedelta(days=20)
    Enrolment.objects.filter(pk__in=[idle.pk, away.pk]).update(last_activity_at=old)
    stuck = selectors.stuck_enrolments(unit_ids=[unit.pk], idle_days=14)
    assert list(stuck) == [idle]
    assert busy not in stuck and stuck[0].person == learner and stuck[0].module == module
