"""W3C Bitstring Status Lists for revocation and suspension, served as JSON credentials with a
Data Integrity proof (what Digital Bazaar's checkStatus and verifier-core wallets accept).

A signed list is cached under a version read from the database (the latest status change in
that list), so a revoke or suspend flips the bit on the very next request, in every process.
"""

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone

from . import signing
from .models import STATUS_LIST_SIZE, IssuedCredential

PURPOSES = ("revocation", "suspension")
# A verifier refuses a list past validUntil, so a replayed old copy cannot resurrect a credential.
LIST_VALIDITY = timedelta(days=7)
CACHE_SECONDS = 6 * 3600


def _version(number: int) -> str:
    row = IssuedCredential.objects.filter(status_list=number).aggregate(
        changed=Max("status_changed_at"), count=Count("id")
    )
    changed = row["changed"].isoformat() if row["changed"] else "-"
    return f"{changed}:{row['count']}"


def build(purpose: str, number: int) -> dict:
    """Sign the current list (no cache)."""
    from openbadgeslib.ob3 import add_data_integrity_proof, build_status_list_credential

    from .selectors import status_list_bits

    revoked, suspended = status_list_bits(number)
    now = timezone.now()
    document = build_status_list_credential(
        signing.issuer_did(),
        signing.status_list_url(purpose, number),
        purpose,
        revoked if purpose == "revocation" else suspended,
        size_bits=STATUS_LIST_SIZE,
        issued=now,
        valid_until=now + LIST_VALIDITY,
    )
    key = signing.issuer_key()
    return add_data_integrity_proof(document, key.private_pem, signing.verification_method())


def signed_list(purpose: str, number: int) -> dict:
    """The signed list as it is now (cached until a bit in it changes, or 6 hours)."""
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    key = f"certification:statuslist:{purpose}:{number}:{_version(number)}"
    document = cache.get(key)
    if document is None:
        document = build(purpose, number)
        cache.set(key, document, CACHE_SECONDS)
    return document
