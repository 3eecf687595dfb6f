"""Figures for the adoption dashboards: each block a fixed number of queries at any size.

Per-person figures come from the rollups (PersonFact, ProgrammeFact, WeeklyActivity); reach,
segments, policy coverage, kudos, reviews and sessions are read from their own apps, which keep
them small. Units are counted in their own members and rolled up the tree for display.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FilteredRelation,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import gettext as _

from certification import selectors as certification_selectors
from community import selectors as community_selectors
from community.stuck import IDLE_DAYS as STUCK_AFTER_DAYS
from core.languages import CODES
from core.trees import in_tree_order, subtree_ids
from courses import selectors as courses_selectors
from people import selectors as people_selectors
from policies import selectors as policy_selectors

from .models import ALL_PROGRAMMES, WeeklyActivity, week_of

PERIODS = (4, 12, 26, 52)  # weeks
EXPIRY_WINDOWS = (30, 60, 90)  # days
ACTIVE_WINDOWS = (30, 90)  # days


@dataclass(frozen=True)
class Filters:
    unit: object | None = None  # a unit (people), with everything below it
    programme: object | None = None  # a programme (courses)
    language: str = ""
    weeks: int = 12

    def as_query(self) -> dict[str, str]:
        query = {"weeks": str(self.weeks)}
        if self.unit:
            query["unit"] = str(self.unit.pk)
        if self.programme:
            query["programme"] = self.programme.slug
        if self.language:
            query["language"] = self.language
        return query


@dataclass
class Scope:
    """The units a viewer may see (None: the whole firm) narrowed by the unit filter."""

    unit_ids: frozenset[int] | None
    units: list[tuple]  # (unit, depth) in tree order


def allowed_unit_ids(viewer) -> frozenset[int] | None:
    """None for the programme team (everything); a lead's units and below; else nothing."""
    return people_selectors.visible_unit_ids(viewer)


def units_for_filter(viewer) -> list[tuple]:
    return _tree(allowed_unit_ids(viewer))


def _tree(unit_ids) -> list[tuple]:
    return in_tree_order(people_selectors.units(unit_ids))


def scope_for(viewer, filters: Filters) -> Scope:
    """What `viewer` sees with these filters (the unit filter cannot widen a lead's view)."""
    allowed = allowed_unit_ids(viewer)
    tree = _tree(allowed)
    if filters.unit is None:
        return Scope(unit_ids=allowed, units=tree)
    below = subtree_ids(tree, filters.unit.pk)
    return Scope(unit_ids=frozenset(below), units=[(u, d) for u, d in tree if u.id in below])


# -- the funnel per unit -------------------------------------------------------------------------


@dataclass
class Stage:
    key: str
    label: str


@dataclass
class UnitFigures:
    unit: object | None  # a unit (people); None for the total
    depth: int = 0
    values: dict[str, int] = field(default_factory=dict)  # the unit and everything below it
    own: dict[str, int] = field(default_factory=dict)  # the unit's own people only

    def __getitem__(self, key: str) -> int:
        return self.values.get(key, 0)

    def percent(self, key: str) -> int | None:
        headcount = self.values.get("headcount", 0)
        return round(100 * self.values.get(key, 0) / headcount) if headcount else None


def credential_levels() -> list[tuple[int, str]]:
    """(level, title) of the active credentials, lowest first; one title per level."""
    levels: dict[int, list[str]] = {}
    for definition in certification_selectors.active_definitions():
        levels.setdefault(definition.level, []).append(definition.title())
    return [(level, " / ".join(titles)) for level, titles in sorted(levels.items())]


def stages(levels: list[tuple[int, str]], programme) -> list[Stage]:
    return [
        Stage("headcount", _("Headcount")),
        Stage("reached", _("Reached by awareness sessions")),
        Stage(
            "enrolled",
            _("Enrolled in %(programme)s") % {"programme": programme.title()}
            if programme
            else _("Enrolled"),
        ),
        Stage("foundation", _("Completed the foundation")),
        *[Stage(f"level_{level}", title) for level, title in levels],
    ]


def _people(scope: Scope, filters: Filters) -> QuerySet:
    return people_selectors.staff(scope.unit_ids, language=filters.language)


def _per_unit(scope: Scope, filters: Filters, levels, now) -> dict[int, dict[str, int]]:
    """One grouped query over people and their facts: every per-person figure of each unit."""
    people = _people(scope, filters)
    current = policy_selectors.current_version()
    if filters.programme is not None:
        people = people.annotate(
            pf=FilteredRelation(
                "programme_facts", condition=Q(programme_facts__programme=filters.programme)
            )
        )
        learning = "pf__"
    else:
        learning = "insight_fact__"
    levels_field = F("insight_fact__credential_levels")
    aggregates = {
        "headcount": Count("id"),
        "enrolled": Count("id", filter=Q(**{f"{learning}enrolled_at__isnull": False})),
        "foundation": Count("id", filter=Q(insight_fact__foundation_completed_at__isnull=False)),
        "minutes_completed": Coalesce(Sum(f"{learning}minutes_completed"), 0),
        "approved_minutes": Coalesce(Sum("insight_fact__approved_minutes"), 0),
        "waiting_for_approval": Count("id", filter=Q(insight_fact__waiting_for_approval=True)),
        "reached": Count("id", filter=Q(insight_fact__reached=True)),
        "acknowledged": Count(
            "id",
            filter=Q(insight_fact__acknowledged_major__gte=current.major)
            if current is not None
            else Q(pk__in=[]),
        ),
        **{
            f"segment_{segment}": Count("id", filter=Q(insight_fact__segment=segment))
            for segment in community_selectors.segment_keys()
        },
        **{
            f"active_{days}": Count(
                "id",
                filter=Q(
                    **{f"{learning}last_activity_at__gte": now - datetime.timedelta(days=days)}
                ),
            )
            for days in ACTIVE_WINDOWS
        },
        **{
            f"level_{level}": Coalesce(
                Sum(
                    Case(
                        When(GreaterThan(levels_field.bitand(1 << level), 0), then=Value(1)),
                        default=Value(0),
                        output_field=IntegerField(),
                    )
                ),
                0,
            )
            for level, _title in levels
        },
    }
    return {row.pop("unit_id"): row for row in people.values("unit_id").annotate(**aggregates)}


@dataclass
class Funnel:
    stages: list[Stage]
    rows: list[UnitFigures]  # one per unit in scope, each counting its unit and everything below
    total: UnitFigures
    levels: list[tuple[int, str]]


def funnel(scope: Scope, filters: Filters) -> Funnel:
    """The adoption funnel and the per-unit figures beside it (about ten queries)."""
    now = timezone.now()
    levels = credential_levels()
    own: dict[int, dict[str, int]] = {}

    def merge(unit_id, values: dict):
        target = own.setdefault(unit_id, {})
        for key, value in values.items():
            target[key] = target.get(key, 0) + (value or 0)

    for unit_id, values in _per_unit(scope, filters, levels, now).items():
        merge(unit_id, values)
    expiring = certification_selectors.expiring_per_unit(
        scope.unit_ids, language=filters.language, now=now, windows=EXPIRY_WINDOWS
    )
    for unit_id, values in expiring.items():
        merge(unit_id, values)
    # Sessions recorded with only a head count add to their unit's reach (capped at its
    # headcount); they say nothing about languages, so a language filter leaves them out.
    if not filters.language:
        for unit_id, counted in community_selectors.head_count_reach(scope.unit_ids).items():
            values = own.setdefault(unit_id, {})
            values["reached"] = community_selectors.reached(
                values.get("headcount", 0), values.get("reached", 0), counted
            )
    rows = _roll_up(scope.units, own)
    in_scope = {u.id for u, _d in scope.units}
    roots = {u.id for u, _d in scope.units if u.parent_id not in in_scope}
    total = UnitFigures(unit=None)
    for row in rows:
        if row.unit.id in roots:
            for key, value in row.values.items():
                total.values[key] = total.values.get(key, 0) + value
    return Funnel(stages=stages(levels, filters.programme), rows=rows, total=total, levels=levels)


def _roll_up(units: list[tuple], own: dict[int, dict[str, int]]) -> list[UnitFigures]:
    """Each unit's figures plus those of every unit below it (units come in tree order)."""
    rows = [
        UnitFigures(
            unit=unit, depth=depth, values=dict(own.get(unit.id, {})), own=own.get(unit.id, {})
        )
        for unit, depth in units
    ]
    by_id = {row.unit.id: row for row in rows}
    for row in reversed(rows):  # children come after their parent: add each to its parent
        parent = by_id.get(row.unit.parent_id)
        if parent is not None:
            for key, value in row.values.items():
                parent.values[key] = parent.values.get(key, 0) + value
    return rows


# -- trends ----------------------------------------------------------------------------------------

TREND_SERIES = ("enrolments", "module_completions", "active_learners", "credentials_issued")


@dataclass
class Trend:
    weeks: list[datetime.date]
    series: dict[str, list[int]]


def trend(scope: Scope, filters: Filters) -> Trend:
    """Weekly figures over the period, a zero for weeks without activity (one query)."""
    this_week = week_of(timezone.now())
    weeks = [this_week - datetime.timedelta(weeks=n) for n in range(filters.weeks - 1, -1, -1)]
    rows = WeeklyActivity.objects.filter(
        week__gte=weeks[0],
        programme_id=filters.programme.pk if filters.programme else ALL_PROGRAMMES,
    )
    if scope.unit_ids is not None:
        rows = rows.filter(unit_id__in=scope.unit_ids)
    totals = {
        row.pop("week"): row
        for row in rows.values("week").annotate(**{name: Sum(name) for name in TREND_SERIES})
    }
    return Trend(
        weeks=weeks,
        series={
            name: [(totals.get(week) or {}).get(name) or 0 for week in weeks]
            for name in TREND_SERIES
        },
    )


# -- other blocks ----------------------------------------------------------------------------------


def _period_start(filters: Filters) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(weeks=filters.weeks)


def review_backlog(scope: Scope) -> dict:
    """Assignments waiting for review: how many, how many for over a week, the oldest."""
    return courses_selectors.review_backlog_figures(scope.unit_ids)


def kudos_activity(scope: Scope, filters: Filters) -> dict:
    """Kudos received by people in scope during the period (hidden ones left out)."""
    return community_selectors.kudos_figures(scope.unit_ids, since=_period_start(filters))


def sessions(scope: Scope, filters: Filters) -> list[dict]:
    """Instructor-led sessions of the period: capacity, booked, attended, no-shows (one query)."""
    rows = courses_selectors.session_figures(scope.unit_ids, since=_period_start(filters))
    return [
        {
            "session": session,
            "title": session.step.title(),
            "capacity": session.capacity,
            "booked": session.booked,
            "attended": session.attended,
            "no_shows": session.no_shows,
            "waitlisted": session.waitlisted,
            "fill": round(100 * session.booked / session.capacity) if session.capacity else 0,
        }
        for session in rows
    ]


def segments(scope: Scope) -> dict:
    """Intake-survey segments per unit (its own people), only where enough people answered.

    The language and programme filters do not apply: a unit's segments are always counted over
    everyone in it who answered. Otherwise two allowed views (a unit, and the unit in one
    language) could differ by one person, and the difference would be that person's answer.
    Each unit is shown whole or not at all, so any two views differ only by whole units of at
    least five people.
    """
    units = [unit for unit, _depth in scope.units]
    per_unit = community_selectors.segments_by_unit([unit.id for unit in units])
    return {
        "totals": community_selectors.segment_totals(per_unit),
        "per_unit": [
            row
            for row in community_selectors.segment_rows(units, per_unit)
            if row["counts"] is not None
        ],
        "min_group": community_selectors.MIN_GROUP,
    }


def policy_version():
    return policy_selectors.current_version()


# -- the people table ------------------------------------------------------------------------------

PEOPLE_SORTS = {
    "name": [F("last_name").asc(), F("first_name").asc(), F("id").asc()],
    "unit": [F("unit__name").asc(), F("last_name").asc(), F("id").asc()],
    "modules": [F("insight_fact__modules_completed").desc(nulls_last=True), F("id").asc()],
    "hours": [F("insight_fact__minutes_completed").desc(nulls_last=True), F("id").asc()],
    "active": [F("insight_fact__last_activity_at").desc(nulls_last=True), F("id").asc()],
    "level": [F("insight_fact__credential_levels").desc(nulls_last=True), F("id").asc()],
    "expiry": [F("insight_fact__next_expiry_at").asc(nulls_last=True), F("id").asc()],
}


def _policy_acknowledged():
    """True when the person acknowledged the current policy's major version (None: no policy)."""
    current = policy_version()
    if current is None:
        return Value(None, output_field=BooleanField())
    return Case(
        When(insight_fact__acknowledged_major__gte=current.major, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def _in_stage(people: QuerySet, stage: str) -> QuerySet:
    """The people a funnel stage counts (the drill-down from the dashboard's funnel)."""
    if stage == "reached":
        return people.filter(insight_fact__reached=True)
    if stage == "enrolled":
        return people.filter(insight_fact__enrolled_at__isnull=False)
    if stage == "foundation":
        return people.filter(insight_fact__foundation_completed_at__isnull=False)
    if stage.startswith("level_") and stage[6:].isdigit():
        bit = 1 << int(stage[6:])
        return people.annotate(stage_bit=F("insight_fact__credential_levels").bitand(bit)).filter(
            stage_bit__gt=0
        )
    return people


PEOPLE_STATES = (
    "not_enrolled",
    "learning",
    "waiting",
    "expiring",
    "credentialed",
    "no_policy",
    "stuck",
)
PEOPLE_DEFAULTS = {"q": "", "state": "", "stage": "", "sort": "name"}
MAX_SEARCH = 100


def people_query(query: dict, *, viewer) -> tuple[Filters, dict[str, str]]:
    """The people table's filters and options from a query (as the page had it), checked as the
    page's form checks them: any value out of place gives the defaults. For a background
    export, which reads the query it was asked with, not a form."""
    defaults = Filters(), dict(PEOPLE_DEFAULTS)
    options = {key: str(query.get(key) or "") for key in PEOPLE_DEFAULTS}
    options["q"] = options["q"].strip()
    language = str(query.get("language") or "")
    stage_keys = {stage.key for stage in stages(credential_levels(), None)[1:]}
    if (
        len(options["q"]) > MAX_SEARCH
        or options["state"] not in ("", *PEOPLE_STATES)
        or options["stage"] not in ("", *stage_keys)
        or options["sort"] not in ("", *PEOPLE_SORTS)
        or language not in ("", *CODES)
    ):
        return defaults
    unit = None
    if query.get("unit"):
        units = {str(unit.pk): unit for unit, _depth in units_for_filter(viewer)}
        unit = units.get(str(query["unit"]).strip())
        if unit is None:
            return defaults
    options["sort"] = options["sort"] or "name"
    return Filters(unit=unit, language=language), options


def people_table(scope: Scope, filters: Filters, *, q="", state="", stage="", sort="name"):
    """People in scope with their figures and valid credentials (three queries per page)."""
    now = timezone.now()
    people = _people(scope, filters).select_related("unit", "insight_fact")
    if q:
        people = people.filter(
            Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(display_name__icontains=q)
            | Q(email__icontains=q)
        )
    states = {
        "not_enrolled": Q(insight_fact__isnull=True) | Q(insight_fact__enrolled_at__isnull=True),
        "learning": Q(
            insight_fact__enrolled_at__isnull=False,
            insight_fact__foundation_completed_at__isnull=True,
        ),
        "waiting": Q(insight_fact__waiting_for_approval=True),
        "expiring": Q(
            insight_fact__next_expiry_at__gt=now,
            insight_fact__next_expiry_at__lte=now + datetime.timedelta(days=max(EXPIRY_WINDOWS)),
        ),
        "credentialed": Q(insight_fact__credential_levels__gt=0),
        "no_policy": Q(policy_acknowledged=False),
        "stuck": Q(pk__in=courses_selectors.stuck_person_ids(idle_days=STUCK_AFTER_DAYS)),
    }
    people = people.annotate(policy_acknowledged=_policy_acknowledged())
    if state in states:
        people = people.filter(states[state])
    people = _in_stage(people, stage)
    valid = certification_selectors.valid_credentials(now)
    return people.order_by(*PEOPLE_SORTS.get(sort, PEOPLE_SORTS["name"])).prefetch_related(
        Prefetch("credentials", queryset=valid, to_attr="valid_credentials")
    )
