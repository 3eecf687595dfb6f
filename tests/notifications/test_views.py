"""The notification centre, the unread count in the header, preferences and failed emails."""

import pytest
from django.urls import reverse

from notifications import kinds, services
from notifications.models import Notification, OptOut
from tests.queries import assert_constant, page

from .conftest import days_before

pytestmark = pytest.mark.django_db


@pytest.fixture
def reminded(learner, required, run):
    run(days_before(3))
    return Notification.objects.get(recipient=learner, kind="training_due")


def test_the_header_shows_the_unread_count(learner, reminded, client_for):
    page = client_for(learner).get(reverse("learner_home")).content.decode()
    assert 'class="badge warn unread-count">1<span class="visually-hidden"> unread' in page


def test_opening_a_notification_marks_it_read_and_lands_on_the_item(learner, reminded, client_for):
    client = client_for(learner)
    response = client.get(reverse("notifications:open", args=[reminded.pk]))
    assert response.status_code == 302 and response.url == reminded.url
    reminded.refresh_from_db()
    assert reminded.read_at is not None
    assert "unread-count" not in client.get(reverse("learner_home")).content.decode()


def test_nobody_opens_anothers_notification(trainer, reminded, client_for):
    response = client_for(trainer).get(reverse("notifications:open", args=[reminded.pk]))
    assert response.status_code == 404
    reminded.refresh_from_db()
    assert reminded.read_at is None


def test_mark_all_as_read(learner, reminded, client_for):
    client_for(learner).post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(recipient=learner, read_at__isnull=True).exists()


def test_the_list_shows_only_ones_own_notifications(learner, trainer, reminded, client_for):
    link = reverse("notifications:open", args=[reminded.pk])
    assert link in client_for(learner).get(reverse("notifications:list")).content.decode()
    assert link not in client_for(trainer).get(reverse("notifications:list")).content.decode()


@pytest.mark.parametrize("name", ["notifications:list", "notifications:preferences"])
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("learner", 200), ("trainer", 200), ("lead", 200), ("programme", 200)],
)
def test_everyone_signed_in_has_a_centre_and_preferences(
    client_for, people_by_role, name, role, status
):
    assert client_for(people_by_role[role]).get(reverse(name)).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("learner", 403), ("trainer", 403), ("lead", 403), ("programme", 200)],
)
def test_only_the_programme_team_sees_failed_emails(client_for, people_by_role, role, status):
    assert client_for(people_by_role[role]).get(reverse("notifications:failed")).status_code == (
        status
    )


def test_preferences_switch_optional_kinds_off(lead, client_for):
    client_for(lead).post(reverse("notifications:preferences"), {"lead_digest": "on"})
    off = set(OptOut.objects.filter(person=lead).values_list("kind", flat=True))
    assert off == {"credential_expiring", "credential_status"}


def test_a_learner_is_offered_only_the_kinds_that_can_reach_them(learner, client_for):
    page = client_for(learner).get(reverse("notifications:preferences")).content.decode()
    assert "A credential about to expire" in page
    for kind in ("lead_digest", "champion_digest", "training_overdue"):
        assert str(kinds.KINDS[kind].label) not in page
    # Saving leaves the kinds it did not show as they were, for when the role comes.
    client_for(learner).post(reverse("notifications:preferences"), {})
    off = set(OptOut.objects.filter(person=learner).values_list("kind", flat=True))
    assert off == {"credential_expiring", "credential_status"}


def test_a_unit_lead_and_a_trainer_are_offered_their_digests(lead, trainer, client_for):
    page = client_for(lead).get(reverse("notifications:preferences")).content.decode()
    assert str(kinds.KINDS["lead_digest"].label) in page
    page = client_for(trainer).get(reverse("notifications:preferences")).content.decode()
    assert str(kinds.KINDS["champion_digest"].label) in page


def test_mandatory_kinds_cannot_be_switched_off(learner, client_for):
    client = client_for(learner)
    client.post(reverse("notifications:preferences"), {})
    assert not OptOut.objects.filter(person=learner, kind__in=kinds.MANDATORY).exists()
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert page.count("Required: it cannot be switched off.") == len(kinds.MANDATORY)
    assert services.set_preferences(person=learner, wanted=set()) is None
    assert not OptOut.objects.filter(person=learner, kind__in=kinds.MANDATORY).exists()


def test_an_opt_out_of_a_mandatory_kind_is_ignored(learner, required, run):
    OptOut.objects.create(person=learner, kind="training_due")
    run(days_before(3))
    assert Notification.objects.filter(recipient=learner, kind="training_due").exists()


def _grow(learner, count):
    from django.contrib.contenttypes.models import ContentType

    ctype = ContentType.objects.get_for_model(learner)
    start = Notification.objects.count()
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=learner,
                kind="training_due",
                subject_type=ctype,
                subject_id=learner.pk,
                occasion=f"test/{start + number}",
                title=f"Reminder {number}",
                url="/learn/",
            )
            for number in range(count)
        ]
    )


@pytest.mark.parametrize("url", [reverse("notifications:list"), reverse("learner_home")])
def test_pages_run_as_many_queries_with_5_and_50_notifications(learner, client_for, url):
    assert_constant(page(client_for(learner), url), lambda count: _grow(learner, count))


def test_failed_emails_page_runs_as_many_queries_with_5_and_50(programme, learner, client_for):
    def grow(count):
        _grow(learner, count)
        Notification.objects.update(email="failed", email_attempts=3, email_error="refused")

    assert_constant(page(client_for(programme), reverse("notifications:failed")), grow)
