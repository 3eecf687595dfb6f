"""Bulk actions on the people lists: for everyone the list shows, audited per person,
idempotent (asking twice changes nothing more), in the background over a threshold."""

import pytest
from django.core import mail
from django.urls import reverse

from certification.models import IssuedCredential
from community.models import Nudge
from core.models import AuditEntry
from courses.models import Enrolment, TimeApproval
from insights import actions
from insights.models import BulkAction

pytestmark = pytest.mark.django_db


def _bulk(client, data, **query):
    url = reverse("insights:bulk_action")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(url, data)


def test_the_programme_team_awards_a_credential_to_a_filtered_list_once(
    client_for, rebuilt, django_capture_on_commit_callbacks
):
    client = client_for(rebuilt.staff)
    data = {"kind": "award", "definition": rebuilt.definitions.professional.pk, "reason": "Pilot"}
    with django_capture_on_commit_callbacks(execute=True):
        response = _bulk(client, data, unit=rebuilt.units.audit.pk)
        _bulk(client, data, unit=rebuilt.units.audit.pk)
    assert response.status_code == 302
    holders = IssuedCredential.objects.filter(definition=rebuilt.definitions.professional)
    assert set(holders.values_list("person__email", flat=True)) == {
        "ann@example.com",  # held it already
        "fay@example.com",
        "gus@example.com",
    }
    assert BulkAction.objects.count() == 1
    audited = AuditEntry.objects.filter(action="insights.bulk.award")
    assert audited.count() == 2 and all(e.actor == rebuilt.staff for e in audited)


def test_a_lead_enrols_only_the_people_of_their_units(client_for, rebuilt):
    module = rebuilt.modules.basics.module
    _bulk(client_for(rebuilt.lotte), {"kind": "enrol", "module": module.pk}, state="not_enrolled")
    enrolled = set(Enrolment.objects.filter(module=module).values_list("person__email", flat=True))
    assert "eve@example.com" in enrolled and "gus@example.com" not in enrolled


def test_a_lead_may_not_award(client_for, rebuilt):
    data = {"kind": "award", "definition": rebuilt.definitions.certified.pk, "reason": "x"}
    response = _bulk(client_for(rebuilt.lotte), data)
    assert response.status_code == 302 and not BulkAction.objects.exists()


def test_revoking_needs_a_reason_and_changes_nothing_without_one(client_for, rebuilt):
    _bulk(
        client_for(rebuilt.staff),
        {"kind": "revoke", "definition": rebuilt.definitions.certified.pk},
    )
    assert not BulkAction.objects.exists()
    assert IssuedCredential.objects.filter(status="valid").count() == 3


def test_waiting_time_requests_are_approved_in_bulk(client_for, rebuilt):
    _bulk(client_for(rebuilt.lotte), {"kind": "approve_time"}, state="waiting")
    assert TimeApproval.objects.get(person=rebuilt.people.eve).status == "approved"


def test_a_reminder_goes_once_to_each_person_and_not_again_within_a_week(
    client_for, rebuilt, django_capture_on_commit_callbacks
):
    client = client_for(rebuilt.staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _bulk(client, {"kind": "remind"}, unit=rebuilt.units.audit.pk)
        _bulk(client, {"kind": "remind", "reason": "again"}, unit=rebuilt.units.audit.pk)
    reminded = sorted(Nudge.objects.values_list("learner__email", flat=True))
    assert reminded == ["fay@example.com", "gus@example.com"]
    assert len(mail.outbox) == 2


def test_a_large_bulk_action_runs_in_the_background_with_progress(
    client_for, rebuilt, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(actions, "INLINE_PEOPLE", 2)
    client = client_for(rebuilt.staff)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _bulk(client, {"kind": "remind"})
    action = BulkAction.objects.get()
    assert action.status == "queued" and action.total > 2 and callbacks
    page = client.get(response["Location"]).content.decode()
    assert f"0 of {action.total} people handled" in page
    for callback in callbacks:
        callback()
    action.refresh_from_db()
    assert action.status == "done" and action.done == action.total
    # Everyone in the list but the sender, who is in it too.
    assert Nudge.objects.count() == action.changed == action.total - 1


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("learner", 403), ("trainer", 403), ("lead", 302), ("programme", 302)],
)
def test_who_may_start_a_bulk_action(client_for, people_by_role, role, status):
    response = client_for(people_by_role[role]).post(
        reverse("insights:bulk_action"), {"kind": "remind"}
    )
    assert response.status_code == status


def test_ticked_people_are_the_only_ones_acted_on(client_for, rebuilt):
    people = rebuilt.people
    ticked = {"kind": "remind", "person": [people.fay.pk, people.dee.pk]}
    response = _bulk(client_for(rebuilt.staff), ticked)
    assert response.status_code == 302
    reminded = sorted(Nudge.objects.values_list("learner__email", flat=True))
    assert reminded == ["dee@example.com", "fay@example.com"]
    assert BulkAction.objects.get().total == 2


def test_ticking_someone_outside_the_list_acts_on_nobody(client_for, rebuilt):
    # Lotte leads Advisory; Gus is in Audit, so not in her list, whatever the form says.
    client = client_for(rebuilt.lotte)
    response = _bulk(client, {"kind": "remind", "person": [rebuilt.people.gus.pk]})
    assert response.status_code == 302
    assert not BulkAction.objects.exists() and not Nudge.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "None of the people you ticked is in this list." in page


def test_the_people_table_offers_a_tick_box_per_person_for_the_bulk_form(client_for, rebuilt):
    html = client_for(rebuilt.staff).get(reverse("insights:people")).content.decode()
    assert f'name="person" value="{rebuilt.people.ann.pk}" form="bulk-form"' in html
    assert 'id="bulk-form"' in html and "Tick Ann Test for an action" in html
