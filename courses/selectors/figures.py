"""Learning as figures, for the adoption dashboards (insights keeps its rollups from these):
grouped rows over enrolments, completed steps, training time, reviews and sessions. Each
function is one query, whatever the size; the grouped ones return rows to iterate once.
"""

import datetime
from collections.abc import Iterable

from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from ..models import (
    Booking,
    Enrolment,
    Lifecycle,
    Module,
    Programme,
    Session,
    StepCompletion,
    Submission,
    TimeApproval,
)

CHUNK = 20000  # rows fetched at a time by the grouped reads over every learner


def foundation_module_ids() -> set[int]:
    """Ids of the modules of the foundation (completing them all completes the foundation)."""
    return set(Module.objects.filter(is_foundation=True).values_list("id", flat=True))


def published_programmes() -> QuerySet[Programme]:
    """Programmes with figures: published and retired ones (for a filter's choices)."""
    return Programme.objects.exclude(status=Lifecycle.DRAFT)


def published_modules() -> QuerySet[Module]:
    """Modules open for enrolment in catalogue order (for a form's choices)."""
    return Module.objects.offered().order_by("programme__position", "position", "slug")


def module_by_id(module_id) -> Module | None:
    return Module.objects.filter(pk=module_id).first() if module_id else None


def waiting_time_approvals_of(people) -> QuerySet[TimeApproval]:
    """The requests for training time of these people that wait for a decision."""
    return TimeApproval.objects.filter(
        person__in=people, status=TimeApproval.Status.REQUESTED
    ).select_related("person")


# -- one person ------------------------------------------------------------------------------


def enrolment_rows(person_id: int) -> list[dict]:
    """The person's enrolments as rows: module, programme, minutes, enrolled and completed."""
    return list(
        Enrolment.objects.filter(person_id=person_id).values(
            "module_id", "module__programme_id", "module__minutes", "enrolled_at", "completed_at"
        )
    )


def training_time_of(person_id: int) -> dict:
    """The person's approved training minutes and whether a request waits (`approved_minutes`,
    `waiting`)."""
    approvals = TimeApproval.objects.filter(person_id=person_id)
    return {
        "approved_minutes": approvals.filter(status=TimeApproval.Status.APPROVED).aggregate(
            total=Sum("minutes")
        )["total"]
        or 0,
        "waiting": approvals.filter(status=TimeApproval.Status.REQUESTED).exists(),
    }


def learners_active_since(since: datetime.datetime) -> set[int]:
    """Ids of the people who enrolled, completed a step or module, or asked for or were given
    training time since `since`."""
    people: set[int] = set()
    people.update(
        Enrolment.objects.filter(
            Q(enrolled_at__gte=since) | Q(completed_at__gte=since)
        ).values_list("person_id", flat=True)
    )
    people.update(
        StepCompletion.objects.filter(completed_at__gte=since).values_list(
            "enrolment__person_id", flat=True
        )
    )
    people.update(
        TimeApproval.objects.filter(
            Q(requested_at__gte=since) | Q(decided_at__gte=since)
        ).values_list("person_id", flat=True)
    )
    return people


# -- everyone, grouped -----------------------------------------------------------------------


def learning_per_person():
    """Per person: `first` enrolment, modules `done`, their `minutes`, how many foundation
    modules are done (`foundation_done`) and when the last was (`foundation_at`)."""
    completed = Q(completed_at__isnull=False)
    in_foundation = completed & Q(module__is_foundation=True)
    return (
        Enrolment.objects.values("person_id")
        .annotate(
            first=Min("enrolled_at"),
            done=Count("id", filter=completed),
            minutes=Sum("module__minutes", filter=completed),
            foundation_done=Count("id", filter=in_foundation),
            foundation_at=Max("completed_at", filter=in_foundation),
        )
        .iterator(chunk_size=CHUNK)
    )


def last_step_per_person():
    """(person id, when they last completed a step) for everyone who completed one."""
    return (
        StepCompletion.objects.values("enrolment__person_id")
        .annotate(last=Max("completed_at"))
        .values_list("enrolment__person_id", "last")
        .iterator(chunk_size=CHUNK)
    )


def training_time_per_person():
    """(person id, approved minutes or None when nothing was approved, whether a request
    waits) of everyone who asked for training time."""
    return (
        TimeApproval.objects.values("person_id")
        .annotate(
            approved=Sum("minutes", filter=Q(status=TimeApproval.Status.APPROVED)),
            waiting=Count("id", filter=Q(status=TimeApproval.Status.REQUESTED)),
        )
        .values_list("person_id", "approved", "waiting")
        .iterator(chunk_size=CHUNK)
    )


def learning_per_person_and_programme():
    """Per person and programme: (person, programme, first enrolled, modules completed,
    minutes, last step completed)."""
    completed = Q(completed_at__isnull=False)
    last_steps = {
        (person_id, programme_id): last
        for person_id, programme_id, last in StepCompletion.objects.values(
            "enrolment__person_id", "enrolment__module__programme_id"
        )
        .annotate(last=Max("completed_at"))
        .values_list("enrolment__person_id", "enrolment__module__programme_id", "last")
        .iterator(chunk_size=CHUNK)
    }
    rows = (
        Enrolment.objects.values("person_id", "module__programme_id")
        .annotate(
            first=Min("enrolled_at"),
            done=Count("id", filter=completed),
            minutes=Sum("module__minutes", filter=completed),
        )
        .iterator(chunk_size=CHUNK)
    )
    for row in rows:
        key = (row["person_id"], row["module__programme_id"])
        yield (*key, row["first"], row["done"], row["minutes"] or 0, last_steps.get(key))


def enrolments_per_week():
    """Rows of `person__unit_id` (the learner's current unit), `module__programme_id`, `week`
    and `n`: enrolments per unit, programme and week."""
    return Enrolment.objects.values(
        "person__unit_id", "module__programme_id", week=TruncWeek("enrolled_at")
    ).annotate(n=Count("id"))


def completions_per_week():
    """Rows of `person__unit_id`, `module__programme_id`, `week`, `n` and `minutes`: modules
    completed per unit, programme and week, and their minutes."""
    return (
        Enrolment.objects.filter(completed_at__isnull=False)
        .values("person__unit_id", "module__programme_id", week=TruncWeek("completed_at"))
        .annotate(n=Count("id"), minutes=Sum("module__minutes"))
    )


def active_learners_per_week(*, per_programme: bool):
    """Rows of `enrolment__person__unit_id`, `week` (and `enrolment__module__programme_id`
    when `per_programme`) and `n`: the distinct people who completed a step."""
    steps = StepCompletion.objects.annotate(week=TruncWeek("completed_at"))
    keys = ["enrolment__person__unit_id", "week"]
    if per_programme:
        keys.insert(1, "enrolment__module__programme_id")
    return steps.values(*keys).annotate(n=Count("enrolment__person_id", distinct=True))


# -- the blocks of the dashboard ---------------------------------------------------------------


def review_backlog_figures(unit_ids: Iterable[int] | None) -> dict:
    """Assignments waiting for review from people in `unit_ids` (None: everyone): `count`,
    `over_a_week`, `oldest` (when the oldest was handed in) and `oldest_days`."""
    now = timezone.now()
    waiting = Submission.objects.filter(status=Submission.Status.SUBMITTED)
    if unit_ids is not None:
        waiting = waiting.filter(person__unit_id__in=list(unit_ids))
    figures = waiting.aggregate(
        count=Count("id"),
        over_a_week=Count("id", filter=Q(submitted_at__lt=now - datetime.timedelta(days=7))),
        oldest=Min("submitted_at"),
    )
    oldest = figures["oldest"]
    return {**figures, "oldest_days": (now - oldest).days if oldest else None}


def session_figures(unit_ids: Iterable[int] | None, *, since: datetime.datetime) -> list[Session]:
    """Instructor-led sessions held since `since` (latest first, at most 50), each with the
    `booked`, `attended`, `no_shows` and `waitlisted` people of `unit_ids` (None: everyone)."""
    in_scope = Q()
    if unit_ids is not None:
        in_scope = Q(bookings__person__unit_id__in=list(unit_ids))
    booked = Q(bookings__status=Booking.Status.BOOKED) & in_scope
    return list(
        Session.objects.filter(starts_at__gte=since, starts_at__lte=timezone.now())
        .select_related("step")
        .annotate(
            booked=Count("bookings", filter=booked),
            attended=Count("bookings", filter=booked & Q(bookings__attended=True)),
            no_shows=Count("bookings", filter=booked & Q(bookings__attended=False)),
            waitlisted=Count(
                "bookings", filter=Q(bookings__status=Booking.Status.WAITLISTED) & in_scope
            ),
        )
        .order_by("-starts_at")[:50]
    )
