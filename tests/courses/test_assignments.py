"""Assignments: handed in by the learner, reviewed by a trainer/champion or the programme team."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from courses import services
from courses.models import AssignmentStep, StepCompletion, Submission
from tests.factories import PersonFactory, UnitFactory

from .factories import AssignmentStepFactory

pytestmark = pytest.mark.django_db
LINK = "https://www.linkedin.com/posts/first"


@pytest.fixture
def submission(learner, enrolled, steps):
    return services.submit_assignment(person=learner, step=steps["assignment"], link=LINK)


def test_a_link_assignment_needs_a_full_web_address(learner, enrolled, steps):
    with pytest.raises(services.CourseError, match="starting with https://"):
        services.submit_assignment(person=learner, step=steps["assignment"], link="my post")


def test_a_text_assignment_needs_text(learner, enrolled, steps):
    step = AssignmentStepFactory(lesson=steps["assignment"].lesson)
    with pytest.raises(services.CourseError, match="Write your answer"):
        services.submit_assignment(person=learner, step=step, text="   ")
    assert services.submit_assignment(person=learner, step=step, text="My plan").text == "My plan"


def test_a_file_assignment_stores_the_upload(learner, enrolled, steps, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    step = AssignmentStepFactory(
        lesson=steps["assignment"].lesson, submission_kind=AssignmentStep.Submission.FILE
    )
    with pytest.raises(services.CourseError, match="Choose a file"):
        services.submit_assignment(person=learner, step=step)
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    submission = services.submit_assignment(person=learner, step=step, file=upload)
    assert submission.file.name.endswith(".pdf")


def test_submitting_again_while_waiting_updates_the_same_round(learner, submission, steps):
    again = services.submit_assignment(
        person=learner, step=steps["assignment"], link="https://www.linkedin.com/posts/better"
    )
    assert again.pk == submission.pk and again.round == 1
    assert Submission.objects.get().link.endswith("better")


def test_changes_requested_need_feedback_and_open_a_new_round(learner, trainer, submission, steps):
    with pytest.raises(services.CourseError, match="Say what to change"):
        services.review_submission(submission=submission, by=trainer, approve=False)
    services.review_submission(
        submission=submission, by=trainer, approve=False, feedback="Tag the client's page? No!"
    )
    resubmitted = services.submit_assignment(person=learner, step=steps["assignment"], link=LINK)
    assert resubmitted.round == 2 and resubmitted.is_open
    assert list(Submission.objects.values_list("status", flat=True)) == [
        "changes_requested",
        "submitted",
    ]


def test_approval_completes_the_step_and_is_idempotent(
    learner, trainer, submission, signals_sent, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        services.review_submission(submission=submission, by=trainer, approve=True)
        services.review_submission(submission=submission, by=trainer, approve=True)
    assert StepCompletion.objects.get().step_id == submission.step_id
    assert [n for n, _ in signals_sent].count("assignment_approved") == 1
    assert len(mailoutbox) == 1 and learner.email in mailoutbox[0].to


def test_an_approved_assignment_cannot_be_submitted_again(learner, trainer, submission, steps):
    services.review_submission(submission=submission, by=trainer, approve=True)
    with pytest.raises(services.CourseError, match="already approved"):
        services.submit_assignment(person=learner, step=steps["assignment"], link=LINK)


def test_a_reviewed_submission_cannot_get_the_other_verdict(trainer, submission):
    services.review_submission(submission=submission, by=trainer, approve=True)
    with pytest.raises(services.CourseError, match="already been reviewed"):
        services.review_submission(submission=submission, by=trainer, approve=False, feedback="x")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("learner", False), ("trainer", True), ("lead", False), ("programme", True)],
)
def test_who_may_review_a_submission(people_by_role, submission, role, allowed):
    reviewer = people_by_role[role]
    if allowed:
        assert services.review_submission(submission=submission, by=reviewer, approve=True)
    else:
        with pytest.raises(PermissionDenied):
            services.review_submission(submission=submission, by=reviewer, approve=True)


def test_a_trainer_of_another_unit_may_not_review(other_unit, submission):
    outsider = PersonFactory(unit=other_unit, is_trainer=True)
    with pytest.raises(PermissionDenied):
        services.review_submission(submission=submission, by=outsider, approve=True)


def test_a_trainer_reviews_the_units_below_their_own(unit, module, steps):
    trainer = PersonFactory(unit=unit, is_trainer=True)
    person = PersonFactory(unit=UnitFactory(parent=unit, kind="team"))
    services.enrol(person=person, module=module)
    submission = services.submit_assignment(person=person, step=steps["assignment"], link=LINK)
    assert services.review_submission(submission=submission, by=trainer, approve=True)


def test_nobody_reviews_their_own_work(trainer, module, steps):
    services.enrol(person=trainer, module=module)
    own = services.submit_assignment(person=trainer, step=steps["assignment"], link=LINK)
    with pytest.raises(PermissionDenied):
        services.review_submission(submission=own, by=trainer, approve=True)


def test_the_database_allows_one_open_submission_per_person_and_step(learner, submission):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(
            person=learner, step=submission.step, round=2, link="https://example.com/x"
        )


def test_a_link_assignment_refuses_other_schemes(learner, enrolled, steps):
    with pytest.raises(services.CourseError, match="starting with https://"):
        services.submit_assignment(
            person=learner, step=steps["assignment"], link="ftp://files.example.com/post"
        )


def test_a_handed_in_file_is_private_and_has_no_address(
    learner, enrolled, steps, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    step = AssignmentStepFactory(
        lesson=steps["assignment"].lesson, submission_kind=AssignmentStep.Submission.FILE
    )
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    submission = services.submit_assignment(person=learner, step=step, file=upload)
    assert (tmp_path / "private" / submission.file.name).exists()
    assert not (tmp_path / "media").exists()
    with pytest.raises(ValueError):
        submission.file.url  # noqa: B018 - a private file has no address
