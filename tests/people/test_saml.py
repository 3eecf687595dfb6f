"""SAML single sign-on through allauth's SAML provider, tested the way allauth tests it: a SAML
response from the identity provider posted to the assertion consumer service, its signature
check stubbed (python3-saml's own tests cover the XML signature)."""

import base64
from unittest.mock import patch

import pytest
from allauth.socialaccount.internal import statekit
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from people.models import Person
from tests.factories import PersonFactory

pytest.importorskip("onelogin.saml2", reason="SAML needs the saml extra (python3-saml)")

EMAIL = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
# A signature's shape, as in allauth's SAML tests: its check is stubbed in `saml_idp`.
SIGNATURE = """<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>
<CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
<Reference URI="#a1"><Transforms>
<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
<Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></Transforms>
<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>A321</DigestValue>
</Reference></SignedInfo><SignatureValue>MTIz</SignatureValue></Signature>"""


@pytest.fixture
def saml_idp(settings):
    # python3-saml wants URLs with a real domain: the academy answers as academy.example.com.
    settings.ALLOWED_HOSTS = ["testserver", "academy.example.com"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SOCIALACCOUNT_PROVIDERS = {
        "saml": {
            "APPS": [
                {
                    "name": "Brightwater SAML",
                    "client_id": "company",
                    "provider_id": "urn:idp.example.com",
                    "settings": {
                        "attribute_mapping": {"uid": "uid", "email": EMAIL},
                        "idp": {
                            "entity_id": "urn:idp.example.com",
                            "sso_url": "https://idp.example.com/sso",
                            "x509cert": "",
                        },
                        "advanced": {"strict": False},
                    },
                }
            ]
        }
    }
    settings.ACADEMY_SSO_UNIT_CLAIM = "department"
    settings.ACADEMY_SSO_ROLES_CLAIM = "roles"
    with patch("onelogin.saml2.utils.OneLogin_Saml2_Utils.validate_sign", return_value=True):
        yield


def attribute(name: str, *values: str) -> str:
    items = "".join(f"<saml:AttributeValue>{value}</saml:AttributeValue>" for value in values)
    return f'<saml:Attribute Name="{name}">{items}</saml:Attribute>'


def saml_response(in_response_to: str, email: str, **attributes: list[str]) -> str:
    statements = attribute("uid", email.split("@")[0]) + attribute(EMAIL, email)
    statements += "".join(attribute(name, *values) for name, values in attributes.items())
    xml = f"""<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"
 xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="r1" InResponseTo="{in_response_to}"
 Version="2.0" IssueInstant="2026-01-01T08:00:00Z"
 Destination="https://academy.example.com/accounts/saml/company/acs/">
  <saml:Issuer>urn:idp.example.com</saml:Issuer>
  <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
  <saml:Assertion Version="2.0" ID="a1" IssueInstant="2026-01-01T08:00:00Z">
    <saml:Issuer>urn:idp.example.com</saml:Issuer>
    {SIGNATURE}
    <saml:Subject>
      <saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">{email}</saml:NameID>
      <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
        <saml:SubjectConfirmationData NotOnOrAfter="2126-01-01T09:00:00Z"
         Recipient="https://academy.example.com/accounts/saml/company/acs/" InResponseTo="{in_response_to}"/>
      </saml:SubjectConfirmation>
    </saml:Subject>
    <saml:Conditions NotBefore="2026-01-01T08:00:00Z" NotOnOrAfter="2126-01-01T09:00:00Z">
      <saml:AudienceRestriction>
        <saml:Audience>https://academy.example.com/accounts/saml/company/metadata/</saml:Audience>
      </saml:AudienceRestriction>
    </saml:Conditions>
    <saml:AuthnStatement AuthnInstant="2026-01-01T08:00:00Z" SessionIndex="s1">
      <saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified</saml:AuthnContextClassRef></saml:AuthnContext>
    </saml:AuthnStatement>
    <saml:AttributeStatement>{statements}</saml:AttributeStatement>
  </saml:Assertion>
</samlp:Response>"""
    return base64.b64encode(xml.encode()).decode()


def sign_in_with_saml(client, email: str, **attributes: list[str]):
    """Start at the academy (which redirects to the IdP), then post the IdP's response back."""
    client.defaults.update(HTTP_HOST="academy.example.com", HTTP_X_FORWARDED_PROTO="https")
    start = client.post(reverse("saml_login", kwargs={"organization_slug": "company"}))
    assert start["Location"].startswith("https://idp.example.com/sso?SAMLRequest=")
    request_id = next(iter(client.session[statekit.STATES_SESSION_KEY]))
    acs = client.post(
        reverse("saml_acs", kwargs={"organization_slug": "company"}),
        {"SAMLResponse": saml_response(request_id, email, **attributes)},
    )
    return client.get(acs["Location"])


def test_login_page_offers_the_saml_provider(client, db, saml_idp):
    assert "Sign in with Brightwater SAML" in client.get(reverse("account_login")).content.decode()


def test_saml_sign_in_creates_the_person_with_the_unit_from_an_attribute(
    client, saml_idp, unit, other_unit
):
    response = sign_in_with_saml(client, "dora@example.com", department=["audit"])
    assert response.status_code == 302 and response["Location"] == reverse("home")
    person = Person.objects.get(email="dora@example.com")
    assert person.unit == other_unit and client.session["_auth_user_id"] == str(person.pk)


def test_saml_sign_in_links_the_person_from_the_roster_and_maps_roles(client, saml_idp, unit):
    eve = PersonFactory(email="eve@example.com", unit=unit)
    sign_in_with_saml(client, "eve@example.com", roles=["trainer", "lead"])
    assert SocialAccount.objects.get(provider="urn:idp.example.com").user == eve
    eve.refresh_from_db()
    assert eve.is_trainer and list(eve.led_units.all()) == [unit]
