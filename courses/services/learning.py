"""Enrolling, moving through steps, and the steps a learner marks done or acknowledges."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.signals import send_after_commit

from .. import permissions, policy, signals
from ..models import Enrolment, Module, PolicyStep, StepCompletion, TimeApproval
from .errors import CourseError
from .progress import complete, enrolment_for, lock_person, real_step

# How exact an enrolment's last activity is kept: opening a step again within it writes nothing.
ACTIVITY_PRECISION = datetime.timedelta(hours=1)


def _check_can_enrol(person, module: Module, language: str) -> None:
    if not module.is_offered:
        raise CourseError(_("This module is not open for enrolment."))
    ancestors, roles = permissions.audience_facts(person)
    if not permissions.is_in_audience(person, module, ancestor_unit_ids=ancestors, roles=roles):
        raise CourseError(_("This module is meant for other units or roles."))
    if module.languages and language not in module.languages:
        raise CourseError(
            _("This module is offered in %(languages)s; choose one of those languages.")
            % {"languages": ", ".join(module.languages)}
        )
    requires = list(module.requires.all())
    if requires:
        done = set(
            Enrolment.objects.filter(
                person=person, module__in=requires, completed_at__isnull=False
            ).values_list("module_id", flat=True)
        )
        missing = [required.title() for required in requires if required.pk not in done]
        if missing:
            raise CourseError(
                _("Complete %(modules)s first.") % {"modules": ", ".join(sorted(missing))}
            )
    if (
        module.programme.requires_time_approval
        and not TimeApproval.objects.filter(
            person=person, programme=module.programme, status=TimeApproval.Status.APPROVED
        ).exists()
    ):
        raise CourseError(
            _("Your unit lead approves the training time for this programme before you start.")
        )


@transaction.atomic
def enrol(*, person, module: Module, language: str | None = None) -> Enrolment:
    """Enrol `person` in `module` (voluntary; audience, language, prerequisites and time approval checked); idempotent."""
    existing = Enrolment.objects.filter(person=person, module=module).first()
    if existing is not None:
        return existing
    module = Module.objects.select_related("programme").get(pk=module.pk)
    language = language or person.language
    _check_can_enrol(person, module, language)
    now = timezone.now()
    enrolment, created = Enrolment.objects.get_or_create(
        person=person,
        module=module,
        defaults={"language": language, "enrolled_at": now, "last_activity_at": now},
    )
    if created:
        send_after_commit(signals.enrolled, sender=Enrolment, enrolment=enrolment)
    return enrolment


def visit_step(*, person, step) -> Enrolment | None:
    """Remember `step` as where the learner is (for resume); None when not enrolled. Writes only
    when something changed: another step, or activity last recorded over an hour ago."""
    enrolment = (
        Enrolment.objects.filter(person=person, module__lessons=step.lesson_id).order_by().first()
    )
    if enrolment is None:
        return None
    now = timezone.now()
    if enrolment.last_step_id != step.pk or now - enrolment.last_activity_at > ACTIVITY_PRECISION:
        enrolment.last_step_id = step.pk
        enrolment.last_activity_at = now
        Enrolment.objects.filter(pk=enrolment.pk).update(last_step_id=step.pk, last_activity_at=now)
    return enrolment


@transaction.atomic
def mark_step_done(*, person, step) -> Enrolment:
    """Complete a step the learner marks done themselves (text, video); idempotent, safe from two tabs."""
    step = real_step(step)
    if not step.learner_marks_done:
        raise CourseError(step.completion_hint())
    lock_person(person)
    enrolment = enrolment_for(person, step)
    complete(enrolment, step)
    return enrolment


@transaction.atomic
def complete_step(*, person, step) -> Enrolment:
    """Record a step as done once the person did what its kind asks (`completion_met`), e.g.
    from a kind's own service after it stored the learner's work; idempotent."""
    step = real_step(step)
    lock_person(person)
    enrolment = enrolment_for(person, step)
    if not step.completion_met(person):
        raise CourseError(step.completion_hint())
    complete(enrolment, step)
    return enrolment


@transaction.atomic
def acknowledge_policy_step(*, person, step: PolicyStep, language: str | None = None) -> Enrolment:
    """Acknowledge the current policy (through the policies app) and complete the step; idempotent."""
    step = real_step(step)
    if not isinstance(step, PolicyStep):
        raise CourseError(step.completion_hint())
    lock_person(person)
    enrolment = enrolment_for(person, step)
    try:
        policy.acknowledge(person=person, language=language or enrolment.language)
    except policy.PolicyUnavailable as error:
        raise CourseError(str(error)) from None
    complete(enrolment, step)
    return enrolment


@transaction.atomic
def complete_acknowledged_policy_steps(*, person) -> int:
    """Complete the policy steps of the person's modules once they acknowledged the current policy; returns how many."""
    if not policy.has_acknowledged_current(person):
        return 0
    lock_person(person)
    steps = PolicyStep.objects.filter(lesson__module__enrolments__person=person).exclude(
        pk__in=StepCompletion.objects.filter(enrolment__person=person).values("step_id")
    )
    count = 0
    for step in steps:
        count += complete(enrolment_for(person, step), step)
    return count
