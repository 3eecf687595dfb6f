"""Signing issued credentials as Open Badges 3.0 (openbadgeslib): the issuer key, did:web, and
the pipeline validate -> compose -> sign -> verify -> finalize (after openedx/credentials).

Two issuer keys, each from an environment variable (PEM text or a path) or, when that is unset,
a file in the data folder generated on first use outside production (`academy demo` creates
both up front):
- ACADEMY_ISSUER_KEY, Ed25519 (`issuer_ed25519.pem`): the Data Integrity proof
  (`eddsa-rdfc-2022`) of credential.json, the status lists and the CLR, and an EdDSA VC-JWT;
- ACADEMY_ISSUER_JWT_KEY, RSA (RS256) or EC P-256 (ES256) (`issuer_jwt.pem`, RSA 2048 when
  generated): credential.jwt and the copies delivered to wallets, because Open Badges 3.0
  requires RS256 at minimum and 1EdTech's validator accepts only RS256 or ES256.
Both are listed in did.json; each JWT names its key with `kid` (docs/decisions/0009).
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
JWT_KEY_FILE_NAME = "issuer_jwt.pem"
JWT_KEY_FRAGMENT = "key-2"
# The version of what signing produces; older signed forms are re-signed by
# `academy credentials-upgrade` (docs/decisions/0009).
SIGNED_FORMAT = 2


class SigningError(Exception):
    """The credential could not be signed (bad key, or a document verifiers would refuse)."""


# -- the issuer keys and the DID ------------------------------------------------------------


@dataclass(frozen=True)
class IssuerKey:
    private_pem: bytes
    public_pem: bytes
    multikey: str  # publicKeyMultibase


@dataclass(frozen=True)
class JwtKey:
    private_pem: bytes
    algorithm: str  # RS256 or ES256
    public_jwk: dict
    # The parsed key: loading an RSA PEM checks the key and costs tens of milliseconds.
    private_key: object = None


@dataclass(frozen=True)
class _KeyKind:
    setting: str
    file_name: str
    description: str


ED25519 = _KeyKind("ACADEMY_ISSUER_KEY", KEY_FILE_NAME, "an Ed25519 private key")
JWT = _KeyKind("ACADEMY_ISSUER_JWT_KEY", JWT_KEY_FILE_NAME, "an RSA or EC P-256 private key")


def key_file(kind: _KeyKind = ED25519) -> Path:
    return Path(settings.DATA_DIR) / kind.file_name


def _new_private_pem(kind: _KeyKind) -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if kind is ED25519:
        key = Ed25519PrivateKey.generate()
    else:
        # RS256: the algorithm Open Badges 3.0 requires every verifier to support.
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def ensure_issuer_key(kind: _KeyKind = ED25519) -> Path | None:
    """Generate an issuer key into the data folder unless one is configured or present."""
    if _configured_key_source(kind):
        return None
    path = key_file(kind)
    if path.exists():
        return path
    pem = _new_private_pem(kind)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Create exclusively, readable by the owner only; a concurrent first use keeps the winner's.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return path


def ensure_issuer_keys() -> list[Path]:
    """Both issuer keys (`academy demo`); returns the files generated now."""
    created = []
    for kind in (ED25519, JWT):
        existed = key_file(kind).exists()
        path = ensure_issuer_key(kind)
        if path is not None and not existed:
            created.append(path)
    return created


def _configured_key_source(kind: _KeyKind = ED25519) -> str:
    return os.environ.get(kind.setting) or getattr(settings, kind.setting, "")


def _key_source(kind: _KeyKind) -> str:
    source = _configured_key_source(kind)
    if source:
        return source
    path = key_file(kind)
    if not path.exists():
        if getattr(settings, "PRODUCTION", False):
            raise ImproperlyConfigured(
                f"{kind.setting} must be set ({kind.description}, PEM or a path)."
            )
        ensure_issuer_key(kind)
    return str(path)


def _read_private_key(source: str, kind: _KeyKind):
    from cryptography.hazmat.primitives import serialization

    text = source.strip()
    try:
        pem = text.encode() if text.startswith("-----BEGIN") else Path(text).read_bytes()
    except OSError as error:
        raise ImproperlyConfigured(
            f"{kind.setting} is neither PEM text nor a readable file: {error.strerror}"
        ) from None
    try:
        return pem, serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(f"{kind.setting} is not a usable PEM key: {error}") from None


def issuer_key() -> IssuerKey:
    return _load_key(_key_source(ED25519))


@lru_cache(maxsize=4)
def _load_key(source: str) -> IssuerKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from openbadgeslib.ob3 import multikey_from_pem

    pem, key = _read_private_key(source, ED25519)
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured("ACADEMY_ISSUER_KEY must be an Ed25519 private key.")
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return IssuerKey(private_pem=pem, public_pem=public_pem, multikey=multikey_from_pem(public_pem))


def jwt_key() -> JwtKey:
    return _load_jwt_key(_key_source(JWT))


@lru_cache(maxsize=4)
def _load_jwt_key(source: str) -> JwtKey:
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from jwt.algorithms import ECAlgorithm, RSAAlgorithm

    pem, key = _read_private_key(source, JWT)
    if isinstance(key, rsa.RSAPrivateKey) and key.key_size >= 2048:
        algorithm, jwk = "RS256", RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
    elif isinstance(key, ec.EllipticCurvePrivateKey) and isinstance(key.curve, ec.SECP256R1):
        algorithm, jwk = "ES256", ECAlgorithm.to_jwk(key.public_key(), as_dict=True)
    else:
        raise ImproperlyConfigured(
            "ACADEMY_ISSUER_JWT_KEY must be an RSA key of 2048 bits or more (RS256) or an EC "
            "P-256 key (ES256)."
        )
    return JwtKey(private_pem=pem, algorithm=algorithm, public_jwk=jwk, private_key=key)


def issuer_did(base_url: str | None = None) -> str:
    """did:web of the academy: the host of ACADEMY_BASE_URL, a port percent-encoded
    (http://localhost:8000 -> did:web:localhost%3A8000), path segments joined by ':'
    (https://host/academy -> did:web:host:academy, served at https://host/academy/did.json)."""
    parts = urlsplit(base_url or settings.ACADEMY_BASE_URL)
    host = parts.hostname or "localhost"
    if parts.port:
        host = f"{host}:{parts.port}"
    segments = [quote(host, safe="")]
    segments += [quote(s, safe="") for s in parts.path.split("/") if s]
    return "did:web:" + ":".join(segments)


def did_document_path(base_url: str | None = None) -> str:
    """Where did:web resolution looks for the document, relative to the base URL: the
    `.well-known` folder for a bare host, `did.json` under a sub-path (did:web spec §3.2)."""
    path = urlsplit(base_url or settings.ACADEMY_BASE_URL).path.strip("/")
    return "did.json" if path else ".well-known/did.json"


def verification_method(did: str | None = None) -> str:
    return f"{did or issuer_did()}#{KEY_FRAGMENT}"


def jwt_verification_method(did: str | None = None) -> str:
    return f"{did or issuer_did()}#{JWT_KEY_FRAGMENT}"


def did_document() -> dict:
    """The issuer's DID document: the Ed25519 Multikey (Data Integrity, EdDSA JWT) and the
    JsonWebKey the RS256/ES256 JWTs name by `kid`; absolute ids, both in assertionMethod."""
    did = issuer_did()
    method, jwt_method = verification_method(did), jwt_verification_method(did)
    return {
        "@context": [
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/multikey/v1",
            "https://w3id.org/security/jwk/v1",
        ],
        "id": did,
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": issuer_key().multikey,
            },
            {
                "id": jwt_method,
                "type": "JsonWebKey",
                "controller": did,
                "publicKeyJwk": {**jwt_key().public_jwk, "alg": jwt_key().algorithm},
            },
        ],
        "assertionMethod": [method, jwt_method],
        "authentication": [method],
    }


# -- URLs the credential names --------------------------------------------------------------


def _base(base_url: str | None) -> str:
    return base_url or settings.ACADEMY_BASE_URL


def status_list_url(purpose: str, number: int, base_url: str | None = None) -> str:
    return f"{_base(base_url)}/credentials/status/{purpose}-{number}"


def verify_url(credential, base_url: str | None = None) -> str:
    return f"{_base(base_url)}/verify/{credential.code}/"


def credential_url(code: str, base_url: str | None = None) -> str:
    """The credential's `id`: its signed JSON form, so the id resolves to the credential."""
    return f"{_base(base_url)}/verify/{code}/credential.json"


def achievement_url(slug: str, base_url: str | None = None) -> str:
    """The achievement's `id`: its public page (HTML for people, JSON-LD for machines)."""
    return f"{_base(base_url)}/credentials/{slug}/"


def achievement_image_url(slug: str, base_url: str | None = None) -> str:
    return f"{_base(base_url)}/credentials/{slug}/badge.png"


def issuer_profile_url(base_url: str | None = None) -> str:
    return f"{_base(base_url)}/credentials/issuer.json"


# -- the pipeline ---------------------------------------------------------------------------


def validate(credential) -> None:
    """Refuse what must not be signed: a credential without its frozen snapshot."""
    if not credential.snapshot.get("title") or not credential.holder_name:
        raise SigningError(f"{credential.serial}: the snapshot is incomplete")


def _credential_class():
    from openbadgeslib.ob3 import OpenBadgeCredential

    class AcademyCredential(OpenBadgeCredential):
        """Adds what the library's model has no field for, in both signed forms (to_vc):
        `credentialSubject.name` (the display name wallets show), `awardedDate`, the issuer's
        `description`, the achievement's `inLanguage`, and a single `credentialStatus`
        object (Open Badges 3.0 allows at most one; docs/decisions/0009)."""

        subject_name: str = ""
        awarded_date: str = ""
        issuer_description: str = ""
        language: str = ""

        def to_vc(self):
            vc = super().to_vc()
            subject = vc["credentialSubject"]
            if self.subject_name:
                subject["name"] = self.subject_name
            if self.language:
                subject["achievement"]["inLanguage"] = self.language
            if self.issuer_description:
                vc["issuer"]["description"] = self.issuer_description
            if self.awarded_date:
                vc["awardedDate"] = self.awarded_date
            if isinstance(vc.get("credentialStatus"), list):
                vc["credentialStatus"] = vc["credentialStatus"][0]
            return vc

    return AcademyCredential


def _issuer_snapshot(snap: dict, base: str) -> dict:
    # Credentials issued before the issuer's details were frozen name only its name.
    return snap.get("issuer") or {"name": snap.get("issuer_name", ""), "url": base + "/"}


def compose(credential, *, holder_id: str | None = None):
    """The OpenBadgeCredential the issued credential stands for, from its frozen snapshot.

    `holder_id` binds a copy to a wallet's DID (OpenID4VCI); the credential itself names its
    holder only by a salted hash of the email and the display name.
    """
    from openbadgeslib.ob3 import Achievement, Evidence, IdentityObject, Issuer, status_entry

    snap = credential.snapshot
    base = snap.get("base_url") or settings.ACADEMY_BASE_URL
    language = credential.language
    title = credential.snapshot_text("title", language)
    issuer_data = _issuer_snapshot(snap, base)
    issuer = Issuer(
        id=snap.get("issuer_id") or issuer_did(base),
        name=issuer_data["name"],
        url=issuer_data.get("url") or base + "/",
        email=issuer_data.get("email") or None,
        image_url=issuer_data.get("image") or None,
    )
    slug = snap["definition"]
    achievement = Achievement(
        id=snap.get("achievement_id") or achievement_url(slug, base),
        name=title,
        description=credential.snapshot_text("description", language) or title,
        criteria_narrative=credential.snapshot_text("criteria", language) or title,
        image_url=snap.get("achievement_image") or None,
        tags=list((snap.get("skills") or {}).get(language) or []),
        achievement_type="Certificate",
    )
    recipient = snap.get("recipient") or {}
    identifiers = []
    if recipient.get("hash"):
        identifiers.append(
            IdentityObject(
                identity_hash=recipient["hash"],
                identity_type="emailAddress",
                hashed=True,
                salt=recipient["salt"],
            )
        )
    else:  # issued before the email hash was frozen: the name, as it was signed then
        identifiers.append(
            IdentityObject(identity_hash=credential.holder_name, identity_type="name", hashed=False)
        )
    evidence = [Evidence(narrative=credential.evidence)] if credential.evidence else []
    ob_credential = _credential_class()(
        id=snap.get("credential_id") or snap["credential_uuid"],
        issuer=issuer,
        recipient_id=holder_id or snap.get("subject_uuid") or None,
        identifiers=identifiers,
        achievement=achievement,
        name=title,
        issuance_date=credential.issued_at,
        expiration_date=credential.expires_at,
        evidence=evidence,
        credential_status=[
            status_entry(
                status_list_url(STATUS_PURPOSE, credential.status_list, base),
                STATUS_PURPOSE,
                credential.status_index,
            )
        ],
    )
    ob_credential.subject_name = credential.holder_name
    ob_credential.issuer_description = issuer_data.get("description", "")
    ob_credential.language = language
    ob_credential.awarded_date = _iso(credential.issued_at)
    return ob_credential


# The one status entry a credential carries: set while suspended and, for good, once revoked
# (docs/decisions/0009). The revocation list stays published beside it.
STATUS_PURPOSE = "suspension"


def _iso(moment) -> str:
    from openbadgeslib.ob3.credential import _iso as library_iso

    return library_iso(moment)


@dataclass(frozen=True)
class SignedForms:
    document: dict  # Data Integrity (eddsa-rdfc-2022)
    jwt: str  # RS256/ES256, kid = the JsonWebKey in did.json
    jwt_eddsa: str  # EdDSA, kid = the Multikey in did.json


def sign_jwt(payload: dict, *, key: JwtKey | None = None, did: str) -> str:
    """A VC-JWT (Open Badges 3.0 §8.2): RS256/ES256, `kid` the JsonWebKey in did.json."""
    import jwt

    key = key or jwt_key()
    return jwt.encode(
        payload,
        key.private_key,
        algorithm=key.algorithm,
        headers={"typ": "JWT", "kid": jwt_verification_method(did)},
    )


def sign(ob_credential, *, key: IssuerKey | None = None, did: str | None = None, created=None):
    """The three signed forms of the composed credential."""
    import jwt
    from openbadgeslib.ob3 import OB3LdpSigner

    key = key or issuer_key()
    did = did or ob_credential.issuer.id
    document = OB3LdpSigner(key.private_pem, verification_method=verification_method(did)).sign(
        ob_credential, created=created
    )
    payload = ob_credential.to_jwt_payload()
    token = sign_jwt(payload, did=did)
    token_eddsa = jwt.encode(
        payload,
        key.private_pem,
        algorithm="EdDSA",
        headers={"typ": "JWT", "kid": verification_method(did)},
    )
    return SignedForms(document=document, jwt=token, jwt_eddsa=token_eddsa)


def verify(forms: SignedForms, *, key: IssuerKey | None = None) -> None:
    """Check every signed form against the public keys before anything is stored.

    Only the signatures: verifiers judge the validity window themselves.
    """
    import jwt
    from openbadgeslib.ob3 import OB3VerificationError, verify_data_integrity_proof

    key = key or issuer_key()
    options = {"verify_exp": False, "verify_nbf": False}
    try:
        verify_data_integrity_proof(forms.document, key.public_pem)
        public = jwt.PyJWK({**jwt_key().public_jwk, "alg": jwt_key().algorithm})
        jwt.decode(forms.jwt, public, algorithms=[jwt_key().algorithm], options=options)
        jwt.decode(forms.jwt_eddsa, key.public_pem, algorithms=["EdDSA"], options=options)
    except (OB3VerificationError, jwt.PyJWTError) as error:
        raise SigningError(f"the signed credential does not verify: {error}") from error


def finalize(credential, forms: SignedForms, *, replace: bool = False) -> bool:
    """Store the signed forms with the issue record; returns whether they were stored."""
    from .models import IssuedCredential

    rows = IssuedCredential.objects.filter(pk=credential.pk)
    if not replace:
        # Only the first signature is kept: a concurrent signer loses.
        rows = rows.filter(signed_at__isnull=True)
    stored = rows.update(
        signed_json=json.dumps(forms.document, ensure_ascii=False, indent=2),
        signed_jwt=forms.jwt,
        signed_jwt_eddsa=forms.jwt_eddsa,
        signed_at=timezone.now(),
        signed_format=SIGNED_FORMAT,
    )
    credential.refresh_from_db(
        fields=["signed_json", "signed_jwt", "signed_jwt_eddsa", "signed_at", "signed_format"]
    )
    return bool(stored)


def sign_credential(credential, *, check: bool = True, replace: bool = False, created=None):
    """Validate, compose, sign, verify and store; `created` defaults to the issue time, so
    a proof never post-dates the credential it secures."""
    validate(credential)
    forms = sign(compose(credential), created=created or credential.issued_at)
    if check:
        verify(forms)
    with transaction.atomic():
        finalize(credential, forms, replace=replace)
    return credential


def ensure_signed(credential, *, check: bool = True):
    """Sign the credential unless it is signed already; returns it with its signed forms."""
    if credential.signed_at:
        return credential
    return sign_credential(credential, check=check)
