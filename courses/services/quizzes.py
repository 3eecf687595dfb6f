"""Quiz attempts: scored on the server, limited in number even from two tabs at once."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import quiz
from ..models import Override, QuizAttempt, QuizStep
from .errors import CourseError
from .progress import complete, enrolment_for, lock_person, real_step, touch


def _clean_answers(questions, answers: dict) -> dict[int, set[int]]:
    cleaned: dict[int, set[int]] = {}
    for question in questions:
        raw = answers.get(question.pk, answers.get(str(question.pk)))
        chosen = {int(choice) for choice in (raw or [])}
        valid = {choice.pk for choice in question.choices.all()}
        if not chosen:
            raise CourseError(_("Answer every question."))
        if chosen - valid:
            raise CourseError(_("An answer does not belong to its question; reload the page."))
        if len(chosen) > 1 and not question.multiple:
            raise CourseError(_("Choose one answer for each single-choice question."))
        cleaned[question.pk] = chosen
    return cleaned


@transaction.atomic
def submit_quiz(*, person, step: QuizStep, answers: dict[int, list[int]]) -> QuizAttempt:
    """Score an attempt ({question id: [choice ids]}) server side; a pass completes the step; max_attempts holds under concurrency."""
    step = real_step(step)
    if not isinstance(step, QuizStep):
        raise CourseError(step.completion_hint())
    lock_person(person)
    enrolment = enrolment_for(person, step)
    attempts = QuizAttempt.objects.filter(person=person, step=step)
    allowance = Override.objects.quiz_allowance(person, step)
    counted = attempts.filter(number__gt=allowance.after_attempt)  # a reset starts afresh
    passed = counted.filter(passed=True).order_by("number").first()
    if passed is not None:
        return passed  # a passed quiz stays passed; a second tab's submit changes nothing
    used = counted.count()
    limit = allowance.limit(step)
    if limit is not None and used >= limit:
        raise CourseError(
            ngettext(
                "You have used your %(count)d attempt at this quiz. Ask your trainer or champion for help.",
                "You have used all %(count)d attempts at this quiz. Ask your trainer or champion for help.",
                limit,
            )
            % {"count": limit}
        )
    questions = list(step.questions.prefetch_related("choices"))
    if not questions:
        raise CourseError(_("This quiz has no questions yet."))
    chosen = _clean_answers(questions, answers)
    number = allowance.after_attempt + used + 1
    percent, _results = quiz.score(questions, chosen)
    attempt = QuizAttempt.objects.create(
        person=person,
        step=step,
        number=number,
        answers={str(q): sorted(c) for q, c in chosen.items()},
        order=quiz.attempt_order(
            questions, shuffle=step.shuffle, person_id=person.pk, step_id=step.pk, number=number
        ),
        score=percent,
        passed=percent >= step.pass_mark,
        submitted_at=timezone.now(),
    )
    if attempt.passed:
        complete(enrolment, step)
    else:
        touch(enrolment, step)
    return attempt
