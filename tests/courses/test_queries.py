"""The selectors behind learner, trainer and lead pages run a constant number of queries:
the same at 5 and at 50 modules, steps, learners or submissions."""

import pytest

from courses import selectors, services
from tests.factories import PersonFactory
from tests.queries import assert_constant

from .factories import (
    AssignmentStepFactory,
    LessonFactory,
    ModuleFactory,
    ProgrammeFactory,
    QuizStepFactory,
    SessionFactory,
    SessionStepFactory,
    TextStepFactory,
    VideoStepFactory,
)

pytestmark = pytest.mark.django_db


def use(*values) -> None:
    """Read what a page would show (attributes that could trigger a query)."""


def use_catalogue(person):
    for module in selectors.catalogue_for(person):
        use(module.title(), module.programme.title(), module.state, module.progress_percent)
        [m.title() for m in module.missing_requirements]
        module.platform_labels()


def test_catalogue(learner, unit):
    programme = ProgrammeFactory(requires_time_approval=True)
    previous = []

    def grow(n):
        for _ in range(n):
            module = ModuleFactory(programme=programme, units=[unit], requires=previous[-1:])
            TextStepFactory(lesson=LessonFactory(module=module))
            previous.append(module)
        services.request_time_approval(person=learner, programme=programme)

    assert_constant(lambda: use_catalogue(learner), grow)


def test_catalogue_with_enrolments(learner):
    def grow(n):
        for _ in range(n):
            module = ModuleFactory(platforms=["linkedin"])
            TextStepFactory(lesson=LessonFactory(module=module))
            services.enrol(person=learner, module=module)

    assert_constant(lambda: use_catalogue(learner), grow)


def test_module_outline(learner):
    module = ModuleFactory()
    services.enrol(person=learner, module=module)
    factories = [TextStepFactory, VideoStepFactory, QuizStepFactory, AssignmentStepFactory]

    def grow(n):
        for index in range(n):
            lesson = LessonFactory(module=module)
            step = factories[index % len(factories)](lesson=lesson)
            if index % len(factories) < 2:
                services.mark_step_done(person=learner, step=step)

    def read():
        outline = selectors.module_outline(module, learner)
        for lesson in outline.lessons:
            lesson.lesson.title()
            for item in lesson.steps:
                use(item.step.title(), item.kind, item.done, item.step.lesson.slug)
        use(outline.percent, outline.next_step, outline.missing_requirements)

    assert_constant(read, grow)


def test_my_learning(learner):
    def grow(n):
        for _ in range(n):
            module = ModuleFactory()
            lesson = LessonFactory(module=module)
            first = TextStepFactory(lesson=lesson)
            TextStepFactory(lesson=lesson)
            services.enrol(person=learner, module=module)
            services.mark_step_done(person=learner, step=first)

    def read():
        for item in selectors.my_learning(learner):
            use(item.module.title(), item.module.programme.title(), item.percent)
            use(item.next_step.title(), item.next_step.lesson.slug)

    assert_constant(read, grow)


def test_review_queue(trainer, unit):
    module = ModuleFactory()
    step = AssignmentStepFactory(lesson=LessonFactory(module=module))

    def grow(n):
        for _ in range(n):
            person = PersonFactory(unit=unit)
            services.enrol(person=person, module=module)
            services.submit_assignment(person=person, step=step, text="My plan")

    def read():
        for submission in selectors.review_queue(trainer):
            use(submission.person.name, submission.person.unit.name, submission.step.title())
            use(submission.step.lesson.module.title(), submission.round)

    assert_constant(read, grow)


def test_time_approvals_for_lead(lead, unit):
    programme = ProgrammeFactory(requires_time_approval=True)
    ModuleFactory(programme=programme)

    def grow(n):
        for _ in range(n):
            person = PersonFactory(unit=unit)
            services.request_time_approval(person=person, programme=programme)

    def read():
        for approval in selectors.time_approvals_for_lead(lead):
            use(approval.person.name, approval.person.unit.name, approval.programme.title())

    assert_constant(read, grow)


def test_sessions_and_roster(learner, trainer, unit):
    step = SessionStepFactory()
    module = step.lesson.module
    services.enrol(person=learner, module=module)

    def grow(n):
        for _ in range(n):
            session = SessionFactory(step=step, trainer=trainer, capacity=3)
            person = PersonFactory(unit=unit)
            services.enrol(person=person, module=module)
            services.book_session(person=person, session=session)

    def read():
        for session in selectors.sessions_for(step, person=learner):
            use(session.seats_left, session.my_booking, session.trainer.name)
        for session in selectors.sessions_run_by(trainer):
            use(session.booked, session.step.title(), session.step.lesson.module.title())

    assert_constant(read, grow)
