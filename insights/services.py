"""Keep the rollups (models.py) in step with what happens in the academy.

Receivers (receivers.py) call these after the lower apps' transactions commit. A person's facts
are recomputed from the source tables on every event that touches them (a few indexed queries
for one person), so they cannot drift; only the weekly counters are incremented. `rebuild()`
recomputes everything in bulk, for `academy seed`, the demo, and as a repair
(`academy insights_rebuild`).
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, When
from django.db.models.functions import Now
from django.utils import timezone

from certification import selectors as certification
from community import selectors as community
from courses import selectors as courses
from people import selectors as people_selectors
from policies import selectors as policies

from . import selectors, tables
from .bulk import BulkWriter
from .exports import xlsx_bytes
from .models import (
    ALL_PROGRAMMES,
    Export,
    PersonFact,
    ProgrammeFact,
    WeeklyActivity,
    week_of,
)


def _bump(unit_id: int | None, moment, programme_id: int = ALL_PROGRAMMES, **counts) -> None:
    """Add `counts` to one unit's row of one week (created on first use)."""
    if unit_id is None:
        return
    week = week_of(moment)
    for _attempt in range(2):
        updated = WeeklyActivity.objects.filter(
            unit_id=unit_id, week=week, programme_id=programme_id
        ).update(**{name: F(name) + value for name, value in counts.items()})
        if updated:
            return
        try:
            with transaction.atomic():
                WeeklyActivity.objects.create(
                    unit_id=unit_id, week=week, programme_id=programme_id, **counts
                )
            return
        except IntegrityError:
            continue  # created by someone else a moment ago: add to theirs


def _credential_facts(person_id: int, now) -> dict:
    levels = 0
    next_expiry = None
    for _person_id, level, expires_at in certification.valid_levels(now=now, person_id=person_id):
        levels |= 1 << level
        if expires_at and (next_expiry is None or expires_at < next_expiry):
            next_expiry = expires_at
    return {"credential_levels": levels, "next_expiry_at": next_expiry}


def _learning_facts(enrolments: list[dict], foundation: set[int]) -> dict:
    completed = [e for e in enrolments if e["completed_at"] is not None]
    done_foundation = [e["completed_at"] for e in completed if e["module_id"] in foundation]
    return {
        "enrolled_at": min((e["enrolled_at"] for e in enrolments), default=None),
        "modules_completed": len(completed),
        "minutes_completed": sum(e["module__minutes"] for e in completed),
        "foundation_completed_at": (
            max(done_foundation) if foundation and len(done_foundation) == len(foundation) else None
        ),
    }


def _community_facts(person_id: int) -> dict:
    """The policy version acknowledged, awareness reached, and the survey segment."""
    return {
        "acknowledged_major": policies.acknowledged_major(person_id),
        "reached": community.is_reached(person_id),
        "segment": community.segment_key_of(person_id),
    }


@transaction.atomic
def refresh_person(*, person_id: int) -> PersonFact:
    """Recompute one person's facts (all programmes, and per programme) from the sources."""
    now = timezone.now()
    enrolments = courses.enrolment_rows(person_id)
    foundation = courses.foundation_module_ids()
    time = courses.training_time_of(person_id)
    fact, _created = PersonFact.objects.select_for_update().get_or_create(person_id=person_id)
    values = {
        **_learning_facts(enrolments, foundation),
        **_credential_facts(person_id, now),
        **_community_facts(person_id),
        "approved_minutes": time["approved_minutes"],
        "waiting_for_approval": time["waiting"],
    }
    for name, value in values.items():
        setattr(fact, name, value)
    fact.save()
    by_programme: dict[int, list[dict]] = {}
    for enrolment in enrolments:
        by_programme.setdefault(enrolment["module__programme_id"], []).append(enrolment)
    for programme_id, rows in by_programme.items():
        learning = _learning_facts(rows, set())
        ProgrammeFact.objects.update_or_create(
            person_id=person_id,
            programme_id=programme_id,
            defaults={
                "enrolled_at": learning["enrolled_at"],
                "modules_completed": learning["modules_completed"],
                "minutes_completed": learning["minutes_completed"],
            },
        )
    ProgrammeFact.objects.filter(person_id=person_id).exclude(
        programme_id__in=list(by_programme)
    ).delete()
    return fact


@transaction.atomic
def record_activity(*, person, programme_id: int, at: datetime.datetime) -> None:
    """The person completed a step: count them active that week (once), overall and in the
    programme."""
    week = week_of(at)
    person_fact, _created = PersonFact.objects.select_for_update().get_or_create(
        person_id=person.pk
    )
    if person_fact.last_activity_at is None or week_of(person_fact.last_activity_at) < week:
        _bump(person.unit_id, at, active_learners=1)
    if person_fact.last_activity_at is None or person_fact.last_activity_at < at:
        person_fact.last_activity_at = at
        person_fact.save(update_fields=["last_activity_at", "updated_at"])
    fact, _created = ProgrammeFact.objects.select_for_update().get_or_create(
        person_id=person.pk, programme_id=programme_id
    )
    if fact.last_activity_at is None or week_of(fact.last_activity_at) < week:
        _bump(person.unit_id, at, programme_id, active_learners=1)
    if fact.last_activity_at is None or fact.last_activity_at < at:
        fact.last_activity_at = at
        fact.save(update_fields=["last_activity_at"])


def record_enrolment(*, enrolment) -> None:
    """A new enrolment: weekly counters and the person's facts."""
    person = enrolment.person
    for programme_id in (ALL_PROGRAMMES, enrolment.module.programme_id):
        _bump(person.unit_id, enrolment.enrolled_at, programme_id, enrolments=1)
    refresh_person(person_id=person.pk)


def record_module_completion(*, person, module) -> None:
    """A module completed: weekly counters and the person's facts."""
    at = timezone.now()
    for programme_id in (ALL_PROGRAMMES, module.programme_id):
        _bump(
            person.unit_id,
            at,
            programme_id,
            module_completions=1,
            minutes_completed=module.minutes,
        )
    refresh_person(person_id=person.pk)


def record_credential_issued(*, credential) -> None:
    """A credential issued: weekly counter and the holder's facts."""
    _bump(credential.person.unit_id, credential.issued_at, credentials_issued=1)
    refresh_person(person_id=credential.person_id)


def record_credentials_issued_in_bulk(
    *, level: int, expires_at, issued_at, person_ids: list[int]
) -> None:
    """Many people received a credential of one level at once: their facts in one update
    (and one insert for those without facts yet), the weekly counters once per unit."""
    with transaction.atomic():
        PersonFact.objects.bulk_create(
            [PersonFact(person_id=person_id) for person_id in person_ids],
            ignore_conflicts=True,
            batch_size=2000,
        )
        earlier = Q(next_expiry_at__isnull=False, next_expiry_at__lt=expires_at)
        PersonFact.objects.filter(person_id__in=person_ids).update(
            credential_levels=F("credential_levels").bitor(1 << level),
            next_expiry_at=(
                F("next_expiry_at")
                if expires_at is None
                else Case(When(earlier, then=F("next_expiry_at")), default=expires_at)
            ),
            updated_at=Now(),
        )
        for unit_id, count in people_selectors.headcount_per_unit(person_ids):
            _bump(unit_id, issued_at, credentials_issued=count)


# -- bulk rebuild ------------------------------------------------------------------------------

PERSON_FACT_COLUMNS = [
    "person_id",
    "enrolled_at",
    "last_activity_at",
    "modules_completed",
    "minutes_completed",
    "foundation_completed_at",
    "approved_minutes",
    "waiting_for_approval",
    "credential_levels",
    "next_expiry_at",
    "acknowledged_major",
    "reached",
    "segment",
    "updated_at",
]


@transaction.atomic
def rebuild(*, progress=None) -> dict[str, int]:
    """Recompute every rollup from the source tables: one grouped query per source over the
    whole table, merged in memory, written with COPY (about a minute at 100,000 staff)."""
    report = progress or (lambda done, total: None)
    now = timezone.now()
    steps = 6
    PersonFact.objects.all().delete()
    ProgrammeFact.objects.all().delete()
    WeeklyActivity.objects.all().delete()
    facts = _person_facts(now)
    report(1, steps)
    writer = BulkWriter()
    people = writer.write(
        PersonFact,
        PERSON_FACT_COLUMNS,
        (
            (person_id, *(f[c] for c in PERSON_FACT_COLUMNS[1:-1]), now)
            for person_id, f in facts.items()
        ),
    )
    report(2, steps)
    writer.write(
        ProgrammeFact,
        [
            "person_id",
            "programme_id",
            "enrolled_at",
            "modules_completed",
            "minutes_completed",
            "last_activity_at",
        ],
        list(
            courses.learning_per_person_and_programme()
        ),  # read everything before COPY takes the connection
    )
    report(4, steps)
    weekly = _bulk_weekly()
    writer.write(
        WeeklyActivity,
        ["unit_id", "week", "programme_id", *WEEKLY_COUNTS],
        (
            (w.unit_id, w.week, w.programme_id, *(getattr(w, c) for c in WEEKLY_COUNTS))
            for w in weekly
        ),
    )
    report(steps, steps)
    return {"people": people, "weeks": len(weekly)}


WEEKLY_COUNTS = [
    "enrolments",
    "module_completions",
    "minutes_completed",
    "credentials_issued",
    "active_learners",
]


def _blank_fact() -> dict:
    return {
        "enrolled_at": None,
        "last_activity_at": None,
        "modules_completed": 0,
        "minutes_completed": 0,
        "foundation_completed_at": None,
        "approved_minutes": 0,
        "waiting_for_approval": False,
        "credential_levels": 0,
        "next_expiry_at": None,
        "acknowledged_major": None,
        "reached": False,
        "segment": "",
    }


def _person_facts(now) -> dict[int, dict]:
    """Every person's facts from one grouped query per source (a row only for the active)."""
    foundation = courses.foundation_module_ids()
    facts: dict[int, dict] = {}

    def fact(person_id: int) -> dict:
        found = facts.get(person_id)
        if found is None:
            found = facts[person_id] = _blank_fact()
        return found

    for row in courses.learning_per_person():
        f = fact(row["person_id"])
        f["enrolled_at"] = row["first"]
        f["modules_completed"] = row["done"]
        f["minutes_completed"] = row["minutes"] or 0
        if foundation and row["foundation_done"] == len(foundation):
            f["foundation_completed_at"] = row["foundation_at"]
    for person_id, last in courses.last_step_per_person():
        fact(person_id)["last_activity_at"] = last
    for person_id, approved, waiting in courses.training_time_per_person():
        if approved is not None:
            fact(person_id)["approved_minutes"] = approved
        if waiting:
            fact(person_id)["waiting_for_approval"] = True
    for person_id, level, expires_at in certification.valid_levels(now=now):
        f = fact(person_id)
        f["credential_levels"] |= 1 << level
        if expires_at and (f["next_expiry_at"] is None or expires_at < f["next_expiry_at"]):
            f["next_expiry_at"] = expires_at
    for person_id, major in policies.acknowledged_majors():
        fact(person_id)["acknowledged_major"] = major
    for person_id in community.attendee_ids():
        fact(person_id)["reached"] = True
    for person_id, segment in community.segment_keys_per_person():
        fact(person_id)["segment"] = segment
    return facts


def _bulk_weekly() -> list[WeeklyActivity]:
    """Weekly counters from the source tables, grouped in the database (people counted in
    their current unit)."""
    rows: dict[tuple[int, datetime.date, int], WeeklyActivity] = {}

    def add(unit_id, week, programme_id, **counts):
        if unit_id is None:
            return
        key = (unit_id, timezone.localdate(week) if isinstance(week, datetime.datetime) else week)
        for pid in (ALL_PROGRAMMES, programme_id) if programme_id else (ALL_PROGRAMMES,):
            row = rows.get((*key, pid))
            if row is None:
                row = rows[(*key, pid)] = WeeklyActivity(
                    unit_id=unit_id, week=key[1], programme_id=pid
                )
            for name, value in counts.items():
                setattr(row, name, getattr(row, name) + (value or 0))

    for row in courses.enrolments_per_week():
        add(row["person__unit_id"], row["week"], row["module__programme_id"], enrolments=row["n"])
    for row in courses.completions_per_week():
        add(
            row["person__unit_id"],
            row["week"],
            row["module__programme_id"],
            module_completions=row["n"],
            minutes_completed=row["minutes"],
        )
    for row in certification.issued_per_week():
        add(row["person__unit_id"], row["week"], None, credentials_issued=row["n"])
    # Active learners are distinct people, so they are counted per programme and overall.
    for row in courses.active_learners_per_week(per_programme=False):
        add(row["enrolment__person__unit_id"], row["week"], None, active_learners=row["n"])
    for row in courses.active_learners_per_week(per_programme=True):
        unit_id, week = row["enrolment__person__unit_id"], row["week"]
        if unit_id is None:
            continue
        key = (unit_id, timezone.localdate(week) if isinstance(week, datetime.datetime) else week)
        pid = row["enrolment__module__programme_id"]
        row_obj = rows.get((*key, pid)) or rows.setdefault(
            (*key, pid), WeeklyActivity(unit_id=unit_id, week=key[1], programme_id=pid)
        )
        row_obj.active_learners += row["n"]
    return list(rows.values())


# -- exports ---------------------------------------------------------------------------------------

# Up to this many people an XLSX is made while the browser waits; above it, in the background.
XLSX_INLINE_ROWS = 2000


def request_export(*, viewer, query: dict) -> Export:
    """Queue a background export of the people table with these filters (checked again when
    the task runs, with the viewer's permissions at that time)."""
    from . import tasks

    export = Export.objects.create(
        requested_by=viewer, table="people", format=Export.Format.XLSX, filters=query
    )
    transaction.on_commit(lambda: tasks.make_export.enqueue(export.pk))
    return export


def export_file(export: Export) -> tuple[str, bytes]:
    """Make the file of a queued export: (file name, contents)."""
    filters, options = selectors.people_query(export.filters, viewer=export.requested_by)
    scope = selectors.scope_for(export.requested_by, filters)
    people = selectors.people_table(scope, filters, **options)
    total = people.count()
    Export.objects.filter(pk=export.pk).update(rows_total=total)

    def progress(done: int) -> None:
        Export.objects.filter(pk=export.pk).update(rows_done=min(done, total))

    data = xlsx_bytes([tables.people_table(people, total)], progress=progress)
    return f"people-{timezone.localdate():%Y-%m-%d}.xlsx", data


# -- the scheduled pass ----------------------------------------------------------------------------


def reconcile_recent(*, since: datetime.datetime) -> int:
    """Recompute the facts of everyone whose learning or credentials changed since `since`.

    The rollups are kept up to date as things happen; a web process killed between a change and
    its receiver leaves a fact behind. This pass (run by `academy worker`) repairs those.
    """
    people = courses.learners_active_since(since) | certification.holders_issued_since(since)
    for person_id in sorted(people):
        refresh_person(person_id=person_id)
    return len(people)


def retry_export(*, export: Export) -> Export:
    """Queue a failed (or abandoned) export again; the page shows its progress afresh."""
    from . import tasks

    with transaction.atomic():
        Export.objects.filter(pk=export.pk).update(
            status=Export.Status.QUEUED, rows_done=0, error="", finished_at=None
        )
        transaction.on_commit(lambda: tasks.make_export.enqueue(export.pk))
    export.refresh_from_db()
    return export


def retry_stale_exports(*, started_before: datetime.datetime) -> int:
    """Queue again the exports still `running` that began before `started_before`: their worker
    died (a live export updates within minutes)."""
    stale = list(Export.objects.filter(status=Export.Status.RUNNING, created_at__lt=started_before))
    for export in stale:
        retry_export(export=export)
    return len(stale)
