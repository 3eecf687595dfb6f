"""The learner's own learning: enrolments with progress and work sent back."""

from dataclasses import dataclass

from django.db.models import (
    Exists,
    F,
    OuterRef,
)

from ..models import (
    Enrolment,
    Module,
    Step,
    StepCompletion,
    Submission,
)
from .progress import percent, resume_at, step_count


@dataclass
class LearningItem:
    enrolment: Enrolment
    module: Module
    percent: int
    next_step: Step | None

    @property
    def is_complete(self) -> bool:
        return self.enrolment.completed_at is not None


def my_learning(person) -> list[LearningItem]:
    """The person's enrolments, unfinished first (latest activity first), with progress and the step to resume at."""
    enrolments = list(
        Enrolment.objects.filter(person=person)
        .select_related("module__programme")
        .annotate(step_count=step_count("module_id"))
        .order_by(F("completed_at").desc(nulls_first=True), "-last_activity_at", "id")
    )
    if not enrolments:
        return []
    module_ids = [e.module_id for e in enrolments]
    steps_by_module: dict[int, list[Step]] = {}
    for step in (
        Step.objects.non_polymorphic()
        .filter(lesson__module_id__in=module_ids)
        .select_related("lesson")
        .only(
            "id",
            "slug",
            "position",
            "title_en",
            "title_nl",
            "lesson__id",
            "lesson__slug",
            "lesson__position",
            "lesson__module_id",
        )
        .order_by("lesson__position", "lesson_id", "position", "id")
    ):
        steps_by_module.setdefault(step.lesson.module_id, []).append(step)
    done: dict[int, set[int]] = {}
    for enrolment_id, step_id in StepCompletion.objects.filter(
        enrolment__person=person
    ).values_list("enrolment_id", "step_id"):
        done.setdefault(enrolment_id, set()).add(step_id)
    items = []
    for enrolment in enrolments:
        steps = steps_by_module.get(enrolment.module_id, [])
        finished = enrolment.completed_at is not None
        items.append(
            LearningItem(
                enrolment=enrolment,
                module=enrolment.module,
                percent=100
                if finished
                else percent(enrolment.steps_completed, enrolment.step_count),
                next_step=None
                if finished
                else resume_at(steps, done.get(enrolment.pk, set()), enrolment.last_step_id),
            )
        )
    return items


def returned_work(person, limit: int = 5) -> list[Submission]:
    """Assignments a reviewer sent back with "changes requested" that the person has not
    handed in again yet, most recently reviewed first (one query)."""
    later_round = Submission.objects.filter(
        person=OuterRef("person"), step=OuterRef("step"), round__gt=OuterRef("round")
    )
    return list(
        Submission.objects.filter(person=person, status=Submission.Status.CHANGES_REQUESTED)
        .exclude(Exists(later_round))
        .select_related("step__lesson__module", "reviewer")
        .order_by("-reviewed_at", "-id")[:limit]
    )
