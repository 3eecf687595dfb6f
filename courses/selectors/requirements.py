"""Reads of required training (courses.models.Requirement): what a person must complete and by
when, what everyone must complete (for the reminders), and the requirements a person manages.

A requirement names a programme (all its published modules) or one module; it applies to the
people in its units and the units below them (no units: everyone) who hold one of its roles
(no roles: everyone). Each function runs a constant number of queries.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from people.models import Person, Unit
from people.permissions import is_programme_team, led_unit_ids

from ..models import Enrolment, Module, Override, Programme, Requirement, Step
from .learning import my_learning


@dataclass
class RequiredItem:
    """A module someone must complete, with its due date and their progress."""

    module: Module
    due: datetime.date
    percent: int
    next_step: Step | None
    enrolment: Enrolment | None
    today: datetime.date

    @property
    def days_left(self) -> int:
        return (self.due - self.today).days

    @property
    def is_overdue(self) -> bool:
        return self.days_left < 0


@dataclass(frozen=True)
class Obligation:
    """Someone who has not completed a required module yet (for the reminders)."""

    person: Person
    module: Module
    due: datetime.date


def _requirements() -> QuerySet[Requirement]:
    return (
        Requirement.objects.select_related("programme", "module__programme")
        .prefetch_related(
            Prefetch("units", queryset=Unit.objects.only("id", "parent_id", "name", "slug"))
        )
        .order_by("id")
    )


def _descendants(parents: dict[int, int | None]) -> dict[int, set[int]]:
    """For every unit, itself and every unit below it (trees are shallow)."""
    below: dict[int, set[int]] = {unit_id: {unit_id} for unit_id in parents}
    for unit_id in parents:
        parent = parents[unit_id]
        seen = set()
        while parent is not None and parent not in seen:
            seen.add(parent)
            below.setdefault(parent, {parent}).add(unit_id)
            parent = parents.get(parent)
    return below


def _modules_of(requirements: list[Requirement]) -> dict[int, list[Module]]:
    """Each requirement's modules: its module, or the published modules of its programme."""
    programme_ids = {r.programme_id for r in requirements if r.programme_id}
    by_programme: dict[int, list[Module]] = {}
    if programme_ids:
        for module in (
            Module.objects.offered()
            .filter(programme_id__in=programme_ids)
            .select_related("programme")
            .order_by("position", "slug")
        ):
            by_programme.setdefault(module.programme_id, []).append(module)
    return {
        r.pk: [r.module] if r.module_id else by_programme.get(r.programme_id, [])
        for r in requirements
    }


def _roles(person: Person, leads: bool) -> set[str]:
    roles = {"learner"}
    if person.is_trainer or person.is_staff:
        roles.add("trainer")
    if leads:
        roles.add("lead")
    if person.is_staff:
        roles.add("programme")
    return roles


def _applies(requirement: Requirement, unit_ids: set[int], roles: set[str], below) -> bool:
    wanted_units = {unit.pk for unit in requirement.units.all()}
    if wanted_units:
        covered = set().union(*(below.get(unit_id, {unit_id}) for unit_id in wanted_units))
        if not unit_ids & covered:
            return False
    return not requirement.roles or bool(set(requirement.roles) & roles)


def _due_by_module(
    people: Iterable[Person], requirements: list[Requirement]
) -> dict[int, dict[int, tuple[Module, datetime.date]]]:
    """For each person, each module required of them with its earliest due date."""
    modules = _modules_of(requirements)
    parents = dict(Unit.objects.values_list("id", "parent_id"))
    below = _descendants(parents)
    people = list(people)
    leading = set(
        Person.led_units.through.objects.filter(person_id__in=[p.pk for p in people]).values_list(
            "person_id", flat=True
        )
    )
    found: dict[int, dict[int, tuple[Module, datetime.date]]] = {}
    for person in people:
        own = {person.unit_id} if person.unit_id else set()
        roles = _roles(person, person.pk in leading)
        for requirement in requirements:
            if not _applies(requirement, own, roles, below):
                continue
            due = requirement.due_for(person.date_joined)
            mine = found.setdefault(person.pk, {})
            for module in modules[requirement.pk]:
                if module.pk not in mine or due < mine[module.pk][1]:
                    mine[module.pk] = (module, due)
    # A deadline extended for one person (an override) replaces their due date for that module.
    for person_id, module_id, due_on in _extensions(found):
        if module_id in found[person_id]:
            found[person_id][module_id] = (found[person_id][module_id][0], due_on)
    return found


def _extensions(due: dict) -> list[tuple[int, int, datetime.date]]:
    """(person, module, new due date) of the deadlines extended for these people, the latest
    extension last (one query; none when nobody has required training)."""
    if not due:
        return []
    return list(
        Override.objects.filter(kind=Override.Kind.EXTENDED_DEADLINE, person_id__in=list(due))
        .order_by("created_at", "id")
        .values_list("person_id", "step__lesson__module_id", "due_on")
    )


def due_date_of(person, module) -> datetime.date | None:
    """When `person` must complete `module` (their extensions included), or None when it is
    not required of them."""
    requirements = list(_requirements())
    if not requirements:
        return None
    found = _due_by_module([person], requirements).get(person.pk, {}).get(module.pk)
    return found[1] if found else None


def required_training(
    person, *, today: datetime.date | None = None, learning: list | None = None
) -> list[RequiredItem]:
    """Modules `person` must complete and has not completed yet, most urgent first.
    `learning` is `my_learning(person)` when the caller has it already (saves three queries)."""
    if not person.is_authenticated:
        return []
    requirements = list(_requirements())
    if not requirements:
        return []
    today = today or timezone.localdate()
    due = _due_by_module([person], requirements).get(person.pk, {})
    if not due:
        return []
    if learning is None:
        learning = my_learning(person)
    learning = {item.module.pk: item for item in learning}
    items = []
    for module_id, (module, due_on) in due.items():
        item = learning.get(module_id)
        if item is not None and item.is_complete:
            continue
        items.append(
            RequiredItem(
                module=module,
                due=due_on,
                percent=item.percent if item else 0,
                next_step=item.next_step if item else None,
                enrolment=item.enrolment if item else None,
                today=today,
            )
        )
    items.sort(key=lambda i: (i.due, i.module.programme.position, i.module.position, i.module.slug))
    return items


def open_obligations() -> list[Obligation]:
    """Everyone (active) with a required module they have not completed, by due date."""
    requirements = list(_requirements())
    if not requirements:
        return []
    people = list(Person.objects.filter(is_active=True))
    due = _due_by_module(people, requirements)
    completed = set(
        Enrolment.objects.filter(person_id__in=list(due), completed_at__isnull=False).values_list(
            "person_id", "module_id"
        )
    )
    by_id = {person.pk: person for person in people if person.pk in due}
    found = [
        Obligation(person=by_id[person_id], module=module, due=due_on)
        for person_id, modules in due.items()
        for module_id, (module, due_on) in modules.items()
        if (person_id, module_id) not in completed
    ]
    found.sort(key=lambda o: (o.due, o.person.pk, o.module.pk))
    return found


def managed_requirements(person) -> list[Requirement]:
    """Requirements `person` may change: every one for the programme team, for a unit lead
    those whose units all lie in the units they lead."""
    requirements = list(_requirements().select_related("created_by"))
    if is_programme_team(person):
        return requirements
    led = led_unit_ids(person)
    return [r for r in requirements if _within(r, led)]


def _within(requirement: Requirement, led: frozenset[int]) -> bool:
    units = {unit.pk for unit in requirement.units.all()}
    return bool(units) and units <= led


def can_manage(person, requirement: Requirement) -> bool:
    if is_programme_team(person):
        return True
    return _within(requirement, led_unit_ids(person))


def programmes_to_require() -> list:
    """Published programmes with their modules, for the form that sets required training."""
    return list(
        Programme.objects.published()
        .prefetch_related(
            Prefetch("modules", queryset=Module.objects.offered().order_by("position", "slug"))
        )
        .order_by("position", "slug")
    )


def units_to_require_for(person) -> QuerySet[Unit]:
    """Units `person` may set required training for: all, or the units they lead."""
    units = Unit.objects.order_by("name")
    return units if is_programme_team(person) else units.filter(id__in=led_unit_ids(person))
