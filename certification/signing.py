"""Signing issued credentials as Open Badges 3.0 (openbadgeslib): the issuer key, did:web, and
the pipeline validate -> compose -> sign -> verify -> finalize (after openedx/credentials).

The issuer key is an Ed25519 private key from ACADEMY_ISSUER_KEY (PEM text or a path) or, when
that is unset, `issuer_ed25519.pem` in the data folder, generated on first use outside
production (`academy demo` creates it up front).
"""

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

KEY_FILE_NAME = "issuer_ed25519.pem"
KEY_FRAGMENT = "key-1"


class SigningError(Exception):
    """The credential could not be signed (bad key, or a document verifiers would refuse)."""


# -- the issuer key and its DID ------------------------------------------------------------


@dataclass(frozen=True)
class IssuerKey:
    private_pem: bytes
    public_pem: bytes
    multikey: str  # publicKeyMultibase


def key_file() -> Path:
    return Path(settings.DATA_DIR) / KEY_FILE_NAME


def ensure_issuer_key() -> Path | None:
    """Generate the issuer key into the data folder unless one is configured or present."""
    if _configured_key_source():
        return None
    path = key_file()
    if path.exists():
        return path
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    # Create exclusively, readable by the owner only; a concurrent first use keeps the winner's.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return path


def _configured_key_source() -> str:
    return os.environ.get("ACADEMY_ISSUER_KEY") or getattr(settings, "ACADEMY_ISSUER_KEY", "")


def issuer_key() -> IssuerKey:
    source = _configured_key_source()
    if not source:
        path = key_file()
        if not path.exists():
            if getattr(settings, "PRODUCTION", False):
                raise ImproperlyConfigured(
                    "ACADEMY_ISSUER_KEY must be set (an Ed25519 private key, PEM or a path)."
                )
            ensure_issuer_key()
        source = str(path)
    return _load_key(source)


@lru_cache(maxsize=4)
def _load_key(source: str) -> IssuerKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from openbadgeslib.ob3 import multikey_from_pem

    text = source.strip()
    pem = text.encode() if text.startswith("-----BEGIN") else Path(text).read_bytes()
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(f"ACADEMY_ISSUER_KEY is not a usable PEM key: {error}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured("ACADEMY_ISSUER_KEY must be an Ed25519 private key.")
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return IssuerKey(private_pem=pem, public_pem=public_pem, multikey=multikey_from_pem(public_pem))


def issuer_did(base_url: str | None = None) -> str:
    """did:web of the academy: the host of ACADEMY_BASE_URL, a port percent-encoded
    (http://localhost:8000 -> did:web:localhost%3A8000), path segments joined by ':'."""
    parts = urlsplit(base_url or settings.ACADEMY_BASE_URL)
    host = parts.hostname or "localhost"
    if parts.port:
        host = f"{host}:{parts.port}"
    segments = [quote(host, safe="")]
    segments += [quote(s, safe="") for s in parts.path.split("/") if s]
    return "did:web:" + ":".join(segments)


def verification_method(did: str | None = None) -> str:
    return f"{did or issuer_did()}#{KEY_FRAGMENT}"


def did_document() -> dict:
    """The issuer's DID document: one Ed25519 Multikey, absolute ids, in assertionMethod."""
    did = issuer_did()
    method = verification_method(did)
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": issuer_key().multikey,
            }
        ],
        "assertionMethod": [method],
        "authentication": [method],
    }


# -- URLs the credential names --------------------------------------------------------------


def status_list_url(purpose: str, number: int, base_url: str | None = None) -> str:
    return f"{base_url or settings.ACADEMY_BASE_URL}/credentials/status/{purpose}-{number}"


def verify_url(credential, base_url: str | None = None) -> str:
    return f"{base_url or settings.ACADEMY_BASE_URL}/verify/{credential.code}/"


# -- the pipeline ---------------------------------------------------------------------------


def validate(credential) -> None:
    """Refuse what must not be signed: a credential without its frozen snapshot."""
    if not credential.snapshot.get("title") or not credential.holder_name:
        raise SigningError(f"{credential.serial}: the snapshot is incomplete")


def _credential_class():
    from openbadgeslib.ob3 import OpenBadgeCredential

    class AcademyCredential(OpenBadgeCredential):
        """Adds `credentialSubject.name` (VC 2.0 `schema:name`), which wallets display; the
        library's model has no field for it. Both signed forms go through to_vc()."""

        subject_name: str = ""

        def to_vc(self):
            vc = super().to_vc()
            if self.subject_name:
                vc["credentialSubject"]["name"] = self.subject_name
            return vc

    return AcademyCredential


def compose(credential):
    """The OpenBadgeCredential the issued credential stands for, from its frozen snapshot."""
    import uuid

    from openbadgeslib.ob3 import Achievement, IdentityObject, Issuer, status_entry

    snap = credential.snapshot
    base = snap.get("base_url") or settings.ACADEMY_BASE_URL
    language = credential.language
    title = credential.snapshot_text("title", language)
    issuer = Issuer(id=snap["issuer_id"], name=snap["issuer_name"], url=base + "/")
    achievement_url = f"{base}/credentials/{snap['definition']}"
    achievement = Achievement(
        # Stable per definition, and not a URL that would have to resolve.
        id=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, achievement_url)}",
        name=title,
        description=credential.snapshot_text("description", language) or title,
        criteria_narrative=credential.snapshot_text("criteria", language) or title,
        achievement_type="Certificate",
    )
    ob_credential = _credential_class()(
        id=snap["credential_uuid"],
        issuer=issuer,
        # A random id per credential: no email, nothing that links a person's credentials.
        recipient_id=snap.get("subject_uuid") or None,
        identifiers=[
            IdentityObject(identity_hash=credential.holder_name, identity_type="name", hashed=False)
        ],
        achievement=achievement,
        name=title,
        issuance_date=credential.issued_at,
        expiration_date=credential.expires_at,
        credential_status=[
            status_entry(
                status_list_url(purpose, credential.status_list, base),
                purpose,
                credential.status_index,
            )
            for purpose in ("revocation", "suspension")
        ],
    )
    ob_credential.subject_name = credential.holder_name
    return ob_credential


def sign(ob_credential, *, key: IssuerKey | None = None, did: str | None = None) -> tuple:
    """(Data Integrity JSON document, VC-JWT) of the composed credential."""
    from openbadgeslib.ob3 import OB3LdpSigner, OB3Signer

    key = key or issuer_key()
    method = verification_method(did or ob_credential.issuer.id)
    document = OB3LdpSigner(key.private_pem, verification_method=method).sign(ob_credential)
    token = OB3Signer(key.private_pem, algorithm="EdDSA").sign(ob_credential)
    return document, token


def verify(document: dict, token: str, *, key: IssuerKey | None = None) -> None:
    """Check both signed forms against the public key before anything is stored.

    Only the signatures: a credential signed after its expiry (a late first signing) is still
    a faithful record; verifiers judge its validity window themselves.
    """
    import jwt
    from openbadgeslib.ob3 import OB3VerificationError, verify_data_integrity_proof

    key = key or issuer_key()
    try:
        verify_data_integrity_proof(document, key.public_pem)
        jwt.decode(
            token,
            key.public_pem,
            algorithms=["EdDSA"],
            options={"verify_exp": False, "verify_nbf": False},
        )
    except (OB3VerificationError, jwt.PyJWTError) as error:
        raise SigningError(f"the signed credential does not verify: {error}") from error


def finalize(credential, document: dict, token: str) -> None:
    from .models import IssuedCredential

    text = json.dumps(document, ensure_ascii=False, indent=2)
    # Only the first signature is kept: a concurrent signer (task and first request) loses.
    IssuedCredential.objects.filter(pk=credential.pk, signed_at__isnull=True).update(
        signed_json=text, signed_jwt=token, signed_at=timezone.now()
    )
    credential.refresh_from_db(fields=["signed_json", "signed_jwt", "signed_at"])


def ensure_signed(credential, *, check: bool = True):
    """Sign the credential unless it is signed already; returns it with its signed forms."""
    if credential.signed_at:
        return credential
    validate(credential)
    ob_credential = compose(credential)
    document, token = sign(ob_credential)
    if check:
        verify(document, token)
    with transaction.atomic():
        finalize(credential, document, token)
    return credential
