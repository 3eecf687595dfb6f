"""Quizzes: scored on the server, with a pass mark, an attempt limit and a stable shuffle."""

import pytest

from courses import services
from courses.models import QuizAttempt, StepCompletion
from courses.steps.quiz import quiz_state

from .factories import QuizStepFactory, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def test_a_failed_attempt_is_stored_and_a_retry_within_the_limit_passes(learner, enrolled, steps):
    quiz = steps["quiz"]
    failed = services.submit_quiz(person=learner, step=quiz, answers=wrong_answers(quiz))
    assert not failed.passed and not StepCompletion.objects.exists()
    passed = services.submit_quiz(person=learner, step=quiz, answers=right_answers(quiz))
    assert passed.passed and passed.number == 2
    assert StepCompletion.objects.get().step_id == quiz.pk


def test_a_multiple_choice_question_needs_every_right_answer_and_no_wrong_one(
    learner, enrolled, steps
):
    quiz = steps["quiz"]
    answers = right_answers(quiz)
    multiple = quiz.questions.get(multiple=True)
    answers[multiple.pk] = answers[multiple.pk][:1]
    attempt = services.submit_quiz(person=learner, step=quiz, answers=answers)
    assert attempt.score == 50 and not attempt.passed


def test_the_pass_mark_decides(learner, enrolled, steps):
    quiz = steps["quiz"]
    quiz.pass_mark = 50
    quiz.save()
    answers = right_answers(quiz)
    single = quiz.questions.get(multiple=False)
    answers[single.pk] = wrong_answers(quiz)[single.pk]
    assert services.submit_quiz(person=learner, step=quiz, answers=answers).passed


def test_once_passed_another_submit_returns_the_passing_attempt(learner, enrolled, steps):
    quiz = steps["quiz"]
    passed = services.submit_quiz(person=learner, step=quiz, answers=right_answers(quiz))
    again = services.submit_quiz(person=learner, step=quiz, answers=wrong_answers(quiz))
    assert again.pk == passed.pk and QuizAttempt.objects.count() == 1


def test_unlimited_attempts_when_max_attempts_is_empty(learner, module, steps):
    quiz = QuizStepFactory(lesson=steps["quiz"].lesson, max_attempts=None)
    services.enrol(person=learner, module=module)
    for _ in range(5):
        services.submit_quiz(person=learner, step=quiz, answers=wrong_answers(quiz))
    assert services.submit_quiz(person=learner, step=quiz, answers=right_answers(quiz)).number == 6


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda answers, quiz: answers.pop(next(iter(answers))), "Answer every question"),
        (lambda answers, quiz: answers.update({next(iter(answers)): [0]}), "does not belong"),
        (
            lambda answers, quiz: answers.update(
                {
                    quiz.questions.get(multiple=False).pk: [
                        c.pk for c in quiz.questions.get(multiple=False).choices.all()
                    ]
                }
            ),
            "Choose one answer",
        ),
    ],
)
def test_bad_answers_are_refused_without_using_an_attempt(
    learner, enrolled, steps, change, message
):
    quiz = steps["quiz"]
    answers = right_answers(quiz)
    change(answers, quiz)
    with pytest.raises(services.CourseError, match=message):
        services.submit_quiz(person=learner, step=quiz, answers=answers)
    assert not QuizAttempt.objects.exists()


def test_answers_may_use_string_keys_as_posted_by_a_form(learner, enrolled, steps):
    quiz = steps["quiz"]
    answers = {str(k): [str(v) for v in values] for k, values in right_answers(quiz).items()}
    assert services.submit_quiz(person=learner, step=quiz, answers=answers).passed


def test_a_shuffled_quiz_shows_the_same_order_on_reload_and_stores_it(learner, enrolled, module):
    quiz = QuizStepFactory(
        lesson=module.lessons.first(),
        shuffle=True,
        max_attempts=None,
        questions=[(False, [True, False, False, False])] * 6,
    )
    first = [q.pk for q in quiz_state(learner, quiz).questions]
    assert [q.pk for q in quiz_state(learner, quiz).questions] == first
    attempt = services.submit_quiz(person=learner, step=quiz, answers=wrong_answers(quiz))
    assert [question for question, _choices in attempt.order] == first
    second = [q.pk for q in quiz_state(learner, quiz).questions]
    assert sorted(second) == sorted(first) and second != first


def test_the_quiz_state_gives_feedback_on_the_last_attempt_and_attempts_left(
    learner, enrolled, steps
):
    quiz = steps["quiz"]
    services.submit_quiz(person=learner, step=quiz, answers=wrong_answers(quiz))
    state = quiz_state(learner, quiz)
    assert state.attempts_left == 1 and state.can_attempt and not state.passed
    assert [result.correct for result in state.last_results] == [False, False]
    assert state.last_results[0].chosen[0].feedback() == "Not quite."
