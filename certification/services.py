"""Writes about credentials: issuing, evaluating rules, status changes, renewal, nominations.

Every change writes one audit event in the same transaction (core.audit.log_action, in the manner of pretix).
Signing and PDF rendering happen after commit, in background tasks (see tasks.py).
"""

import json
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core import branding
from core.audit import log_action, log_actions
from core.languages import CODES
from core.models import AuditEntry
from core.signals import send_after_commit

from . import issuer, selectors, signals, signing
from .models import (
    STATUS_LIST_SIZE,
    CredentialAction,
    CredentialDefinition,
    IssuedCredential,
    Nomination,
    PolicyAcknowledgedRule,
    new_public_code,
)

SERIAL_PREFIX = "SMA"
INDEX_ATTEMPTS = 8


class CredentialError(Exception):
    """A credential operation that cannot be done; the message is shown to the user."""


def _log(credential, action, *, actor=None, reason="", **data) -> AuditEntry:
    return log_action(credential, action, actor=actor, reason=reason, data=data)


def issuer_name() -> str:
    return issuer.name()


def snapshot_of(definition: CredentialDefinition, *, language: str) -> dict:
    """What an issued credential says about its definition and issuer, frozen at issue."""
    both = CODES
    base = settings.ACADEMY_BASE_URL
    return {
        "definition": definition.slug,
        "title": {lang: definition.title(lang) for lang in both},
        "description": {lang: definition.description(lang) for lang in both},
        "criteria": {lang: definition.criteria(lang) for lang in both},
        "signature_title": {lang: definition.signature_title(lang) for lang in both},
        "skills": {lang: selectors.skills_of(definition, lang) for lang in both},
        "issuer_name": issuer.name(),
        "issuer": issuer.branding(language),
        "brand_colour": branding.current().primary,
        "issuer_id": signing.issuer_did(),
        "base_url": base,
        "achievement_id": signing.achievement_url(definition.slug, base),
        "achievement_image": signing.achievement_image_url(definition.slug, base),
        "credential_uuid": f"urn:uuid:{_uuid4()}",
    }


def recipient_of(person) -> dict:
    """The holder as Open Badges 3.0 names them: a salted SHA-256 hash of the email."""
    from openbadgeslib.ob3 import IdentityObject

    salt = secrets.token_hex(16)
    identity = IdentityObject.create(person.email.strip().lower(), salt=salt)
    return {"salt": salt, "hash": identity.identity_hash}


def _uuid4() -> str:
    import uuid

    return str(uuid.uuid4())


def _after_status_change(credential: IssuedCredential, old_status: str) -> None:
    from . import tasks

    # The status lists need nothing: their cache key follows the latest status change.
    transaction.on_commit(lambda: tasks.render_certificate.enqueue(credential.pk))
    send_after_commit(
        signals.credential_status_changed,
        sender=IssuedCredential,
        credential=credential,
        old_status=old_status,
        new_status=credential.status,
    )


def issue(
    *,
    person,
    definition: CredentialDefinition,
    actor=None,
    reason: str = "",
    evidence: str = "",
    by_hand: bool = False,
    issued_at=None,
    expires_at=None,
    holder_name: str = "",
) -> IssuedCredential:
    """Issue `definition` to `person`, signed in the same transaction; idempotent: an active
    credential is returned as it is."""
    existing = selectors.active_credential(person, definition)
    if existing is not None:
        return existing
    issued_at = issued_at or timezone.now()
    if expires_at is None and definition.valid_for_days:
        expires_at = issued_at + timedelta(days=definition.valid_for_days)
    snapshot = snapshot_of(definition, language=person.language)
    snapshot["recipient"] = recipient_of(person)
    for attempt in range(INDEX_ATTEMPTS * 4):
        code = new_public_code()
        credential = IssuedCredential(
            definition=definition,
            person=person,
            serial=f"pending-{secrets.token_hex(8)}",
            code=code,
            issued_at=issued_at,
            expires_at=expires_at,
            # NFC: canonicalisation does not normalise Unicode, so freeze one form of the name.
            holder_name=unicodedata.normalize("NFC", holder_name or person.name),
            language=person.language,
            snapshot={**snapshot, "credential_id": signing.credential_url(code)},
            evidence=evidence,
            awarded_by_hand=by_hand,
            # A random position in the list hides the order of issue; after a few collisions
            # (a full list) move on to the next list.
            status_list=attempt // INDEX_ATTEMPTS,
            status_index=secrets.randbelow(STATUS_LIST_SIZE),
        )
        try:
            with transaction.atomic():
                credential.save()
                credential.serial = f"{SERIAL_PREFIX}-{issued_at:%Y}-{credential.pk:06d}"
                credential.save(update_fields=["serial"])
                _log(
                    credential,
                    CredentialAction.AWARDED if by_hand else CredentialAction.ISSUED,
                    actor=actor,
                    reason=reason,
                    serial=credential.serial,
                    evidence=evidence,
                )
                # Signed with the issue record: what was issued is frozen from the start.
                signing.sign_credential(credential)
        except IntegrityError:
            # Either someone issued the same credential at the same moment (return theirs)
            # or the random status-list position was taken (try another).
            existing = selectors.active_credential(person, definition)
            if existing is not None:
                return existing
            continue
        _after_issue(credential)
        return credential
    raise CredentialError(_("No free position in the status list; try again."))


def _after_issue(credential: IssuedCredential) -> None:
    from . import tasks

    transaction.on_commit(lambda: tasks.render_certificate.enqueue(credential.pk))
    send_after_commit(
        signals.credential_issued,
        sender=IssuedCredential,
        credential=credential,
        person=credential.person,
    )


@transaction.atomic
def award(*, definition: CredentialDefinition, person, actor=None, evidence: str = "") -> tuple:
    """Issue by hand, bypassing the rules (logged); returns (credential, created)."""
    existing = selectors.active_credential(person, definition)
    if existing is not None:
        return existing, False
    reason = _("Awarded by hand") + (f": {evidence}" if evidence else "")
    return (
        issue(
            person=person,
            definition=definition,
            actor=actor,
            reason=reason,
            evidence=evidence,
            by_hand=True,
        ),
        True,
    )


def _locked(credential: IssuedCredential) -> IssuedCredential:
    return IssuedCredential.objects.select_for_update().get(pk=credential.pk)


def _set_status(credential, status, *, action, actor, reason, **fields) -> IssuedCredential:
    old_status = credential.status
    credential.status = status
    credential.status_changed_at = timezone.now()
    credential.status_reason = reason
    for name, value in fields.items():
        setattr(credential, name, value)
    credential.save()
    _log(credential, action, actor=actor, reason=reason, old_status=old_status)
    _after_status_change(credential, old_status)
    return credential


@transaction.atomic
def revoke(
    *, credential: IssuedCredential, actor=None, reason: str, publish_reason: bool = False
) -> IssuedCredential:
    """Revoke for good (idempotent: revoking a revoked credential changes nothing)."""
    if not reason.strip():
        raise CredentialError(_("Give a reason for revoking."))
    credential = _locked(credential)
    if credential.status == IssuedCredential.Status.REVOKED:
        return credential
    return _set_status(
        credential,
        IssuedCredential.Status.REVOKED,
        action=CredentialAction.REVOKED,
        actor=actor,
        reason=reason.strip(),
        publish_reason=publish_reason,
        suspension="",
    )


@transaction.atomic
def suspend(
    *,
    credential: IssuedCredential,
    actor=None,
    reason: str,
    kind: str = IssuedCredential.Suspension.MANUAL,
) -> IssuedCredential:
    """Suspend a valid credential until it is reinstated (idempotent)."""
    if not reason.strip():
        raise CredentialError(_("Give a reason for suspending."))
    credential = _locked(credential)
    if credential.status == IssuedCredential.Status.SUSPENDED:
        return credential
    if credential.status != IssuedCredential.Status.VALID:
        raise CredentialError(
            _("Only a valid credential can be suspended; this one is %(status)s.")
            % {"status": credential.get_status_display().lower()}
        )
    return _set_status(
        credential,
        IssuedCredential.Status.SUSPENDED,
        action=CredentialAction.SUSPENDED,
        actor=actor,
        reason=reason.strip(),
        suspension=kind,
    )


@transaction.atomic
def reinstate(*, credential: IssuedCredential, actor=None, reason: str = "") -> IssuedCredential:
    """Lift a suspension (idempotent: a valid credential stays as it is)."""
    credential = _locked(credential)
    if credential.status == IssuedCredential.Status.VALID:
        return credential
    if credential.status != IssuedCredential.Status.SUSPENDED:
        raise CredentialError(
            _("Only a suspended credential can be reinstated; this one is %(status)s.")
            % {"status": credential.get_status_display().lower()}
        )
    return _set_status(
        credential,
        IssuedCredential.Status.VALID,
        action=CredentialAction.REINSTATED,
        actor=actor,
        reason=reason or _("Reinstated"),
        suspension="",
    )


@transaction.atomic
def renew(*, credential: IssuedCredential, actor=None, reason: str) -> IssuedCredential:
    """Extend a valid credential's validity by its period, counted from its current expiry."""
    credential = _locked(credential)
    if credential.expires_at is None or not credential.definition.valid_for_days:
        return credential
    if credential.current_status != IssuedCredential.Status.VALID:
        raise CredentialError(_("Only a valid credential can be renewed."))
    old = credential.expires_at
    credential.expires_at = old + timedelta(days=credential.definition.valid_for_days)
    credential.save()
    # The signed forms carry validUntil: sign again (same snapshot, same id) with the new date.
    signing.sign_credential(credential, replace=True, created=timezone.now())
    _log(
        credential,
        CredentialAction.RENEWED,
        actor=actor,
        reason=reason,
        old_expires_at=old.isoformat(),
        new_expires_at=credential.expires_at.isoformat(),
    )
    _after_status_change(credential, credential.status)
    return credential


@transaction.atomic
def reissue(
    *, credential: IssuedCredential, actor=None, reason: str = "", holder_name: str = ""
) -> IssuedCredential:
    """Correct a credential: a new one with today's details, the old one revoked as replaced."""
    old = _locked(credential)
    if old.status not in IssuedCredential.ACTIVE:
        raise CredentialError(_("Only a valid or suspended credential can be re-issued."))
    person = old.person
    _set_status(
        old,
        IssuedCredential.Status.REVOKED,
        action=CredentialAction.REPLACED,
        actor=actor,
        reason="replaced",
        publish_reason=True,
        suspension="",
    )
    now = timezone.now()
    new = issue(
        person=person,
        definition=old.definition,
        actor=actor,
        reason=reason or _("Re-issued to replace %(serial)s") % {"serial": old.serial},
        evidence=old.evidence,
        by_hand=old.awarded_by_hand,
        issued_at=now,
        # A correction keeps the original validity period.
        expires_at=old.expires_at if old.expires_at and old.expires_at > now else None,
        holder_name=holder_name.strip(),
    )
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    return new


@transaction.atomic
def expire_due(*, now=None) -> int:
    """Record the expiry of valid credentials past their date (pages already show it)."""
    now = now or timezone.now()
    due = list(
        IssuedCredential.objects.select_for_update().filter(
            status=IssuedCredential.Status.VALID, expires_at__lte=now
        )
    )
    for credential in due:
        _set_status(
            credential,
            IssuedCredential.Status.EXPIRED,
            action=CredentialAction.EXPIRED,
            actor=None,
            reason=_("Expired"),
        )
    return len(due)


def evaluate(*, person) -> list[IssuedCredential]:
    """Issue every credential `person` now meets the rules of (lowest level first)."""
    facts = selectors.Facts(person)
    ever_held = set(
        IssuedCredential.objects.filter(person=person).values_list("definition_id", flat=True)
    )
    issued = []
    for definition in selectors.definitions_with_rules():
        rules = list(definition.rules.all())
        # No rules: awarded by hand only. Held before (expired, revoked): not again by itself.
        if not rules or definition.id in ever_held:
            continue
        if all(rule.is_satisfied_by(facts) for rule in rules):
            with transaction.atomic():
                credential = issue(person=person, definition=definition)
            issued.append(credential)
            facts.held.add(definition.id)
    return issued


def renew_for_module(*, person, module_slug: str) -> list[IssuedCredential]:
    """A refresher module completed: renew credentials that list it and expire soon."""
    renewed = []
    now = timezone.now()
    for credential in selectors.credentials_of(person).filter(status=IssuedCredential.Status.VALID):
        definition = credential.definition
        if module_slug not in (definition.renewal_modules or []) or credential.expires_at is None:
            continue
        if credential.expires_at <= now:
            continue
        if credential.expires_at - now <= timedelta(days=definition.renewal_window_days):
            renewed.append(
                renew(
                    credential=credential,
                    reason=_("Refresher module %(module)s completed") % {"module": module_slug},
                )
            )
    return renewed


def _policy_definitions():
    return CredentialDefinition.objects.filter(
        id__in=PolicyAcknowledgedRule.objects.values_list("definition_id", flat=True)
    )


def enforce_policy_grace(*, now=None) -> int:
    """After a major policy version's grace period, suspend credentials of those who have
    not acknowledged it (only credentials whose definition requires the policy)."""
    from policies import selectors as policy_selectors

    now = now or timezone.now()
    version = policy_selectors.current_version()
    if version is None or not getattr(version, "is_major", False):
        return 0
    if policy_selectors.grace_deadline(version) > now:
        return 0
    candidates = IssuedCredential.objects.filter(
        status=IssuedCredential.Status.VALID, definition__in=_policy_definitions()
    ).select_related("person")
    person_ids = {c.person_id for c in candidates}
    acknowledged = policy_selectors.acknowledged_current_ids(person_ids)
    count = 0
    for credential in candidates:
        if credential.person_id in acknowledged or credential.current_status != "valid":
            continue
        suspend(
            credential=credential,
            reason=_("The social media policy version %(number)s was not acknowledged in time.")
            % {"number": version.number},
            kind=IssuedCredential.Suspension.POLICY,
        )
        count += 1
    return count


def reinstate_after_acknowledgement(*, person) -> list[IssuedCredential]:
    """The person acknowledged the policy: lift the suspensions that were for that alone."""
    suspended = IssuedCredential.objects.filter(
        person=person,
        status=IssuedCredential.Status.SUSPENDED,
        suspension=IssuedCredential.Suspension.POLICY,
    )
    return [
        reinstate(credential=c, reason=_("The social media policy was acknowledged."))
        for c in suspended
    ]


# -- nominations (Spokesperson) -------------------------------------------------------------


@transaction.atomic
def nominate(*, definition, person, nominated_by, motivation: str) -> Nomination:
    """A champion or lead nominates a colleague; idempotent for an open nomination."""
    from .permissions import can_nominate

    if not can_nominate(nominated_by, person):
        raise CredentialError(_("You cannot nominate this person."))
    if not motivation.strip():
        raise CredentialError(_("Say why you nominate this person."))
    if selectors.active_credential(person, definition) is not None:
        raise CredentialError(_("This person already holds this credential."))
    nomination, _created = Nomination.objects.get_or_create(
        person=person,
        definition=definition,
        status__in=[Nomination.Status.PENDING, Nomination.Status.APPROVED],
        defaults={
            "nominated_by": nominated_by,
            "motivation": motivation.strip(),
            "status": Nomination.Status.PENDING,
        },
    )
    return nomination


@transaction.atomic
def decide_nomination(*, nomination: Nomination, decided_by, approve: bool, note: str = ""):
    """The programme team approves or declines; the nominee is told, and on approval the
    credential is issued when its other rules are met."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.status != Nomination.Status.PENDING:
        return nomination
    nomination.status = Nomination.Status.APPROVED if approve else Nomination.Status.DECLINED
    nomination.decided_by = decided_by
    nomination.decided_at = timezone.now()
    nomination.decision_note = note.strip()
    nomination.save()
    person = nomination.person
    if approve:
        transaction.on_commit(lambda: evaluate(person=person))
    transaction.on_commit(lambda: _notify_nominee(nomination))
    return nomination


def _notify_nominee(nomination: Nomination) -> None:
    person = nomination.person
    with override(person.language):
        title = nomination.definition.title(person.language)
        if nomination.status == Nomination.Status.APPROVED:
            subject = _("You are nominated for %(title)s") % {"title": title}
            body = _(
                "Congratulations: your nomination for %(title)s was approved. You can see it "
                "under My credentials: %(url)s"
            )
        else:
            subject = _("Your nomination for %(title)s") % {"title": title}
            body = _(
                "Your nomination for %(title)s was not approved this time. My credentials: %(url)s"
            )
        from django.urls import reverse

        url = settings.ACADEMY_BASE_URL + reverse("my_credentials")
        body = body % {"title": title, "url": url} + f"\n\n-- \n{branding.current().name}\n"
        send_mail(subject, body, None, [person.email])


def mark_seen(*, person) -> int:
    """The person opened their credentials: no longer highlight them as new."""
    return IssuedCredential.objects.filter(person=person, seen_at__isnull=True).update(
        seen_at=timezone.now()
    )


@transaction.atomic
def upgrade_signed_forms(*, credential: IssuedCredential) -> bool:
    """Sign a credential of an older signed format again in the current one (once; logged).

    What it said stays as frozen; what older formats lacked is frozen now from today's data:
    the salted hash of the holder's email, the issuer's details, the achievement's image and
    URLs, and an id that resolves (docs/decisions/0009).
    """
    credential = _locked(credential)
    if credential.signed_at and credential.signed_format >= signing.SIGNED_FORMAT:
        return False
    snapshot = dict(credential.snapshot)
    base = snapshot.get("base_url") or settings.ACADEMY_BASE_URL
    slug = snapshot.get("definition") or credential.definition.slug
    old_id = snapshot.get("credential_id") or snapshot.get("credential_uuid", "")
    snapshot.setdefault("recipient", recipient_of(credential.person))
    snapshot.setdefault(
        "issuer",
        issuer.branding(credential.language, issuer_name=snapshot.get("issuer_name")),
    )
    snapshot.setdefault("issuer_id", signing.issuer_did(base))
    snapshot.setdefault("achievement_id", signing.achievement_url(slug, base))
    snapshot.setdefault("achievement_image", signing.achievement_image_url(slug, base))
    snapshot.setdefault(
        "skills",
        {lang: selectors.skills_of(credential.definition, lang) for lang in CODES},
    )
    snapshot["credential_id"] = signing.credential_url(credential.code, base)
    credential.snapshot = snapshot
    credential.save(update_fields=["snapshot"])
    signing.sign_credential(credential, replace=True, created=timezone.now())
    _log(
        credential,
        CredentialAction.UPGRADED,
        reason=_("Signed again in the current Open Badges 3.0 format"),
        old_id=old_id,
        new_id=snapshot["credential_id"],
    )
    return True


def learner_record(*, person) -> dict:
    """All of `person`'s credentials (all but the revoked) as one signed CLR 2.0
    `ClrCredential`, the holder named by a salted hash of their email."""
    import uuid

    from openbadgeslib.ob3 import IdentityObject, build_clr_credential, sign_clr_credential

    members = [
        json.loads(signing.ensure_signed(credential).signed_json)
        for credential in selectors.credentials_of(person).exclude(
            status=IssuedCredential.Status.REVOKED
        )
    ]
    if not members:
        raise CredentialError(_("You hold no credentials to put in a learner record yet."))
    recipient = recipient_of(person)
    profile = {k: v for k, v in issuer.profile_document(person.language).items() if k != "@context"}
    document = build_clr_credential(
        profile,
        [
            IdentityObject(
                identity_hash=recipient["hash"],
                identity_type="emailAddress",
                hashed=True,
                salt=recipient["salt"],
            ).to_dict()
        ],
        members,
        credential_id=f"urn:uuid:{uuid.uuid4()}",
        valid_from=timezone.now(),
    )
    document["name"] = _("Learner record of %(name)s") % {"name": person.name}
    key = signing.issuer_key()
    return sign_clr_credential(document, key.private_pem, signing.verification_method())


# -- bulk issuing ------------------------------------------------------------------------------

BULK_SIGNING_CHUNK = 100


@dataclass
class BulkAward:
    issued: list[int]  # ids of the credentials issued now
    already_held: int  # people who hold an active credential of the definition already


def _free_status_positions(count: int) -> list[tuple[int, int]]:
    """`count` random free (list, index) positions, filling list 0 first, then the next."""
    taken: dict[int, set[int]] = {}
    for status_list, index in IssuedCredential.objects.values_list("status_list", "status_index"):
        taken.setdefault(status_list, set()).add(index)
    positions: list[tuple[int, int]] = []
    status_list = 0
    while len(positions) < count:
        used = taken.get(status_list, set())
        free = STATUS_LIST_SIZE - len(used)
        wanted = min(count - len(positions), free)
        chosen: set[int] = set()
        while len(chosen) < wanted:
            index = secrets.randbelow(STATUS_LIST_SIZE)
            if index not in used:
                chosen.add(index)
        positions += [(status_list, index) for index in chosen]
        status_list += 1
    order = list(range(len(positions)))
    secrets.SystemRandom().shuffle(order)
    return [positions[i] for i in order]


@transaction.atomic
def award_in_bulk(
    *, definition: CredentialDefinition, people, actor=None, reason: str
) -> BulkAward:
    """Issue `definition` by hand to many people at once: set-based writes, one audit event
    each, one signal for the batch; signing and certificates follow in background tasks.
    Idempotent: whoever holds an active credential of the definition keeps it."""
    from django.db.models import Case, CharField, Value, When
    from django.db.models.functions import Cast, Concat, LPad

    if not reason.strip():
        raise CredentialError(_("Give a reason for awarding by hand."))
    reason = reason.strip()
    people = list(people)
    holders = set(
        IssuedCredential.objects.filter(
            definition=definition,
            person__in=[p.pk for p in people],
            status__in=IssuedCredential.ACTIVE,
        ).values_list("person_id", flat=True)
    )
    # Each person once, whatever the input repeats.
    recipients = list({p.pk: p for p in people if p.pk not in holders}.values())
    if not recipients:
        return BulkAward(issued=[], already_held=len(holders))
    now = timezone.now()
    expires_at = (
        now + timedelta(days=definition.valid_for_days) if definition.valid_for_days else None
    )
    snapshots = {
        language: snapshot_of(definition, language=language)
        for language in {person.language for person in recipients}
    }
    rows = []
    for person, (status_list, index) in zip(
        recipients, _free_status_positions(len(recipients)), strict=True
    ):
        code = new_public_code()
        snapshot = {
            **snapshots[person.language],
            "credential_uuid": f"urn:uuid:{_uuid4()}",
            "recipient": recipient_of(person),
            "credential_id": signing.credential_url(code),
        }
        rows.append(
            IssuedCredential(
                definition=definition,
                person=person,
                serial=f"pending-{secrets.token_hex(8)}",
                code=code,
                issued_at=now,
                expires_at=expires_at,
                holder_name=unicodedata.normalize("NFC", person.name),
                language=person.language,
                snapshot=snapshot,
                evidence=reason,
                awarded_by_hand=True,
                status_list=status_list,
                status_index=index,
            )
        )
    IssuedCredential.objects.bulk_create(rows, batch_size=1000)
    codes = [row.code for row in rows]
    ids = list(IssuedCredential.objects.filter(code__in=codes).values_list("id", flat=True))
    text_id = Cast("id", CharField())
    IssuedCredential.objects.filter(id__in=ids).update(
        serial=Concat(
            Value(f"{SERIAL_PREFIX}-{now:%Y}-"),
            Case(When(id__lt=1_000_000, then=LPad(text_id, 6, Value("0"))), default=text_id),
        )
    )
    log_actions(
        IssuedCredential,
        ids,
        CredentialAction.AWARDED,
        actor=actor,
        reason=reason,
        data={"bulk": True},
    )
    _after_bulk_issue(definition, ids, [person.pk for person in recipients])
    return BulkAward(issued=ids, already_held=len(holders))


def _after_bulk_issue(definition, credential_ids: list[int], person_ids: list[int]) -> None:
    from . import tasks

    def enqueue_signing():
        for start in range(0, len(credential_ids), BULK_SIGNING_CHUNK):
            tasks.sign_and_render.enqueue(credential_ids[start : start + BULK_SIGNING_CHUNK])

    transaction.on_commit(enqueue_signing)
    send_after_commit(
        signals.credentials_issued_in_bulk,
        sender=IssuedCredential,
        definition=definition,
        credential_ids=credential_ids,
        person_ids=person_ids,
    )


def bulk_signing_progress(credential_ids: list[int]) -> tuple[int, int]:
    """(signed, total) of a bulk award's credentials."""
    signed = IssuedCredential.objects.filter(id__in=credential_ids, signed_at__isnull=False)
    return signed.count(), len(credential_ids)
