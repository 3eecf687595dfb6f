"""Reads about credentials for pages, the CLI and the other services."""

from django.db.models import Prefetch, Q
from django.utils import timezone

from .models import CredentialDefinition, IssuedCredential, Nomination, Rule


def held_definition_ids(person) -> set[int]:
    """Definitions the person holds a valid (not suspended, revoked or expired) credential of."""
    now = timezone.now()
    return set(
        IssuedCredential.objects.filter(person=person, status=IssuedCredential.Status.VALID)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .values_list("definition_id", flat=True)
    )


def definitions_with_rules():
    """Active definitions, lowest level first, each with its rules (typed) prefetched."""
    return CredentialDefinition.objects.filter(is_active=True).prefetch_related(
        Prefetch("rules", queryset=Rule.objects.order_by("position", "id"))
    )


def credential_by_code(code: str) -> IssuedCredential | None:
    return (
        IssuedCredential.objects.select_related("definition", "replaced_by")
        .filter(code=code)
        .first()
    )


def credential_by_serial(serial: str) -> IssuedCredential | None:
    return (
        IssuedCredential.objects.select_related("definition", "person")
        .filter(serial__iexact=serial.strip())
        .first()
    )


def credentials_of(person):
    """A person's credentials, newest first (active ones and their history)."""
    return IssuedCredential.objects.filter(person=person).select_related("definition")


def active_credential(person, definition) -> IssuedCredential | None:
    return IssuedCredential.objects.filter(
        person=person, definition=definition, status__in=IssuedCredential.ACTIVE
    ).first()


def status_list_bits(list_number: int) -> tuple[list[int], list[int]]:
    """Indices set in the revocation and in the suspension list of one list number."""
    rows = IssuedCredential.objects.filter(
        status_list=list_number,
        status__in=[IssuedCredential.Status.REVOKED, IssuedCredential.Status.SUSPENDED],
    ).values_list("status", "status_index")
    revoked = [index for status, index in rows if status == IssuedCredential.Status.REVOKED]
    suspended = [index for status, index in rows if status == IssuedCredential.Status.SUSPENDED]
    return revoked, suspended


def pending_nominations():
    return Nomination.objects.filter(status=Nomination.Status.PENDING).select_related(
        "person", "person__unit", "definition", "nominated_by"
    )


def pending_nomination_count() -> int:
    return Nomination.objects.filter(status=Nomination.Status.PENDING).count()


def nominable_definitions():
    """Definitions awarded by nomination (they have a `nominated` rule)."""
    from .models import NominationApprovedRule

    ids = NominationApprovedRule.objects.values_list("definition_id", flat=True)
    return CredentialDefinition.objects.filter(is_active=True, id__in=ids)
