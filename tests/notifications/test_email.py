"""Emails: HTML and text, links to the item, retries, failures the programme team sees."""

import re

import pytest
from django.urls import reverse

from notifications import services
from notifications.models import Notification

from .conftest import days_before

pytestmark = pytest.mark.django_db


class RefusingBackend:
    """An email backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server unreachable")


@pytest.fixture
def mail_down(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"


def test_the_email_has_text_and_html_and_links_to_the_notification(
    learner, required, run, mailoutbox, client_for
):
    run(days_before(3))
    (email,) = [m for m in mailoutbox if m.to == [learner.email]]
    notification = Notification.objects.get(recipient=learner)
    link = f"http://testserver/notifications/{notification.pk}/"
    assert link in email.body
    assert f'href="{link}"' in email.alternatives[0][0]
    response = client_for(learner).get(link.removeprefix("http://testserver"))
    assert response.status_code == 302 and response.url == "/learn/modules/basics/"
    assert Notification.objects.get(pk=notification.pk).email == "sent"


def test_every_link_in_every_email_resolves_for_its_recipient(
    learner, lead, required, run, mailoutbox, client_for, settings
):
    import datetime

    from .conftest import DUE, at

    learner.manager = lead
    learner.save()
    for moment in (days_before(14), days_before(3), at(DUE + datetime.timedelta(days=1))):
        run(moment)
    assert len(mailoutbox) >= 5
    by_email = {p.email: p for p in (learner, lead)}
    by_email.update(
        {n.recipient.email: n.recipient for n in Notification.objects.select_related("recipient")}
    )
    for email in mailoutbox:
        client = client_for(by_email[email.to[0]])
        for url in set(re.findall(r"http://testserver(/[^\s\"<]*)", email.body)):
            response = client.get(url, follow=True)
            assert response.status_code == 200, (email.subject, url)


def test_a_failed_send_is_recorded_and_tried_again_by_the_next_pass(
    learner, required, run, mail_down, settings
):
    run(days_before(3))
    notification = Notification.objects.get(recipient=learner)
    assert (notification.email, notification.email_attempts) == ("failed", 1)
    assert "mail server unreachable" in notification.email_error
    counts = run(days_before(3))
    notification.refresh_from_db()
    assert counts["training_due"] == 0 and counts["emails retried"] >= 1
    assert notification.email_attempts == 2


def test_after_three_attempts_the_programme_team_sees_it_and_tries_again(
    learner, programme, required, run, mail_down, settings, client_for, mailoutbox
):
    for _attempt in range(4):
        run(days_before(3))
    notification = Notification.objects.get(recipient=learner)
    assert notification.email_attempts == services.EMAIL_ATTEMPTS
    client = client_for(programme)
    assert notification.title in client.get(reverse("programme_home")).content.decode()
    assert notification.title in client.get(reverse("notifications:failed")).content.decode()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("notifications:retry", args=[notification.pk]))
    notification.refresh_from_db()
    assert notification.email == "sent"


def test_a_learner_cannot_retry_an_email(learner, client_for, required, run, mail_down):
    run(days_before(3))
    notification = Notification.objects.get(recipient=learner)
    response = client_for(learner).post(reverse("notifications:retry", args=[notification.pk]))
    assert response.status_code == 403


def test_a_person_without_an_address_still_gets_the_notification(learner, required, run):
    type(learner).objects.filter(pk=learner.pk).update(email="")
    run(days_before(3))
    assert Notification.objects.get(recipient=learner).email == "none"


@pytest.fixture
def rebranded(settings):
    settings.ACADEMY_NAME = "Brightwater Academy"
    settings.ACADEMY_PRIMARY_COLOUR = "#0f5132"
    settings.ACADEMY_LOGO = "academy/favicon.svg"  # a static path: emails need it absolute


def test_the_email_wears_the_academy_name_logo_and_colour(
    learner, required, run, mailoutbox, rebranded
):
    run(days_before(3))
    (email,) = [m for m in mailoutbox if m.to == [learner.email]]
    html = email.alternatives[0][0]
    assert 'src="http://testserver/static/academy/favicon.svg"' in html
    assert "Brightwater Academy" in html and "background: #0f5132" in html
    assert "#1d4ed8" not in html  # no colour of its own
    assert email.body.rstrip().splitlines()[-2] == "Brightwater Academy"


def test_a_weekly_digest_wears_the_branding_too(
    lead, learner, required, run, mailoutbox, rebranded
):
    import datetime

    from .conftest import DUE, at

    run(at(DUE + datetime.timedelta(days=2)))
    title = Notification.objects.get(kind="lead_digest").title
    (digest,) = [m for m in mailoutbox if m.subject == title]
    html = digest.alternatives[0][0]
    assert "Brightwater Academy" in html and "background: #0f5132" in html
