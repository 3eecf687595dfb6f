"""Reads of the notifications app for pages and the header."""

from django.db.models import QuerySet

from . import kinds
from .models import Notification, OptOut


def unread_count(person) -> int:
    """How many notifications `person` has not opened (one query)."""
    if not person.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=person, read_at__isnull=True).count()


def notifications_of(person) -> QuerySet[Notification]:
    """The person's notifications, newest first."""
    return Notification.objects.filter(recipient=person).order_by("-created_at", "-id")


def notification_of(person, pk: int) -> Notification | None:
    """One of the person's own notifications (None for anyone else's)."""
    return Notification.objects.filter(recipient=person, pk=pk).first()


def preferences_of(person) -> dict[str, bool]:
    """For every kind, whether `person` gets it (mandatory kinds always)."""
    off = set(OptOut.objects.filter(person=person).values_list("kind", flat=True))
    return {slug: slug in kinds.MANDATORY or slug not in off for slug in kinds.KINDS}


def failed_emails() -> QuerySet[Notification]:
    """Emails that could not be sent, for the programme team (latest first)."""
    return (
        Notification.objects.filter(email=Notification.Email.FAILED)
        .select_related("recipient")
        .order_by("-created_at", "-id")
    )
