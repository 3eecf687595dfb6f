"""What outside tools need from a credential (Open Badges 3.0, 1EdTech's validator, VC-JWT
verifiers, browser-based verifiers): one test per defect found against the official schemas."""

import hashlib
import json
from datetime import timedelta

import jwt
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openbadgeslib.ob3 import decode_encoded_list

from certification import conformance, services, signing
from certification.models import IssuedCredential


def credential_document(client, credential) -> dict:
    return client.get(reverse("credential_json", args=[credential.code])).json()


def did_document(client) -> dict:
    return client.get("/.well-known/did.json").json()


def bit(client, entry) -> bool:
    document = client.get(entry["statusListCredential"].replace("http://testserver", "")).json()
    bits = decode_encoded_list(document["credentialSubject"]["encodedList"])
    index = int(entry["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


# -- credentialStatus: one entry (OB 3.0 allows 0..1) ---------------------------------------


def test_credential_carries_one_status_object_and_passes_the_official_schema(client, issued):
    document = credential_document(client, issued)
    assert isinstance(document["credentialStatus"], dict)
    assert document["credentialStatus"]["type"] == "BitstringStatusListEntry"
    assert conformance.credential_errors(document) == []


@pytest.mark.parametrize("change", ["suspend", "revoke"])
def test_the_one_status_bit_refuses_a_suspended_and_a_revoked_credential(client, issued, change):
    entry = credential_document(client, issued)["credentialStatus"]
    assert bit(client, entry) is False
    if change == "suspend":
        services.suspend(credential=issued, reason="Under review")
    else:
        services.revoke(credential=issued, reason="Issued in error")
    assert bit(client, entry) is True


def test_reinstating_clears_the_bit_but_a_revocation_never_does(client, issued, learner, certified):
    entry = credential_document(client, issued)["credentialStatus"]
    services.suspend(credential=issued, reason="Under review")
    services.reinstate(credential=issued)
    assert bit(client, entry) is False
    services.revoke(credential=issued, reason="Issued in error")
    assert bit(client, entry) is True


def test_the_revocation_list_still_tells_revoked_from_suspended(client, issued, learner):
    entry = dict(credential_document(client, issued)["credentialStatus"])
    entry["statusListCredential"] = entry["statusListCredential"].replace(
        "suspension-", "revocation-"
    )
    services.suspend(credential=issued, reason="Under review")
    assert bit(client, entry) is False
    services.revoke(credential=issued, reason="Issued in error")
    assert bit(client, entry) is True


# -- the VC-JWT: RS256/ES256 with a kid that names a JsonWebKey in did.json -----------------


def jwk_named_by_kid(client, token) -> tuple[dict, dict]:
    header = jwt.get_unverified_header(token)
    method = next(m for m in did_document(client)["verificationMethod"] if m["id"] == header["kid"])
    return header, method


def test_vc_jwt_is_rs256_and_verifies_with_the_jwk_its_kid_names_in_did_json(client, issued):
    token = client.get(reverse("credential_jwt", args=[issued.code])).content.decode()
    header, method = jwk_named_by_kid(client, token)
    assert header["alg"] == "RS256" and header["typ"] == "JWT"
    assert method["type"] == "JsonWebKey" and "d" not in method["publicKeyJwk"]
    assert header["kid"] in did_document(client)["assertionMethod"]
    payload = jwt.decode(token, jwt.PyJWK(method["publicKeyJwk"]), algorithms=["RS256"])
    assert payload["id"] == credential_document(client, issued)["id"]
    assert payload["iss"] == "did:web:testserver"


def test_an_ec_p256_key_from_the_environment_signs_es256(client, learner, certified, settings):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    settings.ACADEMY_ISSUER_JWT_KEY = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    credential = services.issue(person=learner, definition=certified)
    header, method = jwk_named_by_kid(client, credential.signed_jwt)
    assert header["alg"] == "ES256" and method["publicKeyJwk"]["crv"] == "P-256"
    jwt.decode(credential.signed_jwt, jwt.PyJWK(method["publicKeyJwk"]), algorithms=["ES256"])


def test_an_unusable_jwt_key_is_refused_with_a_clear_message(settings, learner, certified):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from django.core.exceptions import ImproperlyConfigured

    settings.ACADEMY_ISSUER_JWT_KEY = "/nowhere/key.pem"
    with pytest.raises(ImproperlyConfigured, match="ACADEMY_ISSUER_JWT_KEY"):
        signing.jwt_key()
    settings.ACADEMY_ISSUER_JWT_KEY = (
        ec.generate_private_key(ec.SECP384R1())
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    with pytest.raises(ImproperlyConfigured, match="P-256"):
        signing.jwt_key()


def test_the_eddsa_vc_jwt_names_the_ed25519_key(client, issued):
    token = client.get(reverse("credential_jwt_eddsa", args=[issued.code])).content.decode()
    header, method = jwk_named_by_kid(client, token)
    assert header["alg"] == "EdDSA" and method["type"] == "Multikey"
    jwt.decode(token, signing.issuer_key().public_pem, algorithms=["EdDSA"])


# -- signed at issue, frozen with the issue record ------------------------------------------


def test_a_credential_is_signed_when_it_is_issued_even_without_a_worker(
    settings, learner, certified
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    credential = services.issue(person=learner, definition=certified)
    stored = IssuedCredential.objects.get(pk=credential.pk)
    assert stored.signed_json and stored.signed_jwt and stored.signed_at
    assert stored.signed_format == signing.SIGNED_FORMAT


def test_an_expired_credential_was_signed_before_its_validity_ended(client, learner, certified):
    credential = services.issue(
        person=learner, definition=certified, issued_at=timezone.now() - timedelta(days=800)
    )
    document = credential_document(client, credential)
    assert document["proof"]["created"] <= document["validUntil"]
    assert document["proof"]["created"] == document["validFrom"]


def test_a_renewal_signs_the_new_validity_and_keeps_the_id(client, issued):
    before = credential_document(client, issued)
    IssuedCredential.objects.filter(pk=issued.pk).update(
        expires_at=timezone.now() + timedelta(days=10)
    )
    issued.refresh_from_db()
    services.renew(credential=issued, reason="Refresher")
    after = credential_document(client, issued)
    assert after["id"] == before["id"] and after["validUntil"] != before["validUntil"]


# -- ids that resolve, images, issuer details, evidence, awardedDate, one language ----------


def test_the_credential_id_resolves_to_the_credential(client, issued):
    document = credential_document(client, issued)
    response = client.get(document["id"].replace("http://testserver", ""))
    assert response.status_code == 200 and response.json()["id"] == document["id"]


def test_the_achievement_id_resolves_to_its_page_and_its_json_ld(client, issued):
    achievement = credential_document(client, issued)["credentialSubject"]["achievement"]
    path = achievement["id"].replace("http://testserver", "")
    assert path == "/credentials/certified/"
    assert "Social Media Certified" in client.get(path).content.decode()
    machine = client.get(path, HTTP_ACCEPT="application/ld+json").json()
    assert machine["id"] == achievement["id"] and machine["type"] == ["Achievement"]
    assert conformance.achievement_errors(machine) == []


def test_the_achievement_image_is_the_badge(client, issued):
    image = credential_document(client, issued)["credentialSubject"]["achievement"]["image"]
    response = client.get(image["id"].replace("http://testserver", ""))
    assert image["type"] == "Image" and response.content.startswith(b"\x89PNG")


def test_the_issuer_has_an_image_an_email_and_a_description(client, issued, settings):
    issuer = credential_document(client, issued)["issuer"]
    assert issuer["id"] == "did:web:testserver"
    assert issuer["image"]["id"].startswith("http://testserver/")
    assert issuer["email"] and issuer["description"]
    assert client.get(issuer["image"]["id"].replace("http://testserver", "")).status_code == 200


def test_the_issuer_profile_is_served_and_passes_the_official_schema(client, db):
    profile = client.get(reverse("credential_issuer")).json()
    assert profile["id"] == "did:web:testserver"
    assert conformance.profile_errors(profile) == []


def test_issuer_branding_comes_from_the_settings(client, learner, certified, settings):
    settings.ACADEMY_ISSUER_LOGO = "https://cdn.example.com/logo.png"
    settings.ACADEMY_ISSUER_URL = "https://example.com/"
    settings.ACADEMY_ISSUER_EMAIL = "academy@example.com"
    credential = services.issue(person=learner, definition=certified)
    issuer = credential_document(client, credential)["issuer"]
    assert issuer["image"]["id"] == "https://cdn.example.com/logo.png"
    assert issuer["url"] == "https://example.com/" and issuer["email"] == "academy@example.com"


def test_evidence_given_when_awarding_by_hand_is_in_the_credential(client, learner, certified):
    call_command("award", "certified", learner.email, evidence="Ran the 2026 campaign")
    credential = IssuedCredential.objects.get(person=learner)
    evidence = credential_document(client, credential)["evidence"]
    assert evidence == [{"type": ["Evidence"], "narrative": "Ran the 2026 campaign"}]


def test_the_credential_says_when_it_was_awarded(client, issued):
    document = credential_document(client, issued)
    assert document["awardedDate"] == document["validFrom"]


def test_a_dutch_holders_achievement_is_wholly_in_dutch(client, learner, certified):
    learner.language = "nl"
    learner.save()
    credential = services.issue(person=learner, definition=certified)
    achievement = credential_document(client, credential)["credentialSubject"]["achievement"]
    assert achievement["inLanguage"] == "nl"
    assert achievement["name"] == "Social Media Gecertificeerd"
    assert achievement["criteria"]["narrative"] == "Heeft de modules afgerond."


# -- the recipient: a salted SHA-256 hash of the email, besides the display name ------------


def test_the_recipient_is_a_salted_hash_of_the_email_beside_the_name(client, issued):
    subject = credential_document(client, issued)["credentialSubject"]
    identity = subject["identifier"][0]
    assert identity["type"] == "IdentityObject" and identity["hashed"] is True
    assert identity["identityType"] == "emailAddress" and len(identity["salt"]) >= 16
    digest = hashlib.sha256((issued.person.email + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${digest}"
    assert subject["name"] == issued.holder_name
    assert issued.person.email not in json.dumps(credential_document(client, issued))


def test_each_credential_has_its_own_salt(client, issued, professional, learner):
    other = services.issue(person=learner, definition=professional)
    first = credential_document(client, issued)["credentialSubject"]["identifier"][0]
    second = credential_document(client, other)["credentialSubject"]["identifier"][0]
    assert first["salt"] != second["salt"] and first["identityHash"] != second["identityHash"]


# -- status lists, did:web under a sub-path, CORS -------------------------------------------


def test_an_unknown_status_list_is_not_found(client, issued):
    assert client.get("/credentials/status/revocation-0").status_code == 200
    assert client.get("/credentials/status/revocation-7").status_code == 404
    assert client.get("/credentials/status/suspension-1").status_code == 404


def test_status_lists_pass_the_status_list_schema(client, issued):
    for purpose in ("revocation", "suspension"):
        document = client.get(f"/credentials/status/{purpose}-0").json()
        assert conformance.status_list_errors(document) == []


def test_did_web_under_a_sub_path_is_served_where_resolution_looks(
    client, settings, learner, certified
):
    settings.ACADEMY_BASE_URL = "https://academy.example.com/academy"
    credential = services.issue(person=learner, definition=certified)
    issuer = json.loads(credential.signed_json)["issuer"]["id"]
    assert issuer == "did:web:academy.example.com:academy"
    assert signing.did_document_path() == "did.json"
    # The application is mounted at /academy: its did.json is https://…/academy/did.json.
    document = client.get("/did.json").json()
    assert document["id"] == issuer
    assert (
        json.loads(credential.signed_json)["proof"]["verificationMethod"]
        in (document["assertionMethod"])
    )


@pytest.mark.parametrize(
    "path",
    [
        "credential_json",
        "credential_jwt",
        "credential_jwt_eddsa",
        "credential_badge",
        "did",
        "status",
        "issuer",
        "achievement",
    ],
)
def test_public_machine_readable_files_allow_any_origin(client, issued, path):
    urls = {
        "did": "/.well-known/did.json",
        "status": "/credentials/status/suspension-0",
        "issuer": reverse("credential_issuer"),
        "achievement": "/credentials/certified/?format=json",
    }
    url = urls.get(path) or reverse(path, args=[issued.code])
    response = client.get(url, HTTP_ORIGIN="https://verifier.example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


# -- credentials signed before this format: re-signed by a command --------------------------


def test_credentials_upgrade_re_signs_older_credentials_once(client, issued, capsys):
    old = dict(issued.snapshot)
    for key in ("recipient", "issuer", "credential_id", "achievement_image", "achievement_id"):
        old.pop(key, None)
    IssuedCredential.objects.filter(pk=issued.pk).update(snapshot=old, signed_format=1)
    call_command("credentials_upgrade")
    issued.refresh_from_db()
    document = credential_document(client, issued)
    assert issued.signed_format == signing.SIGNED_FORMAT
    assert conformance.credential_errors(document) == []
    assert document["credentialSubject"]["identifier"][0]["hashed"] is True
    assert issued.history.filter(action="upgraded").count() == 1
    call_command("credentials_upgrade")
    assert "0 credentials" in capsys.readouterr().out.splitlines()[-1]


@pytest.mark.django_db(transaction=True)
def test_every_demo_credential_the_profile_and_the_status_lists_pass_the_schemas(settings, capsys):
    # Certificates are rendered by tasks: not needed here.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    call_command("demo", no_serve=True)
    assert IssuedCredential.objects.count() >= 10
    call_command("check_conformance")
    assert "conform" in capsys.readouterr().out
    for credential in IssuedCredential.objects.all():
        assert conformance.credential_errors(json.loads(credential.signed_json)) == []
