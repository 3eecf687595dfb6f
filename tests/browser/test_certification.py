"""Credentials in the browser: earning one, the public verification page, downloads, axe."""

import pytest
from playwright.sync_api import expect

from certification import services
from certification.models import (
    ModulesCompletedRule,
    NominationApprovedRule,
    PolicyAcknowledgedRule,
)
from tests.browser.conftest import sign_in
from tests.certification.factories import DefinitionFactory
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _academy(settings, tmp_path, live_server):
    settings.DATA_DIR = tmp_path
    settings.ACADEMY_BASE_URL = live_server.url


@pytest.fixture
def certified(db):
    definition = DefinitionFactory(
        slug="certified",
        title_en="Social Media Certified",
        title_nl="Social Media Gecertificeerd",
        signature_title_en="Social Media Professional",
    )
    ModulesCompletedRule.objects.create(definition=definition, modules=["basics"])
    PolicyAcknowledgedRule.objects.create(definition=definition, position=1)
    return definition


@pytest.mark.parametrize("locale", ["en-GB", "nl-NL"])
def test_public_verification_page_is_accessible_in_both_languages(
    new_page, learner, certified, assert_accessible, locale
):
    credential = services.issue(person=learner, definition=certified)
    page = new_page(locale)
    page.goto(f"/verify/{credential.code}/")
    title = "Social Media Certified" if locale == "en-GB" else "Social Media Gecertificeerd"
    assert page.get_by_role("heading", name=title, level=1).is_visible()
    assert page.get_by_text(learner.name).first.is_visible()
    assert_accessible(page)


def test_revoked_credential_shows_revoked_to_a_visitor(new_page, learner, certified):
    credential = services.issue(person=learner, definition=certified)
    services.revoke(credential=credential, reason="Issued in error", publish_reason=True)
    page = new_page()
    page.goto(f"/verify/{credential.code}/")
    assert page.get_by_text("This credential was revoked on").is_visible()
    assert page.get_by_text("Issued in error").is_visible()


def test_holder_page_with_linkedin_and_signature_is_accessible(
    page, learner, certified, assert_accessible
):
    services.issue(person=learner, definition=certified)
    sign_in(page, learner.email, PASSWORD)
    page.wait_for_url("**/learn/")
    page.goto("/credentials/mine/")
    page.get_by_text("Add to your LinkedIn profile", exact=True).click()
    page.get_by_text("Email signature", exact=True).click()
    assert page.get_by_label("Plain-text signature").input_value().startswith(learner.name)
    assert_accessible(page)


def test_nomination_pages_are_accessible(page, lead, programme, learner, assert_accessible):
    spokesperson = DefinitionFactory(slug="spokesperson", title_en="Spokesperson")
    NominationApprovedRule.objects.create(definition=spokesperson)
    services.nominate(definition=spokesperson, person=learner, nominated_by=lead, motivation="Yes")
    sign_in(page, lead.email, PASSWORD)
    page.wait_for_url("**/")
    page.goto("/credentials/nominate/")
    assert_accessible(page)
    page.context.clear_cookies()
    sign_in(page, programme.email, PASSWORD)
    page.wait_for_url("**/")
    page.goto("/credentials/nominations/")
    assert_accessible(page)
    page.get_by_role("button", name=f"Approve {learner.name}").click()
    assert page.get_by_text(f"Approved: {learner.name}.").is_visible()


def test_learner_earns_a_credential_and_a_visitor_verifies_it(
    page, new_page, learner, certified, assert_accessible
):
    from courses import services as courses
    from tests.courses.factories import LessonFactory, ModuleFactory, TextStepFactory
    from tests.policies.factories import AcknowledgementFactory, version

    # The learner acknowledged the policy and has one step of the module "basics" to go.
    AcknowledgementFactory(person=learner, version=version("1.0"))
    lesson = LessonFactory(module=ModuleFactory(slug="basics"), slug="why")
    TextStepFactory(lesson=lesson, slug="read")
    courses.enrol(person=learner, module=lesson.module)

    sign_in(page, learner.email, PASSWORD)
    page.wait_for_url("**/learn/")
    page.goto("/learn/modules/basics/why/read/")
    page.get_by_role("button", name="Mark as done").click()
    page.wait_for_load_state()
    page.goto("/learn/")
    assert page.get_by_text("You earned a new credential: Social Media Certified!").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="See and share my credentials").click()
    public_url = page.get_by_role("link", name="Public page").get_attribute("href")

    visitor = new_page()  # a fresh, logged-out context
    visitor.goto(public_url)
    assert visitor.get_by_role("heading", name="Social Media Certified", level=1).is_visible()
    assert visitor.get_by_text(f"{learner.name} holds this credential").is_visible()
    assert_accessible(visitor)
    with visitor.expect_download() as download_info:
        visitor.evaluate(
            """url => { const a = document.createElement('a'); a.href = url; a.download = '';
                        document.body.appendChild(a); a.click(); }""",
            visitor.get_by_role("link", name="Certificate (PDF, English)").get_attribute("href"),
        )
    path = download_info.value.path()
    assert path.read_bytes().startswith(b"%PDF-")


def test_a_logged_out_visitor_sees_a_verification_page_worth_sharing(
    new_page, learner, certified, assert_accessible, settings
):
    settings.ACADEMY_LINKEDIN_ORGANIZATION_ID = "1337"
    credential = services.issue(person=learner, definition=certified)
    page = new_page()
    page.goto(f"/verify/{credential.code}/")
    # The badge artwork, loaded.
    artwork = page.get_by_role("img", name="Badge: Social Media Certified")
    assert artwork.is_visible()
    assert page.evaluate("(img) => img.naturalWidth", artwork.element_handle()) > 0
    # The status in words (the colour comes with it).
    status = page.get_by_role("status")
    assert "valid" in status.inner_text().lower() and learner.name in status.inner_text()
    # Share: LinkedIn profile (with the organisation id) and post, email, copy link.
    add = page.get_by_role("link", name="Add to LinkedIn profile")
    assert "organizationId=1337" in add.get_attribute("href")
    assert page.get_by_role("link", name="Post on LinkedIn").is_visible()
    assert page.get_by_role("link", name="Share by email").is_visible()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy link").click()
    # The clipboard is written asynchronously: wait for the confirmation.
    expect(page.get_by_text("Link copied.")).to_be_visible()
    # Downloads named for people, technical formats apart.
    assert page.get_by_role("link", name="Certificate (PDF, English)").is_visible()
    assert page.get_by_role("link", name="Digital badge for wallets").is_visible()
    assert not page.get_by_role("link", name="Issuer keys (did.json)").is_visible()
    # Open Graph and Twitter card tags, so a shared link previews with the badge.
    meta = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('meta[property^="og:"],'
        + 'meta[name^="twitter:"]')].map(m => [m.getAttribute('property') || m.name, m.content]))"""
    )
    assert meta["og:image"].endswith("/credentials/certified/badge.png")
    assert learner.name in meta["og:title"] and meta["og:url"].endswith(
        f"/verify/{credential.code}/"
    )
    assert meta["twitter:card"] == "summary" and meta["twitter:image"] == meta["og:image"]
    assert_accessible(page)


def test_the_achievement_page_is_accessible(new_page, certified, assert_accessible):
    page = new_page()
    page.goto("/credentials/certified/")
    assert page.get_by_role("heading", name="Social Media Certified", level=1).is_visible()
    assert page.get_by_role("heading", name="What it takes").is_visible()
    assert_accessible(page)
