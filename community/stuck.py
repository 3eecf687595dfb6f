"""Stuck learners for a champion: enrolled in a module but idle for a while (uses courses)."""

from django.conf import settings
from django.db.models import Count, Max, Q

from courses.selectors import stuck_enrolments as courses_stuck
from courses.selectors import stuck_person_ids as courses_stuck_ids
from people.models import Person

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


def colleagues(champion):
    """Active colleagues in the champion's units with their progress, by name (one query)."""
    ids = selectors.champion_scope_ids(champion)
    return (
        Person.objects.filter(unit_id__in=ids, is_active=True)
        .exclude(pk=champion.pk)
        .select_related("unit")
        .annotate(
            modules_enrolled=Count("enrolments", distinct=True),
            modules_completed=Count(
                "enrolments", filter=Q(enrolments__completed_at__isnull=False), distinct=True
            ),
            last_active=Max("enrolments__last_activity_at"),
        )
        .order_by("last_name", "first_name", "id")
    )


def stuck_among(person_ids) -> set[int]:
    """Which of these people are stuck on a step (idle in a module, or asking for help)."""
    return set(
        courses_stuck_ids(idle_days=IDLE_DAYS)
        .filter(pk__in=list(person_ids))
        .values_list("pk", flat=True)
    )
