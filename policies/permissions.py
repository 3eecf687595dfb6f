"""Who may do what with the policy, built on people.permissions (the one place for roles).

Reading the policy needs no login; acknowledging needs one; the programme team writes and
publishes versions; the programme team and unit leads see acknowledgement coverage.
"""

from people import permissions


def can_manage_policy(person) -> bool:
    return permissions.is_programme_team(person)


def can_see_coverage(person) -> bool:
    return permissions.is_programme_team(person) or permissions.is_unit_lead(person)


def coverage_unit_ids(person) -> set[int] | None:
    """Units whose coverage a person may see; None means every unit (programme team)."""
    if permissions.is_programme_team(person):
        return None
    return set(permissions.led_unit_ids(person))
