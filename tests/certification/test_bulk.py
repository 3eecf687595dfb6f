"""Awarding a credential to many people at once (`academy award-bulk`): set-based, audited,
verifiable at once, signed by background tasks, safe to repeat."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from certification import services, signals
from certification.models import IssuedCredential
from core.models import AuditEntry
from insights.models import PersonFact
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(unit):
    team = UnitFactory(name="Team", slug="team", parent=unit)
    return [
        PersonFactory(email=f"p{i}@example.com", unit=unit if i % 2 else team) for i in range(4)
    ]


def award(definition, people, capture, **kwargs):
    with capture(execute=True):
        return services.award_in_bulk(
            definition=definition, people=people, reason="Completed the pilot", **kwargs
        )


def test_everyone_gets_a_valid_credential_with_its_own_serial_and_code(
    staff, certified, django_capture_on_commit_callbacks
):
    result = award(certified, staff, django_capture_on_commit_callbacks)
    issued = IssuedCredential.objects.filter(pk__in=result.issued)
    assert sorted(issued.values_list("person_id", flat=True)) == sorted(p.pk for p in staff)
    for credential in issued:
        assert credential.status == "valid"
        assert credential.serial == f"SMA-{credential.issued_at:%Y}-{credential.pk:06d}"
    assert issued.values("code").distinct().count() == len(staff)
    assert issued.values("status_list", "status_index").distinct().count() == len(staff)


def test_each_verification_page_is_right_at_once(staff, certified, client):
    # Without running the after-commit work: the page needs no signature.
    result = services.award_in_bulk(definition=certified, people=staff, reason="Pilot")
    credential = IssuedCredential.objects.get(pk=result.issued[0])
    response = client.get(reverse("credential_verify", args=[credential.code]))
    assert response.status_code == 200
    assert credential.holder_name in response.content.decode()


def test_background_tasks_sign_every_credential(
    staff, certified, client, django_capture_on_commit_callbacks
):
    result = award(certified, staff[:2], django_capture_on_commit_callbacks)
    assert services.bulk_signing_progress(result.issued) == (2, 2)
    credential = IssuedCredential.objects.get(pk=result.issued[0])
    response = client.get(reverse("credential_json", args=[credential.code]))
    assert response.status_code == 200
    assert credential.code in response.content.decode()


def test_one_audit_event_each_with_the_reason(staff, certified, django_capture_on_commit_callbacks):
    result = award(certified, staff, django_capture_on_commit_callbacks)
    events = AuditEntry.objects.filter(
        content_type__model="issuedcredential", object_id__in=result.issued
    )
    assert events.count() == len(staff)
    assert set(events.values_list("action", "reason")) == {("awarded", "Completed the pilot")}


def test_one_signal_for_the_batch_and_the_dashboard_counts_everyone(
    staff, certified, django_capture_on_commit_callbacks
):
    batches = []

    def receiver(sender, credential_ids, **kwargs):
        batches.append(credential_ids)

    signals.credentials_issued_in_bulk.connect(receiver)
    try:
        award(certified, staff, django_capture_on_commit_callbacks)
    finally:
        signals.credentials_issued_in_bulk.disconnect(receiver)
    assert len(batches) == 1 and len(batches[0]) == len(staff)
    facts = PersonFact.objects.filter(person__in=staff)
    assert [fact.credential_levels & (1 << certified.level) for fact in facts] == [2] * 4


def test_awarding_again_changes_nothing_for_those_who_hold_it(
    staff, certified, django_capture_on_commit_callbacks
):
    award(certified, staff[:2], django_capture_on_commit_callbacks)
    result = award(certified, staff, django_capture_on_commit_callbacks)
    assert len(result.issued) == 2 and result.already_held == 2
    assert IssuedCredential.objects.count() == 4


def test_a_reason_is_required(staff, certified):
    with pytest.raises(services.CredentialError):
        services.award_in_bulk(definition=certified, people=staff, reason="  ")
    assert not IssuedCredential.objects.exists()


def run(*args) -> str:
    out = StringIO()
    call_command("award_bulk", *args, stdout=out)
    return out.getvalue()


def test_the_command_awards_a_unit_and_the_units_under_it(staff, certified, unit):
    output = run("certified", "--unit", unit.slug, "--reason", "Pilot")
    assert "4 credentials issued" in output
    assert re.search(r"SMA-\d{4}-\d{6} http", output)


def test_the_command_reads_a_file_of_addresses(staff, certified, tmp_path):
    emails = tmp_path / "emails.txt"
    emails.write_text("P1@example.com\n\np2@example.com\n")
    assert "2 credentials issued" in run("certified", "--emails", str(emails), "--reason", "x")


def test_an_unknown_address_fails_the_whole_file(staff, certified, tmp_path):
    emails = tmp_path / "emails.txt"
    emails.write_text("p1@example.com\nnobody@example.com\n")
    with pytest.raises(CommandError, match="nobody@example.com"):
        run("certified", "--emails", str(emails), "--reason", "x")
    assert not IssuedCredential.objects.exists()


def test_an_unknown_credential_or_unit_fails(staff, certified):
    with pytest.raises(CommandError):
        run("nope", "--unit", "advisory", "--reason", "x")
    with pytest.raises(CommandError):
        run("certified", "--unit", "nope", "--reason", "x")
