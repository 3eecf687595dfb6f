"""Single sign-on with OpenID Connect against a real provider process, and password login off."""

import importlib
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from html import unescape
from urllib.parse import quote

import httpx
import pytest
from allauth.socialaccount.models import SocialAccount
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import clear_url_caches, reverse

from people.models import Person
from tests.factories import PASSWORD, PersonFactory


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def oidc_provider():
    """The oidc-provider-mock server in its own process, on a free port."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                httpx.get(f"{url}/.well-known/openid-configuration", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("the OpenID provider did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def company_sso(settings, oidc_provider):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "company-sso",
                    "name": "Brightwater SSO",
                    "client_id": "academy",
                    "secret": "academy-secret",
                    "settings": {"server_url": oidc_provider},
                }
            ]
        }
    }
    settings.ACADEMY_SSO_UNIT_CLAIM = "department"
    settings.ACADEMY_SSO_ROLES_CLAIM = "groups"
    settings.ACADEMY_SSO_ROLE_MAP = {"sg-academy-champions": "trainer"}
    return oidc_provider


@contextmanager
def signed_in_with_sso(base_url: str, provider: str, sub: str, claims: dict):
    """Sign in through the login page: our server, the provider's form, and back."""
    httpx.put(f"{provider}/users/{quote(sub)}", json=claims).raise_for_status()
    with httpx.Client(base_url=base_url) as browser:
        finished = follow_sso(browser, provider, sub)
        assert finished.status_code == 302, finished.text
        assert finished.headers["Location"] == reverse("home")
        yield browser


def follow_sso(browser: httpx.Client, provider: str, sub: str) -> httpx.Response:
    page = browser.get("/accounts/login/").text
    action = unescape(re.search(r'<form method="post" action="([^"]*/oidc/[^"]*)"', page)[1])
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    to_provider = browser.post(action, data={"csrfmiddlewaretoken": csrf})
    assert to_provider.status_code == 302, to_provider.text
    authorize = to_provider.headers["Location"]
    assert authorize.startswith(provider)
    back = httpx.post(authorize, data={"sub": sub})
    assert back.status_code == 302, back.text
    return browser.get(back.headers["Location"])


def test_first_sign_in_creates_the_person_with_unit_and_roles_from_claims(
    live_server, transactional_db, company_sso, unit, other_unit
):
    claims = {
        "email": "Ann.Lee@Example.com",
        "email_verified": True,
        "given_name": "Ann",
        "family_name": "Lee",
        "department": "Audit",
        "groups": ["sg-academy-champions", "sg-all-staff"],
    }
    with signed_in_with_sso(live_server.url, company_sso, "ann", claims) as browser:
        home = browser.get("/learn/")
    assert home.status_code == 200 and "Ann Lee" in home.text
    person = Person.objects.get(email="ann.lee@example.com")
    assert (person.unit, person.is_trainer, person.is_staff) == (other_unit, True, False)
    assert not person.has_usable_password()


def test_first_sign_in_links_the_person_from_the_roster_by_email(
    live_server, transactional_db, company_sso, unit
):
    bob = PersonFactory(email="bob@example.com", first_name="Bob", unit=unit, is_trainer=True)
    claims = {"email": "BOB@example.com", "groups": "programme"}  # no email_verified claim
    with signed_in_with_sso(live_server.url, company_sso, "bob-1", claims) as browser:
        assert browser.get("/programme/").status_code == 200
    assert Person.objects.filter(email__iexact="bob@example.com").count() == 1
    assert SocialAccount.objects.get(uid="bob-1").user == bob
    bob.refresh_from_db()
    # The roles claim is the truth when present: programme team, no longer a trainer.
    assert (bob.is_staff, bob.is_trainer, bob.unit) == (True, False, unit)


def test_an_unknown_unit_in_the_claims_keeps_the_unit_and_still_signs_in(
    live_server, transactional_db, company_sso, unit
):
    PersonFactory(email="cy@example.com", unit=unit)
    with signed_in_with_sso(
        live_server.url, company_sso, "cy", {"email": "cy@example.com", "department": "Sales"}
    ) as browser:
        assert browser.get("/learn/").status_code == 200
    assert Person.objects.get(email="cy@example.com").unit == unit


def test_a_deactivated_person_cannot_sign_in_with_sso(
    live_server, transactional_db, company_sso, unit
):
    PersonFactory(email="gone@example.com", unit=unit, is_active=False)
    httpx.put(f"{company_sso}/users/gone", json={"email": "gone@example.com"}).raise_for_status()
    with httpx.Client(base_url=live_server.url) as browser:
        finished = follow_sso(browser, company_sso, "gone")
        assert finished.headers["Location"] == reverse("account_inactive")
        assert browser.get("/learn/").status_code == 302


def test_login_page_shows_the_company_button_before_the_password_form(client, db, company_sso):
    page = client.get(reverse("account_login")).content.decode()
    assert "Sign in with Brightwater SSO" in page
    assert page.index("Sign in with Brightwater SSO") < page.index('name="password"')


def test_login_page_without_sso_shows_only_the_password_form(client, db):
    page = client.get(reverse("account_login")).content.decode()
    assert "sso-button" not in page and 'name="password"' in page


@pytest.fixture
def password_login_off(settings, company_sso):
    """ACADEMY_PASSWORD_LOGIN=false, with the URLs built as at start-up under that setting."""
    import allauth.account.urls
    import allauth.urls

    import academy.urls

    def rebuild():
        for module in (allauth.account.urls, allauth.urls, academy.urls):
            importlib.reload(module)
        clear_url_caches()

    settings.ACADEMY_PASSWORD_LOGIN = False
    settings.SOCIALACCOUNT_ONLY = True
    rebuild()
    yield
    settings.SOCIALACCOUNT_ONLY = False
    rebuild()


def test_password_login_off_hides_the_password_form_and_refuses_passwords(
    client, learner, password_login_off
):
    page = client.get(reverse("account_login")).content.decode()
    assert "Sign in with Brightwater SSO" in page and 'name="password"' not in page
    response = client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 403 and "_auth_user_id" not in client.session


def test_password_login_off_closes_password_reset(client, learner, password_login_off):
    assert client.get("/accounts/password/reset/").status_code == 404


def test_password_login_off_sends_the_admin_login_to_single_sign_on(
    client, programme, password_login_off
):
    programme.is_superuser = True
    programme.save()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": programme.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_admin_login_with_passwords_on_still_works(client, programme):
    programme.is_superuser = True
    programme.save()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": programme.email, "password": PASSWORD}
    )
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(programme.pk)


def test_password_login_off_without_single_sign_on_is_a_system_check_error(settings):
    settings.ACADEMY_PASSWORD_LOGIN = False
    settings.SOCIALACCOUNT_PROVIDERS = {}
    with pytest.raises(SystemCheckError, match="people.E001"):
        call_command("check")
