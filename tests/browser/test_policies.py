"""The policy in the browser: a learner acknowledges a new major version and the banner goes;
axe on every policy page a learner, a lead, the programme team or an outsider opens."""

import pytest

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD
from tests.policies.factories import AcknowledgementFactory, version
from tests.policies.factories import draft as make_draft

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def versions(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    v1 = version("1.0", days_ago=365)
    v2 = version(
        "2.0",
        days_ago=10,
        body_en=v1.body_en
        + "\n## Protect clients\n\nNever discuss clients, also not internally.\n",
        body_nl=v1.body_nl + "\n## Bescherm klanten\n\nBespreek nooit klanten, ook niet intern.\n",
        changes_en="- Clients are never discussed, also not on the internal network.",
        changes_nl="- Klanten bespreek je nooit, ook niet op het interne netwerk.",
    )
    return v1, v2


def sign_in_any_language(page, email):
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def test_a_learner_acknowledges_a_new_major_version_and_the_banner_disappears(
    page, learner, versions, assert_accessible
):
    v1, _v2 = versions
    AcknowledgementFactory(person=learner, version=v1)
    sign_in(page, learner.email, PASSWORD)
    page.goto("/learn/")
    banner = page.locator(".policy-banner")
    assert "New social media policy: version 2.0" in banner.inner_text()
    assert_accessible(page)
    banner.get_by_role("link", name="Read and acknowledge the policy").click()
    page.wait_for_url("**/policy/")
    assert "Never discuss clients" in page.locator(".policy-body").inner_text()
    assert_accessible(page)
    page.get_by_label(
        "I have read version 2.0 of the social media policy and will follow it."
    ).check()
    page.get_by_role("button", name="Acknowledge").click()
    page.wait_for_url("**/policy/")
    assert "you acknowledged version 2.0" in page.locator(".messages").inner_text()
    assert "You acknowledged version 2.0" in page.locator(".policy-ack").inner_text()
    page.goto("/learn/")
    assert page.locator(".policy-banner").count() == 0
    assert_accessible(page)


def test_acknowledging_without_ticking_the_box_explains_why(page, learner, versions):
    sign_in(page, learner.email, PASSWORD)
    page.goto("/policy/")
    page.get_by_label(
        "I have read version 2.0 of the social media policy and will follow it."
    ).evaluate("box => box.removeAttribute('required')")
    page.get_by_role("button", name="Acknowledge").click()
    assert "Tick the box" in page.locator(".policy-ack").inner_text()


@pytest.mark.parametrize("locale", ["en-GB", "nl-NL"])
def test_the_public_pages_are_accessible_to_outsiders(
    new_page, versions, assert_accessible, locale
):
    page = new_page(locale)
    for path in [
        "/policy/",
        "/policy/?lang=nl",
        "/policy/1.0/",
        "/policy/history/",
        "/policy/compare/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)
    page.goto("/policy/compare/")
    assert page.locator(".policy-diff ins").count() > 0


@pytest.mark.parametrize("locale", ["en-GB", "nl-NL"])
def test_the_lead_and_programme_pages_are_accessible(
    new_page, lead, programme, learner, versions, assert_accessible, locale
):
    _v1, v2 = versions
    AcknowledgementFactory(person=learner, version=v2)
    draft = make_draft(programme, after=v2)
    page = new_page(locale)
    sign_in_any_language(page, lead.email)
    for path in ["/lead/", "/policy/coverage/"]:
        page.goto(path)
        assert "/accounts/login/" not in page.url
        assert_accessible(page)
    page = new_page(locale)
    sign_in_any_language(page, programme.email)
    for path in [
        "/programme/",
        "/policy/manage/",
        "/policy/coverage/",
        f"/policy/manage/{draft.pk}/",
        f"/policy/manage/{draft.pk}/edit/",
        f"/policy/manage/{v2.pk}/",
    ]:
        page.goto(path)
        assert "/accounts/login/" not in page.url
        assert_accessible(page)


def test_the_programme_team_publishes_a_draft(page, programme, versions, assert_accessible):
    sign_in(page, programme.email, PASSWORD)
    page.goto("/policy/manage/")
    page.get_by_role("link", name="Start a new version").click()
    page.wait_for_url("**/policy/manage/new/")
    assert_accessible(page)
    page.get_by_label("Minor change, version 2.1: earlier acknowledgements stay valid").check()
    page.get_by_label("Summary of changes (English)").fill("Clearer wording.")
    page.get_by_label("Summary of changes (Dutch)").fill("Duidelijker geformuleerd.")
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_url("**/policy/manage/*/")
    page.get_by_label(
        "I understand that version 2.1 cannot be changed or withdrawn once published."
    ).check()
    page.get_by_role("button", name="Publish version 2.1").click()
    page.wait_for_url("**/policy/manage/")
    assert "Version 2.1 is published." in page.locator(".messages").inner_text()
