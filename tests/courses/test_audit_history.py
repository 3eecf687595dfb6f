"""Reviews and training-time decisions are written to the audit log in their transaction (who,
when, what, why), and the staff pages that show the submission or the request show its
history."""

import pytest
from django.urls import reverse

from core.audit import history_of
from core.models import AuditEntry
from courses import services

from .factories import ASSIGNMENT_LINK

pytestmark = pytest.mark.django_db

LINK = ASSIGNMENT_LINK
ROLES = ["anonymous", "learner", "trainer", "lead", "programme"]
TRAINERS = {"anonymous": 302, "learner": 403, "trainer": 200, "lead": 403, "programme": 200}
LEADS = {"anonymous": 302, "learner": 403, "trainer": 403, "lead": 200, "programme": 200}


def test_asking_for_changes_records_who_asked_and_why(submission, trainer):
    services.review_submission(
        submission=submission, by=trainer, approve=False, feedback="Tag the client."
    )
    [entry] = history_of(submission)
    assert (entry.action, entry.actor, entry.reason) == (
        "courses.review.changes_requested",
        trainer,
        "Tag the client.",
    )
    assert entry.data["round"] == 1


def test_approving_twice_records_one_decision(submission, trainer):
    services.review_submission(submission=submission, by=trainer, approve=True)
    services.review_submission(submission=submission, by=trainer, approve=True)
    assert [e.action for e in history_of(submission)] == ["courses.review.approved"]


def test_a_refused_review_records_nothing(submission, trainer):
    with pytest.raises(services.CourseError):
        services.review_submission(submission=submission, by=trainer, approve=False, feedback="")
    assert not history_of(submission).exists()


def test_a_request_for_training_time_and_its_decision_are_recorded(time_request, learner, lead):
    services.decide_time_approval(
        approval=time_request, by=lead, approve=False, reason="Busy quarter."
    )
    history = list(history_of(time_request))
    assert [(e.action, e.actor, e.reason) for e in history] == [
        ("courses.time_approval.requested", learner, ""),
        ("courses.time_approval.declined", lead, "Busy quarter."),
    ]
    time_request.refresh_from_db()
    assert history[1].at == time_request.decided_at


def test_a_decision_refused_for_lack_of_a_reason_records_nothing(time_request, lead):
    with pytest.raises(services.CourseError):
        services.decide_time_approval(approval=time_request, by=lead, approve=False)
    assert AuditEntry.objects.filter(action__startswith="courses.time_approval.decl").count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_the_review_page_shows_the_history_to_those_who_may_review(
    role, people_by_role, client_for, submission, trainer
):
    services.review_submission(
        submission=submission, by=trainer, approve=False, feedback="Add a tag."
    )
    again = services.submit_assignment(
        person=submission.person, step=submission.step, link=LINK + "-2"
    )
    response = client_for(people_by_role[role]).get(reverse("courses:review", args=[again.pk]))
    assert response.status_code == TRAINERS[role]
    if response.status_code == 200:
        html = response.content.decode()
        assert "History" in html
        # The earlier round's decision, with who asked for changes and why.
        assert "Changes requested" in html and "Add a tag." in html
        assert trainer.name in html


@pytest.mark.parametrize("role", ROLES)
def test_the_time_approvals_page_shows_each_requests_history_to_leads(
    role, people_by_role, client_for, time_request, learner, lead, paid_programme
):
    services.decide_time_approval(approval=time_request, by=lead, approve=False, reason="Later.")
    services.request_time_approval(person=learner, programme=paid_programme)
    response = client_for(people_by_role[role]).get(reverse("courses:time_approvals"))
    assert response.status_code == LEADS[role]
    if response.status_code == 200:
        html = response.content.decode()
        assert html.count("Training time asked for") == 2  # the waiting and the decided one
        assert "Training time declined" in html and "Later." in html


def test_the_admin_pages_of_a_submission_and_a_request_show_their_history(
    client_for, programme, submission, trainer, time_request, lead
):
    services.review_submission(submission=submission, by=trainer, approve=False, feedback="Tag.")
    services.decide_time_approval(approval=time_request, by=lead, approve=False, reason="Later.")
    client = client_for(programme)
    for name, obj, action in [
        ("admin:courses_submission_change", submission, "courses.review.changes_requested"),
        ("admin:courses_timeapproval_change", time_request, "courses.time_approval.declined"),
    ]:
        response = client.get(reverse(name, args=[obj.pk]))
        assert response.status_code == 200
        assert action in response.content.decode()


def test_the_admin_page_of_a_person_shows_the_bulk_actions_taken_on_them(
    client_for, programme, learner
):
    from core.audit import log_actions

    log_actions(type(learner), [learner.pk], "insights.bulk.remind", actor=programme)
    response = client_for(programme).get(reverse("admin:people_person_change", args=[learner.pk]))
    assert response.status_code == 200
    assert "insights.bulk.remind" in response.content.decode()
