"""The forms phase 2's pages use: each step kind's answer form, and the decision forms."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courses import forms, services
from courses.models import AssignmentStep
from courses.steps import kind_of
from courses.steps.assignment import SubmissionForm
from courses.steps.quiz import QuizForm, quiz_state
from courses.steps.session import BookingForm

from .factories import AssignmentStepFactory, right_answers

pytestmark = pytest.mark.django_db


def test_each_kind_names_its_learner_form(steps):
    assert kind_of(steps["quiz"]).form_class is QuizForm
    assert kind_of(steps["assignment"]).form_class is SubmissionForm
    assert kind_of(steps["session"]).form_class is BookingForm
    assert kind_of(steps["text"]).form(steps["text"], None) is None


def test_the_quiz_form_asks_every_question_and_feeds_the_service(learner, enrolled, steps):
    quiz = steps["quiz"]
    state = quiz_state(learner, quiz)
    data = {}
    for question_id, choice_ids in right_answers(quiz).items():
        data[f"question_{question_id}"] = choice_ids if len(choice_ids) > 1 else choice_ids[0]
    form = QuizForm(data, step=quiz, questions=state.questions)
    assert form.is_valid(), form.errors
    attempt = services.submit_quiz(person=learner, **form.service_kwargs())
    assert attempt.passed
    empty = QuizForm({}, step=quiz, questions=state.questions)
    assert not empty.is_valid() and "Choose an answer." in str(empty.errors)


@pytest.mark.parametrize(
    ("kind", "data", "files", "valid"),
    [
        ("text", {"text": "My plan"}, {}, True),
        ("text", {"text": ""}, {}, False),
        ("link", {"link": "www.linkedin.com/in/me"}, {}, True),
        ("link", {"link": "not a link"}, {}, False),
        ("file", {}, {"file": SimpleUploadedFile("plan.pdf", b"%PDF")}, True),
        ("file", {}, {"file": SimpleUploadedFile("plan.exe", b"MZ")}, False),
    ],
)
def test_the_submission_form_asks_for_what_the_assignment_wants(steps, kind, data, files, valid):
    step = AssignmentStepFactory(lesson=steps["assignment"].lesson, submission_kind=kind)
    form = SubmissionForm(data, files, step=step)
    assert form.is_valid() is valid, form.errors
    if valid and kind == AssignmentStep.Submission.LINK:
        assert form.service_kwargs()["link"] == "https://www.linkedin.com/in/me"


@pytest.mark.parametrize("form_class", [forms.ReviewForm, forms.TimeApprovalDecisionForm])
def test_a_decision_other_than_approve_needs_a_note(form_class):
    other = form_class.decision_choices[1][0]
    assert not form_class({"decision": other, "note": " "}).is_valid()
    assert form_class({"decision": other, "note": "Because."}).is_valid()
    approve = form_class({"decision": "approve", "note": ""})
    assert approve.is_valid() and approve.service_kwargs()["approve"] is True


def test_the_attendance_form_lists_booked_people_only(learner, enrolled, session):
    booking = services.book_session(person=learner, session=session)
    form = forms.AttendanceForm({f"attended_{booking.pk}": "on"}, bookings=[booking])
    assert form.is_valid() and form.decisions() == [(booking, True)]


def test_the_catalogue_filter_gives_the_selector_its_arguments():
    form = forms.CatalogueFilterForm(
        {"q": "linked", "platform": "linkedin"}, platforms=["linkedin"]
    )
    assert form.selector_kwargs() == {"query": "linked", "language": None, "platform": "linkedin"}
