"""System checks for the policy settings."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def grace_days_valid(app_configs, **kwargs):
    days = getattr(settings, "ACADEMY_POLICY_GRACE_DAYS", 30)
    if isinstance(days, int) and not isinstance(days, bool) and 0 <= days <= 3650:
        return []
    return [
        Error(
            f"ACADEMY_POLICY_GRACE_DAYS must be a whole number of days from 0 to 3650, not {days!r}.",
            hint="Set the environment variable to e.g. 30, or leave it unset.",
            id="policies.E001",
        )
    ]
