"""The responsive shell on the demo academy: every page of every role fits a 360 px phone and
passes axe, and the phone menu works with the keyboard alone."""

from urllib.parse import urlsplit

import pytest
from django.utils.module_loading import import_string

from academy.management.commands.demo import DEMO_LOADERS
from people.demo import DEMO_PASSWORD, email
from tests.browser.conftest import sign_in
from tests.browser.crawl import crawl

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}
LOGINS = {
    "visitor": None,
    "learner": "daan.jansen",
    "trainer": "sophie.bakker",
    "lead": "pieter.vandijk",
    "programme": "emma.clarke",
}
# Pages each role opens first, so that the crawl's page limit never leaves them out: the role's
# home and the pages added since the design review (notifications, required training, help,
# champions' colleagues, the people table with its bulk actions, failed emails).
FIRST = {
    "visitor": ["/", "/design/", "/policy/", "/status/"],
    "learner": ["/learn/", "/notifications/", "/notifications/preferences/"],
    "trainer": ["/trainer/", "/trainer/help/", "/champions/colleagues/", "/notifications/"],
    "lead": ["/lead/", "/lead/required-training/", "/insights/people/", "/notifications/"],
    "programme": [
        "/programme/",
        "/lead/required-training/",
        "/insights/people/",
        "/programme/emails/failed/",
        "/notifications/preferences/",
    ],
}


@pytest.fixture
def demo(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    for loader in DEMO_LOADERS:
        import_string(loader)()


@pytest.fixture
def new_pages_filled(demo):
    """What the newer pages show when there is something to show: Daan asked for help on a quiz
    and got extra attempts, an email failed, Emma reminded a unit in bulk. Adds their pages to
    FIRST."""
    from django.contrib.contenttypes.models import ContentType

    from courses.models import QuizStep
    from courses.services import overrides
    from insights import actions
    from notifications.models import Notification
    from people.models import Person

    def person(local):
        return Person.objects.get(email=email(local))

    daan, sophie, emma = person("daan.jansen"), person("sophie.bakker"), person("emma.clarke")
    quiz = QuizStep.objects.filter(lesson__module__enrolments__person=daan).first()
    overrides.request_help(person=daan, step=quiz)
    overrides.grant_quiz_attempts(actor=sophie, person=daan, step=quiz, extra=2, reason="Unclear")
    Notification.objects.create(
        recipient=sophie,
        kind="champion_digest",
        subject_type=ContentType.objects.get_for_model(Person),
        subject_id=sophie.pk,
        occasion="review",
        url="/trainer/",
        title="Your week as a trainer",
        email="failed",
        email_attempts=3,
        email_error="SMTPRecipientsRefused: 550 5.1.1 mailbox unavailable",
    )
    unit = list(Person.objects.filter(unit=daan.unit).values_list("pk", flat=True))
    bulk = actions.request_bulk_action(actor=emma, kind="remind", person_ids=unit)
    module, lesson = quiz.lesson.module, quiz.lesson
    filled = {
        "learner": [f"/learn/modules/{module.slug}/{lesson.slug}/{quiz.slug}/"],
        "programme": [f"/insights/bulk/{bulk.pk}/"],
    }
    return {role: FIRST[role] + filled.get(role, []) for role in FIRST}


def _too_wide(page) -> list[str]:
    """Elements that stick out of the viewport without a scrolling box around them."""
    return page.evaluate(
        """() => {
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width) return [];
        return [...document.querySelectorAll('body *')]
          .filter(el => el.getBoundingClientRect().right > width + 1)
          .slice(0, 5).map(el => el.tagName.toLowerCase() + '.' + el.className);
    }"""
    )


def test_no_page_of_any_role_is_wider_than_a_phone_and_axe_finds_nothing(
    browser, live_server, new_pages_filled, assert_accessible
):
    # One test for all roles: the demo academy takes a while to load.
    problems = {}
    for role, login in LOGINS.items():
        context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="en-GB")
        context.set_default_timeout(20_000)
        page = context.new_page()
        if login:
            sign_in(page, email(login), DEMO_PASSWORD)
            page.wait_for_url("**/")
        first = new_pages_filled[role]
        start = first + ([] if login is None else ["/home/", "/design/", "/policy/"])
        paths = crawl(page, live_server.url, limit=30, per_route=1, start=start)
        assert {urlsplit(p).path for p in paths} >= set(first), (role, paths)
        assert len(paths) >= (4 if login is None else 12), (role, paths)
        for path in paths:
            page.goto(path)
            if wide := _too_wide(page):
                problems[f"{role} {path}"] = wide
            assert_accessible(page)
        context.close()
    assert not problems, problems


def test_the_phone_menu_works_by_keyboard_and_stays_open_on_a_desktop(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="en-GB")
    page = context.new_page()
    sign_in(page, email("emma.clarke"), DEMO_PASSWORD)
    page.wait_for_url("**/")
    menu = page.locator("#site-menu")
    button = page.get_by_role("button", name="Menu")
    assert not menu.is_visible()
    assert button.get_attribute("aria-expanded") == "false"

    # Tab from the skip link and the brand to the menu button, open it with Enter.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.menuButton") == ""
    page.keyboard.press("Enter")
    assert menu.is_visible() and button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "My learning"

    # Escape closes it and puts focus back on the button; Space opens it again.
    page.keyboard.press("Escape")
    assert not menu.is_visible()
    assert page.evaluate("document.activeElement.dataset.menuButton") == ""
    page.keyboard.press("Space")
    assert menu.is_visible()
    page.get_by_role("link", name="Catalogue").click()
    page.wait_for_url("**/learn/catalogue/")

    # A legend that wraps on a phone sits inside its fieldset, below the border line.
    page.goto("/design/")
    legend = page.get_by_text("label long enough to wrap").bounding_box()
    fieldset = page.locator("fieldset", has_text="label long enough to wrap").bounding_box()
    assert legend["height"] > 30  # it wraps
    assert legend["y"] > fieldset["y"] + 2
    assert legend["x"] + legend["width"] <= fieldset["x"] + fieldset["width"]
    context.close()

    # On a desktop the menu is always open and the button hidden.
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 800}, locale="en-GB"
    )
    page = context.new_page()
    sign_in(page, email("emma.clarke"), DEMO_PASSWORD)
    page.wait_for_url("**/")
    assert page.locator("#site-menu").is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()
    # The header keeps to one row on a laptop: the menu sits beside the brand.
    brand = page.locator(".brand").bounding_box()
    nav = page.locator(".nav").bounding_box()
    assert abs(brand["y"] - nav["y"]) < 40
    context.close()


def test_a_funnel_stage_drills_down_to_the_filtered_people_table(
    browser, live_server, demo, assert_accessible
):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    sign_in(page, email("emma.clarke"), DEMO_PASSWORD)
    page.wait_for_url("**/")
    page.goto("/insights/")
    row = (
        page.locator("#funnel-caption")
        .locator("xpath=..")
        .get_by_role("row", name="Completed the foundation")
    )
    shown = int(row.locator("td").first.inner_text())
    row.get_by_role("link", name="Completed the foundation").click()
    page.wait_for_url("**/insights/people/?stage=foundation#people-table")
    caption = page.locator("#people-caption").inner_text()
    assert "Completed the foundation" in caption
    assert page.locator("#people-table tbody tr").count() == min(shown, 25)
    assert_accessible(page)

    # A unit in the table per unit drills down the same way.
    page.goto("/insights/")
    page.locator("#units-funnel").get_by_role("link", name="Advisory", exact=True).click()
    page.wait_for_url("**/insights/people/?unit=*")
    assert "Advisory" in page.locator("#people-caption").inner_text()
    context.close()
