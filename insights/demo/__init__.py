"""Demo content of insights, loaded by `academy demo` (idempotent).

The rollups are rebuilt from what the other apps' demos created: their progress is dated over
the past weeks, while the receivers count things in the week they happen. A second run rebuilds
the same figures and so reports nothing created.
"""

from django.db.models import Count, Sum


def _fingerprint() -> tuple:
    from ..models import PersonFact, WeeklyActivity

    people = PersonFact.objects.aggregate(
        n=Count("person"), modules=Sum("modules_completed"), levels=Sum("credential_levels")
    )
    weeks = WeeklyActivity.objects.aggregate(
        n=Count("id"),
        enrolments=Sum("enrolments"),
        active=Sum("active_learners"),
        completions=Sum("module_completions"),
    )
    return (*people.values(), *weeks.values())


def load() -> list[str]:
    from ..services import rebuild

    before = _fingerprint()
    figures = rebuild()
    if _fingerprint() == before:
        return []
    return [f"adoption figures for {figures['people']} people over {figures['weeks']} unit-weeks"]
