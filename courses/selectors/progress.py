"""What people have done: the counts and arithmetic of progress the other reads share, and the
facts other apps read (completed modules, approved assignments, who is stuck)."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import (
    Enrolment,
    HelpRequest,
    Step,
    Submission,
)


def step_count(module: str = "pk") -> Coalesce:
    """The number of steps of the module that the outer query's `module` column names (a
    subquery, 0 when it has none): "pk" on modules, "module_id" on enrolments."""
    counts = (
        Step.objects.filter(lesson__module=OuterRef(module))
        .order_by()
        .values("lesson__module")
        .annotate(count=Count("id"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def percent(done: int, total: int) -> int:
    """`done` of `total` as a whole percentage (100 when something is done of nothing)."""
    return 100 if total == 0 and done else (round(100 * min(done, total) / total) if total else 0)


def resume_at(steps: list[Step], done: set[int], last_step_id: int | None) -> Step | None:
    """The first step not done at or after the last one visited, else the first not done."""
    ids = [step.pk for step in steps]
    start = ids.index(last_step_id) if last_step_id in ids else 0
    for step in steps[start:] + steps[:start]:
        if step.pk not in done:
            return step
    return None


def completed_module_slugs(person) -> set[str]:
    """Slugs of the modules `person` completed (one query)."""
    return set(
        Enrolment.objects.filter(person=person, completed_at__isnull=False).values_list(
            "module__slug", flat=True
        )
    )


def approved_assignment_step_ids(person) -> set[int]:
    """Ids of the assignment steps of which `person` has an approved submission (one query)."""
    return set(
        Submission.objects.filter(person=person, status=Submission.Status.APPROVED).values_list(
            "step_id", flat=True
        )
    )


def stuck_enrolments(*, unit_ids, idle_days: int) -> QuerySet[Enrolment]:
    """Enrolments of people in `unit_ids`, not completed, with no activity for `idle_days`."""
    since = timezone.now() - datetime.timedelta(days=idle_days)
    return (
        Enrolment.objects.filter(
            person__unit_id__in=list(unit_ids),
            person__is_active=True,
            completed_at__isnull=True,
            last_activity_at__lt=since,
        )
        .select_related("person", "module")
        .order_by("last_activity_at", "id")
    )


def stuck_person_ids(*, idle_days: int) -> QuerySet:
    """Ids of people stuck on a step: an unfinished module idle for `idle_days`, or an open
    request for help (for use as a subquery)."""
    since = timezone.now() - datetime.timedelta(days=idle_days)
    idle = Enrolment.objects.filter(completed_at__isnull=True, last_activity_at__lt=since)
    asking = HelpRequest.objects.filter(answered_at__isnull=True)
    return (
        get_user_model()
        .objects.filter(Q(pk__in=idle.values("person_id")) | Q(pk__in=asking.values("person_id")))
        .values("pk")
    )
