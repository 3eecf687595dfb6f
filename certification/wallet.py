"""Delivering credentials to wallets: OpenID for Verifiable Credential Issuance 1.0, the
pre-authorised code flow (offer -> token -> proof of possession -> credential).

The pieces come from openbadgeslib.oid4vci (codes, stateless MAC'd nonces) and openvc-core
(the Credential Request's shape and the wallet's `openid4vci-proof+jwt`, checked against our
issuer identifier, a fresh nonce and the key it carries); the state lives in WalletOffer and
WalletNonce. The wallet receives the credential's own content, signed as a VC-JWT (RS256/ES256,
`kid` in did.json) with `credentialSubject.id` set to the wallet's DID: the copy is bound to the
key that proved possession. No DPoP, no key attestation, no transaction code: the offer is shown
only to its holder, signed in, and its code is single-use and short-lived.
"""

import hashlib
import hmac
import json
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import log_action

from . import signing
from .models import CredentialAction, IssuedCredential, WalletNonce, WalletOffer

PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
CONFIGURATION_ID = "OpenBadgeCredential_jwt_vc_json"
FORMAT = "jwt_vc_json"
OFFER_LIFETIME = timedelta(minutes=10)
TOKEN_LIFETIME = timedelta(minutes=5)
NONCE_SECONDS = 300
PROOF_ALGORITHMS = ["ES256", "ES384", "EdDSA", "RS256", "PS256"]


class WalletError(Exception):
    """An OAuth / OpenID4VCI error answer: `error` code, description, HTTP status."""

    def __init__(self, error: str, description: str, status: int = 400):
        super().__init__(description)
        self.error, self.description, self.status = error, description, status

    def as_dict(self) -> dict:
        return {"error": self.error, "error_description": self.description}


def credential_issuer() -> str:
    """The Credential Issuer Identifier: the academy's base URL (what key proofs' `aud` name)."""
    return settings.ACADEMY_BASE_URL


def _endpoint(name: str) -> str:
    return f"{credential_issuer()}/credentials/wallet/{name}"


def issuer_metadata(language: str = "en") -> dict:
    """/.well-known/openid-credential-issuer (OpenID4VCI 1.0 §12.2)."""
    from . import issuer

    branding = issuer.branding(language)
    display = {"name": branding["name"], "locale": language, "logo": {"uri": branding["image"]}}
    return {
        "credential_issuer": credential_issuer(),
        "authorization_servers": [credential_issuer()],
        "credential_endpoint": _endpoint("credential"),
        "nonce_endpoint": _endpoint("nonce"),
        "display": [display],
        "credential_configurations_supported": {
            CONFIGURATION_ID: {
                "format": FORMAT,
                "scope": "OpenBadgeCredential",
                "cryptographic_binding_methods_supported": ["did:jwk", "did:key", "jwk"],
                "credential_signing_alg_values_supported": [signing.jwt_key().algorithm],
                "proof_types_supported": {
                    "jwt": {"proof_signing_alg_values_supported": PROOF_ALGORITHMS}
                },
                "credential_definition": {"type": ["VerifiableCredential", "OpenBadgeCredential"]},
                "display": [{**display, "name": _("Open Badge")}],
            }
        },
    }


def authorization_server_metadata() -> dict:
    """/.well-known/oauth-authorization-server (RFC 8414) for the pre-authorised code grant."""
    return {
        "issuer": credential_issuer(),
        "token_endpoint": _endpoint("token"),
        "grant_types_supported": [PRE_AUTHORIZED_GRANT],
        "pre-authorized_grant_anonymous_access_supported": True,
        "response_types_supported": [],
    }


# -- the offer ------------------------------------------------------------------------------


def create_offer(*, credential: IssuedCredential, person) -> dict:
    """A single-use offer of `credential` to `person`'s wallet: the offer document, the
    `openid-credential-offer://` link (also shown as a QR code) and when it expires."""
    from openbadgeslib.oid4vci.codes import new_secret, secret_id

    if credential.person_id != person.pk:
        raise WalletError(
            "access_denied", _("Only the holder can add a credential to a wallet."), 403
        )
    if not credential.is_valid:
        raise WalletError(
            "invalid_request", _("Only a valid credential can be added to a wallet."), 400
        )
    code = new_secret()
    offer = WalletOffer.objects.create(
        credential=credential,
        code_id=secret_id(code),
        expires_at=timezone.now() + OFFER_LIFETIME,
    )
    document = {
        "credential_issuer": credential_issuer(),
        "credential_configuration_ids": [CONFIGURATION_ID],
        "grants": {PRE_AUTHORIZED_GRANT: {"pre-authorized_code": code}},
    }
    text = json.dumps(document, separators=(",", ":"))
    return {
        "offer": document,
        "uri": "openid-credential-offer://?credential_offer=" + quote(text, safe=""),
        "expires_at": offer.expires_at,
    }


# -- the token endpoint ---------------------------------------------------------------------

_REJECTED = "the pre-authorised code is not valid, has expired, or has already been used"


def exchange_code(*, grant_type: str, code: str) -> dict:
    """Redeem a pre-authorised code once for a short-lived access token."""
    from openbadgeslib.oid4vci.codes import new_secret, secret_id

    if grant_type != PRE_AUTHORIZED_GRANT:
        raise WalletError("unsupported_grant_type", "only the pre-authorised code grant")
    if not code:
        raise WalletError("invalid_request", "the pre-authorized_code parameter is required")
    now = timezone.now()
    offer = WalletOffer.objects.filter(code_id=secret_id(code), expires_at__gt=now).first()
    if offer is None:
        raise WalletError("invalid_grant", _REJECTED)
    token = new_secret()
    # Compare-and-set: of two requests with the same code, one wins; a second use of a code
    # means it leaked, so the offer and any token it gave are withdrawn.
    won = WalletOffer.objects.filter(pk=offer.pk, state=WalletOffer.State.OFFERED).update(
        state=WalletOffer.State.REDEEMED,
        token_id=secret_id(token),
        token_expires_at=now + TOKEN_LIFETIME,
    )
    if not won:
        WalletOffer.objects.filter(pk=offer.pk).update(state=WalletOffer.State.INVALIDATED)
        raise WalletError("invalid_grant", _REJECTED)
    return {
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": int(TOKEN_LIFETIME.total_seconds()),
        # Draft-13 wallets take the first nonce from the token response.
        "c_nonce": nonces().mint(),
        "c_nonce_expires_in": NONCE_SECONDS,
    }


# -- nonces ---------------------------------------------------------------------------------


class _NonceStore:
    """What openbadgeslib's NonceIssuer needs: a stable secret and a spend-once list."""

    def nonce_secret(self) -> bytes:
        # Derived from SECRET_KEY: every web process mints nonces the others accept.
        return hmac.new(
            settings.SECRET_KEY.encode(), b"certification.wallet.nonce", hashlib.sha256
        ).digest()

    def burn_nonce(self, nonce_id: str, *, expires_at, now) -> bool:
        WalletNonce.objects.filter(expires_at__lte=now).delete()
        try:
            with transaction.atomic():
                WalletNonce.objects.create(nonce_id=nonce_id, expires_at=expires_at)
        except IntegrityError:
            return False
        return True


def nonces():
    from openbadgeslib.oid4vci import NonceIssuer

    return NonceIssuer(_NonceStore(), ttl_s=NONCE_SECONDS)


def new_nonce() -> dict:
    return {"c_nonce": nonces().mint(), "c_nonce_expires_in": NONCE_SECONDS}


# -- the credential endpoint ----------------------------------------------------------------


def _request_body(body: bytes) -> dict:
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        raise WalletError("invalid_credential_request", "the request body is not JSON") from None
    if not isinstance(data, dict):
        raise WalletError("invalid_credential_request", "the request body is not a JSON object")
    if "proof" in data and "proofs" not in data:
        # Draft 13 shape (format + proof): what many wallets still send.
        proof = data.pop("proof") or {}
        data["proofs"] = {"jwt": [proof.get("jwt", "")]}
        data.pop("format", None)
        data.setdefault("credential_configuration_id", CONFIGURATION_ID)
    data.pop("credential_definition", None)
    return data


def _did_key(kid: str) -> dict:
    """The public JWK a wallet's DID names (did:jwk, or did:key through its PEM)."""
    import base64

    did = kid.split("#", 1)[0]
    if did.startswith("did:jwk:"):
        encoded = did.removeprefix("did:jwk:")
        return json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    if did.startswith("did:key:"):
        from cryptography.hazmat.primitives.serialization import load_pem_public_key
        from jwt.algorithms import ECAlgorithm, OKPAlgorithm
        from openbadgeslib.ob3 import resolve_did

        public = load_pem_public_key(resolve_did(did))
        for algorithm in (OKPAlgorithm, ECAlgorithm):
            try:
                return algorithm.to_jwk(public, as_dict=True)
            except (TypeError, ValueError, AttributeError):
                continue
    raise WalletError("invalid_proof", f"cannot resolve the key proof's kid {kid!r}")


def _holder_id(proof) -> str:
    from openbadgeslib.ob3 import did_jwk_from_jwk

    kid = proof.header.get("kid")
    if isinstance(kid, str) and kid.startswith("did:"):
        return kid.split("#", 1)[0]
    return did_jwk_from_jwk(proof.public_jwk)


def deliver(*, access_token: str, body: bytes) -> dict:
    """Check the wallet's proof of possession and answer with the credential bound to it."""
    from openbadgeslib.oid4vci.codes import secret_id
    from openbadgeslib.oid4vci.store import issuance_fingerprint
    from openvc.openid4vci import (
        CredentialRequestMalformed,
        parse_credential_request,
        verify_credential_request_proofs,
    )

    if not access_token:
        raise WalletError("invalid_token", "an access token is required", 401)
    now = timezone.now()
    offer = (
        WalletOffer.objects.select_related("credential", "credential__definition")
        .filter(
            Q(state=WalletOffer.State.REDEEMED) | Q(state=WalletOffer.State.ISSUED),
            token_id=secret_id(access_token),
            token_expires_at__gt=now,
        )
        .first()
    )
    if offer is None:
        raise WalletError("invalid_token", "the access token is not valid or has expired", 401)
    legacy = b'"proof"' in body and b'"proofs"' not in body
    try:
        request = parse_credential_request(
            _request_body(body), supported_configuration_ids=[CONFIGURATION_ID]
        )
        proofs = verify_credential_request_proofs(
            request,
            credential_issuer=credential_issuer(),
            check_nonce=nonces().consume,
            require_nonce=True,
            resolve_proof_key=_did_key,
            now=now,
        )
    except WalletError:
        raise
    except CredentialRequestMalformed as error:
        raise WalletError("invalid_credential_request", str(error)) from None
    except Exception as error:  # openvc's refusals of the key proof (signature, aud, nonce)
        raise WalletError("invalid_proof", str(error)) from None
    proof = proofs[0]
    fingerprint = issuance_fingerprint(CONFIGURATION_ID, [proof.thumbprint])
    credential = offer.credential
    if not credential.is_valid:
        raise WalletError("invalid_credential_request", "the credential is no longer valid")
    holder = _holder_id(proof)
    with transaction.atomic():
        # One offer delivers to one wallet key; the same key may retry after a lost answer.
        claimed = (
            WalletOffer.objects.filter(pk=offer.pk)
            .filter(Q(fingerprint="") | Q(fingerprint=fingerprint))
            .update(
                fingerprint=fingerprint,
                holder_id=holder,
                state=WalletOffer.State.ISSUED,
                delivered_at=now,
            )
        )
        if not claimed:
            raise WalletError(
                "invalid_credential_request", "this offer was delivered to another wallet key"
            )
        token = signing.sign_jwt(
            signing.compose(credential, holder_id=holder).to_jwt_payload(),
            did=credential.snapshot.get("issuer_id") or signing.issuer_did(),
        )
        log_action(
            credential,
            CredentialAction.WALLET,
            reason=_("Delivered to a wallet"),
            data={"holder": holder},
        )
    answer = {"credentials": [{"credential": token}]}
    if legacy:
        answer |= {"credential": token, "format": FORMAT}
    return answer
