"""The dashboards' tables, built once for the page and for the CSV/XLSX exports alike."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .exports import Table
from .selectors import ACTIVE_WINDOWS, EXPIRY_WINDOWS, Funnel, Trend, UnitFigures


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    percent: bool = False  # also show the share of the headcount
    hours: bool = False  # the value is in minutes; shown in hours


@dataclass
class Cell:
    value: int | float | str
    percent: int | None = None


def funnel_columns(funnel: Funnel) -> list[Column]:
    """The funnel per unit: headcount, then each stage as a count and a share."""
    return [
        Column("headcount", _("Headcount")),
        *[Column(stage.key, stage.label, percent=True) for stage in funnel.stages[1:]],
    ]


def activity_columns() -> list[Column]:
    """Activity, time, policy and expiry per unit."""
    return [
        *[
            Column(f"active_{days}", _("Active in the last %(days)d days") % {"days": days}, True)
            for days in ACTIVE_WINDOWS
        ],
        Column("minutes_completed", _("Hours of modules completed"), hours=True),
        Column("approved_minutes", _("Hours of training time approved"), hours=True),
        Column("waiting_for_approval", _("Waiting for time approval")),
        Column("acknowledged", _("Acknowledged the current policy"), percent=True),
        *[
            Column(
                f"expiring_{days}", _("Credentials expiring within %(days)d days") % {"days": days}
            )
            for days in EXPIRY_WINDOWS
        ],
    ]


def unit_columns(funnel: Funnel) -> list[Column]:
    return funnel_columns(funnel) + activity_columns()


def _cells(figures: UnitFigures, columns: list[Column]) -> list[Cell]:
    cells = []
    for column in columns:
        value = figures[column.key]
        if column.hours:
            value = round(value / 60, 1)
        cells.append(Cell(value, figures.percent(column.key) if column.percent else None))
    return cells


@dataclass
class UnitRow:
    label: str
    depth: int
    cells: list[Cell]
    unit_id: int | None = None  # for the drill-down to the people table


def unit_rows(funnel: Funnel, columns: list[Column]) -> tuple[list[UnitRow], UnitRow]:
    rows = [
        UnitRow(row.unit.name, row.depth, _cells(row, columns), row.unit.id) for row in funnel.rows
    ]
    return rows, UnitRow(_("Total"), 0, _cells(funnel.total, columns))


def units_table(funnel: Funnel) -> Table:
    """Per unit (with everything below it) and the total, counts and shares in columns."""
    columns = unit_columns(funnel)
    header = [_("Unit"), _("Level")]
    for column in columns:
        header.append(column.label)
        if column.percent:
            header.append(_("%(column)s (%% of headcount)") % {"column": column.label})
    rows, total = unit_rows(funnel, columns)

    def flat(row: UnitRow) -> list:
        values = [row.label, row.depth]
        for column, cell in zip(columns, row.cells, strict=True):
            values.append(cell.value)
            if column.percent:
                values.append(cell.percent)
        return values

    return Table("units", header, [flat(row) for row in rows] + [flat(total)], len(rows) + 1)


def trend_series_labels() -> dict[str, str]:
    return {
        "enrolments": _("Enrolments"),
        "module_completions": _("Modules completed"),
        "active_learners": _("Active learners"),
        "credentials_issued": _("Credentials issued"),
    }


def trends_table(trend: Trend) -> Table:
    labels = trend_series_labels()
    header = [_("Week starting"), *labels.values()]
    rows = [
        [week.isoformat(), *[trend.series[key][i] for key in labels]]
        for i, week in enumerate(trend.weeks)
    ]
    return Table("trends", header, rows, len(rows))


PEOPLE_COLUMNS = [
    ("name", gettext_lazy("Name")),
    ("email", gettext_lazy("Email")),
    ("unit", gettext_lazy("Unit")),
    ("language", gettext_lazy("Language")),
    ("enrolled_on", gettext_lazy("Enrolled on")),
    ("modules", gettext_lazy("Modules completed")),
    ("hours", gettext_lazy("Hours completed")),
    ("last_active", gettext_lazy("Last active")),
    ("credentials", gettext_lazy("Credentials")),
    ("next_expiry", gettext_lazy("Next expiry")),
    ("waiting", gettext_lazy("Waiting for time approval")),
    ("policy", gettext_lazy("Current policy acknowledged")),
]


def people_header() -> list[str]:
    return [str(label) for _key, label in PEOPLE_COLUMNS]


def person_values(person) -> dict:
    """One person's row of the people table (the page and the exports show the same)."""
    fact = getattr(person, "insight_fact", None)

    def day(moment):
        return timezone.localtime(moment).date() if moment else ""

    return {
        "name": person.name,
        "email": person.email,
        "unit": person.unit.name if person.unit else "",
        "language": person.language,
        "enrolled_on": day(fact.enrolled_at) if fact else "",
        "modules": fact.modules_completed if fact else 0,
        "hours": round(fact.minutes_completed / 60, 1) if fact else 0.0,
        "last_active": day(fact.last_activity_at) if fact else "",
        "credentials": ", ".join(c.title for c in person.valid_credentials),
        "next_expiry": day(fact.next_expiry_at) if fact else "",
        "waiting": _("yes") if fact and fact.waiting_for_approval else _("no"),
        "policy": _policy_cell(getattr(person, "policy_acknowledged", None)),
    }


def _policy_cell(acknowledged: bool | None) -> str:
    if acknowledged is None:
        return ""  # no policy is published yet
    return _("yes") if acknowledged else _("no")


def person_row(person) -> list:
    """The exports' row: dates as ISO text (YYYY-MM-DD), which every spreadsheet reads."""
    values = person_values(person)
    return [
        date_format(value, "Y-m-d") if isinstance(value, datetime.date) else value
        for value in (values[key] for key, _label in PEOPLE_COLUMNS)
    ]


def people_table(people, total: int | None = None) -> Table:
    """Every person of the queryset (iterated in chunks, so 100,000 rows stay in bounds)."""

    def rows():
        # Prefetching needs a chunk size; 2,000 people per round trip.
        for person in people.iterator(chunk_size=2000):
            yield person_row(person)

    return Table("people", people_header(), rows(), total)
