"""The scheduled pass: small repairs and reminders that run every few minutes.

`academy worker` runs it every ACADEMY_SCHEDULE_MINUTES (default 10) beside the task queue;
`academy scheduled` runs it once (for cron, or by hand). A pass is a function of the run's
moment returning how many things it handled; add one to PASSES.
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

log = logging.getLogger(__name__)


def _reconcile_rollups(now: datetime.datetime) -> int:
    from insights import services

    return services.reconcile_recent(since=now - datetime.timedelta(days=1))


def _retry_stale_exports(now: datetime.datetime) -> int:
    from certification import export
    from insights import services

    started_before = now - datetime.timedelta(minutes=settings.ACADEMY_STALE_JOB_MINUTES)
    return services.retry_stale_exports(started_before=started_before) + export.retry_stale(
        started_before=started_before
    )


def _notifications_due(now: datetime.datetime) -> int:
    from notifications import services

    return sum(services.run_due(now=now).values())


PASSES = {
    "notifications sent or retried": _notifications_due,
    "dashboard rollups reconciled": _reconcile_rollups,
    "stale background jobs retried": _retry_stale_exports,
}


def run(now: datetime.datetime | None = None) -> dict[str, int]:
    """Run every pass once; a failing pass is logged and does not stop the others."""
    now = now or timezone.now()
    done: dict[str, int] = {}
    for name, step in PASSES.items():
        try:
            done[name] = step(now)
        except Exception:
            log.exception("scheduled pass %r failed", name)
    return done
