"""Writing and reading the audit log (in the manner of pretix's `LoggedModel.log_action`).

Every service that decides something about an object (issues or revokes a credential, reviews
an assignment, approves training time) calls `log_action` inside its transaction.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry


def log_action(
    subject: models.Model,
    action: str,
    *,
    actor=None,
    reason: str = "",
    data: dict | None = None,
    at=None,
) -> AuditEntry:
    """Record that `actor` (None: the system) did `action` to `subject`, why, and the facts."""
    entry = AuditEntry(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=str(reason),
        data=data or {},
    )
    if at is not None:
        entry.at = at
    entry.save()
    return entry


def history_of(subject: models.Model) -> models.QuerySet[AuditEntry]:
    """The entries about `subject`, oldest first, with who wrote them."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
    ).select_related("actor")
