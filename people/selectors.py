"""Reads about people and units for pages, exports and permission checks."""

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from core.trees import in_tree_order

from .models import Person, Unit


def descendant_unit_ids(root_ids: Iterable[int]) -> set[int]:
    """The given units and everything below them (one query per tree level; trees are shallow)."""
    found: set[int] = set(root_ids)
    frontier = set(found)
    while frontier:
        frontier = (
            set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        )
        found |= frontier
    return found


def ancestor_unit_ids(unit_id: int) -> list[int]:
    """The unit and every unit above it up to the firm, nearest first (one query per level)."""
    found: list[int] = []
    current: int | None = unit_id
    while current is not None and current not in found:
        found.append(current)
        current = Unit.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    return found


def units_with_headcount(unit_ids: Iterable[int] | None = None) -> QuerySet[Unit]:
    units = Unit.objects.select_related("parent").annotate(
        headcount=Count("members", distinct=True)
    )
    if unit_ids is not None:
        units = units.filter(id__in=list(unit_ids))
    return units.order_by("parent__name", "name")


def unit_tree(unit_ids: Iterable[int] | None = None) -> list[tuple[Unit, int]]:
    """Units in tree order with their depth and headcount, in one query."""
    return in_tree_order(units_with_headcount(unit_ids))


def people_in_units(unit_ids: Iterable[int]) -> QuerySet[Person]:
    return (
        Person.objects.filter(unit_id__in=list(unit_ids), is_active=True)
        .select_related("unit", "manager")
        .order_by("last_name", "first_name", "email")
    )


def colleagues_of(person: Person) -> QuerySet[Person]:
    """People in the same unit, for a trainer or champion who helps them along."""
    if person.unit_id is None:
        return Person.objects.none()
    return people_in_units([person.unit_id]).exclude(pk=person.pk)


def organisation_counts() -> dict[str, int]:
    return Person.objects.filter(is_active=True).aggregate(
        people=Count("id"),
        trainers=Count("id", filter=Q(is_trainer=True)),
        programme_team=Count("id", filter=Q(is_staff=True)),
        leads=Count("id", filter=Q(led_units__isnull=False), distinct=True),
    )


def visible_unit_ids(viewer) -> frozenset[int] | None:
    """Units whose people `viewer` may see: None for the programme team (all), a lead's units
    and everything below them, else none."""
    from .permissions import is_programme_team, led_unit_ids

    if is_programme_team(viewer):
        return None
    return led_unit_ids(viewer)


def people_for_staff(
    viewer, *, unit: Unit | None = None, query: str = "", active: bool | None = None
) -> QuerySet[Person]:
    """People the programme team (everyone) or a lead (their units) may see, filtered by a
    unit (with the units below it), words in the name or email, and active or not."""
    allowed = visible_unit_ids(viewer)
    people = Person.objects.select_related("unit", "manager").prefetch_related("led_units")
    if allowed is not None:
        people = people.filter(unit_id__in=allowed)
    if unit is not None:
        people = people.filter(unit_id__in=descendant_unit_ids([unit.pk]))
    if query.strip():
        words = query.strip()[:100]
        people = people.filter(
            Q(email__icontains=words)
            | Q(first_name__icontains=words)
            | Q(last_name__icontains=words)
            | Q(display_name__icontains=words)
        )
    if active is not None:
        people = people.filter(is_active=active)
    return people


def units_for_staff(viewer) -> QuerySet[Unit]:
    """Units the programme team (all) or a lead (theirs and below) may see, with headcounts."""
    return units_with_headcount(visible_unit_ids(viewer))


# -- for the adoption figures (insights) ----------------------------------------------------------


def units(unit_ids: Iterable[int] | None = None) -> QuerySet[Unit]:
    """Units (all, or these), unordered: put them in tree order with `core.trees`."""
    found = Unit.objects.all()
    if unit_ids is not None:
        found = found.filter(id__in=list(unit_ids))
    return found


def staff(unit_ids: Iterable[int] | None = None, *, language: str = "") -> QuerySet[Person]:
    """Active people who belong to a unit: of these units (None: all), speaking `language`."""
    people = Person.objects.filter(is_active=True, unit__isnull=False)
    if unit_ids is not None:
        people = people.filter(unit_id__in=list(unit_ids))
    if language:
        people = people.filter(language=language)
    return people


def people_by_ids(person_ids: Iterable[int]) -> QuerySet[Person]:
    return Person.objects.filter(pk__in=list(person_ids))


def headcount_per_unit(person_ids: Iterable[int]) -> list[tuple[int | None, int]]:
    """(unit id, how many of these people are in it) per unit."""
    return list(
        Person.objects.filter(pk__in=list(person_ids))
        .values_list("unit_id")
        .annotate(count=Count("id"))
        .order_by()
    )
