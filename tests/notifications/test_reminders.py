"""Reminders of required training and the escalation to the manager, on a fake clock."""

import datetime

import pytest

from courses import services as courses
from notifications.models import Notification
from tests.factories import PersonFactory

from .conftest import DUE, at, days_before

pytestmark = pytest.mark.django_db


def sent(kind="training_due", **filters):
    return list(
        Notification.objects.filter(kind=kind, **filters)
        .order_by("id")
        .values_list("recipient__email", "occasion")
    )


def test_a_reminder_goes_14_days_before_and_only_once(learner, required, run):
    first = run(days_before(14))
    again = run(days_before(14))
    assert ("learner@example.com", "2030-06-15/14") in sent()
    assert first["training_due"] >= 1
    assert again["training_due"] == 0


def test_no_reminder_between_thresholds(learner, required, run):
    run(days_before(14))
    assert run(days_before(10))["training_due"] == 0


def test_reminders_at_3_days_and_on_the_day(learner, required, run):
    run(days_before(14))
    run(days_before(3))
    run(days_before(0))
    assert [o for e, o in sent() if e == learner.email] == [
        "2030-06-15/14",
        "2030-06-15/3",
        "2030-06-15/0",
    ]


def test_a_late_first_pass_sends_only_the_nearest_reminder(learner, required, run):
    run(days_before(2))
    assert [o for e, o in sent() if e == learner.email] == ["2030-06-15/3"]


def test_the_reminder_is_emailed_in_the_learners_language_with_html(
    learner, required, run, mailoutbox
):
    learner.language = "nl"
    learner.save()
    run(days_before(3))
    (email,) = [m for m in mailoutbox if m.to == [learner.email]]
    assert "Basis" in email.subject and "over 3 dagen" in email.subject
    assert email.alternatives[0][1] == "text/html"
    assert "List-Unsubscribe" not in email.extra_headers  # required: cannot be switched off


def test_completed_training_is_not_reminded(learner, basics, required, run):
    courses.enrol(person=learner, module=basics)
    for step in basics.lessons.get().steps.all():
        courses.mark_step_done(person=learner, step=step)
    run(days_before(3))
    assert [e for e, _o in sent()] == ["programme@example.com"]


def test_overdue_goes_to_the_learner_once_and_to_their_manager(learner, required, run, unit):
    manager = PersonFactory(email="manager@example.com", unit=unit, language="nl")
    learner.manager = manager
    learner.save()
    after = at(DUE + datetime.timedelta(days=1))
    run(after)
    run(after + datetime.timedelta(days=1))
    assert ("learner@example.com", "2030-06-15/overdue") in sent()
    escalations = Notification.objects.filter(kind="training_overdue")
    assert [(n.recipient.email, n.occasion) for n in escalations] == [
        ("manager@example.com", "basics/2030-06-15")
    ]
    assert learner.name in escalations[0].title and "verplichte" in escalations[0].title


def test_a_manager_who_does_not_lead_the_unit_is_sent_to_the_notification(
    learner, required, run, unit, client_for
):
    manager = PersonFactory(email="manager@example.com", unit=unit)
    learner.manager = manager
    learner.save()
    run(at(DUE + datetime.timedelta(days=1)))
    notification = Notification.objects.get(kind="training_overdue")
    assert notification.url == "/notifications/"
    assert client_for(manager).get(notification.url).status_code == 200


def test_a_manager_who_leads_the_unit_lands_on_the_person(learner, lead, required, run):
    learner.manager = lead
    learner.save()
    run(at(DUE + datetime.timedelta(days=1)))
    assert Notification.objects.get(kind="training_overdue").url == (
        "/insights/people/?q=learner%40example.com"
    )


def test_the_reminder_links_to_the_step_to_resume(learner, basics, required, run, client_for):
    courses.enrol(person=learner, module=basics)
    courses.mark_step_done(person=learner, step=basics.lessons.get().steps.get(slug="why"))
    run(days_before(3))
    notification = Notification.objects.get(kind="training_due", recipient=learner)
    assert notification.url == "/learn/modules/basics/intro/how/"
    assert client_for(learner).get(notification.url).status_code == 200


def test_before_enrolling_the_reminder_links_to_the_module(learner, required, run):
    run(days_before(3))
    assert Notification.objects.get(recipient=learner).url == "/learn/modules/basics/"
