"""Reads of the community app for pages, home sections and other apps."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from people.models import Person, Unit
from people.selectors import descendant_unit_ids, units_with_headcount

from .models import (
    AudienceWorksheet,
    AwarenessSession,
    Champion,
    FeaturedContributor,
    Kudos,
    KudosModeration,
    Nudge,
    Segment,
    SegmentResult,
    SurveyQuestion,
    Topic,
)

MIN_GROUP = 5
KUDOS_PERIODS = {"week": 7, "month": 31, "quarter": 92, "year": 366}


# Champions -------------------------------------------------------------------------------------


def champion_unit_ids(person) -> set[int]:
    """Units a person is an approved champion of (cached on the person for the request)."""
    if not getattr(person, "is_authenticated", False):
        return set()
    cached = getattr(person, "_champion_unit_ids", None)
    if cached is None:
        cached = set(
            Champion.objects.filter(person=person, status=Champion.Status.APPROVED).values_list(
                "unit_id", flat=True
            )
        )
        person._champion_unit_ids = cached
    return cached


def is_champion(person) -> bool:
    return bool(champion_unit_ids(person))


def champion_scope_ids(person) -> set[int]:
    """The champion's units and every team below them: whose learners they help along."""
    ids = champion_unit_ids(person)
    return descendant_unit_ids(ids) if ids else set()


def roster() -> QuerySet[Champion]:
    return Champion.objects.filter(status=Champion.Status.APPROVED).select_related(
        "person", "unit", "person__unit"
    )


def pending_nominations() -> QuerySet[Champion]:
    return (
        Champion.objects.filter(status=Champion.Status.NOMINATED)
        .select_related("person", "unit", "nominated_by")
        .order_by("nominated_at", "id")
    )


def pending_nomination_count() -> int:
    return Champion.objects.filter(status=Champion.Status.NOMINATED).count()


def nominations_by(person) -> QuerySet[Champion]:
    return (
        Champion.objects.filter(Q(nominated_by=person) | Q(person=person))
        .select_related("person", "unit")
        .order_by("-nominated_at")
    )


# Awareness sessions and reach ------------------------------------------------------------------


def sessions(*, upcoming: bool, today: datetime.date | None = None) -> QuerySet[AwarenessSession]:
    today = today or timezone.localdate()
    qs = AwarenessSession.objects.select_related("unit", "champion").annotate(
        named=Count("attendees", distinct=True)
    )
    if upcoming:
        return qs.filter(held_on__gte=today).order_by("held_on", "id")
    return qs.filter(held_on__lt=today).order_by("-held_on", "-id")


def reached_person_ids(unit_ids: Iterable[int]) -> set[int]:
    """People of these units named as attendees of at least one awareness session."""
    return set(
        Person.objects.filter(unit_id__in=list(unit_ids), awareness_sessions__isnull=False)
        .values_list("id", flat=True)
        .distinct()
    )


def head_count_reach(unit_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Per unit: people reached by sessions recorded with only a head count (one query).

    People cannot be told apart there, so each such session adds its head count to its unit.
    """
    sessions = AwarenessSession.objects.filter(head_count__isnull=False)
    if unit_ids is not None:
        sessions = sessions.filter(unit_id__in=list(unit_ids))
    return dict(
        sessions.annotate(named=Count("attendees"))
        .filter(named=0)
        .values("unit_id")
        .annotate(n=Sum("head_count"))
        .values_list("unit_id", "n")
    )


def reached(headcount: int, named: int, counted: int) -> int:
    """People reached in a unit: named attendees plus head counts, at most the headcount."""
    return min(headcount, named + (counted or 0))


def reach_per_unit(unit_ids: Iterable[int] | None = None) -> list[dict]:
    """Per unit: headcount, people reached and the share (three queries whatever the size).

    Named attendees count once however many sessions they attend, against their own unit.
    Sessions recorded with only a head count add that number for the session's unit (people
    cannot be told apart there), and the total is capped at the headcount.
    """
    units = list(units_with_headcount(unit_ids))
    ids = [u.id for u in units]
    named = dict(
        Person.objects.filter(unit_id__in=ids, awareness_sessions__isnull=False)
        .values("unit_id")
        .annotate(n=Count("id", distinct=True))
        .values_list("unit_id", "n")
    )
    counted = head_count_reach(ids)
    rows = []
    for unit in units:
        reach = reached(unit.headcount, named.get(unit.id, 0), counted.get(unit.id, 0))
        share = round(100 * reach / unit.headcount) if unit.headcount else 0
        rows.append({"unit": unit, "headcount": unit.headcount, "reached": reach, "share": share})
    return rows


# Kudos -----------------------------------------------------------------------------------------


def kudos_wall(
    *, category: str = "", unit_id: int | None = None, period: str = "", now=None
) -> QuerySet[Kudos]:
    """Visible kudos, newest first, filtered by category, the receiver's unit and a period."""
    kudos = Kudos.objects.filter(hidden_at__isnull=True).select_related(
        "giver", "receiver", "receiver__unit"
    )
    if category:
        kudos = kudos.filter(category=category)
    if unit_id:
        kudos = kudos.filter(receiver__unit_id=unit_id)
    if period in KUDOS_PERIODS:
        since = (now or timezone.now()) - datetime.timedelta(days=KUDOS_PERIODS[period])
        kudos = kudos.filter(created_at__gte=since)
    return kudos


def kudos_received(person) -> QuerySet[Kudos]:
    return kudos_wall().filter(receiver=person)


def moderation_log() -> QuerySet[KudosModeration]:
    return KudosModeration.objects.select_related(
        "moderator", "kudos", "kudos__giver", "kudos__receiver"
    )


def units_for_filter() -> QuerySet[Unit]:
    return Unit.objects.order_by("name")


def featured_contributor(today: datetime.date | None = None) -> FeaturedContributor | None:
    today = today or timezone.localdate()
    return (
        FeaturedContributor.objects.select_related("person", "person__unit")
        .filter(month=today.replace(day=1))
        .first()
    )


def colleague_profile(person_id: int) -> Person | None:
    return (
        Person.objects.filter(pk=person_id, is_active=True)
        .select_related("unit")
        .annotate(
            champion=Exists(
                Champion.objects.filter(person=OuterRef("pk"), status=Champion.Status.APPROVED)
            )
        )
        .first()
    )


# Intake survey ---------------------------------------------------------------------------------


def survey_questions() -> QuerySet[SurveyQuestion]:
    return SurveyQuestion.objects.filter(active=True)


def segment_of(person) -> SegmentResult | None:
    return SegmentResult.objects.filter(person=person).first()


def answers_of(person) -> dict[int, int]:
    return dict(person.survey_answers.values_list("question_id", "value"))


def segment_thresholds() -> tuple[float, float]:
    """(enthusiast from, cynic up to) on the score scale -1..1; settings may override."""
    return (
        getattr(settings, "COMMUNITY_ENTHUSIAST_FROM", 0.35),
        getattr(settings, "COMMUNITY_CYNIC_UP_TO", -0.15),
    )


def segments_by_unit(unit_ids: Iterable[int] | None) -> dict[int | None, dict[str, int]]:
    """{unit id: {segment: people}} of the people in these units (None = everyone), one query."""
    results = SegmentResult.objects.all()
    if unit_ids is not None:
        results = results.filter(person__unit_id__in=list(unit_ids))
    per_unit: dict[int | None, dict[str, int]] = {}
    for unit_id, segment, n in (
        results.values("person__unit_id", "segment")
        .annotate(n=Count("id"))
        .values_list("person__unit_id", "segment", "n")
    ):
        per_unit.setdefault(unit_id, {})[segment] = n
    return per_unit


def segment_totals(per_unit: dict, min_group: int = MIN_GROUP) -> dict:
    """Counts per segment from per-unit counts, leaving out units below `min_group`.

    Summing in a smaller unit would let anyone subtract the shown units from the total and
    uncover it. `total` is everyone who answered; `counted` those whose units are shown;
    `counts` is None when no unit reaches the threshold.
    """
    counts = dict.fromkeys(Segment.values, 0)
    total = counted = 0
    for unit_counts in per_unit.values():
        size = sum(unit_counts.values())
        total += size
        if size >= min_group:
            counted += size
            for segment, n in unit_counts.items():
                counts[segment] += n
    return {"total": total, "counted": counted, "counts": counts if counted else None}


def segment_rows(units, per_unit: dict, min_group: int = MIN_GROUP) -> list[dict]:
    """Per unit (its own people only): counts per segment, or None below `min_group`."""
    rows = []
    for unit in units:
        counts = per_unit.get(unit.id, {})
        total = sum(counts.values())
        shown = None
        if total >= min_group:
            shown = [
                {"segment": s, "label": label, "count": counts.get(s, 0)}
                for s, label in Segment.choices
            ]
        rows.append({"unit": unit, "total": total, "counts": shown})
    return rows


def segment_counts(unit_ids: Iterable[int] | None, min_group: int = MIN_GROUP) -> dict:
    """Counts per segment among people of these units (None = everyone), in one query."""
    return segment_totals(segments_by_unit(unit_ids), min_group)


def segments_per_unit(unit_ids: Iterable[int] | None, min_group: int = MIN_GROUP) -> list[dict]:
    """Per unit (people counted in their own unit only): counts, or None below `min_group`.

    Two queries. Units are not rolled up, so no total can be subtracted to uncover a small unit.
    """
    units = list(units_with_headcount(unit_ids))
    return segment_rows(units, segments_by_unit([u.id for u in units]), min_group)


# Topic calendar --------------------------------------------------------------------------------


def topics_between(start: datetime.date, end: datetime.date) -> QuerySet[Topic]:
    return Topic.objects.filter(starts_on__lte=end, ends_on__gte=start).order_by("starts_on", "id")


def this_weeks_topics(today: datetime.date | None = None) -> QuerySet[Topic]:
    today = today or timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    return topics_between(monday, monday + datetime.timedelta(days=6))


def upcoming_topics(today: datetime.date | None = None) -> QuerySet[Topic]:
    today = today or timezone.localdate()
    return Topic.objects.filter(ends_on__gte=today).order_by("starts_on", "id")


def past_topics(today: datetime.date | None = None) -> QuerySet[Topic]:
    today = today or timezone.localdate()
    return Topic.objects.filter(ends_on__lt=today).order_by("-starts_on", "-id")


def calendar_topics(today: datetime.date | None = None) -> QuerySet[Topic]:
    """What a subscribed calendar shows: the last half year and everything ahead."""
    today = today or timezone.localdate()
    return Topic.objects.filter(ends_on__gte=today - datetime.timedelta(days=183))


# Audience worksheet ----------------------------------------------------------------------------


def worksheet_of(person) -> AudienceWorksheet | None:
    return AudienceWorksheet.objects.filter(person=person).first()


# Nudges ----------------------------------------------------------------------------------------


def last_nudges(learner_ids: Iterable[int]) -> dict[int, datetime.datetime]:
    rows = (
        Nudge.objects.filter(learner_id__in=list(learner_ids))
        .values("learner_id")
        .annotate(last=Max("sent_at"))
    )
    return {row["learner_id"]: row["last"] for row in rows}


# -- for the adoption figures (insights) ----------------------------------------------------------


def segment_keys() -> list[str]:
    """The survey segments' keys (enthusiast, wait-and-see, cynic)."""
    return list(Segment.values)


def segment_key_of(person_id: int) -> str:
    """The person's survey segment, or "" when they did not answer."""
    found = SegmentResult.objects.filter(person_id=person_id).values_list("segment", flat=True)
    return found.first() or ""


def segment_keys_per_person():
    """(person id, segment) of everyone who answered the survey."""
    return SegmentResult.objects.values_list("person_id", "segment").iterator(chunk_size=20000)


def is_reached(person_id: int) -> bool:
    """Whether the person is named as an attendee of an awareness session."""
    return AwarenessSession.attendees.through.objects.filter(person_id=person_id).exists()


def attendee_ids():
    """Ids of everyone named as an attendee of an awareness session."""
    attendees = AwarenessSession.attendees.through.objects.values_list("person_id", flat=True)
    return attendees.distinct().iterator(chunk_size=20000)


def kudos_figures(unit_ids: Iterable[int] | None, *, since: datetime.datetime) -> dict:
    """Kudos received by people of `unit_ids` (None: everyone) since `since`, hidden ones left
    out: how many were `given`, to how many `receivers`, by how many `givers`."""
    kudos = Kudos.objects.filter(created_at__gte=since, hidden_at__isnull=True)
    if unit_ids is not None:
        kudos = kudos.filter(receiver__unit_id__in=list(unit_ids))
    return kudos.aggregate(
        given=Count("id"),
        receivers=Count("receiver", distinct=True),
        givers=Count("giver", distinct=True),
    )
