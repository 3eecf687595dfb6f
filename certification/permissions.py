"""Who may do what with credentials, built on people.permissions (the one place for roles)
and community's champions."""

from community import selectors as community
from people import permissions


def can_nominate(nominator, person) -> bool:
    """A champion for the units they champion, a trainer for their own unit, a lead for the
    units they lead, the programme team for anyone; never oneself."""
    if not nominator.is_authenticated or nominator.pk == person.pk:
        return False
    if permissions.is_programme_team(nominator):
        return True
    if person.unit_id is None:
        return False
    if person.unit_id in permissions.led_unit_ids(nominator):
        return True
    if person.unit_id in community.champion_scope_ids(nominator):
        return True
    return permissions.is_trainer(nominator) and person.unit_id == nominator.unit_id


def may_nominate_anyone(person) -> bool:
    return (
        permissions.is_trainer(person)
        or permissions.is_unit_lead(person)
        or permissions.is_programme_team(person)
        or community.is_champion(person)
    )


def can_decide_nominations(person) -> bool:
    return permissions.is_programme_team(person)
