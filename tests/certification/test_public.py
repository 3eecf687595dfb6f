"""The public verification URLs: no login, what a verifier sees."""

import json
import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openbadgeslib import baking
from openbadgeslib.ob3 import (
    OB3LdpVerifier,
    OB3VerificationError,
    OB3Verifier,
    decode_encoded_list,
    resolve_verification_method,
    verify_data_integrity_proof,
)

from certification import services
from certification.models import IssuedCredential


@pytest.fixture
def did_download(client):
    """Resolve did:web:testserver through the test client (offline)."""

    def download(url):
        assert url == "https://testserver/.well-known/did.json", url
        return client.get("/.well-known/did.json").content

    return download


def get(client, credential, name, **extra):
    return client.get(reverse(name, args=[credential.code]), **extra)


def set_status(credential, status):
    if status == "expired":
        IssuedCredential.objects.filter(pk=credential.pk).update(
            issued_at=timezone.now() - timedelta(days=800),
            expires_at=timezone.now() - timedelta(days=70),
        )
    elif status == "suspended":
        services.suspend(credential=credential, reason="Under review")
    elif status == "revoked":
        services.revoke(credential=credential, reason="Issued in error")
    credential.refresh_from_db()
    return credential


@pytest.mark.parametrize(
    ("status", "text"),
    [
        ("valid", "holds this credential"),
        ("expired", "expired on"),
        ("suspended", "suspended since"),
        ("revoked", "revoked on"),
    ],
)
def test_verification_page_shows_each_status(client, issued, status, text):
    set_status(issued, status)
    response = get(client, issued, "credential_verify")
    page = response.content.decode()
    assert response.status_code == 200
    assert text in page and issued.holder_name in page and issued.serial in page
    assert "Social Media Certified" in page
    assert "max-age=60" in response["Cache-Control"]


def test_verification_page_follows_the_visitors_language(client, issued):
    response = get(client, issued, "credential_verify", HTTP_ACCEPT_LANGUAGE="nl")
    assert "Social Media Gecertificeerd" in response.content.decode()


def test_verification_page_shows_no_personal_data_beyond_the_name(client, issued):
    page = get(client, issued, "credential_verify").content.decode()
    assert issued.person.email not in page
    assert issued.person.unit.name not in page


def test_published_reason_is_shown_and_unpublished_is_not(client, issued):
    services.revoke(credential=issued, reason="Secret reason")
    assert "Secret reason" not in get(client, issued, "credential_verify").content.decode()


def test_unknown_code_is_not_found(client, db):
    assert client.get("/verify/not-a-code/").status_code == 404


@pytest.mark.parametrize("status", ["valid", "revoked"])
def test_certificate_pdf_has_name_credential_serial_and_status(client, issued, status, tmp_path):
    set_status(issued, status)
    response = get(client, issued, "credential_pdf")
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(b"".join(response.streaming_content))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert issued.holder_name in text
    assert "Social Media Certified" in text
    assert issued.serial in text
    assert ("Valid" if status == "valid" else "Revoked") in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    font_rows = fonts.splitlines()[2:]
    assert font_rows and all(" yes " in row for row in font_rows)  # every font embedded


def test_certificate_wears_the_academy_name_logo_and_colour(
    client, learner, certified, settings, tmp_path
):
    settings.ACADEMY_ISSUER_NAME = ""
    settings.ACADEMY_NAME = "Brightwater Academy"
    settings.ACADEMY_LOGO = "certification/issuer-logo.png"  # a static path of this site
    settings.ACADEMY_PRIMARY_COLOUR = "#0f5132"
    credential = services.issue(person=learner, definition=certified)
    assert credential.snapshot["issuer"]["image"].startswith("http://testserver/static/")
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(b"".join(get(client, credential, "credential_pdf").streaming_content))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "BRIGHTWATER ACADEMY" in text
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    assert " 256   256 " in images.stdout  # the logo, read from disk
    from certification.certificate import certificate_html

    assert "border: 3px solid #0f5132" in certificate_html(credential)


def test_certificate_is_rendered_in_the_holders_language(client, learner, certified, tmp_path):
    learner.language = "nl"
    learner.save()
    credential = services.issue(person=learner, definition=certified)
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(b"".join(get(client, credential, "credential_pdf").streaming_content))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Social Media Gecertificeerd" in text and "Geldig" in text


def test_certificate_is_rendered_again_when_the_status_changes(client, issued):
    from certification.certificate import certificate_pdf

    first = certificate_pdf(issued)
    set_status(issued, "suspended")
    second = certificate_pdf(issued)
    assert first != second and not first.exists() and second.exists()


def test_credential_json_verifies_against_the_key_in_did_json(client, issued, did_download):
    document = get(client, issued, "credential_json").json()
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    verifier = OB3LdpVerifier.for_issuer_did("did:web:testserver")
    credential = verifier.verify(document, download=did_download)
    assert credential.identifiers[0].identity_hash.startswith("sha256$")
    subject = document["credentialSubject"]
    assert subject["name"] == issued.holder_name
    assert "id" not in subject  # no email, no DID: nothing linking credentials
    assert issued.person.email not in json.dumps(document)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d["credentialSubject"]["identifier"][0].update(identityHash="Someone Else"),
        lambda d: d["credentialSubject"].update(name="Someone Else"),
        lambda d: d["credentialSubject"]["achievement"].update(name="Something Else"),
        lambda d: d.update(validUntil="2099-01-01T00:00:00Z"),
        lambda d: d["issuer"].update(name="Another Academy"),
        lambda d: d["credentialStatus"].update(statusListIndex="7"),
        lambda d: d.update(validFrom="2020-01-01T00:00:00Z"),
    ],
    ids=["holder", "holder-name", "title", "expiry", "issuer", "status-index", "issue-date"],
)
def test_credential_json_fails_after_changing_any_field(client, issued, did_download, tamper):
    document = get(client, issued, "credential_json").json()
    tamper(document)
    key = resolve_verification_method(document["proof"]["verificationMethod"], did_download)
    with pytest.raises(OB3VerificationError):
        OB3LdpVerifier(pubkey_pem=key).verify(document)


def test_vc_jwt_verifies_with_the_did_json_key(client, issued, did_download):
    response = get(client, issued, "credential_jwt")
    assert response["Content-Type"] == "application/vc+jwt"
    key = resolve_verification_method("did:web:testserver#key-2", did_download)
    credential = OB3Verifier(pubkey_pem=key).verify(response.content.decode())
    assert credential.achievement.name == "Social Media Certified"
    assert credential.issuer.id == "did:web:testserver"


def test_did_json_lists_the_key_in_assertion_method(client, db):
    document = client.get("/.well-known/did.json").json()
    assert document["id"] == "did:web:testserver"
    assert document["assertionMethod"] == ["did:web:testserver#key-1", "did:web:testserver#key-2"]
    assert [m["type"] for m in document["verificationMethod"]] == ["Multikey", "JsonWebKey"]


def status_bit(client, issued, purpose, did_download):
    entry = get(client, issued, "credential_json").json()["credentialStatus"]
    url = entry["statusListCredential"].replace("http://testserver", "")
    url = url.replace("suspension-", f"{purpose}-")
    document = client.get(url).json()
    key = resolve_verification_method(document["proof"]["verificationMethod"], did_download)
    verify_data_integrity_proof(document, key)
    bits = decode_encoded_list(document["credentialSubject"]["encodedList"])
    index = int(entry["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def test_status_list_bit_flips_on_revoke_within_one_request(client, issued, did_download):
    assert status_bit(client, issued, "revocation", did_download) is False
    services.revoke(credential=issued, reason="Issued in error")
    assert status_bit(client, issued, "revocation", did_download) is True


def test_suspension_bit_flips_on_suspend_and_back_on_reinstate(client, issued, did_download):
    assert status_bit(client, issued, "suspension", did_download) is False
    services.suspend(credential=issued, reason="Review")
    assert status_bit(client, issued, "suspension", did_download) is True
    services.reinstate(credential=issued)
    assert status_bit(client, issued, "suspension", did_download) is False


def test_badge_png_carries_the_signed_credential(client, issued, did_download):
    from openbadgeslib.verify import verify_badge

    response = get(client, issued, "credential_badge")
    key = resolve_verification_method("did:web:testserver#key-1", did_download)
    assert verify_badge(response.content, "3", pubkey_pem=key).valid
    assert response["Content-Type"] == "image/png"
    baked = json.loads(baking.extract_png(response.content, keyword=baking.ITXT_KEYWORD_OB3))
    assert baked["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert baked["id"] == get(client, issued, "credential_json").json()["id"]


def test_signature_image_follows_the_status(client, issued):
    valid = get(client, issued, "credential_signature").content
    set_status(issued, "revoked")
    revoked = get(client, issued, "credential_signature").content
    assert valid.startswith(b"\x89PNG") and valid != revoked


def test_signed_forms_stay_the_same_after_edits_and_status_changes(client, issued):
    before = get(client, issued, "credential_json").content
    issued.person.first_name = "Changed"
    issued.person.save()
    issued.definition.title_en = "Renamed"
    issued.definition.save()
    set_status(issued, "suspended")
    assert get(client, issued, "credential_json").content == before


def test_verification_is_rate_limited_per_address(client, issued, settings):
    settings.ACADEMY_VERIFY_RATE_LIMIT = 3
    codes = [get(client, issued, "credential_verify").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_a_signed_in_visitors_verification_page_is_not_kept_by_shared_caches(
    client, issued, learner
):
    client.force_login(learner)
    response = get(client, issued, "credential_verify")
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert "private" in directives and "public" not in directives
    assert "max-age=60" in directives


def test_a_page_holding_a_csrf_token_is_not_kept_by_shared_caches(client, issued):
    response = get(client, issued, "credential_verify")
    assert "X-CSRFToken" in response.content.decode()  # the page's forms and htmx carry it
    assert "public" not in response["Cache-Control"]


def test_the_public_credential_file_stays_cacheable_by_anyone(client, issued):
    response = get(client, issued, "credential_json")
    assert "public" in response["Cache-Control"]
