"""Required training: the programme team (any units) or a unit lead (the units they lead)
sets a programme or module as required with a due date, or removes the requirement."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import log_action
from people.models import Unit
from people.permissions import is_programme_team, led_unit_ids

from ..models import Module, Programme, Requirement
from ..selectors.requirements import can_manage


def _check_units(by, units: list[Unit]) -> None:
    if is_programme_team(by):
        return
    led = led_unit_ids(by)
    if not led:
        raise PermissionDenied(_("Only the programme team and unit leads set required training."))
    if not units or any(unit.pk not in led for unit in units):
        raise PermissionDenied(_("A unit lead sets required training only for units they lead."))


@transaction.atomic
def set_requirement(
    *,
    by,
    programme: Programme | None = None,
    module: Module | None = None,
    units: list[Unit],
    roles: list[str],
    due_on: datetime.date | None = None,
    due_after_days: int | None = None,
) -> Requirement:
    """Require a programme or a module of people in `units` with `roles` by a due date."""
    _check_units(by, units)
    requirement = Requirement(
        programme=programme,
        module=module,
        roles=sorted(set(roles)),
        due_on=due_on,
        due_after_days=due_after_days,
        created_by=by,
    )
    requirement.full_clean()
    requirement.save()
    requirement.units.set(units)
    log_action(
        requirement,
        "required",
        actor=by,
        data={
            "training": (module or programme).slug,
            "units": sorted(unit.slug for unit in units),
            "roles": requirement.roles,
            "due_on": due_on.isoformat() if due_on else None,
            "due_after_days": due_after_days,
        },
    )
    return requirement


@transaction.atomic
def remove_requirement(*, by, requirement: Requirement) -> None:
    """Stop requiring the training (reminders already sent stay in the ledger)."""
    if not can_manage(by, requirement):
        raise PermissionDenied(_("You may not change this required training."))
    log_action(requirement, "removed", actor=by, data={"training": str(requirement)})
    requirement.delete()
