"""Help and overrides: requests for help, who can help, and a learner's state on one step."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import (
    QuerySet,
)

from people.selectors import ancestor_unit_ids

from .. import permissions
from ..models import (
    Enrolment,
    HelpRequest,
    Override,
    QuizAttempt,
    QuizStep,
    Step,
    StepCompletion,
)
from .requirements import due_date_of


def help_queue(helper) -> QuerySet:
    """Open requests for help that `helper` may answer (their units; programme team: all), oldest first."""
    scope = permissions.review_unit_ids(helper)
    if scope is not None and not scope:
        return HelpRequest.objects.none()
    requests = (
        HelpRequest.objects.filter(answered_at__isnull=True)
        .exclude(person=helper)
        .select_related("person__unit", "step__lesson__module")
        .order_by("created_at", "id")
    )
    if scope is not None:
        requests = requests.filter(person__unit_id__in=scope)
    return requests


def helpers_of(person, *, limit: int = 5) -> list:
    """Trainers and champions who can help `person`: those of their unit and the units above it."""
    if person.unit_id is None:
        return []
    above = ancestor_unit_ids(person.unit_id)
    return list(
        get_user_model()
        .objects.filter(is_trainer=True, is_active=True, unit_id__in=above)
        .exclude(pk=person.pk)
        .order_by("last_name", "first_name", "email")[:limit]
    )


def learner_step_overrides(person, step: Step) -> list[Override]:
    """The overrides made for `person` on `step`, oldest first, with who granted them."""
    return list(
        Override.objects.filter(person=person, step_id=step.pk).select_related("granted_by")
    )


def open_help_request(person, step: Step) -> HelpRequest | None:
    return HelpRequest.objects.filter(person=person, step_id=step.pk, answered_at=None).first()


@dataclass
class LearnerOnStep:
    """What a helper sees of one learner on one step before making an override."""

    person: object
    step: Step
    enrolment: Enrolment
    overrides: list
    attempts: list
    done: bool
    help_request: HelpRequest | None
    due: datetime.date | None = None  # when the module is required of the learner

    @property
    def is_quiz(self) -> bool:
        return isinstance(self.step, QuizStep)


def learner_on_step(helper, person_id: int, step_id: int) -> LearnerOnStep | None:
    """A learner's state on one step, if `helper` may make overrides for them (else None)."""
    person = get_user_model().objects.select_related("unit").filter(pk=person_id).first()
    step = Step.objects.select_related("lesson__module").filter(pk=step_id).first()
    if person is None or step is None or not permissions.can_override(helper, person):
        return None
    enrolment = Enrolment.objects.filter(person=person, module_id=step.lesson.module_id).first()
    if enrolment is None:
        return None
    return LearnerOnStep(
        person=person,
        step=step,
        enrolment=enrolment,
        overrides=learner_step_overrides(person, step),
        attempts=list(QuizAttempt.objects.filter(person=person, step_id=step.pk)),
        done=StepCompletion.objects.filter(enrolment=enrolment, step_id=step.pk).exists(),
        help_request=open_help_request(person, step),
        due=due_date_of(person, step.lesson.module),
    )
