"""Policy re-acknowledgement, credential expiry, suspension and reinstatement notes."""

import datetime

import pytest
from django.utils import timezone

from certification import services as certification
from notifications.models import Notification
from policies import services as policies
from tests.certification.factories import DefinitionFactory
from tests.policies.factories import AcknowledgementFactory, version

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path  # the issuer's keys, per test


@pytest.fixture
def major(settings, learner, trainer):
    """1.0, acknowledged by both; 2.0 took effect 10 days ago with 30 days' grace."""
    settings.ACADEMY_POLICY_GRACE_DAYS = 30
    first = version("1.0", days_ago=400)
    AcknowledgementFactory(person=learner, version=first)
    AcknowledgementFactory(person=trainer, version=first)
    return version("2.0", days_ago=10)


def occasions(kind, person):
    return list(
        Notification.objects.filter(kind=kind, recipient=person)
        .order_by("id")
        .values_list("occasion", flat=True)
    )


def test_a_new_major_version_asks_who_has_not_acknowledged(learner, trainer, major, run):
    policies.acknowledge(person=trainer, version=major, language="en")
    run(timezone.now())
    assert occasions("policy_reacknowledge", learner) == ["start"]
    assert occasions("policy_reacknowledge", trainer) == []


def test_policy_reminders_7_and_1_days_before_the_grace_ends_then_stop(learner, major, run):
    now = timezone.now()
    for days in (0, 1, 13, 14, 19, 25):
        run(now + datetime.timedelta(days=days))
    assert occasions("policy_reacknowledge", learner) == ["start", "7", "1"]


def test_policy_reminder_links_to_the_policy(learner, major, run, client_for):
    run(timezone.now())
    notification = Notification.objects.get(kind="policy_reacknowledge", recipient=learner)
    assert client_for(learner).get(notification.url).status_code == 200


@pytest.fixture
def credential(learner):
    definition = DefinitionFactory(
        slug="certified", title_en="Certified", title_nl="Gecertificeerd"
    )
    definition.renewal_modules = ["basics"]
    definition.save()
    issued = certification.award(definition=definition, person=learner)[0]
    expires = timezone.now() + datetime.timedelta(days=90)
    type(issued).objects.filter(pk=issued.pk).update(expires_at=expires)
    issued.refresh_from_db()
    return issued


def test_expiry_notes_at_60_30_and_7_days_with_the_refresher_one_click_away(
    learner, credential, basics, run, client_for
):
    expires = credential.expires_at
    for days in (95, 60, 45, 30, 7, 6, -1):
        run(expires - datetime.timedelta(days=days))
    found = Notification.objects.filter(kind="credential_expiring").order_by("id")
    assert [n.occasion.split("/")[1] for n in found] == ["60", "30", "7"]
    assert found[0].url == "/learn/modules/basics/"
    assert client_for(learner).get(found[0].url).status_code == 200


def test_an_opted_out_holder_gets_no_expiry_note(learner, credential, run):
    from notifications import services

    services.set_preferences(person=learner, wanted=set())
    run(credential.expires_at - datetime.timedelta(days=30))
    assert not Notification.objects.filter(kind="credential_expiring").exists()


def test_suspension_and_reinstatement_are_told_to_the_holder(
    learner, credential, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        certification.suspend(credential=credential, reason="Checking a complaint")
    with django_capture_on_commit_callbacks(execute=True):
        certification.reinstate(credential=credential)
    notes = Notification.objects.filter(kind="credential_status", recipient=learner)
    assert [n.title for n in notes.order_by("id")] == [
        "Your credential Certified is suspended",
        "Your credential Certified is valid again",
    ]
    assert {n.url for n in notes} == {"/credentials/mine/"}
    assert sorted(m.subject for m in mailoutbox if m.to == [learner.email]) == [
        "Your credential Certified is suspended",
        "Your credential Certified is valid again",
    ]
    assert "List-Unsubscribe" in mailoutbox[-1].extra_headers
