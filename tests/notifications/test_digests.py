"""Weekly digests for unit leads and for trainers and champions, skipped when empty."""

import datetime

import pytest
from django.utils import timezone

from courses import services as courses
from courses.models import AssignmentStep, Programme
from notifications.models import Notification
from tests.courses.factories import AssignmentStepFactory, LessonFactory, ModuleFactory

from .conftest import DUE, at

pytestmark = pytest.mark.django_db


def digests(kind):
    return list(
        Notification.objects.filter(kind=kind)
        .order_by("id")
        .values_list("recipient__email", "occasion")
    )


@pytest.fixture
def waiting_time_request(learner, basics):
    Programme.objects.filter(pk=basics.programme_id).update(requires_time_approval=True)
    basics.programme.refresh_from_db()
    return courses.request_time_approval(person=learner, programme=basics.programme)


def test_a_lead_gets_one_digest_a_week(lead, waiting_time_request, run):
    monday = at(datetime.date(2030, 6, 3))
    run(monday)
    run(monday + datetime.timedelta(days=3))
    run(monday + datetime.timedelta(days=7))
    assert digests("lead_digest") == [
        ("lead@example.com", "2030-W23"),
        ("lead@example.com", "2030-W24"),
    ]


def test_the_lead_digest_counts_what_waits_and_links_to_it(
    lead, waiting_time_request, run, client_for
):
    run(timezone.now())
    digest = Notification.objects.get(kind="lead_digest")
    assert "1 training time request waits for you: http://" in digest.body
    client = client_for(lead)
    for line in digest.body.splitlines():
        path = "/" + line.split("://", 1)[1].split("/", 1)[1]
        assert client.get(path).status_code == 200, path
    assert client.get(digest.url).status_code == 200


def test_the_lead_digest_counts_overdue_people(lead, learner, required, run):
    run(at(DUE + datetime.timedelta(days=2)))
    digest = Notification.objects.get(kind="lead_digest")
    assert "3 people have overdue required training" in digest.body


def test_an_empty_digest_is_not_sent(lead, trainer, run):
    run(timezone.now())
    assert digests("lead_digest") == [] and digests("champion_digest") == []


def test_a_champion_hears_of_assignments_waiting_for_review(
    trainer, learner, basics, run, client_for
):
    step = AssignmentStepFactory(
        lesson=LessonFactory(module=ModuleFactory(slug="practice")),
        submission_kind=AssignmentStep.Submission.TEXT,
    )
    courses.enrol(person=learner, module=step.lesson.module)
    courses.submit_assignment(person=learner, step=step, text="My first post")
    run(timezone.now())
    digest = Notification.objects.get(kind="champion_digest", recipient=trainer)
    assert digest.body.startswith("1 assignment waits for your review")
    assert digest.url == "/trainer/reviews/"
    assert client_for(trainer).get(digest.url).status_code == 200


def test_a_lead_who_switched_the_digest_off_gets_none(lead, waiting_time_request, run):
    from notifications import services

    services.set_preferences(person=lead, wanted={"training_due"})
    run(timezone.now())
    assert digests("lead_digest") == []
