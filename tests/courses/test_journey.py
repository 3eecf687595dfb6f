"""The whole learner journey at service level (the issue's "done when", phase 1).

Enrol, read, fail the quiz and retry within the limit, submit an assignment, get changes
requested, resubmit, have it approved by a champion, book a full session and join the waitlist,
move up when a seat frees, get attendance recorded, and see module and programme complete,
with every domain signal sent exactly once.
"""

import datetime
from collections import Counter

import pytest
from django.utils import timezone

from courses import selectors, services
from courses.models import Booking, Enrolment, ProgrammeCompletion, StepCompletion, Submission
from tests.factories import PersonFactory

from .factories import SessionFactory, right_answers, wrong_answers


@pytest.mark.django_db
def test_a_learner_completes_a_module_from_enrolment_to_attendance(
    learner, trainer, unit, course, django_capture_on_commit_callbacks, signals_sent, mailoutbox
):
    module, steps = course["module"], course["steps"]
    champion = trainer  # a trainer/champion of the learner's unit
    colleagues = [PersonFactory(unit=unit) for _ in range(2)]
    session = SessionFactory(step=steps["session"], trainer=champion, capacity=2)

    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrol(person=learner, module=module)
        assert selectors.module_outline(module, learner).next_step.pk == steps["text"].pk

        services.mark_step_done(person=learner, step=steps["text"])
        services.mark_step_done(person=learner, step=steps["video"])

        failed = services.submit_quiz(
            person=learner, step=steps["quiz"], answers=wrong_answers(steps["quiz"])
        )
        assert (failed.number, failed.passed, failed.score) == (1, False, 0)
        passed = services.submit_quiz(
            person=learner, step=steps["quiz"], answers=right_answers(steps["quiz"])
        )
        assert (passed.number, passed.passed, passed.score) == (2, True, 100)

        first = services.submit_assignment(
            person=learner, step=steps["assignment"], link="https://www.linkedin.com/posts/1"
        )
        services.review_submission(
            submission=first, by=champion, approve=False, feedback="Add a question at the end."
        )
        second = services.submit_assignment(
            person=learner, step=steps["assignment"], link="https://www.linkedin.com/posts/2"
        )
        assert second.round == 2
        services.review_submission(submission=second, by=champion, approve=True)

        for colleague in colleagues:
            services.enrol(person=colleague, module=module)
            assert services.book_session(person=colleague, session=session).status == "booked"
        booking = services.book_session(person=learner, session=session)
        assert booking.status == Booking.Status.WAITLISTED
        services.cancel_booking(
            booking=Booking.objects.get(person=colleagues[0], session=session), by=colleagues[0]
        )
        booking.refresh_from_db()
        assert booking.status == Booking.Status.BOOKED

        Session = type(session)
        Session.objects.filter(pk=session.pk).update(
            starts_at=timezone.now() - datetime.timedelta(minutes=5)
        )
        services.record_attendance(booking=booking, by=champion, attended=True)

    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert enrolment.steps_completed == 5
    assert StepCompletion.objects.filter(enrolment=enrolment).count() == 5
    assert ProgrammeCompletion.objects.filter(person=learner).count() == 1
    assert Submission.objects.get(pk=second.pk).status == "approved"
    assert selectors.module_outline(module, learner).next_step is None
    mine = Counter(
        name
        for name, kwargs in signals_sent
        if kwargs.get("person", getattr(kwargs.get("enrolment"), "person", None)) == learner
        or getattr(kwargs.get("booking"), "person", None) == learner
    )
    assert mine == {
        "enrolled": 1,
        "step_completed": 5,
        "assignment_approved": 1,
        "attendance_recorded": 1,
        "module_completed": 1,
        "programme_completed": 1,
    }
    subjects = [message.subject for message in mailoutbox if learner.email in message.to]
    assert any("needs a few changes" in s for s in subjects)
    assert any("is approved" in s for s in subjects)
    assert any("A seat is free" in s for s in subjects)


@pytest.mark.django_db
def test_exceeding_the_attempt_limit_is_refused_and_keeps_the_step_open(learner, enrolled, steps):
    quiz = steps["quiz"]
    for _ in range(quiz.max_attempts):
        services.submit_quiz(person=learner, step=quiz, answers=wrong_answers(quiz))
    with pytest.raises(services.CourseError, match="used all 2 attempts"):
        services.submit_quiz(person=learner, step=quiz, answers=right_answers(quiz))
    assert not StepCompletion.objects.filter(step=quiz).exists()
    assert Enrolment.objects.get().steps_completed == 0
