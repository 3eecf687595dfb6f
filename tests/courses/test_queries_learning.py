"""Every page a learner opens runs the same number of queries at 5 and at 50 modules, steps,
learners, questions, rounds or sessions (measured through the test client, templates and all)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import services
from tests.factories import PersonFactory
from tests.queries import assert_constant, page

from .factories import (
    AssignmentStepFactory,
    LessonFactory,
    ModuleFactory,
    PolicyStepFactory,
    ProgrammeFactory,
    QuizStepFactory,
    SessionFactory,
    SessionStepFactory,
    TextStepFactory,
    VideoStepFactory,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


def assert_page_constant(client, url: str, grow) -> None:
    """The page runs as many queries at 5 as at 50 (warmed up before each count: a step page
    records where the learner is only when that changed)."""
    assert_constant(page(client, url), grow)


def step_url(step) -> str:
    return reverse("courses:step", args=[step.lesson.module.slug, step.lesson.slug, step.slug])


MIXED = [TextStepFactory, VideoStepFactory, QuizStepFactory, AssignmentStepFactory]


def grow_module(module, learner, unit):
    """Add lessons with steps of every kind (the learner completes the text ones), and
    colleagues following the same module."""

    def grow(n: int) -> None:
        for index in range(n):
            lesson = LessonFactory(module=module)
            step = MIXED[index % len(MIXED)](lesson=lesson)
            if index % len(MIXED) == 0:
                services.mark_step_done(person=learner, step=step)
            colleague = PersonFactory(unit=unit)
            services.enrol(person=colleague, module=module)

    return grow


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


def test_catalogue(signed_in, learner, unit):
    open_programme = ProgrammeFactory()
    approval_programme = ProgrammeFactory(requires_time_approval=True)
    previous = []

    def grow(n):
        for index in range(n):
            module = ModuleFactory(
                programme=approval_programme if index % 3 == 0 else open_programme,
                units=[unit] if index % 2 else [],
                requires=previous[-1:],
                platforms=["linkedin", "video"][: index % 3],
            )
            TextStepFactory(lesson=LessonFactory(module=module))
            if not module.programme.requires_time_approval and not previous[-1:]:
                services.enrol(person=learner, module=module)
            previous.append(module)
            services.enrol(person=PersonFactory(unit=unit), module=ModuleFactory())
        services.request_time_approval(person=learner, programme=approval_programme)

    assert_page_constant(signed_in, reverse("courses:catalogue"), grow)


def test_catalogue_filtered(signed_in, learner):
    def grow(n):
        for index in range(n):
            module = ModuleFactory(title_en=f"LinkedIn {index}", platforms=["linkedin"])
            services.enrol(person=learner, module=module)

    url = reverse("courses:catalogue") + "?q=linkedin&language=en&platform=linkedin&page=2"
    assert_page_constant(signed_in, url, grow)


def test_module_page(signed_in, learner, unit):
    module = ModuleFactory()
    services.enrol(person=learner, module=module)
    url = reverse("courses:module", args=[module.slug])
    assert_page_constant(signed_in, url, grow_module(module, learner, unit))


def test_module_page_before_enrolling(signed_in, learner, unit):
    programme = ProgrammeFactory(requires_time_approval=True)
    module = ModuleFactory(programme=programme)
    requires = []

    def grow(n):
        for _ in range(n):
            TextStepFactory(lesson=LessonFactory(module=module))
            requires.append(ModuleFactory(programme=programme))
            module.requires.set(requires)
            services.request_time_approval(person=PersonFactory(unit=unit), programme=programme)
        services.request_time_approval(person=learner, programme=programme)

    url = reverse("courses:module", args=[module.slug])
    assert_page_constant(signed_in, url, grow)


@pytest.mark.parametrize("factory", [TextStepFactory, VideoStepFactory])
def test_text_and_video_step_pages(factory, signed_in, learner, unit):
    step = factory()
    module = step.lesson.module
    services.enrol(person=learner, module=module)
    assert_page_constant(signed_in, step_url(step), grow_module(module, learner, unit))


def test_quiz_step_page_after_a_failed_attempt(signed_in, learner, unit):
    step = QuizStepFactory(max_attempts=None, shuffle=True, questions=[(False, [True, False])])
    module = step.lesson.module
    services.enrol(person=learner, module=module)
    grow_steps = grow_module(module, learner, unit)

    def grow(n):
        grow_steps(n)
        position = step.questions.count()
        for offset in range(n):
            question = step.questions.create(
                position=position + offset, prompt_en=f"Q{position + offset}", multiple=True
            )
            question.choices.create(position=0, text_en="Right", correct=True, feedback_en="Yes")
            question.choices.create(position=1, text_en="Wrong", correct=False, feedback_en="No")
        services.submit_quiz(person=learner, step=step, answers=wrong_answers(step))

    assert_page_constant(signed_in, step_url(step), grow)


def test_assignment_step_page_with_rounds_of_feedback(signed_in, learner, trainer, unit):
    step = AssignmentStepFactory()
    module = step.lesson.module
    services.enrol(person=learner, module=module)
    grow_steps = grow_module(module, learner, unit)

    def grow(n):
        grow_steps(n)
        for index in range(n):
            submission = services.submit_assignment(person=learner, step=step, text=f"Try {index}")
            services.review_submission(
                submission=submission, by=trainer, approve=False, feedback="Again, please."
            )

    assert_page_constant(signed_in, step_url(step), grow)


def test_policy_step_page(signed_in, learner, unit):
    from tests.policies.factories import version

    version("1.0")
    step = PolicyStepFactory()
    module = step.lesson.module
    services.enrol(person=learner, module=module)
    assert_page_constant(signed_in, step_url(step), grow_module(module, learner, unit))


def test_session_step_page(signed_in, learner, trainer, unit):
    step = SessionStepFactory()
    module = step.lesson.module
    services.enrol(person=learner, module=module)
    grow_steps = grow_module(module, learner, unit)
    booked = []

    def grow(n):
        grow_steps(n)
        for index in range(n):
            session = SessionFactory(
                step=step,
                trainer=trainer,
                capacity=1,
                starts_at=timezone.now() + datetime.timedelta(days=index + 2),
            )
            colleague = PersonFactory(unit=unit)
            services.enrol(person=colleague, module=module)
            services.book_session(person=colleague, session=session)
            if not booked:
                booked.append(services.book_session(person=learner, session=session))

    assert_page_constant(signed_in, step_url(step), grow)


def test_my_sessions(signed_in, learner, trainer):
    def grow(n):
        for _ in range(n):
            session = SessionFactory(trainer=trainer)
            services.enrol(person=learner, module=session.step.lesson.module)
            services.book_session(person=learner, session=session)

    assert_page_constant(signed_in, reverse("courses:bookings"), grow)


def test_learner_home(signed_in, learner, trainer, unit):
    def grow(n):
        for index in range(n):
            module = ModuleFactory()
            lesson = LessonFactory(module=module)
            first = TextStepFactory(lesson=lesson)
            TextStepFactory(lesson=lesson)
            services.enrol(person=learner, module=module)
            services.mark_step_done(person=learner, step=first)
            if index % 5 == 0:
                done = ModuleFactory()
                step = TextStepFactory(lesson=LessonFactory(module=done))
                services.enrol(person=learner, module=done)
                services.mark_step_done(person=learner, step=step)
            programme = ProgrammeFactory(requires_time_approval=True)
            ModuleFactory(programme=programme)
            services.request_time_approval(person=learner, programme=programme)
            session = SessionFactory(trainer=trainer, step=SessionStepFactory(lesson=lesson))
            services.book_session(person=learner, session=session)

    assert_page_constant(signed_in, reverse("learner_home"), grow)


def test_learner_home_before_any_enrolment(signed_in, unit):
    def grow(n):
        for index in range(n):
            module = ModuleFactory(is_foundation=index % 2 == 0, units=[unit] if index else [])
            TextStepFactory(lesson=LessonFactory(module=module))

    assert_page_constant(signed_in, reverse("learner_home"), grow)


def test_learner_home_with_returned_work_and_kudos(signed_in, learner, trainer):
    from community.services import give_kudos

    def grow(n):
        for _ in range(n):
            step = AssignmentStepFactory(lesson=LessonFactory(module=ModuleFactory()))
            services.enrol(person=learner, module=step.lesson.module)
            submission = services.submit_assignment(person=learner, step=step, text="Draft")
            services.review_submission(
                submission=submission, by=trainer, approve=False, feedback="Shorter, please."
            )
            give_kudos(giver=trainer, receiver=learner, category="helped_me", message="Thanks!")

    assert_page_constant(signed_in, reverse("learner_home"), grow)
