"""Required training and notifications in Chromium: the learner sees a required module with its
due date and the unread count in the header, opens the notification and lands on the step it is
about; axe on every page."""

import datetime

import pytest
from django.utils import formats, timezone

from courses import services as courses
from notifications import services
from tests.browser.conftest import sign_in
from tests.courses.factories import (
    LessonFactory,
    ModuleFactory,
    ProgrammeFactory,
    TextStepFactory,
)
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reminded(unit, programme, settings, live_server):
    settings.ACADEMY_BASE_URL = live_server.url
    learner = PersonFactory(email="sam@example.com", first_name="Sam", unit=unit)
    module = ModuleFactory(
        programme=ProgrammeFactory(slug="certified", title_en="Social Media Certified"),
        slug="speaking",
        title_en="Speaking as an employee",
    )
    lesson = LessonFactory(module=module, slug="who", title_en="Who is speaking")
    first = TextStepFactory(lesson=lesson, slug="identify", title_en="Say who you are", position=0)
    TextStepFactory(lesson=lesson, slug="behalf", title_en="About, not on behalf", position=1)
    courses.enrol(person=learner, module=module)
    courses.mark_step_done(person=learner, step=first)
    due = timezone.localdate() + datetime.timedelta(days=3)
    courses.set_requirement(by=programme, module=module, units=[unit], roles=[], due_on=due)
    services.run_due()
    return learner, due


def test_learner_sees_required_training_and_opens_the_reminder_on_its_step(
    page, reminded, assert_accessible
):
    learner, due = reminded
    sign_in(page, learner.email, PASSWORD)
    page.goto("/learn/")
    required = page.locator("section.my-learning")
    assert required.get_by_role("heading", name="Required training").is_visible()
    assert required.get_by_role("link", name="Speaking as an employee").first.is_visible()
    assert f"Due {formats.date_format(due, 'DATE_FORMAT')}" in required.inner_text()
    link = page.get_by_role("link", name="Notifications 1 unread")
    assert link.is_visible()
    assert_accessible(page)

    link.click()
    page.wait_for_url("**/notifications/")
    assert page.get_by_role("heading", name="Notifications", level=1).is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Speaking as an employee is due in 3 days").click()

    page.wait_for_url("**/learn/modules/speaking/who/behalf/")
    assert page.get_by_role("heading", name="About, not on behalf").is_visible()
    assert page.get_by_role("link", name="Notifications", exact=True).is_visible()
    assert_accessible(page)


def test_preferences_show_required_kinds_as_such(page, reminded, assert_accessible):
    learner, _due = reminded
    sign_in(page, learner.email, PASSWORD)
    page.goto("/notifications/preferences/")
    assert page.get_by_label("Required training due").is_disabled()
    assert page.get_by_label("Required training due").is_checked()
    page.get_by_label("A credential about to expire").uncheck()
    page.get_by_role("button", name="Save preferences").click()
    assert page.get_by_text("Your notification preferences are saved.").is_visible()
    assert not page.get_by_label("A credential about to expire").is_checked()
    assert_accessible(page)
