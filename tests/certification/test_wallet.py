"""Wallet delivery (OpenID for Verifiable Credential Issuance, pre-authorised code flow), driven
the way a wallet drives it, and the CLR 2.0 learner record."""

import json
import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.urls import reverse
from jwt.algorithms import ECAlgorithm
from openbadgeslib.ob3 import bundled_clr_contexts, did_jwk_from_jwk, verify_data_integrity_proof

from certification import services, signing
from certification.models import CredentialAction, WalletOffer


class Wallet:
    """A wallet app: its own key, and the requests it sends (through the test client)."""

    def __init__(self, client):
        self.client = client
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.jwk = ECAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        self.did = did_jwk_from_jwk(self.jwk)

    def proof(self, nonce: str, audience: str = "http://testserver") -> str:
        claims = {"aud": audience, "iat": int(time.time()), "nonce": nonce}
        headers = {"typ": "openid4vci-proof+jwt", "jwk": self.jwk}
        return jwt.encode(claims, self.key, algorithm="ES256", headers=headers)

    def metadata(self) -> tuple[dict, dict]:
        issuer = self.client.get("/.well-known/openid-credential-issuer").json()
        server = self.client.get("/.well-known/oauth-authorization-server").json()
        return issuer, server

    def redeem(self, offer: dict) -> dict:
        _issuer, server = self.metadata()
        code = offer["grants"]["urn:ietf:params:oauth:grant-type:pre-authorized_code"]
        return self.client.post(
            server["token_endpoint"].replace("http://testserver", ""),
            {
                "grant_type": "urn:ietf:params:oauth:grant-type:pre-authorized_code",
                "pre-authorized_code": code["pre-authorized_code"],
            },
        )

    def request_credential(self, token: str, body: dict):
        issuer, _server = self.metadata()
        return self.client.post(
            issuer["credential_endpoint"].replace("http://testserver", ""),
            json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    def fresh_nonce(self) -> str:
        issuer, _server = self.metadata()
        return self.client.post(issuer["nonce_endpoint"].replace("http://testserver", "")).json()[
            "c_nonce"
        ]


def offer_for(client, credential) -> dict:
    """The holder, signed in, asks for an offer on My credentials and reads the link."""
    client.force_login(credential.person)
    response = client.post(reverse("wallet_offer", args=[credential.code]))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    link = response.context["offer"]["uri"]
    assert link.startswith("openid-credential-offer://") and link in response.content.decode()
    client.logout()
    return json.loads(parse_qs(urlsplit(link).query)["credential_offer"][0])


def test_a_wallet_receives_the_credential_bound_to_its_key_end_to_end(client, issued):
    wallet = Wallet(client)
    offer = offer_for(client, issued)
    issuer, _server = wallet.metadata()
    assert offer["credential_issuer"] == issuer["credential_issuer"] == "http://testserver"
    configuration = offer["credential_configuration_ids"][0]
    assert issuer["credential_configurations_supported"][configuration]["format"] == "jwt_vc_json"

    token = wallet.redeem(offer).json()["access_token"]
    body = {
        "credential_configuration_id": configuration,
        "proofs": {"jwt": [wallet.proof(wallet.fresh_nonce())]},
    }
    response = wallet.request_credential(token, body)
    assert response.status_code == 200, response.content
    received = response.json()["credentials"][0]["credential"]

    # Verify what was received: the kid names a JsonWebKey in did.json.
    header = jwt.get_unverified_header(received)
    did = client.get("/.well-known/did.json").json()
    method = next(m for m in did["verificationMethod"] if m["id"] == header["kid"])
    payload = jwt.decode(received, jwt.PyJWK(method["publicKeyJwk"]), algorithms=[header["alg"]])
    assert payload["credentialSubject"]["id"] == payload["sub"] == wallet.did
    assert payload["id"] == json.loads(issued.signed_json)["id"]
    assert payload["credentialSubject"]["achievement"]["name"] == "Social Media Certified"
    assert payload["credentialStatus"] == json.loads(issued.signed_json)["credentialStatus"]
    event = issued.history.get(action=CredentialAction.WALLET)
    assert event.data == {"holder": wallet.did}


def test_a_draft_13_wallet_gets_its_credential_too(client, issued):
    wallet = Wallet(client)
    answer = wallet.redeem(offer_for(client, issued)).json()
    body = {
        "format": "jwt_vc_json",
        "credential_definition": {"type": ["VerifiableCredential", "OpenBadgeCredential"]},
        "proof": {"proof_type": "jwt", "jwt": wallet.proof(answer["c_nonce"])},
    }
    response = wallet.request_credential(answer["access_token"], body)
    assert response.status_code == 200, response.content
    assert response.json()["credential"] == response.json()["credentials"][0]["credential"]


def test_a_pre_authorised_code_works_once_and_its_reuse_withdraws_the_token(client, issued):
    wallet = Wallet(client)
    offer = offer_for(client, issued)
    first = wallet.redeem(offer).json()
    again = wallet.redeem(offer)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    body = {
        "credential_configuration_id": offer["credential_configuration_ids"][0],
        "proofs": {"jwt": [wallet.proof(wallet.fresh_nonce())]},
    }
    response = wallet.request_credential(first["access_token"], body)
    assert response.status_code == 401
    assert WalletOffer.objects.get().state == WalletOffer.State.INVALIDATED


@pytest.mark.parametrize("fault", ["audience", "nonce-reused", "no-token"])
def test_a_bad_proof_or_token_gets_no_credential(client, issued, fault):
    wallet = Wallet(client)
    offer = offer_for(client, issued)
    token = wallet.redeem(offer).json()["access_token"]
    nonce = wallet.fresh_nonce()
    audience = "https://elsewhere.example" if fault == "audience" else "http://testserver"
    body = {
        "credential_configuration_id": offer["credential_configuration_ids"][0],
        "proofs": {"jwt": [wallet.proof(nonce, audience)]},
    }
    if fault == "nonce-reused":
        assert wallet.request_credential(token, body).status_code == 200
        body["proofs"]["jwt"] = [Wallet(client).proof(nonce)]
    response = wallet.request_credential("" if fault == "no-token" else token, body)
    assert response.status_code in (400, 401)
    assert response.json()["error"] in {
        "invalid_proof",
        "invalid_token",
        "invalid_credential_request",
    }
    assert response["Cache-Control"] == "no-store"


def test_a_credential_revoked_after_the_offer_is_not_delivered(client, issued):
    wallet = Wallet(client)
    offer = offer_for(client, issued)
    token = wallet.redeem(offer).json()["access_token"]
    services.revoke(credential=issued, reason="Issued in error")
    body = {
        "credential_configuration_id": offer["credential_configuration_ids"][0],
        "proofs": {"jwt": [wallet.proof(wallet.fresh_nonce())]},
    }
    assert wallet.request_credential(token, body).status_code == 400


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("learner", 200), ("trainer", 404), ("lead", 404), ("programme", 404)],
)
def test_only_the_holder_can_create_a_wallet_offer(
    client_for, people_by_role, issued, role, expected
):
    response = client_for(people_by_role[role]).post(reverse("wallet_offer", args=[issued.code]))
    assert response.status_code == expected


def test_the_issuer_metadata_names_the_endpoints_and_the_signing_algorithm(client, db):
    metadata = client.get("/.well-known/openid-credential-issuer").json()
    configuration = metadata["credential_configurations_supported"][
        "OpenBadgeCredential_jwt_vc_json"
    ]
    assert configuration["credential_signing_alg_values_supported"] == [signing.jwt_key().algorithm]
    assert metadata["credential_endpoint"] == "http://testserver/credentials/wallet/credential"


# -- the CLR 2.0 learner record -------------------------------------------------------------


def test_the_learner_record_holds_every_credential_and_verifies(client, issued, professional):
    other = services.issue(person=issued.person, definition=professional)
    client.force_login(issued.person)
    response = client.get(reverse("learner_record"))
    assert response.status_code == 200
    document = response.json()
    assert document["type"] == ["VerifiableCredential", "ClrCredential"]
    members = document["credentialSubject"]["verifiableCredential"]
    assert {m["id"] for m in members} == {
        json.loads(issued.signed_json)["id"],
        json.loads(other.signed_json)["id"],
    }
    verify_data_integrity_proof(
        document, signing.issuer_key().public_pem, extra_contexts=bundled_clr_contexts()
    )
    for member in members:  # each member keeps its own proof
        verify_data_integrity_proof(member, signing.issuer_key().public_pem)
    assert document["credentialSubject"]["identifier"][0]["hashed"] is True
    assert issued.person.email not in json.dumps(document)


def test_a_tampered_learner_record_does_not_verify(client, issued):
    from openbadgeslib.ob3 import OB3VerificationError

    client.force_login(issued.person)
    document = client.get(reverse("learner_record")).json()
    document["credentialSubject"]["verifiableCredential"][0]["name"] = "Something else"
    with pytest.raises(OB3VerificationError):
        verify_data_integrity_proof(
            document, signing.issuer_key().public_pem, extra_contexts=bundled_clr_contexts()
        )


def test_the_learner_record_leaves_out_revoked_credentials(client, issued, learner):
    services.revoke(credential=issued, reason="Issued in error")
    client.force_login(learner)
    response = client.get(reverse("learner_record"), follow=True)
    assert "no credentials to put in a learner record" in response.content.decode()


@pytest.mark.parametrize(("role", "expected"), [("anonymous", 302), ("learner", 200)])
def test_the_learner_record_is_for_the_signed_in_holder(
    client_for, people_by_role, issued, role, expected
):
    response = client_for(people_by_role[role]).get(reverse("learner_record"))
    assert response.status_code == expected
