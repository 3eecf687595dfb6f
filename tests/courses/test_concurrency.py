"""Two tabs at once (PostgreSQL, real threads): each fact is recorded and announced once."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from courses import services, signals
from courses.models import Booking, Enrolment, QuizAttempt, StepCompletion
from tests.concurrency import at_once as run_at_once
from tests.factories import PersonFactory

from .factories import (
    LessonFactory,
    ModuleFactory,
    QuizStepFactory,
    SessionFactory,
    SessionStepFactory,
    TextStepFactory,
    wrong_answers,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 12


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


def at_once(work, count: int = THREADS) -> tuple[list, list]:
    return run_at_once(work, count)


@pytest.fixture
def sent():
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs["signal"])

    for name in ("step_completed", "module_completed", "programme_completed"):
        getattr(signals, name).connect(receiver, dispatch_uid=f"concurrency:{name}")
    yield received
    for name in ("step_completed", "module_completed", "programme_completed"):
        getattr(signals, name).disconnect(dispatch_uid=f"concurrency:{name}")


def test_many_tabs_completing_the_last_step_complete_the_module_once(learner, sent):
    module = ModuleFactory()
    step = TextStepFactory(lesson=LessonFactory(module=module))
    services.enrol(person=learner, module=module)
    _results, errors = at_once(lambda _i: services.mark_step_done(person=learner, step=step))
    assert errors == []
    assert StepCompletion.objects.count() == 1
    assert Enrolment.objects.get().steps_completed == 1
    assert sent == [signals.step_completed, signals.module_completed, signals.programme_completed]


def test_the_last_steps_of_two_modules_at_once_complete_the_programme_once(learner, sent):
    first = ModuleFactory()
    second = ModuleFactory(programme=first.programme)
    steps = [TextStepFactory(lesson=LessonFactory(module=m)) for m in (first, second)]
    for module in (first, second):
        services.enrol(person=learner, module=module)
    _results, errors = at_once(
        lambda i: services.mark_step_done(person=learner, step=steps[i % 2]), count=8
    )
    assert errors == []
    assert sent.count(signals.module_completed) == 2
    assert sent.count(signals.programme_completed) == 1


def test_simultaneous_quiz_submissions_never_exceed_the_attempt_limit(learner):
    quiz = QuizStepFactory(max_attempts=2)
    services.enrol(person=learner, module=quiz.lesson.module)
    answers = wrong_answers(quiz)
    results, errors = at_once(
        lambda _i: services.submit_quiz(person=learner, step=quiz, answers=answers)
    )
    assert len(results) == 2 and len(errors) == THREADS - 2
    assert all(isinstance(error, services.CourseError) for error in errors)
    assert sorted(QuizAttempt.objects.values_list("number", flat=True)) == [1, 2]


def test_simultaneous_bookings_fill_the_seats_and_waitlist_the_rest(unit):
    step = SessionStepFactory()
    session = SessionFactory(
        step=step, capacity=3, starts_at=timezone.now() + datetime.timedelta(days=2)
    )
    people = [PersonFactory(unit=unit) for _ in range(THREADS)]
    for person in people:
        services.enrol(person=person, module=step.lesson.module)
    _results, errors = at_once(lambda i: services.book_session(person=people[i], session=session))
    assert errors == []
    assert Booking.objects.filter(status="booked").count() == 3
    assert Booking.objects.filter(status="waitlisted").count() == THREADS - 3
