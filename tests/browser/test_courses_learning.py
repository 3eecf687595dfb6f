"""The learner's journey in Chromium (the courses issue's "done when"): find a module in the
catalogue, enrol, read, fail the quiz and pass it on the retry, hand in an assignment that a
champion approves on the review page, join the waitlist of a full session and then book one
with a seat, have attendance recorded on the roster, and see the module complete; axe on every
page the learner opens."""

import datetime

import pytest
from django.utils import timezone

from courses import services
from courses.models import Booking, Choice, Question, Session
from tests.browser.conftest import sign_in
from tests.courses.factories import (
    AssignmentStepFactory,
    LessonFactory,
    ModuleFactory,
    ProgrammeFactory,
    QuizStepFactory,
    SessionFactory,
    SessionStepFactory,
    TextStepFactory,
)
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

RIGHT = "With my own name, saying that I work here"
WRONG = "From an anonymous account"


@pytest.fixture
def academy(unit, trainer):
    """One programme with one module holding a text, a quiz, an assignment and a session."""
    programme = ProgrammeFactory(slug="certified", title_en="Social Media Certified")
    module = ModuleFactory(
        programme=programme,
        slug="getting-started",
        title_en="Getting started",
        summary_en="Why we are online, and how to start.",
        platforms=["linkedin"],
        minutes=120,
    )
    ModuleFactory(programme=programme, slug="speaking", title_en="Speaking as an employee")
    TextStepFactory(
        lesson=LessonFactory(module=module, slug="why", title_en="Why we are online", position=0),
        slug="why",
        title_en="Why we are online",
        body_en="## Share what you know\n\nClients find us when we share what we know.",
    )
    quiz = QuizStepFactory(
        lesson=LessonFactory(module=module, slug="check", title_en="Check", position=1),
        slug="check",
        title_en="Check what you learned",
        pass_mark=100,
        max_attempts=2,
        questions=[(False, [True, False])],
    )
    question = quiz.questions.get()
    Question.objects.filter(pk=question.pk).update(prompt_en="How do you post?")
    feedback = {
        True: (RIGHT, "Right: always make yourself known."),
        False: (WRONG, "Never post anonymously."),
    }
    for choice in question.choices.all():
        text, said = feedback[choice.correct]
        Choice.objects.filter(pk=choice.pk).update(text_en=text, feedback_en=said)
    practice = LessonFactory(module=module, slug="practice", title_en="Practice", position=2)
    AssignmentStepFactory(
        lesson=practice,
        slug="first-post",
        title_en="Write your first post",
        position=0,
        instructions_en="Write a post that shares something you learned this week.",
    )
    workshop = SessionStepFactory(lesson=practice, slug="workshop", title_en="Workshop", position=1)
    soon = timezone.now() + datetime.timedelta(days=3)
    full = SessionFactory(
        step=workshop, trainer=trainer, capacity=1, starts_at=soon, place="Room 1"
    )
    open_session = SessionFactory(
        step=workshop,
        trainer=trainer,
        capacity=8,
        starts_at=soon + datetime.timedelta(days=2),
        place="Room 2",
    )
    colleague = PersonFactory(unit=unit)
    services.enrol(person=colleague, module=module)
    services.book_session(person=colleague, session=full)
    ModuleFactory(programme=ProgrammeFactory(slug="other"), title_en="Video basics")
    return {"module": module, "full": full, "open": open_session}


def test_a_learner_completes_a_module_from_the_catalogue_to_attendance(
    new_page, learner, trainer, academy, assert_accessible, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    page = new_page()
    sign_in(page, learner.email, PASSWORD)

    # Find the module in the catalogue.
    page.goto("/learn/catalogue/")
    assert_accessible(page)
    page.get_by_label("Search").fill("getting")
    page.get_by_role("button", name="Show modules").click()
    page.wait_for_url("**/learn/catalogue/?q=getting*")
    assert "Video basics" not in page.locator("main").inner_text()
    page.get_by_role("link", name="Getting started").click()
    page.wait_for_url("**/learn/modules/getting-started/")
    assert_accessible(page)

    # Enrol and read the text.
    page.get_by_role("button", name="Enrol").click()
    assert "You are enrolled in “Getting started”" in page.locator(".messages").inner_text()
    page.get_by_role("link", name="Start the first step").click()
    page.wait_for_url("**/getting-started/why/why/")
    assert "Clients find us" in page.locator(".step-body").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Mark as done and continue").click()
    page.wait_for_url("**/getting-started/check/check/")
    assert_accessible(page)

    # Fail the quiz, read the feedback, pass on the retry.
    page.get_by_label(WRONG).check()
    page.get_by_role("button", name="Submit my answers").click()
    page.wait_for_load_state()
    result = page.locator(".quiz-result").inner_text()
    assert "Not passed yet" in result and "Never post anonymously." in result
    assert "You have 1 attempt left." in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_label(RIGHT).check()
    page.get_by_role("button", name="Submit my answers").click()
    page.wait_for_load_state()
    assert "You passed the quiz with 100%." in page.locator(".messages").inner_text()
    assert_accessible(page)

    # Hand in the assignment.
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url("**/getting-started/practice/first-post/")
    assert_accessible(page)
    page.get_by_label("Your answer").fill("This week I learned to say who I am in every post.")
    page.get_by_role("button", name="Hand in").click()
    page.wait_for_load_state()
    assert "Waiting for review" in page.locator(".submissions").inner_text()
    assert_accessible(page)

    # A champion of the learner's unit approves it on the review page.
    champion = new_page()
    sign_in(champion, trainer.email, PASSWORD)
    champion.goto("/trainer/reviews/")
    champion.get_by_role("link", name=f"Review {learner.name}: Write your first post").click()
    champion.get_by_label("Approve").check()
    champion.get_by_role("button", name="Send the decision").click()
    champion.wait_for_url("**/trainer/reviews/")

    page.reload()
    assert "Approved" in page.locator(".submissions").inner_text()
    assert f"{trainer.name} reviewed it on" in page.locator(".submissions").inner_text()
    assert_accessible(page)

    # The first session is full: join its waitlist; then take a seat at the later one.
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url("**/getting-started/practice/workshop/")
    assert_accessible(page)
    sessions = page.locator(".session-card")
    assert "Full; 0 people on the waitlist" in sessions.nth(0).inner_text()
    assert "8 seats left (of 8)" in sessions.nth(1).inner_text()
    sessions.nth(0).get_by_role("button", name="Join the waitlist").click()
    page.wait_for_load_state()
    assert "you are on its waitlist" in page.locator(".messages").inner_text()
    assert "You are on the waitlist" in page.locator(".session-card").nth(0).inner_text()
    assert_accessible(page)
    page.locator(".session-card").nth(0).get_by_role("button", name="Leave the waitlist").click()
    page.wait_for_load_state()
    page.locator(".session-card").nth(1).get_by_role("button", name="Book a seat").click()
    page.wait_for_load_state()
    assert "You have a seat at the session" in page.locator(".messages").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    assert download.value.suggested_filename == f"session-{academy['open'].pk}.ics"
    booking = Booking.objects.get(person=learner, status=Booking.Status.BOOKED)
    assert booking.session_id == academy["open"].pk

    page.goto("/learn/bookings/")
    assert "Workshop" in page.locator("main").inner_text()
    assert_accessible(page)

    # The session takes place; the trainer records attendance on the roster.
    Session.objects.filter(pk=academy["open"].pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=30)
    )
    champion.goto(f"/trainer/sessions/{academy['open'].pk}/")
    champion.get_by_label(learner.name).check()
    champion.get_by_role("button", name="Save attendance").click()
    champion.wait_for_load_state()
    assert "Attendance is saved." in champion.locator(".messages").inner_text()

    # The learner sees the module complete, on its page and at home.
    page.goto("/learn/modules/getting-started/")
    status = page.locator(".module-status").inner_text()
    assert "Module complete" in status
    assert "4 of 4" not in status  # the moment replaces the progress bar
    assert_accessible(page)
    page.goto("/learn/")
    assert "1 module completed" in page.locator(".my-learning").inner_text()
    assert_accessible(page)


def test_the_learner_pages_are_accessible_in_dutch(new_page, learner, academy, assert_accessible):
    learner.language = "nl"
    learner.save(update_fields=["language"])
    services.enrol(person=learner, module=academy["module"])
    page = new_page("nl-NL")
    sign_in_dutch(page, learner.email)
    for path in [
        "/learn/catalogue/",
        "/learn/modules/speaking/",
        "/learn/modules/getting-started/",
        "/learn/modules/getting-started/check/check/",
        "/learn/modules/getting-started/practice/workshop/",
        "/learn/bookings/",
        "/learn/",
    ]:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "nl"
        assert_accessible(page)


def sign_in_dutch(page, email):
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
