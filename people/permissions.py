"""Who may do what: every role check in the academy goes through this module.

Roles: everyone is a *learner*; a *trainer/champion* has `is_trainer`; a *unit lead* leads one or
more units (and so everything below them); the *programme team* is `is_staff`.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .models import Person, Unit

LEARNER = "learner"
TRAINER = "trainer"
LEAD = "lead"
PROGRAMME = "programme"
ROLES = (LEARNER, TRAINER, LEAD, PROGRAMME)


def is_programme_team(person) -> bool:
    return bool(person.is_authenticated and person.is_active and person.is_staff)


def is_trainer(person) -> bool:
    return bool(
        person.is_authenticated and person.is_active and (person.is_trainer or person.is_staff)
    )


def led_unit_ids(person) -> frozenset[int]:
    """Ids of the units a person leads, including every unit below them (cached per request)."""
    if not person.is_authenticated:
        return frozenset()
    cached = getattr(person, "_led_unit_ids", None)
    if cached is None:
        from .selectors import descendant_unit_ids

        roots = list(person.led_units.values_list("id", flat=True))
        cached = frozenset(descendant_unit_ids(roots)) if roots else frozenset()
        person._led_unit_ids = cached
    return cached


def is_unit_lead(person) -> bool:
    return bool(person.is_authenticated and person.is_active and led_unit_ids(person))


def roles_of(person) -> list[str]:
    """The roles a person holds, most general first."""
    if not person.is_authenticated:
        return []
    roles = [LEARNER]
    if is_trainer(person):
        roles.append(TRAINER)
    if is_unit_lead(person):
        roles.append(LEAD)
    if is_programme_team(person):
        roles.append(PROGRAMME)
    return roles


def can_view_unit(person, unit: Unit) -> bool:
    return is_programme_team(person) or unit.pk in led_unit_ids(person)


def can_view_person(viewer, person: Person) -> bool:
    """Their own record, their unit lead (for units they lead) and the programme team."""
    if not viewer.is_authenticated:
        return False
    if viewer.pk == person.pk or is_programme_team(viewer):
        return True
    return person.unit_id is not None and person.unit_id in led_unit_ids(viewer)


def role_required(check: Callable[[Person], bool]):
    """View decorator: log in first, then 403 unless `check(request.user)` holds."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# -- model permissions (the admin) ----------------------------------------------------------------
# The programme team's work in the admin needs Django model permissions. They come from one group,
# whose membership follows `is_staff` (people.receivers) and whose permissions follow this table
# after every migration: nobody assigns either by hand.
PROGRAMME_TEAM_GROUP = "Programme team"
PROGRAMME_TEAM_PERMISSIONS: dict[str, tuple[str, ...]] = {
    # authoring: programmes, policy, credential definitions and rules, community content
    "courses": ("add", "change", "delete", "view"),
    "policies": ("add", "change", "delete", "view"),
    "certification": ("add", "change", "delete", "view"),
    "community": ("add", "change", "delete", "view"),
    # people and the audit log are read in the admin; they change through the academy's pages,
    # the roster import and single sign-on (so a team member cannot make anyone a superuser).
    "people": ("view",),
    "core": ("view",),
}
