"""The completion cascade shared by every service: step -> module -> programme.

A person's learning writes are serialised by a lock on their Person row (taken first, always),
so two tabs completing the same step, or the last steps of two modules, count each fact once;
the unique constraints on StepCompletion and ProgrammeCompletion back this up.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from core.signals import send_after_commit

from .. import signals
from ..models import Enrolment, Module, ProgrammeCompletion, Step, StepCompletion
from .errors import CourseError


def lock_person(person) -> None:
    """Serialise this person's learning writes until the transaction ends."""
    list(get_user_model().objects.select_for_update().filter(pk=person.pk).values_list("pk"))


def real_step(step) -> Step:
    """The step as its own kind (TextStep, QuizStep, ...), whatever was passed in."""
    return step.get_real_instance() if type(step) is Step else step


def enrolment_for(person, step, *, lock: bool = True) -> Enrolment:
    """The person's enrolment in the step's module; CourseError when not enrolled."""
    enrolments = Enrolment.objects.select_related("module__programme", "person").filter(
        person=person, module__lessons=step.lesson_id
    )
    if lock:
        enrolments = enrolments.select_for_update(of=("self",))
    enrolment = enrolments.first()
    if enrolment is None:
        raise CourseError(_("Enrol in the module first."))
    return enrolment


def touch(enrolment: Enrolment, step=None) -> None:
    """Remember the learner's latest activity (and the step to resume at)."""
    enrolment.last_activity_at = timezone.now()
    fields = ["last_activity_at"]
    if step is not None:
        enrolment.last_step_id = step.pk
        fields.append("last_step")
    enrolment.save(update_fields=fields)


def complete(enrolment: Enrolment, step, *, at=None) -> bool:
    """Record the step as done (False if it already was); completes the module and programme."""
    at = at or timezone.now()
    _completion, created = StepCompletion.objects.get_or_create(
        enrolment=enrolment, step_id=step.pk, defaults={"completed_at": at}
    )
    if not created:
        touch(enrolment, step)
        return False
    module = enrolment.module
    total = Step.objects.filter(lesson__module_id=module.pk).count()
    done = StepCompletion.objects.filter(
        enrolment=enrolment, step__lesson__module_id=module.pk
    ).count()
    enrolment.steps_completed = done
    enrolment.last_activity_at = at
    enrolment.last_step_id = step.pk
    finished = enrolment.completed_at is None and done >= total
    if finished:
        enrolment.completed_at = max(at, enrolment.enrolled_at)
    enrolment.save(
        update_fields=["steps_completed", "last_activity_at", "last_step", "completed_at"]
    )
    person = enrolment.person
    send_after_commit(
        signals.step_completed, sender=Step, person=person, step=step, enrolment=enrolment
    )
    if finished:
        send_after_commit(signals.module_completed, sender=Module, person=person, module=module)
        complete_programme(person, module.programme, at=at)
    return True


def complete_programme(person, programme, *, at=None) -> bool:
    """Record the programme as completed once every one of its modules is (False if not now)."""
    modules = Module.objects.filter(programme=programme).count()
    done = Enrolment.objects.filter(
        person=person, module__programme=programme, completed_at__isnull=False
    ).count()
    if modules == 0 or done < modules:
        return False
    _completion, created = ProgrammeCompletion.objects.get_or_create(
        person=person, programme=programme, defaults={"completed_at": at or timezone.now()}
    )
    if created:
        send_after_commit(
            signals.programme_completed, sender=type(programme), person=person, programme=programme
        )
    return created
