"""Who may do what in the courses app (built on people.permissions, the one place for roles)."""

from people.permissions import (
    is_programme_team,
    is_trainer,
    is_unit_lead,
    led_unit_ids,
    roles_of,
)

__all__ = [
    "can_author",
    "can_cancel_booking",
    "can_decide_time_approval",
    "can_override",
    "can_review",
    "can_run_session",
    "is_in_audience",
    "is_programme_team",
    "is_trainer",
    "is_unit_lead",
    "review_unit_ids",
]


def can_author(person) -> bool:
    """The programme team writes programmes, modules and steps (admin, course-as-code)."""
    return is_programme_team(person)


def review_unit_ids(reviewer) -> frozenset[int] | None:
    """Units whose learners' assignments `reviewer` may review; None means every unit.

    The programme team reviews everyone; a trainer or champion the learners of their own unit
    and the units below it (and of units they lead).
    """
    if is_programme_team(reviewer):
        return None
    if not is_trainer(reviewer):
        return frozenset()
    cached = getattr(reviewer, "_review_unit_ids", None)
    if cached is None:
        from people.selectors import descendant_unit_ids

        own = descendant_unit_ids([reviewer.unit_id]) if reviewer.unit_id else set()
        cached = frozenset(own | led_unit_ids(reviewer))
        reviewer._review_unit_ids = cached
    return cached


def can_review(reviewer, submission) -> bool:
    """A trainer/champion for the learner's unit, or the programme team; never one's own work."""
    if not reviewer.is_authenticated or reviewer.pk == submission.person_id:
        return False
    units = review_unit_ids(reviewer)
    return units is None or submission.person.unit_id in units


def can_decide_time_approval(person, approval) -> bool:
    """A lead of the learner's unit (or a unit above it), or the programme team; not oneself."""
    if not person.is_authenticated or person.pk == approval.person_id:
        return False
    if is_programme_team(person):
        return True
    unit_id = approval.person.unit_id
    return unit_id is not None and unit_id in led_unit_ids(person)


def can_run_session(person, session) -> bool:
    """The session's trainer or the programme team take attendance and see the roster."""
    if not person.is_authenticated:
        return False
    return is_programme_team(person) or (
        session.trainer_id is not None and session.trainer_id == person.pk and is_trainer(person)
    )


def can_cancel_booking(person, booking) -> bool:
    """The booker themselves, the session's trainer or the programme team."""
    if not person.is_authenticated:
        return False
    return person.pk == booking.person_id or can_run_session(person, booking.session)


def is_in_audience(person, module, *, ancestor_unit_ids: set[int], roles: set[str]) -> bool:
    """Whether the module is aimed at `person` (empty audience lists mean everyone).

    The caller passes the person's unit and the units above it, and their roles, so a whole
    catalogue is checked without a query per module. The programme team sees everything.
    """
    if "programme" in roles:
        return True
    unit_ids = {unit.pk for unit in module.audience_units.all()}
    if unit_ids and not unit_ids & ancestor_unit_ids:
        return False
    wanted = set(module.audience_roles)
    return not wanted or bool(wanted & roles)


def audience_facts(person) -> tuple[set[int], set[str]]:
    """The person's unit with the units above it, and their roles (for `is_in_audience`)."""
    from people.models import Unit

    ancestors: set[int] = set()
    if person.unit_id:
        # Trees are three levels deep (firm -> unit -> team): one query reaches the top.
        unit = Unit.objects.select_related("parent__parent__parent").get(pk=person.unit_id)
        while unit is not None:
            ancestors.add(unit.pk)
            unit = unit.parent
    return ancestors, set(roles_of(person))


def can_override(actor, person) -> bool:
    """Overrides for a learner: a trainer/champion of their unit or the programme team; not oneself."""
    if not actor.is_authenticated or actor.pk == person.pk:
        return False
    units = review_unit_ids(actor)
    return units is None or person.unit_id in units
