"""Writes of the notifications app: the scheduled pass (`run_due`), one notification as it
happens (`notify`), sending its email, reading, and preferences.

Sending once is the database's job: the ledger's unique key (kind, recipient, subject,
occasion) refuses a second row, so a pass that runs twice, or two passes at once on two
workers, insert each notification once, and only the pass that inserted it emails it.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import kinds
from .models import Notification, OptOut

log = logging.getLogger(__name__)

# An email is tried this many times (each pass tries the failed ones again) before it waits
# for the programme team.
EMAIL_ATTEMPTS = 3


def _opted_out(person_ids: set[int]) -> set[tuple[int, str]]:
    return set(
        OptOut.objects.filter(person_id__in=person_ids)
        .exclude(kind__in=kinds.MANDATORY)
        .values_list("person_id", "kind")
    )


def _existing(candidates: list[kinds.Candidate]) -> set[tuple]:
    """Ledger keys of the candidates already sent (one query per kind and subject type)."""
    found = set()
    groups: dict[tuple[str, int], set[int]] = {}
    for c in candidates:
        ctype = ContentType.objects.get_for_model(c.subject)
        groups.setdefault((c.kind, ctype.pk), set()).add(c.subject.pk)
    for (kind, ctype_id), subject_ids in groups.items():
        found |= set(
            Notification.objects.filter(
                kind=kind, subject_type_id=ctype_id, subject_id__in=subject_ids
            ).values_list("kind", "recipient_id", "subject_type_id", "subject_id", "occasion")
        )
    return found


def _insert(candidate: kinds.Candidate, *, now: datetime.datetime) -> Notification | None:
    """Insert one notification unless its key is taken (then None); words in the recipient's language."""
    recipient = candidate.recipient
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        title, body = candidate.words()
        url = candidate.link()
    notification = Notification(
        recipient=recipient,
        kind=candidate.kind,
        subject_type=ContentType.objects.get_for_model(candidate.subject),
        subject_id=candidate.subject.pk,
        occasion=candidate.occasion,
        title=title[:300],
        body=body,
        url=url,
        created_at=now,
        email=Notification.Email.PENDING if recipient.email else Notification.Email.NONE,
    )
    try:
        with transaction.atomic():
            notification.save(force_insert=True)
    except IntegrityError:
        return None  # sent already, by an earlier pass or by one running beside this one
    if notification.email == Notification.Email.PENDING:
        transaction.on_commit(lambda: _enqueue(notification.pk))
    return notification


def _enqueue(notification_id: int) -> None:
    from . import tasks

    tasks.send_email.enqueue(notification_id)


def _send_candidates(candidates: list[kinds.Candidate], *, now) -> int:
    if not candidates:
        return 0
    skip = _opted_out({c.recipient.pk for c in candidates})
    candidates = [c for c in candidates if (c.recipient.pk, c.kind) not in skip]
    sent = _existing(candidates)
    count = 0
    for candidate in candidates:
        key = (
            candidate.kind,
            candidate.recipient.pk,
            ContentType.objects.get_for_model(candidate.subject).pk,
            candidate.subject.pk,
            candidate.occasion,
        )
        if key in sent:
            continue
        with transaction.atomic():
            if _insert(candidate, now=now) is not None:
                count += 1
        sent.add(key)
    return count


def run_due(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """One pass: send every scheduled notification due at `now` that was not sent before, and
    try failed emails again; returns how many of each kind were sent."""
    now = now or timezone.now()
    counts = {}
    for slug, kind in kinds.KINDS.items():
        try:
            counts[slug] = _send_candidates(list(kind.due(now)), now=now)
        except Exception:
            log.exception("notifications of kind %r failed", slug)
            counts[slug] = 0
    counts["emails retried"] = retry_failed_emails()
    return counts


def notify(candidate: kinds.Candidate) -> Notification | None:
    """Send one notification as something happens (None: sent before, or switched off)."""
    with transaction.atomic():
        if _opted_out({candidate.recipient.pk}) & {(candidate.recipient.pk, candidate.kind)}:
            return None
        return _insert(candidate, now=timezone.now())


def retry_failed_emails() -> int:
    """Queue again the emails that failed fewer than EMAIL_ATTEMPTS times."""
    ids = list(
        Notification.objects.filter(
            email=Notification.Email.FAILED, email_attempts__lt=EMAIL_ATTEMPTS
        ).values_list("id", flat=True)[:500]
    )
    for notification_id in ids:
        _enqueue(notification_id)
    return len(ids)


@transaction.atomic
def retry_email(*, notification: Notification) -> None:
    """The programme team tries a failed email again (after fixing the mail server, say)."""
    updated = Notification.objects.filter(
        pk=notification.pk, email=Notification.Email.FAILED
    ).update(email_attempts=0, email_error="")
    if updated:
        transaction.on_commit(lambda: _enqueue(notification.pk))


def deliver(notification_id: int) -> bool:
    """Send a notification's email (HTML and text) unless sent already; a failure is recorded
    on the notification and raised, so that the task queue tries again."""
    from . import email

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.email not in (
            Notification.Email.PENDING,
            Notification.Email.FAILED,
        ):
            return False
        failure = None
        try:
            email.message_for(notification).send()
        except Exception as error:
            failure = error
            Notification.objects.filter(pk=notification.pk).update(
                email=Notification.Email.FAILED,
                email_attempts=notification.email_attempts + 1,
                email_error=f"{error.__class__.__name__}: {error}"[:2000],
            )
        else:
            Notification.objects.filter(pk=notification.pk).update(
                email=Notification.Email.SENT,
                email_attempts=notification.email_attempts + 1,
                email_error="",
                emailed_at=timezone.now(),
            )
    if failure is not None:
        raise failure
    return True


def open_notification(*, person, notification: Notification) -> str:
    """Mark the notification read (when it is the person's) and return where it leads."""
    Notification.objects.filter(pk=notification.pk, recipient=person, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return notification.url


def mark_all_read(*, person) -> int:
    """Mark every unread notification of `person` read."""
    return Notification.objects.filter(recipient=person, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def set_preferences(*, person, wanted: set[str]) -> None:
    """Keep the optional kinds in `wanted` and switch the other optional kinds off; mandatory
    kinds cannot be switched off."""
    unknown = set(wanted) - set(kinds.KINDS)
    if unknown:
        raise ValidationError(_("Unknown kinds of notification: %(kinds)s") % {"kinds": unknown})
    off = {slug for slug in kinds.KINDS if slug not in wanted and slug not in kinds.MANDATORY}
    OptOut.objects.filter(person=person).exclude(kind__in=off).delete()
    existing = set(OptOut.objects.filter(person=person).values_list("kind", flat=True))
    OptOut.objects.bulk_create(
        [OptOut(person=person, kind=kind) for kind in sorted(off - existing)],
        ignore_conflicts=True,
    )
