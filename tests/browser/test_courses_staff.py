"""Staff pages of the courses app in Chromium: a champion reviews two assignments, a trainer takes
attendance, a lead decides on training time; axe checks every page they open."""

import datetime

import pytest
from django.utils import timezone

from courses import services
from courses.models import Booking, Submission, TimeApproval
from tests.browser.conftest import sign_in
from tests.courses.factories import (
    AssignmentStepFactory,
    LessonFactory,
    ModuleFactory,
    ProgrammeFactory,
    SessionFactory,
    SessionStepFactory,
)
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _academy(settings, tmp_path, live_server):
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.ACADEMY_BASE_URL = live_server.url


@pytest.fixture
def module(db):
    programme = ProgrammeFactory(slug="certified", title_en="Social Media Certified")
    return ModuleFactory(programme=programme, slug="linkedin", title_en="LinkedIn", minutes=120)


@pytest.fixture
def role_programme(db):
    """A programme whose training time the unit lead approves first."""
    programme = ProgrammeFactory(
        slug="roles", title_en="Social business in your role", requires_time_approval=True
    )
    ModuleFactory(programme=programme, slug="creating-business", minutes=120)
    return programme


@pytest.fixture
def colleagues(unit):
    return [
        PersonFactory(first_name="Anouk", last_name="Mulder", unit=unit),
        PersonFactory(first_name="Bram", last_name="de Wit", unit=unit),
    ]


def test_a_champion_approves_one_assignment_and_asks_for_changes_on_another(
    page, trainer, module, colleagues, assert_accessible
):
    step = AssignmentStepFactory(
        lesson=LessonFactory(module=module, title_en="Recruiting with your story"),
        title_en="Write your first LinkedIn article",
        instructions_en="Write **600 to 1,200 words** and hand in the link.",
    )
    anouk, bram = colleagues
    for person, text in ((anouk, "My article on hybrid work."), (bram, "A draft about our event.")):
        services.enrol(person=person, module=module)
        services.submit_assignment(person=person, step=step, text=text)

    sign_in(page, trainer.email, PASSWORD)
    page.wait_for_url("**/trainer/")
    assert page.get_by_text("2 assignments wait for your review.").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Assignments to review").click()
    assert page.get_by_role("heading", name="Assignments to review", level=1).is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Review Anouk Mulder").click()
    assert page.get_by_role(
        "heading", name="Review: Write your first LinkedIn article"
    ).is_visible()
    assert page.get_by_text("My article on hybrid work.").is_visible()
    assert_accessible(page)
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Send the decision").click()
    page.wait_for_url("**/trainer/reviews/")
    assert page.get_by_text("You approved").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Review Bram de Wit").click()
    page.get_by_label("Ask for changes").check()
    page.get_by_role("button", name="Send the decision").click()
    assert page.get_by_text(
        "Say what to change, so the learner knows what to do next."
    ).is_visible()
    assert_accessible(page)
    page.get_by_label("Feedback for the learner").fill("Name the event and add a date.")
    page.get_by_role("button", name="Send the decision").click()
    page.wait_for_url("**/trainer/reviews/")
    assert page.get_by_text("You asked Bram de Wit for changes").is_visible()
    assert page.get_by_text("Nothing waits for review.").is_visible()

    decided = {s.person_id: s for s in Submission.objects.all()}
    assert decided[anouk.pk].status == Submission.Status.APPROVED
    assert decided[bram.pk].status == Submission.Status.CHANGES_REQUESTED
    assert decided[bram.pk].feedback == "Name the event and add a date."


def test_a_trainer_records_attendance_once_the_session_has_started(
    page, trainer, module, colleagues, assert_accessible
):
    step = SessionStepFactory(
        lesson=LessonFactory(module=module), title_en="Role-play workshop: the angry client"
    )
    session = SessionFactory(step=step, trainer=trainer, capacity=5)
    bookings = []
    for person in colleagues:
        services.enrol(person=person, module=module)
        bookings.append(services.book_session(person=person, session=session))
    session.starts_at = timezone.now() - datetime.timedelta(minutes=30)
    session.ends_at = session.starts_at + datetime.timedelta(hours=2)
    session.save()

    sign_in(page, trainer.email, PASSWORD)
    page.wait_for_url("**/trainer/")
    page.goto("/trainer/sessions/")
    assert page.get_by_text("running now", exact=True).is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Roster").click()
    assert page.get_by_role(
        "heading", name="Roster: Role-play workshop: the angry client"
    ).is_visible()
    assert_accessible(page)
    page.get_by_label("Anouk Mulder").check()
    page.get_by_role("button", name="Save attendance").click()
    assert page.get_by_text("Attendance is saved.").is_visible()
    assert page.get_by_label("Anouk Mulder").is_disabled()
    assert page.get_by_label("Bram de Wit").is_enabled()
    assert_accessible(page)

    attended = dict(Booking.objects.values_list("person_id", "attended"))
    assert attended == {colleagues[0].pk: True, colleagues[1].pk: False}


def test_a_lead_approves_one_request_and_declines_another_with_a_reason(
    page, lead, role_programme, colleagues, assert_accessible
):
    for person in colleagues:
        services.request_time_approval(person=person, programme=role_programme)

    sign_in(page, lead.email, PASSWORD)
    page.wait_for_url("**/lead/")
    assert page.get_by_text("2 requests for training time wait for your decision.").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Decide on training time").click()
    assert page.get_by_role("heading", name="Training time to approve", level=1).is_visible()
    assert page.get_by_text("2 hours").first.is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Approve Anouk Mulder").click()
    assert page.get_by_text("You approved the training time of Anouk Mulder").is_visible()

    page.get_by_role("button", name="Decline Bram de Wit").click()
    assert page.get_by_text("Give a reason when you decline").is_visible()
    assert_accessible(page)
    page.get_by_role("form", name="Bram de Wit").get_by_label(
        "Reason (required when you decline)"
    ).fill("Quarter close: ask again in May.")
    page.get_by_role("button", name="Decline Bram de Wit").click()
    assert page.get_by_text("You declined the training time of Bram de Wit").is_visible()
    assert page.get_by_text("No requests wait for your decision.").is_visible()
    assert page.get_by_role(
        "cell", name="Quarter close: ask again in May.", exact=True
    ).is_visible()
    assert_accessible(page)

    statuses = dict(TimeApproval.objects.values_list("person_id", "status"))
    assert statuses == {colleagues[0].pk: "approved", colleagues[1].pk: "declined"}
