"""Who sees the adoption dashboards: the programme team (everything) and unit leads (their units)."""

from people import permissions


def can_see_insights(person) -> bool:
    return permissions.is_programme_team(person) or permissions.is_unit_lead(person)


def can_download(person, export) -> bool:
    return person.is_authenticated and export.requested_by_id == person.pk
