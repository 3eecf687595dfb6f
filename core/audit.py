"""Writing and reading the audit log (in the manner of pretix's `LoggedModel.log_action`).

Every service that decides something about an object (issues or revokes a credential, reviews
an assignment, approves training time) calls `log_action` inside its transaction.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry


def _actor_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


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
        actor=_actor_or_none(actor),
        reason=str(reason),
        data=data or {},
    )
    if at is not None:
        entry.at = at
    entry.save()
    return entry


def log_actions(
    model: type[models.Model],
    object_ids: list[int],
    action: str,
    *,
    actor=None,
    reason: str = "",
    data: dict | None = None,
) -> None:
    """`log_action` for many objects of one model at once, in one statement (bulk work)."""
    content_type = ContentType.objects.get_for_model(model)
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                content_type=content_type,
                object_id=object_id,
                action=action,
                actor=_actor_or_none(actor),
                reason=str(reason),
                data=data or {},
            )
            for object_id in object_ids
        ],
        batch_size=1000,
    )


def history_of(subject: models.Model) -> models.QuerySet[AuditEntry]:
    """The entries about `subject`, oldest first, with who wrote them."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
    ).select_related("actor")


def histories_of(model: type[models.Model], object_ids) -> dict[int, list[AuditEntry]]:
    """The entries about each of these objects of one model, oldest first, in one query."""
    found: dict[int, list[AuditEntry]] = {object_id: [] for object_id in object_ids}
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=list(found)
    ).select_related("actor")
    for entry in entries:
        found[entry.object_id].append(entry)
    return found
