"""Details seen on a walk through the learner and trainer pages: quiz feedback that says right
answers were missed, a new round of an assignment that starts from the last answer, attendance
that cannot be saved when nothing can change, and two pages that were both "My sessions"."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.steps.quiz import quiz_state
from tests.factories import PersonFactory

from .factories import SessionFactory, right_answers

pytestmark = pytest.mark.django_db
LINK = "https://www.linkedin.com/posts/first"


def _step_url(step):
    return reverse("courses:step", args=[step.lesson.module.slug, step.lesson.slug, step.slug])


def test_quiz_feedback_says_right_answers_were_missed_on_a_multiple_choice_question(
    client_for, learner, enrolled, steps
):
    quiz = steps["quiz"]
    answers = right_answers(quiz)
    multiple = quiz.questions.get(multiple=True)
    answers[multiple.pk] = answers[multiple.pk][:1]  # one right choice of two
    services.submit_quiz(person=learner, step=quiz, answers=answers)
    result = next(r for r in quiz_state(learner, quiz).last_results if r.question.pk == multiple.pk)
    assert not result.correct and result.missed == 1
    page = client_for(learner).get(_step_url(quiz)).content.decode()
    assert "You missed 1 right answer: more than one choice was right." in page


def test_a_fully_right_answer_mentions_nothing_missed(client_for, learner, enrolled, steps):
    quiz = steps["quiz"]
    services.submit_quiz(person=learner, step=quiz, answers=right_answers(quiz))
    assert all(r.missed == 0 for r in quiz_state(learner, quiz).last_results)


def test_a_new_round_after_changes_requested_starts_from_the_previous_answer(
    client_for, learner, trainer, enrolled, steps
):
    step = steps["assignment"]
    submission = services.submit_assignment(person=learner, step=step, link=LINK)
    services.review_submission(
        submission=submission, by=trainer, approve=False, feedback="Add a question for readers."
    )
    page = client_for(learner).get(_step_url(step)).content.decode()
    assert "Hand in again" in page
    assert f'value="{LINK}"' in page


def test_a_first_hand_in_starts_empty(client_for, learner, enrolled, steps):
    page = client_for(learner).get(_step_url(steps["assignment"])).content.decode()
    assert "Hand in your work" in page and f'value="{LINK}"' not in page


@pytest.fixture
def attended_session(steps, trainer, unit, module):
    """A session that started an hour ago, with one learner whose attendance is recorded."""
    session = SessionFactory(
        step=steps["session"],
        trainer=trainer,
        starts_at=timezone.now() + datetime.timedelta(days=1),
    )
    person = PersonFactory(unit=unit)
    services.enrol(person=person, module=module)
    booking = services.book_session(person=person, session=session)
    session.starts_at = timezone.now() - datetime.timedelta(hours=1)
    session.ends_at = session.starts_at + datetime.timedelta(hours=2)
    session.save()
    return session, booking


def test_attendance_cannot_be_saved_once_everyone_is_recorded(
    client_for, trainer, attended_session
):
    session, booking = attended_session
    url = reverse("courses:session_roster", args=[session.pk])
    client = client_for(trainer)
    assert '<button type="submit">Save attendance</button>' in client.get(url).content.decode()
    services.record_attendance(booking=booking, by=trainer, attended=True)
    page = client.get(url).content.decode()
    assert 'disabled aria-describedby="attendance-fixed">Save attendance' in page
    assert "nothing left to change" in page


def test_the_learners_bookings_and_the_trainers_sessions_have_different_names(client_for, trainer):
    client = client_for(trainer)
    bookings = client.get(reverse("courses:bookings")).content.decode()
    running = client.get(reverse("courses:my_sessions")).content.decode()
    assert "<h1>My bookings</h1>" in bookings
    assert "<h1>Sessions I run</h1>" in running


def test_the_learner_home_puts_the_next_step_one_click_away(client_for, learner, enrolled, steps):
    page = client_for(learner).get(reverse("learner_home")).content.decode()
    assert "Continue where you left off" in page
    assert f'<a class="button" href="{_step_url(steps["text"])}">Resume' in page
    assert 'aria-label="0% complete"' in page  # the progress ring


def test_the_learner_home_flags_work_sent_back_until_it_is_handed_in_again(
    client_for, learner, trainer, enrolled, steps
):
    step = steps["assignment"]
    submission = services.submit_assignment(person=learner, step=step, link=LINK)
    services.review_submission(submission=submission, by=trainer, approve=False, feedback="More.")
    client = client_for(learner)
    page = client.get(reverse("learner_home")).content.decode()
    assert "Changes requested" in page and "Read the feedback and hand in again" in page
    assert _step_url(step) in page
    services.submit_assignment(person=learner, step=step, link=LINK + "-v2")
    assert (
        "Read the feedback and hand in again"
        not in client.get(reverse("learner_home")).content.decode()
    )


def test_the_learner_home_shows_recent_recognition(client_for, learner, trainer):
    from community.services import give_kudos

    give_kudos(giver=trainer, receiver=learner, category="helped_me", message="You made my day")
    page = client_for(learner).get(reverse("learner_home")).content.decode()
    assert "Recognition" in page and "You made my day" in page
