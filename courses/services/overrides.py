"""Overrides: a trainer or champion of the learner's unit, or the programme team, makes an
exception for one learner on one step (extra quiz attempts, a reset, a step marked complete).

Each is audited (`core.audit.log_action`: who, when, why), answers the learner's open request
for help on that step, and shows on the learner's step page. The quiz-specific part is
`Override.objects.quiz_allowance` (courses/models/overrides.py), which the quiz reads.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.audit import log_action

from ..models import HelpRequest, Override, QuizStep, StepCompletion
from ..permissions import can_override
from ..selectors.requirements import due_date_of
from .errors import CourseError
from .progress import complete, enrolment_for, lock_person, real_step

MAX_EXTRA_ATTEMPTS = 20


def _check(actor, person) -> None:
    if not can_override(actor, person):
        raise PermissionDenied


def _record(*, actor, person, step, kind, reason: str, **fields) -> Override:
    override = Override(
        person=person, step=step, kind=kind, reason=reason.strip(), granted_by=actor, **fields
    )
    override.full_clean()
    override.save()
    log_action(
        override,
        f"courses.override.{kind}",
        actor=actor,
        reason=override.reason,
        data={
            "person": person.pk,
            "step": step.pk,
            **{k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in fields.items()},
        },
    )
    HelpRequest.objects.filter(person=person, step=step, answered_at__isnull=True).update(
        answered_at=override.created_at, answered_by=actor
    )
    return override


@transaction.atomic
def grant_quiz_attempts(*, actor, person, step, extra: int, reason: str = "") -> Override:
    """Give a learner `extra` more attempts at a quiz (audited)."""
    _check(actor, person)
    step = real_step(step)
    if not isinstance(step, QuizStep):
        raise CourseError(_("Extra attempts can only be granted on a quiz."))
    if not 1 <= extra <= MAX_EXTRA_ATTEMPTS:
        raise CourseError(
            _("Grant between 1 and %(most)d extra attempts.") % {"most": MAX_EXTRA_ATTEMPTS}
        )
    lock_person(person)
    enrolment_for(person, step)
    return _record(
        actor=actor,
        person=person,
        step=step,
        kind=Override.Kind.EXTRA_ATTEMPTS,
        reason=reason,
        extra_attempts=extra,
    )


@transaction.atomic
def extend_deadline(*, actor, person, step, due_on, reason: str = "") -> Override:
    """Give a learner until `due_on` to complete the step's module, when it is required of
    them (audited; reminders and the overdue notice follow the new date)."""
    _check(actor, person)
    step = real_step(step)
    module = step.lesson.module
    current = due_date_of(person, module)
    if current is None:
        raise CourseError(
            _("“%(module)s” is not required of %(name)s, so there is no deadline to extend.")
            % {"module": module.title(), "name": person.name}
        )
    earliest = max(current, timezone.localdate())
    if due_on <= earliest:
        raise CourseError(
            _("Choose a date after %(date)s, the current deadline.")
            % {"date": date_format(earliest)}
        )
    lock_person(person)
    return _record(
        actor=actor,
        person=person,
        step=step,
        kind=Override.Kind.EXTENDED_DEADLINE,
        reason=reason,
        due_on=due_on,
    )


@transaction.atomic
def reset_step(*, actor, person, step, reason: str = "") -> Override:
    """Start a step again for a learner: its completion goes, a quiz's attempts count afresh.

    A completed module stays completed (and credentials stay earned): a reset reopens one step.
    """
    _check(actor, person)
    step = real_step(step)
    lock_person(person)
    enrolment = enrolment_for(person, step)
    StepCompletion.objects.filter(enrolment=enrolment, step_id=step.pk).delete()
    enrolment.steps_completed = StepCompletion.objects.filter(enrolment=enrolment).count()
    enrolment.save(update_fields=["steps_completed"])
    last = None
    if isinstance(step, QuizStep):
        last = step.attempts.filter(person=person).aggregate(last=Max("number"))["last"]
    return _record(
        actor=actor,
        person=person,
        step=step,
        kind=Override.Kind.RESET,
        reason=reason,
        after_attempt=last or 0,
    )


@transaction.atomic
def mark_step_complete(*, actor, person, step, reason: str) -> Override:
    """Record a step as done for a learner without its usual proof, with a reason (audited)."""
    _check(actor, person)
    if not reason.strip():
        raise CourseError(_("Say why the step is marked complete."))
    step = real_step(step)
    lock_person(person)
    enrolment = enrolment_for(person, step)
    override = _record(
        actor=actor, person=person, step=step, kind=Override.Kind.MARKED_COMPLETE, reason=reason
    )
    complete(enrolment, step)
    return override


@transaction.atomic
def request_help(*, person, step) -> HelpRequest:
    """A learner asks for help on a step; asking twice keeps one open request."""
    lock_person(person)
    enrolment_for(person, step, lock=False)
    request, _created = HelpRequest.objects.get_or_create(
        person=person, step_id=step.pk, answered_at__isnull=True, defaults={"step": step}
    )
    return request
