"""The learner pages: catalogue, module, every kind of step, bookings, files and the home
section, for each role (anonymous, learner, trainer, lead, programme team)."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from courses import forms, quiz, selectors, services
from courses.models import (
    AssignmentStep,
    Booking,
    Enrolment,
    QuizAttempt,
    StepCompletion,
    Submission,
    TimeApproval,
)
from courses.steps import kind_named
from tests.factories import PersonFactory, UnitFactory

from .factories import (
    AssignmentStepFactory,
    LessonFactory,
    ModuleFactory,
    PolicyStepFactory,
    ProgrammeFactory,
    QuizStepFactory,
    SessionFactory,
    TextStepFactory,
    right_answers,
    wrong_answers,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "learner", "trainer", "lead", "programme"]
SIGNED_IN = [role for role in ROLES if role != "anonymous"]


def step_url(step) -> str:
    return reverse("courses:step", args=[step.lesson.module.slug, step.lesson.slug, step.slug])


def done_url(step) -> str:
    return reverse("courses:step_done", args=[step.lesson.module.slug, step.lesson.slug, step.slug])


def shown_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def quiz_post(answers: dict[int, list[int]]) -> dict:
    return {f"question_{question}": choices for question, choices in answers.items()}


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# Permissions per role --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_catalogue_and_my_sessions_open_for_everyone_signed_in(
    role, people_by_role, client_for, module
):
    client = client_for(people_by_role[role])
    for url in [reverse("courses:catalogue"), reverse("courses:bookings")]:
        response = client.get(url)
        if role == "anonymous":
            assert_login_redirect(response)
        else:
            assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_the_module_page_opens_for_everyone_signed_in(role, people_by_role, client_for, module):
    response = client_for(people_by_role[role]).get(reverse("courses:module", args=["basics"]))
    if role == "anonymous":
        assert_login_redirect(response)
    else:
        assert response.status_code == 200
        assert "Basics" in response.text


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", ["text", "video", "quiz", "assignment", "session"])
def test_every_role_opens_each_kind_of_step_once_enrolled(
    role, kind, people_by_role, client_for, module, steps
):
    person = people_by_role[role]
    if person is not None:
        services.enrol(person=person, module=module)
    response = client_for(person).get(step_url(steps[kind]))
    if role == "anonymous":
        assert_login_redirect(response)
    else:
        assert response.status_code == 200
        assert f"step-{kind}" in response.text


@pytest.mark.parametrize("role", SIGNED_IN)
def test_a_step_of_a_module_one_is_not_enrolled_in_leads_to_the_module_page(
    role, people_by_role, client_for, module, steps
):
    response = client_for(people_by_role[role]).get(step_url(steps["text"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:module", args=["basics"])
    assert "Enrol in the module to open its steps." in shown_messages(response)


@pytest.mark.parametrize(
    "name",
    ["courses:enrol", "courses:request_time_approval"],
)
def test_anonymous_posts_are_sent_to_sign_in_and_change_nothing(name, client, module):
    ProgrammeFactory(slug="certified", requires_time_approval=True)
    response = client.post(reverse(name, args=["certified" if "time" in name else "basics"]))
    assert_login_redirect(response)
    assert not Enrolment.objects.exists()
    assert not TimeApproval.objects.exists()


def test_anonymous_answers_and_files_are_sent_to_sign_in(client, learner, module, steps, session):
    services.enrol(person=learner, module=module)
    booking = services.book_session(person=learner, session=session)
    submission = services.submit_assignment(
        person=learner, step=steps["assignment"], link="https://example.com/post"
    )
    for response in [
        client.post(step_url(steps["quiz"]), quiz_post(right_answers(steps["quiz"]))),
        client.post(done_url(steps["text"])),
        client.post(reverse("courses:cancel_booking", args=[booking.pk])),
        client.get(reverse("courses:booking_ics", args=[booking.pk])),
        client.get(reverse("courses:submission_file", args=[submission.pk])),
    ]:
        assert_login_redirect(response)
    assert not QuizAttempt.objects.exists()
    assert not StepCompletion.objects.exists()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED


def test_an_unpublished_programme_is_not_found_anywhere(client_for, learner, course, steps):
    course["programme"].status = "draft"
    course["programme"].save()
    client = client_for(learner)
    assert client.get(reverse("courses:module", args=["basics"])).status_code == 404
    assert client.get(step_url(steps["text"])).status_code == 404
    assert client.post(reverse("courses:enrol", args=["basics"])).status_code == 404
    assert (
        client.post(reverse("courses:request_time_approval", args=["certified"])).status_code == 404
    )
    assert "Basics" not in client.get(reverse("courses:catalogue")).text
    assert not Enrolment.objects.exists()


def test_unknown_modules_lessons_and_steps_are_not_found(client_for, learner, module, steps):
    client = client_for(learner)
    assert client.get(reverse("courses:module", args=["nope"])).status_code == 404
    assert client.get(reverse("courses:step", args=["basics", "read", "nope"])).status_code == 404
    assert client.get(reverse("courses:step", args=["basics", "nope", "intro"])).status_code == 404


def test_the_learner_urls_keep_their_paths():
    assert reverse("courses:catalogue") == "/learn/catalogue/"
    assert reverse("courses:module", args=["m"]) == "/learn/modules/m/"
    assert reverse("courses:enrol", args=["m"]) == "/learn/modules/m/enrol"
    assert (
        reverse("courses:request_time_approval", args=["p"]) == "/learn/programmes/p/time-approval"
    )
    assert reverse("courses:step", args=["m", "l", "s"]) == "/learn/modules/m/l/s/"
    assert reverse("courses:step_done", args=["m", "l", "s"]) == "/learn/modules/m/l/s/done"
    assert reverse("courses:bookings") == "/learn/bookings/"
    assert reverse("courses:cancel_booking", args=[3]) == "/learn/bookings/3/cancel"
    assert reverse("courses:booking_ics", args=[3]) == "/learn/bookings/3.ics"
    assert reverse("courses:submission_file", args=[3]) == "/learn/submissions/3/file"


def test_posting_only_pages_refuse_get(client_for, learner, module):
    client = client_for(learner)
    assert client.get(reverse("courses:enrol", args=["basics"])).status_code == 405
    assert (
        client.get(reverse("courses:request_time_approval", args=["certified"])).status_code == 405
    )


# Catalogue -------------------------------------------------------------------------------------


def test_the_catalogue_lists_only_modules_aimed_at_the_learner(client_for, learner, other_unit):
    ModuleFactory(title_en="For everyone")
    ModuleFactory(title_en="For my unit", units=[learner.unit])
    ModuleFactory(title_en="For another unit", units=[other_unit])
    ModuleFactory(title_en="For trainers", audience_roles=["trainer"])
    text = client_for(learner).get(reverse("courses:catalogue")).text
    assert "For everyone" in text
    assert "For my unit" in text
    assert "For another unit" not in text
    assert "For trainers" not in text


def test_the_catalogue_filters_by_search_language_and_platform(client_for, learner):
    ModuleFactory(title_en="LinkedIn basics", platforms=["linkedin"], languages=["en", "nl"])
    ModuleFactory(title_en="Video for beginners", platforms=["video"], languages=["en"])
    client = client_for(learner)
    url = reverse("courses:catalogue")

    searched = client.get(url, {"q": "linkedin"}).text
    assert "LinkedIn basics" in searched and "Video for beginners" not in searched
    dutch = client.get(url, {"language": "nl"}).text
    assert "LinkedIn basics" in dutch and "Video for beginners" not in dutch
    video = client.get(url, {"platform": "video"}).text
    assert "Video for beginners" in video and "LinkedIn basics" not in video
    nothing = client.get(url, {"q": "underwater basket weaving"}).text
    assert "No modules match" in nothing
    assert "Clear the filters" in nothing


def test_the_catalogue_shows_each_modules_state_and_facts(client_for, learner):
    first = ModuleFactory(title_en="First", minutes=90, platforms=["linkedin"])
    TextStepFactory(lesson=LessonFactory(module=first))
    TextStepFactory(lesson=LessonFactory(module=first))
    ModuleFactory(title_en="Second", requires=[first])
    services.enrol(person=learner, module=first)
    services.mark_step_done(person=learner, step=first.lessons.first().steps.first())
    text = client_for(learner).get(reverse("courses:catalogue")).text
    assert "90 minutes" in text
    assert "LinkedIn" in text
    assert "In progress" in text
    assert 'value="50"' in text  # the progress bar of "First"
    assert "Not open yet" in text  # "Second" waits for "First"
    assert "Complete first" in text


def test_an_empty_catalogue_says_so(client_for, learner):
    text = client_for(learner).get(reverse("courses:catalogue")).text
    assert "No modules for you yet" in text


def test_the_catalogue_is_paginated_and_keeps_the_filters(client_for, learner):
    for number in range(25):
        ModuleFactory(title_en=f"Module about LinkedIn {number}", platforms=["linkedin"])
    client = client_for(learner)
    first = client.get(reverse("courses:catalogue"), {"platform": "linkedin"})
    assert "Page 1 of 2" in first.text
    assert "?platform=linkedin&amp;page=2" in first.text
    second = client.get(reverse("courses:catalogue"), {"platform": "linkedin", "page": 2})
    assert second.text.count('class="card module-card"') == 5


# Module page and enrolment ---------------------------------------------------------------------


def test_a_learner_enrols_from_the_module_page(client_for, learner, module):
    client = client_for(learner)
    page = client.get(reverse("courses:module", args=["basics"])).text
    assert 'action="/learn/modules/basics/enrol"' in page
    response = client.post(reverse("courses:enrol", args=["basics"]), {"language": "nl"})
    assert response["Location"] == reverse("courses:module", args=["basics"])
    enrolment = Enrolment.objects.get(person=learner, module=module)
    assert enrolment.language == "nl"
    page = client.get(reverse("courses:module", args=["basics"])).text
    assert "Start the first step" in page
    assert step_url(module.lessons.first().steps.first()) in page


@pytest.mark.parametrize("role", SIGNED_IN)
def test_every_role_may_enrol_in_a_module_for_everyone(role, people_by_role, client_for, module):
    client_for(people_by_role[role]).post(reverse("courses:enrol", args=["basics"]))
    assert Enrolment.objects.filter(person=people_by_role[role], module=module).exists()


def test_enrolling_twice_keeps_one_enrolment(client_for, learner, module):
    client = client_for(learner)
    client.post(reverse("courses:enrol", args=["basics"]))
    client.post(reverse("courses:enrol", args=["basics"]))
    assert Enrolment.objects.filter(person=learner).count() == 1


def test_a_learner_cannot_enrol_outside_their_audience(client_for, learner, other_unit):
    ModuleFactory(slug="audit-only", units=[other_unit])
    client = client_for(learner)
    page = client.get(reverse("courses:module", args=["audit-only"])).text
    assert "meant for other units or roles" in page
    assert "/enrol" not in page
    response = client.post(reverse("courses:enrol", args=["audit-only"]))
    assert "This module is meant for other units or roles." in shown_messages(response)
    assert not Enrolment.objects.exists()


def test_the_programme_team_may_enrol_in_any_module(client_for, programme, other_unit):
    module = ModuleFactory(slug="audit-only", units=[other_unit])
    client_for(programme).post(reverse("courses:enrol", args=["audit-only"]))
    assert Enrolment.objects.filter(person=programme, module=module).exists()


def test_prerequisites_not_met_are_shown_and_block_enrolment(client_for, learner, module):
    ModuleFactory(slug="advanced", title_en="Advanced", requires=[module])
    client = client_for(learner)
    page = client.get(reverse("courses:module", args=["advanced"])).text
    assert "Complete these modules first:" in page
    assert reverse("courses:module", args=["basics"]) in page
    response = client.post(reverse("courses:enrol", args=["advanced"]))
    assert "Complete Basics first." in shown_messages(response)
    assert not Enrolment.objects.exists()


def test_a_language_the_module_is_not_offered_in_is_refused(client_for, learner):
    ModuleFactory(slug="english-only", languages=["en"])
    response = client_for(learner).post(
        reverse("courses:enrol", args=["english-only"]), {"language": "nl"}
    )
    assert "Choose one of the languages the module is offered in." in shown_messages(response)
    assert not Enrolment.objects.exists()


def test_the_module_page_shows_the_outline_with_what_is_done(client_for, learner, module, steps):
    services.enrol(person=learner, module=module)
    services.mark_step_done(person=learner, step=steps["text"])
    page = client_for(learner).get(reverse("courses:module", args=["basics"])).text
    assert "1 of 5 steps done (20%)" in page
    assert "Lesson 1:" in page and "Lesson 3:" in page
    assert 'class="is-done"' in page
    assert "Continue where you left off" in page
    assert step_url(steps["video"]) in page


def test_continue_where_you_left_off_follows_the_last_step_visited(
    client_for, learner, module, steps
):
    services.enrol(person=learner, module=module)
    client = client_for(learner)
    client.get(step_url(steps["assignment"]))
    enrolment = Enrolment.objects.get(person=learner)
    assert enrolment.last_step_id == steps["assignment"].pk
    page = client.get(reverse("courses:module", args=["basics"])).text
    resume = re.search(r'<a class="button" href="([^"]+)">Continue where you left off', page)
    assert resume is None  # nothing done yet: "Start the first step" names the resume point
    assert f'href="{step_url(steps["assignment"])}">Start the first step' in page


# Training time ---------------------------------------------------------------------------------


@pytest.fixture
def approval_programme(unit):
    programme = ProgrammeFactory(slug="roles", title_en="Roles", requires_time_approval=True)
    ModuleFactory(programme=programme, slug="selling", minutes=120)
    ModuleFactory(programme=programme, slug="smarter", minutes=90)
    return programme


def test_a_programme_that_needs_time_approval_asks_for_it_first(
    client_for, learner, approval_programme
):
    client = client_for(learner)
    page = client.get(reverse("courses:module", args=["selling"])).text
    assert "2 modules, 3.5 hours in total" in page
    assert "Ask my lead to approve the time" in page
    assert "/enrol" not in page
    response = client.post(
        reverse("courses:request_time_approval", args=["roles"]),
        {"next": reverse("courses:module", args=["selling"])},
    )
    assert response["Location"] == reverse("courses:module", args=["selling"])
    approval = TimeApproval.objects.get(person=learner)
    assert (approval.status, approval.minutes) == ("requested", 210)
    page = client.get(reverse("courses:module", args=["selling"])).text
    assert "Waiting for your lead" in page
    assert "Ask my lead" not in page


@pytest.mark.parametrize("role", ROLES)
def test_every_role_asks_for_their_own_training_time_only(
    role, people_by_role, client_for, approval_programme
):
    response = client_for(people_by_role[role]).post(
        reverse("courses:request_time_approval", args=["roles"])
    )
    if role == "anonymous":
        assert_login_redirect(response)
        assert not TimeApproval.objects.exists()
    else:
        assert list(TimeApproval.objects.values_list("person", flat=True)) == [
            people_by_role[role].pk
        ]


def test_the_learner_sees_the_leads_decline_with_its_reason_and_asks_again(
    client_for, learner, lead, approval_programme
):
    approval = services.request_time_approval(person=learner, programme=approval_programme)
    services.decide_time_approval(
        approval=approval, by=lead, approve=False, reason="Busy quarter; ask again in May."
    )
    client = client_for(learner)
    page = client.get(reverse("courses:module", args=["selling"])).text
    assert "declined your request" in page
    assert "Busy quarter; ask again in May." in page
    assert "Ask again" in page
    client.post(reverse("courses:request_time_approval", args=["roles"]))
    assert TimeApproval.objects.filter(person=learner, status="requested").count() == 1


def test_once_the_lead_approves_the_learner_can_enrol(
    client_for, learner, lead, approval_programme
):
    approval = services.request_time_approval(person=learner, programme=approval_programme)
    services.decide_time_approval(approval=approval, by=lead, approve=True)
    client = client_for(learner)
    page = client.get(reverse("courses:module", args=["selling"])).text
    assert "approved 3.5 hours of training time" in page
    client.post(reverse("courses:enrol", args=["selling"]))
    assert Enrolment.objects.filter(person=learner, module__slug="selling").exists()


def test_without_approval_enrolling_is_refused(client_for, learner, approval_programme):
    response = client_for(learner).post(reverse("courses:enrol", args=["selling"]))
    assert any("approves the training time" in text for text in shown_messages(response))
    assert not Enrolment.objects.exists()


def test_asking_for_time_a_programme_does_not_need_is_refused(client_for, learner, module):
    response = client_for(learner).post(
        reverse("courses:request_time_approval", args=["certified"])
    )
    assert "This programme needs no approval of training time." in shown_messages(response)
    assert not TimeApproval.objects.exists()


def test_a_next_address_outside_the_site_is_ignored(client_for, learner, approval_programme):
    response = client_for(learner).post(
        reverse("courses:request_time_approval", args=["roles"]),
        {"next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("courses:catalogue")


# Text and video steps --------------------------------------------------------------------------


def test_marking_a_text_step_done_goes_on_to_the_next_step(client_for, learner, enrolled, steps):
    client = client_for(learner)
    page = client.get(step_url(steps["text"])).text
    assert "<h2>Hello</h2>" in page  # the markdown, rendered
    assert "Mark as done and continue" in page
    assert "step 1 of 5" in page
    response = client.post(done_url(steps["text"]))
    assert response["Location"] == step_url(steps["video"])
    assert StepCompletion.objects.filter(step=steps["text"]).count() == 1
    page = client.get(step_url(steps["text"])).text
    assert "You have completed this step." in page


def test_marking_done_twice_counts_once(client_for, learner, enrolled, steps):
    client = client_for(learner)
    client.post(done_url(steps["text"]))
    client.post(done_url(steps["text"]))
    enrolled.refresh_from_db()
    assert enrolled.steps_completed == 1


def test_a_video_step_embeds_the_allowed_video_with_a_title_and_shows_the_transcript(
    client_for, learner, enrolled, steps
):
    page = client_for(learner).get(step_url(steps["video"])).text
    assert '<iframe src="https://www.youtube-nocookie.com/embed/abc123"' in page
    assert f'title="Video: {steps["video"].title()}"' in page
    assert "Transcript" in page and "What is said in the video." in page


def test_kinds_the_learner_does_not_mark_done_refuse_it(client_for, learner, enrolled, steps):
    response = client_for(learner).post(done_url(steps["quiz"]))
    assert response["Location"] == step_url(steps["quiz"])
    assert "Score at least 100% in the quiz." in shown_messages(response)
    assert not StepCompletion.objects.exists()


def test_marking_done_without_enrolment_changes_nothing(client_for, learner, module, steps):
    response = client_for(learner).post(done_url(steps["text"]))
    assert response["Location"] == reverse("courses:module", args=["basics"])
    assert not StepCompletion.objects.exists()


def test_a_step_without_a_form_refuses_posts(client_for, learner, enrolled, steps):
    assert client_for(learner).post(step_url(steps["text"])).status_code == 405


def test_previous_and_next_links_follow_the_module_order(client_for, learner, enrolled, steps):
    page = client_for(learner).get(step_url(steps["quiz"])).text
    assert f'href="{step_url(steps["video"])}" rel="prev"' in page
    assert f'href="{step_url(steps["assignment"])}" rel="next"' in page
    assert 'aria-current="page"' in page  # the breadcrumb's last item


# Quizzes ---------------------------------------------------------------------------------------


def test_a_failed_quiz_shows_feedback_per_answer_and_the_attempts_left(
    client_for, learner, enrolled, steps
):
    quiz_step = steps["quiz"]
    client = client_for(learner)
    response = client.post(step_url(quiz_step), quiz_post(wrong_answers(quiz_step)))
    assert response["Location"] == step_url(quiz_step)
    assert "You scored 0%; you need 100% to pass." in " ".join(shown_messages(response))
    page = client.get(step_url(quiz_step)).text
    assert "Not passed yet" in page
    assert "Attempt 1: you scored 0%" in page
    assert "Not quite." in page  # the feedback of the wrong answer chosen
    assert "You have 1 attempt left." in page
    assert "Try again" in page
    assert QuizAttempt.objects.get().passed is False


def test_passing_on_the_retry_completes_the_quiz(client_for, learner, enrolled, steps):
    quiz_step = steps["quiz"]
    client = client_for(learner)
    client.post(step_url(quiz_step), quiz_post(wrong_answers(quiz_step)))
    response = client.post(step_url(quiz_step), quiz_post(right_answers(quiz_step)))
    assert "You passed the quiz with 100%." in shown_messages(response)
    page = client.get(step_url(quiz_step)).text
    assert "Passed" in page and "Submit my answers" not in page
    assert StepCompletion.objects.filter(step=quiz_step).exists()


def test_no_attempt_beyond_the_limit(client_for, learner, enrolled, steps):
    quiz_step = steps["quiz"]
    client = client_for(learner)
    for _ in range(2):
        client.post(step_url(quiz_step), quiz_post(wrong_answers(quiz_step)))
    page = client.get(step_url(quiz_step)).text
    assert "You have used all 2 attempts at this quiz." in page
    assert "Submit my answers" not in page
    response = client.post(step_url(quiz_step), quiz_post(right_answers(quiz_step)))
    assert response.status_code == 200
    assert "You have used all 2 attempts" in response.text
    assert QuizAttempt.objects.count() == 2


def test_unanswered_questions_are_shown_with_their_errors(client_for, learner, enrolled, steps):
    response = client_for(learner).post(step_url(steps["quiz"]), {})
    assert response.status_code == 200
    assert "Choose an answer." in response.text
    assert "Choose at least one answer." in response.text
    assert "<fieldset" in response.text and "<legend>" in response.text
    assert not QuizAttempt.objects.exists()


def test_a_learner_cannot_answer_a_quiz_of_a_module_they_are_not_enrolled_in(
    client_for, learner, module, steps
):
    response = client_for(learner).post(
        step_url(steps["quiz"]), quiz_post(right_answers(steps["quiz"]))
    )
    assert response["Location"] == reverse("courses:module", args=["basics"])
    assert not QuizAttempt.objects.exists()


def test_a_shuffled_quiz_shows_questions_in_the_stored_order(client_for, learner):
    step = QuizStepFactory(
        shuffle=True,
        max_attempts=None,
        questions=[(False, [True, False, False, False])] * 6,
    )
    services.enrol(person=learner, module=step.lesson.module)
    page = client_for(learner).get(step_url(step)).text
    questions = list(step.questions.prefetch_related("choices"))
    order = quiz.attempt_order(
        questions, shuffle=True, person_id=learner.pk, step_id=step.pk, number=1
    )
    shown = [int(pk) for pk in re.findall(r'name="question_(\d+)"', page)]
    assert list(dict.fromkeys(shown)) == [question for question, _choices in order]
    first_choices = re.findall(rf'name="question_{order[0][0]}" value="(\d+)"', page)
    assert [int(pk) for pk in first_choices] == order[0][1]
    assert "You may try as often as you like." in page


# Assignments -----------------------------------------------------------------------------------


def test_handing_in_a_link_waits_for_review(client_for, learner, enrolled, steps):
    client = client_for(learner)
    page = client.get(step_url(steps["assignment"])).text
    assert "Hand in your work" in page
    response = client.post(
        step_url(steps["assignment"]), {"link": "https://www.linkedin.com/posts/1", "text": ""}
    )
    assert response["Location"] == step_url(steps["assignment"])
    submission = Submission.objects.get()
    assert submission.link == "https://www.linkedin.com/posts/1"
    page = client.get(step_url(steps["assignment"])).text
    assert "Waiting for review" in page
    assert "Update your work" in page


def test_a_bad_link_is_refused_with_a_clear_message(client_for, learner, enrolled, steps):
    response = client_for(learner).post(step_url(steps["assignment"]), {"link": "not a link"})
    assert response.status_code == 200
    assert "Enter a valid URL." in response.text
    assert not Submission.objects.exists()


def test_after_changes_are_requested_the_learner_sees_the_feedback_and_hands_in_again(
    client_for, learner, trainer, enrolled, steps
):
    first = services.submit_assignment(
        person=learner, step=steps["assignment"], link="https://example.com/1"
    )
    services.review_submission(
        submission=first, by=trainer, approve=False, feedback="End with a question."
    )
    client = client_for(learner)
    page = client.get(step_url(steps["assignment"])).text
    assert "Changes requested" in page
    assert "End with a question." in page
    assert f"{trainer.name} reviewed it on" in page
    assert "Hand in again" in page
    client.post(step_url(steps["assignment"]), {"link": "https://example.com/2"})
    assert Submission.objects.get(round=2).link == "https://example.com/2"


def test_an_approved_assignment_shows_its_approval_and_no_form(
    client_for, learner, trainer, enrolled, steps
):
    submission = services.submit_assignment(
        person=learner, step=steps["assignment"], link="https://example.com/1"
    )
    services.review_submission(submission=submission, by=trainer, approve=True)
    page = client_for(learner).get(step_url(steps["assignment"])).text
    assert "Approved" in page
    assert "<form" not in page.split('class="step step-assignment"')[1].split("step-nav")[0]


@pytest.fixture
def file_assignment(learner):
    step = AssignmentStepFactory(submission_kind=AssignmentStep.Submission.FILE)
    services.enrol(person=learner, module=step.lesson.module)
    return step


@pytest.fixture
def handed_in_file(client_for, learner, file_assignment, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 my plan", content_type="application/pdf")
    response = client_for(learner).post(step_url(file_assignment), {"file": upload, "text": "Hi"})
    assert response.status_code == 302
    return Submission.objects.get()


def test_a_handed_in_file_is_linked_through_the_private_view(
    client_for, learner, handed_in_file, file_assignment
):
    page = client_for(learner).get(step_url(file_assignment)).text
    assert reverse("courses:submission_file", args=[handed_in_file.pk]) in page
    assert "/media/" not in page


@pytest.mark.parametrize(
    ("role", "status"),
    [("learner", 200), ("trainer", 200), ("lead", 404), ("programme", 200)],
)
def test_a_submitted_file_opens_only_for_its_learner_and_their_reviewers(
    role, status, people_by_role, client_for, handed_in_file
):
    response = client_for(people_by_role[role]).get(
        reverse("courses:submission_file", args=[handed_in_file.pk])
    )
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content) == b"%PDF-1.4 my plan"
        assert "no-store" in response["Cache-Control"]


def test_a_learner_cannot_open_another_learners_file(client_for, handed_in_file, unit):
    colleague = PersonFactory(unit=unit)
    response = client_for(colleague).get(
        reverse("courses:submission_file", args=[handed_in_file.pk])
    )
    assert response.status_code == 404


def test_a_trainer_of_another_unit_cannot_open_the_file(client_for, handed_in_file, other_unit):
    stranger = PersonFactory(unit=other_unit, is_trainer=True)
    response = client_for(stranger).get(
        reverse("courses:submission_file", args=[handed_in_file.pk])
    )
    assert response.status_code == 404


def test_a_submission_without_a_file_has_no_file_to_open(client_for, learner, enrolled, steps):
    submission = services.submit_assignment(
        person=learner, step=steps["assignment"], link="https://example.com/1"
    )
    response = client_for(learner).get(reverse("courses:submission_file", args=[submission.pk]))
    assert response.status_code == 404


# Policy steps ----------------------------------------------------------------------------------


@pytest.fixture
def policy_step(learner):
    step = PolicyStepFactory(lesson=LessonFactory(module=ModuleFactory(slug="rules")))
    services.enrol(person=learner, module=step.lesson.module)
    return step


def test_the_policy_step_shows_the_current_policy_and_acknowledges_it(
    client_for, learner, policy_step
):
    from tests.policies.factories import version

    version("1.0")
    client = client_for(learner)
    page = client.get(step_url(policy_step)).text
    assert "The social media policy, version 1.0" in page
    assert "Always say that you work here" in page
    assert "I have read the social media policy and will follow it." in page
    response = client.post(step_url(policy_step), {"confirm": "on"})
    assert "Well done: you completed the module “Module" in " ".join(shown_messages(response))
    assert StepCompletion.objects.filter(step=policy_step).exists()
    from policies.selectors import has_acknowledged_current

    assert has_acknowledged_current(learner)


def test_acknowledging_without_ticking_the_box_explains_why(client_for, learner, policy_step):
    from tests.policies.factories import version

    version("1.0")
    response = client_for(learner).post(step_url(policy_step), {})
    assert response.status_code == 200
    assert "Tick the box to acknowledge the policy." in response.text
    assert not StepCompletion.objects.exists()


def test_without_a_published_policy_the_step_says_so(client_for, learner, policy_step):
    page = client_for(learner).get(step_url(policy_step)).text
    assert "There is no published social media policy to acknowledge yet." in page


# Sessions --------------------------------------------------------------------------------------


def test_a_learner_books_a_seat_and_downloads_the_calendar_file(
    client_for, learner, enrolled, steps, session
):
    client = client_for(learner)
    page = client.get(step_url(steps["session"])).text
    assert "2 seats left (of 2)" in page
    assert "Book a seat" in page
    response = client.post(step_url(steps["session"]), {"session": session.pk})
    assert any("You have a seat at the session" in text for text in shown_messages(response))
    booking = Booking.objects.get(person=learner)
    assert booking.status == Booking.Status.BOOKED
    page = client.get(step_url(steps["session"])).text
    assert "You have a seat" in page and "Cancel my seat" in page
    ics = client.get(reverse("courses:booking_ics", args=[booking.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert ics["Content-Disposition"] == f'attachment; filename="session-{session.pk}.ics"'
    assert b"BEGIN:VEVENT" in ics.content


def test_a_full_session_puts_the_learner_on_the_waitlist(
    client_for, learner, unit, module, enrolled, steps, session
):
    for _ in range(2):
        colleague = PersonFactory(unit=unit)
        services.enrol(person=colleague, module=module)
        services.book_session(person=colleague, session=session)
    client = client_for(learner)
    page = client.get(step_url(steps["session"])).text
    assert "Full; 0 people on the waitlist" in page
    assert "Join the waitlist" in page
    response = client.post(step_url(steps["session"]), {"session": session.pk})
    assert any("you are on its waitlist" in text for text in shown_messages(response))
    assert Booking.objects.get(person=learner).status == Booking.Status.WAITLISTED
    page = client.get(step_url(steps["session"])).text
    assert "You are on the waitlist" in page and "Leave the waitlist" in page


def test_booking_a_session_that_is_not_offered_is_refused(
    client_for, learner, enrolled, steps, past_session
):
    response = client_for(learner).post(step_url(steps["session"]), {"session": past_session.pk})
    assert response.status_code == 200
    assert not Booking.objects.exists()


def test_a_second_session_of_the_same_step_is_not_offered_while_booked(
    client_for, learner, enrolled, steps, session, trainer
):
    later = SessionFactory(
        step=steps["session"],
        trainer=trainer,
        starts_at=timezone.now() + datetime.timedelta(days=14),
    )
    services.book_session(person=learner, session=session)
    client = client_for(learner)
    page = client.get(step_url(steps["session"])).text
    assert "You already have a place at another session" in page
    client.post(step_url(steps["session"]), {"session": later.pk})
    assert Booking.objects.filter(person=learner).count() == 1


def test_cancelling_a_seat_gives_it_to_the_first_on_the_waitlist(
    client_for, learner, unit, module, enrolled, session
):
    booking = services.book_session(person=learner, session=session)
    other = PersonFactory(unit=unit)
    services.enrol(person=other, module=module)
    services.book_session(person=other, session=session)
    waiting = PersonFactory(unit=unit)
    services.enrol(person=waiting, module=module)
    waiting_booking = services.book_session(person=waiting, session=session)
    assert waiting_booking.status == Booking.Status.WAITLISTED
    response = client_for(learner).post(reverse("courses:cancel_booking", args=[booking.pk]))
    assert response["Location"] == reverse("courses:bookings")
    booking.refresh_from_db()
    waiting_booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert waiting_booking.status == Booking.Status.BOOKED


@pytest.mark.parametrize("role", ["trainer", "lead", "programme"])
def test_nobody_else_cancels_or_downloads_a_learners_booking_here(
    role, people_by_role, client_for, learner, enrolled, session
):
    booking = services.book_session(person=learner, session=session)
    client = client_for(people_by_role[role])
    assert client.post(reverse("courses:cancel_booking", args=[booking.pk])).status_code == 404
    assert client.get(reverse("courses:booking_ics", args=[booking.pk])).status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED


def test_my_sessions_lists_bookings_and_says_when_there_are_none(
    client_for, learner, enrolled, steps, session
):
    client = client_for(learner)
    assert "No sessions booked" in client.get(reverse("courses:bookings")).text
    booking = services.book_session(person=learner, session=session)
    page = client.get(reverse("courses:bookings")).text
    assert steps["session"].title() in page
    assert reverse("courses:booking_ics", args=[booking.pk]) in page
    assert reverse("courses:cancel_booking", args=[booking.pk]) in page


def test_attended_sessions_complete_the_step(
    client_for, learner, trainer, enrolled, steps, past_session
):
    booking = Booking.objects.create(
        session=past_session, person=learner, step=steps["session"], status="booked"
    )
    services.record_attendance(booking=booking, by=trainer, attended=True)
    page = client_for(learner).get(step_url(steps["session"])).text
    assert "You attended the session on" in page
    assert "You have completed this step." in page


# Module and programme complete -----------------------------------------------------------------


def test_completing_the_last_step_shows_the_module_and_programme_complete(client_for, learner):
    programme = ProgrammeFactory(slug="short", title_en="Short track")
    module = ModuleFactory(programme=programme, slug="only", title_en="Only module")
    step = TextStepFactory(lesson=LessonFactory(module=module))
    services.enrol(person=learner, module=module)
    client = client_for(learner)
    response = client.post(done_url(step))
    assert response["Location"] == reverse("courses:module", args=["only"])
    assert "Well done: you completed the module “Only module”." in shown_messages(response)
    page = client.get(reverse("courses:module", args=["only"])).text
    assert "Module complete" in page
    assert "You completed the whole programme “Short track”" in page


def test_the_module_complete_message_shows_only_once(client_for, learner):
    module = ModuleFactory(slug="only")
    step = TextStepFactory(lesson=LessonFactory(module=module))
    services.enrol(person=learner, module=module)
    client = client_for(learner)
    client.post(done_url(step), follow=True)  # the module page shows (and uses up) the message
    again = client.post(done_url(step))
    assert not any("Well done" in text for text in shown_messages(again))


# Home section ----------------------------------------------------------------------------------


def test_my_learning_shows_progress_and_a_resume_link(client_for, learner, enrolled, steps):
    services.mark_step_done(person=learner, step=steps["text"])
    page = client_for(learner).get(reverse("learner_home")).text
    assert "My modules" in page
    assert 'aria-label="20% complete"' in page  # the progress ring
    assert f'href="{step_url(steps["video"])}">Resume' in page


def test_my_learning_invites_to_the_catalogue_when_nothing_is_started(client_for, learner):
    ModuleFactory(title_en="Foundation one", is_foundation=True)
    page = client_for(learner).get(reverse("learner_home")).text
    assert "Start learning" in page
    assert "Foundation one" in page
    assert reverse("courses:catalogue") in page


def test_my_learning_shows_nothing_when_there_is_nothing_to_learn(client_for, learner):
    page = client_for(learner).get(reverse("learner_home")).text
    assert "home-learning" not in page


def test_my_learning_lists_training_time_waiting_and_the_next_session(
    client_for, learner, enrolled, session, approval_programme
):
    services.request_time_approval(person=learner, programme=approval_programme)
    booking = services.book_session(person=learner, session=session)
    page = client_for(learner).get(reverse("learner_home")).text
    assert "Waiting for your lead" in page and "Roles" in page
    assert "Your next session" in page
    assert reverse("courses:booking_ics", args=[booking.pk]) in page


def test_my_learning_shows_a_declined_request_with_its_reason(
    client_for, learner, lead, approval_programme
):
    approval = services.request_time_approval(person=learner, programme=approval_programme)
    services.decide_time_approval(approval=approval, by=lead, approve=False, reason="Not now.")
    page = client_for(learner).get(reverse("learner_home")).text
    assert "Declined" in page and "Not now." in page
    assert f"{reverse('courses:catalogue')}?q=Roles" in page


def test_completed_modules_are_listed_apart(client_for, learner):
    module = ModuleFactory(title_en="Done module")
    step = TextStepFactory(lesson=LessonFactory(module=module))
    services.enrol(person=learner, module=module)
    services.mark_step_done(person=learner, step=step)
    page = client_for(learner).get(reverse("learner_home")).text
    assert "1 module completed" in page
    assert "You have completed every module you enrolled in." in page


def test_the_learner_pages_link_the_catalogue_in_the_navigation(client_for, learner, module):
    page = client_for(learner).get(reverse("courses:catalogue")).text
    assert 'href="/learn/catalogue/" aria-current="page">Catalogue' in page


# Forms and selectors added for these pages -----------------------------------------------------


@pytest.mark.parametrize("name", ["quiz", "assignment", "policy", "session"])
def test_each_kind_a_learner_answers_has_an_answer_form(name):
    assert issubclass(kind_named(name).form_class, forms.StepAnswerForm)


def test_the_enrol_form_offers_only_the_modules_languages(module):
    module.languages = ["nl"]
    form = forms.EnrolForm(module=module, preferred="en")
    assert form.fields["language"].choices == [("nl", "Dutch")]
    assert form.fields["language"].initial == "nl"
    assert not forms.EnrolForm({"language": "en"}, module=module).is_valid()


def test_module_page_selector_says_why_a_learner_cannot_enrol(learner, approval_programme):
    module = approval_programme.modules.get(slug="selling")
    page = selectors.module_page(module, learner)
    assert page.in_audience and page.needs_time_approval and not page.can_enrol
    assert (page.programme_modules, page.programme_minutes, page.programme_hours) == (2, 210, 3.5)


def test_time_approvals_of_keeps_the_latest_per_programme(learner, lead, approval_programme):
    first = services.request_time_approval(person=learner, programme=approval_programme)
    services.decide_time_approval(approval=first, by=lead, approve=False, reason="Not now.")
    second = services.request_time_approval(person=learner, programme=approval_programme)
    assert selectors.time_approvals_of(learner) == [second]


def test_a_person_outside_every_unit_still_sees_modules_for_everyone(client_for):
    person = PersonFactory(unit=UnitFactory(parent=None, kind="firm", slug="elsewhere"))
    ModuleFactory(title_en="Open to all")
    assert "Open to all" in client_for(person).get(reverse("courses:catalogue")).text
