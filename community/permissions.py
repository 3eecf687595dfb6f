"""Who may do what in the community app, built on people.permissions (the one place for roles)."""

from people import permissions


def can_nominate_champion(nominator, unit) -> bool:
    """Oneself for one's own unit, a lead for the units they lead, the programme team anywhere."""
    if not nominator.is_authenticated or not nominator.is_active:
        return False
    if permissions.is_programme_team(nominator):
        return True
    return unit.pk == nominator.unit_id or unit.pk in permissions.led_unit_ids(nominator)


def can_nominate_person(nominator, person, unit) -> bool:
    if not can_nominate_champion(nominator, unit):
        return False
    if nominator.pk == person.pk or permissions.is_programme_team(nominator):
        return True
    return unit.pk in permissions.led_unit_ids(nominator)


def can_decide_champions(person) -> bool:
    return permissions.is_programme_team(person)


def can_record_session(person, unit=None) -> bool:
    """An approved champion (for their units) or the programme team (anywhere)."""
    from .selectors import champion_unit_ids

    if permissions.is_programme_team(person):
        return True
    ids = champion_unit_ids(person)
    return bool(ids) if unit is None else unit.pk in ids


def can_moderate_kudos(person) -> bool:
    return permissions.is_programme_team(person)


def can_plan_topics(person) -> bool:
    return permissions.is_programme_team(person)


def can_see_segments(person) -> bool:
    return permissions.is_programme_team(person) or permissions.is_unit_lead(person)


def segment_unit_ids(person) -> set[int] | None:
    """Units whose survey aggregates a person may see; None means all (programme team)."""
    if permissions.is_programme_team(person):
        return None
    return set(permissions.led_unit_ids(person))


def can_nudge(champion, learner) -> bool:
    from .selectors import champion_scope_ids

    return (
        learner.unit_id is not None
        and learner.pk != champion.pk
        and learner.unit_id in champion_scope_ids(champion)
    )
