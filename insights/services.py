"""Keep the rollups (models.py) in step with what happens in the academy.

Receivers (receivers.py) call these after the lower apps' transactions commit. A person's facts
are recomputed from the source tables on every event that touches them (a few indexed queries
for one person), so they cannot drift; only the weekly counters are incremented. `rebuild()`
recomputes everything in bulk, for `academy seed` and as a repair.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Min, Q, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from certification.models import IssuedCredential
from courses.models import Enrolment, Module, StepCompletion, TimeApproval
from people.models import Person

from .models import ALL_PROGRAMMES, Export, PersonFact, ProgrammeFact, WeeklyActivity


def week_of(moment: datetime.datetime | datetime.date) -> datetime.date:
    """The Monday of the week the moment falls in (in the academy's time zone)."""
    day = timezone.localdate(moment) if isinstance(moment, datetime.datetime) else moment
    return day - datetime.timedelta(days=day.weekday())


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
    valid = IssuedCredential.objects.filter(
        person_id=person_id, status=IssuedCredential.Status.VALID
    ).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
    levels = 0
    next_expiry = None
    for level, expires_at in valid.values_list("definition__level", "expires_at"):
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


def foundation_module_ids() -> set[int]:
    return set(Module.objects.filter(is_foundation=True).values_list("id", flat=True))


@transaction.atomic
def refresh_person(*, person_id: int) -> PersonFact:
    """Recompute one person's facts (all programmes, and per programme) from the sources."""
    now = timezone.now()
    enrolments = list(
        Enrolment.objects.filter(person_id=person_id).values(
            "module_id", "module__programme_id", "module__minutes", "enrolled_at", "completed_at"
        )
    )
    foundation = foundation_module_ids()
    approvals = TimeApproval.objects.filter(person_id=person_id)
    fact, _created = PersonFact.objects.select_for_update().get_or_create(person_id=person_id)
    values = {
        **_learning_facts(enrolments, foundation),
        **_credential_facts(person_id, now),
        "approved_minutes": approvals.filter(status=TimeApproval.Status.APPROVED).aggregate(
            total=Sum("minutes")
        )["total"]
        or 0,
        "waiting_for_approval": approvals.filter(status=TimeApproval.Status.REQUESTED).exists(),
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


def record_enrolment(*, enrolment: Enrolment) -> None:
    """A new enrolment: weekly counters and the person's facts."""
    person = enrolment.person
    for programme_id in (ALL_PROGRAMMES, enrolment.module.programme_id):
        _bump(person.unit_id, enrolment.enrolled_at, programme_id, enrolments=1)
    refresh_person(person_id=person.pk)


def record_module_completion(*, person, module: Module) -> None:
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


def record_credential_issued(*, credential: IssuedCredential) -> None:
    """A credential issued: weekly counter and the holder's facts."""
    _bump(credential.person.unit_id, credential.issued_at, credentials_issued=1)
    refresh_person(person_id=credential.person_id)


# -- bulk rebuild ------------------------------------------------------------------------------


def _chunks(ids: list[int], size: int = 5000):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@transaction.atomic
def rebuild(*, progress=None) -> dict[str, int]:
    """Recompute every rollup from the source tables (set-based; minutes at 100k staff)."""
    now = timezone.now()
    PersonFact.objects.all().delete()
    ProgrammeFact.objects.all().delete()
    WeeklyActivity.objects.all().delete()
    foundation = foundation_module_ids()
    person_ids = list(Person.objects.order_by("id").values_list("id", flat=True))
    facts_written = 0
    for chunk in _chunks(person_ids):
        facts = _bulk_person_facts(chunk, foundation, now)
        PersonFact.objects.bulk_create(facts.values(), batch_size=2000)
        programme_facts = _bulk_programme_facts(chunk)
        ProgrammeFact.objects.bulk_create(programme_facts, batch_size=2000)
        facts_written += len(facts)
        if progress:
            progress(facts_written, len(person_ids))
    weekly = _bulk_weekly()
    WeeklyActivity.objects.bulk_create(weekly, batch_size=2000)
    return {"people": facts_written, "weeks": len(weekly)}


def _bulk_person_facts(person_ids: list[int], foundation: set[int], now) -> dict[int, PersonFact]:
    facts: dict[int, PersonFact] = {}
    foundation_done: dict[int, list[datetime.datetime]] = {}

    def fact(person_id: int) -> PersonFact:
        if person_id not in facts:
            facts[person_id] = PersonFact(person_id=person_id)
        return facts[person_id]

    for row in Enrolment.objects.filter(person_id__in=person_ids).values(
        "person_id", "module_id", "module__minutes", "enrolled_at", "completed_at"
    ):
        f = fact(row["person_id"])
        if f.enrolled_at is None or row["enrolled_at"] < f.enrolled_at:
            f.enrolled_at = row["enrolled_at"]
        if row["completed_at"] is not None:
            f.modules_completed += 1
            f.minutes_completed += row["module__minutes"]
            if row["module_id"] in foundation:
                foundation_done.setdefault(row["person_id"], []).append(row["completed_at"])
    for person_id, done in foundation_done.items():
        if len(done) == len(foundation):
            facts[person_id].foundation_completed_at = max(done)
    for person_id, last in (
        StepCompletion.objects.filter(enrolment__person_id__in=person_ids)
        .values("enrolment__person_id")
        .annotate(last=Max("completed_at"))
        .values_list("enrolment__person_id", "last")
    ):
        fact(person_id).last_activity_at = last
    for person_id, status, minutes in (
        TimeApproval.objects.filter(person_id__in=person_ids)
        .values("person_id", "status")
        .annotate(minutes=Sum("minutes"))
        .values_list("person_id", "status", "minutes")
    ):
        if status == TimeApproval.Status.APPROVED:
            fact(person_id).approved_minutes = minutes
        elif status == TimeApproval.Status.REQUESTED:
            fact(person_id).waiting_for_approval = True
    for person_id, level, expires_at in (
        IssuedCredential.objects.filter(
            person_id__in=person_ids, status=IssuedCredential.Status.VALID
        )
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .values_list("person_id", "definition__level", "expires_at")
    ):
        f = fact(person_id)
        f.credential_levels |= 1 << level
        if expires_at and (f.next_expiry_at is None or expires_at < f.next_expiry_at):
            f.next_expiry_at = expires_at
    return facts


def _bulk_programme_facts(person_ids: list[int]) -> list[ProgrammeFact]:
    completed = Q(completed_at__isnull=False)
    rows = (
        Enrolment.objects.filter(person_id__in=person_ids)
        .values("person_id", "module__programme_id")
        .annotate(
            first=Min("enrolled_at"),
            done=Count("id", filter=completed),
            minutes=Sum("module__minutes", filter=completed),
        )
    )
    last_steps = {
        (person_id, programme_id): last
        for person_id, programme_id, last in StepCompletion.objects.filter(
            enrolment__person_id__in=person_ids
        )
        .values("enrolment__person_id", "enrolment__module__programme_id")
        .annotate(last=Max("completed_at"))
        .values_list("enrolment__person_id", "enrolment__module__programme_id", "last")
    }
    return [
        ProgrammeFact(
            person_id=row["person_id"],
            programme_id=row["module__programme_id"],
            enrolled_at=row["first"],
            modules_completed=row["done"],
            minutes_completed=row["minutes"] or 0,
            last_activity_at=last_steps.get((row["person_id"], row["module__programme_id"])),
        )
        for row in rows
    ]


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

    enrolments = Enrolment.objects.values(
        "person__unit_id", "module__programme_id", week=TruncWeek("enrolled_at")
    ).annotate(n=Count("id"))
    for row in enrolments:
        add(row["person__unit_id"], row["week"], row["module__programme_id"], enrolments=row["n"])
    completions = (
        Enrolment.objects.filter(completed_at__isnull=False)
        .values("person__unit_id", "module__programme_id", week=TruncWeek("completed_at"))
        .annotate(n=Count("id"), minutes=Sum("module__minutes"))
    )
    for row in completions:
        add(
            row["person__unit_id"],
            row["week"],
            row["module__programme_id"],
            module_completions=row["n"],
            minutes_completed=row["minutes"],
        )
    issued = IssuedCredential.objects.values(
        "person__unit_id", week=TruncWeek("issued_at")
    ).annotate(n=Count("id"))
    for row in issued:
        add(row["person__unit_id"], row["week"], None, credentials_issued=row["n"])
    # Active learners are distinct people, so they are counted per programme and overall.
    steps = StepCompletion.objects.annotate(week=TruncWeek("completed_at"))
    overall = steps.values("enrolment__person__unit_id", "week")
    for row in overall.annotate(n=Count("enrolment__person_id", distinct=True)):
        add(row["enrolment__person__unit_id"], row["week"], None, active_learners=row["n"])
    per_programme = steps.values(
        "enrolment__person__unit_id", "enrolment__module__programme_id", "week"
    ).annotate(n=Count("enrolment__person_id", distinct=True))
    for row in per_programme:
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
    from . import selectors, tables
    from .exports import xlsx_bytes
    from .forms import PeopleForm

    form = PeopleForm(export.filters, viewer=export.requested_by)
    filters = form.filters()
    scope = selectors.scope_for(export.requested_by, filters)
    people = selectors.people_table(scope, filters, **form.options())
    total = people.count()
    Export.objects.filter(pk=export.pk).update(rows_total=total)

    def progress(done: int) -> None:
        Export.objects.filter(pk=export.pk).update(rows_done=min(done, total))

    data = xlsx_bytes([tables.people_table(people, total)], progress=progress)
    return f"people-{timezone.localdate():%Y-%m-%d}.xlsx", data
