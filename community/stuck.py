"""Stuck learners for a champion: enrolled in a module but idle for a while (uses courses)."""

from django.conf import settings

from courses.selectors import stuck_enrolments as courses_stuck

from . import selectors

IDLE_DAYS = getattr(settings, "COMMUNITY_STUCK_AFTER_DAYS", 14)


def stuck_enrolments(champion, *, limit: int | None = None):
    """Enrolments of learners in the champion's units with no progress for IDLE_DAYS."""
    ids = selectors.champion_scope_ids(champion)
    if not ids:
        return []
    enrolments = courses_stuck(unit_ids=ids, idle_days=IDLE_DAYS).exclude(person=champion)
    return list(enrolments[:limit] if limit else enrolments)


def section_context(champion) -> dict:
    enrolments = stuck_enrolments(champion, limit=6)
    return {"stuck": enrolments, "idle_days": IDLE_DAYS}
