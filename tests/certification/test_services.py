"""Issuing, evaluating, status changes, renewal, expiry, re-issue: each audited."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from certification import services
from certification.models import (
    IssuedCredential,
    Nomination,
    NominationApprovedRule,
)
from certification.selectors import Facts
from core.models import AuditEntry
from tests.factories import PersonFactory

from .factories import DefinitionFactory


@pytest.fixture
def known(monkeypatch):
    """What the courses and policies apps would say about each person."""
    state = {"modules": {}, "policy": set(), "steps": {}}
    monkeypatch.setattr(
        Facts, "completed_modules", property(lambda f: state["modules"].get(f.person.pk, set()))
    )
    monkeypatch.setattr(
        Facts, "policy_acknowledged", property(lambda f: f.person.pk in state["policy"])
    )
    monkeypatch.setattr(
        Facts, "approved_steps", property(lambda f: state["steps"].get(f.person.pk, set()))
    )
    return state


def events(credential):
    return list(credential.history.values_list("action", flat=True))


def test_issuing_gives_a_serial_an_unguessable_code_and_an_audit_entry(learner, certified):
    credential = services.issue(person=learner, definition=certified)
    assert credential.serial.startswith(f"SMA-{timezone.now():%Y}-")
    assert len(credential.code) >= 32  # 192 random bits, URL-safe
    assert credential.expires_at - credential.issued_at == timedelta(days=730)
    assert events(credential) == ["issued"]


def test_issuing_twice_returns_the_same_credential(learner, certified):
    first = services.issue(person=learner, definition=certified)
    assert services.issue(person=learner, definition=certified) == first
    assert IssuedCredential.objects.count() == 1


def test_issued_credential_keeps_its_snapshot_when_person_and_definition_change(issued, learner):
    learner.first_name, learner.last_name = "Changed", "Name"
    learner.save()
    issued.definition.title_en = "Renamed"
    issued.definition.save()
    issued.refresh_from_db()
    assert issued.title == "Social Media Certified"
    assert issued.holder_name != "Changed Name"


def test_evaluate_issues_when_the_last_requirement_is_met(learner, certified, known):
    known["modules"][learner.pk] = {"basics"}
    known["policy"].add(learner.pk)
    assert services.evaluate(person=learner) == []
    known["modules"][learner.pk] = {"basics", "care"}
    [credential] = services.evaluate(person=learner)
    assert credential.definition == certified


def test_evaluate_issues_a_higher_level_that_builds_on_a_lower_one(learner, professional, known):
    known["modules"][learner.pk] = {"basics", "care"}
    known["policy"].add(learner.pk)
    issued = services.evaluate(person=learner)
    assert [c.definition.slug for c in issued] == ["certified", "professional"]


def test_evaluate_does_not_issue_a_revoked_credential_again(learner, certified, known):
    known["modules"][learner.pk] = {"basics", "care"}
    known["policy"].add(learner.pk)
    [credential] = services.evaluate(person=learner)
    services.revoke(credential=credential, reason="fraud")
    assert services.evaluate(person=learner) == []


def test_definition_without_rules_is_only_awarded_by_hand(learner, known):
    definition = DefinitionFactory(slug="by-hand")
    assert services.evaluate(person=learner) == []
    credential, created = services.award(definition=definition, person=learner, evidence="Talk")
    assert created and credential.awarded_by_hand
    assert events(credential) == ["awarded"]
    assert services.award(definition=definition, person=learner)[1] is False


def test_revoke_is_audited_with_who_and_why(issued, programme):
    services.revoke(credential=issued, actor=programme, reason="Issued in error")
    issued.refresh_from_db()
    assert issued.current_status == "revoked"
    event = issued.history.get(action="revoked")
    assert (event.actor, event.reason) == (programme, "Issued in error")


def test_revoke_needs_a_reason(issued):
    with pytest.raises(services.CredentialError):
        services.revoke(credential=issued, reason=" ")


def test_suspend_and_reinstate(issued):
    services.suspend(credential=issued, reason="Under review")
    issued.refresh_from_db()
    assert issued.current_status == "suspended"
    services.reinstate(credential=issued)
    issued.refresh_from_db()
    assert issued.current_status == "valid"
    assert events(issued) == ["issued", "suspended", "reinstated"]


def test_a_revoked_credential_cannot_be_reinstated(issued):
    services.revoke(credential=issued, reason="x")
    with pytest.raises(services.CredentialError):
        services.reinstate(credential=issued)


def test_credential_past_its_date_is_expired(issued):
    IssuedCredential.objects.filter(pk=issued.pk).update(
        issued_at=timezone.now() - timedelta(days=800),
        expires_at=timezone.now() - timedelta(days=70),
    )
    issued.refresh_from_db()
    assert issued.current_status == "expired"
    assert services.expire_due() == 1
    issued.refresh_from_db()
    assert issued.status == "expired" and events(issued)[-1] == "expired"


def test_refresher_module_before_expiry_extends_validity(issued, certified):
    certified.renewal_modules = ["refresher"]
    certified.save()
    soon = timezone.now() + timedelta(days=30)
    IssuedCredential.objects.filter(pk=issued.pk).update(expires_at=soon)
    [renewed] = services.renew_for_module(person=issued.person, module_slug="refresher")
    assert renewed.expires_at == soon + timedelta(days=730)
    assert events(renewed)[-1] == "renewed"


def test_refresher_long_before_expiry_changes_nothing(issued, certified):
    certified.renewal_modules = ["refresher"]
    certified.save()
    assert services.renew_for_module(person=issued.person, module_slug="refresher") == []


def test_reissue_revokes_the_old_credential_as_replaced_and_links_the_new_one(issued):
    new = services.reissue(credential=issued, holder_name="Sanne de Vries-Ünal")
    issued.refresh_from_db()
    assert issued.status == "revoked" and issued.status_reason == "replaced"
    assert issued.replaced_by == new
    assert new.holder_name == "Sanne de Vries-Ünal"
    assert new.expires_at == issued.expires_at
    assert "replaced" in events(issued)


def test_events_are_append_only(issued):
    event = issued.history.get()
    event.reason = "changed"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    assert AuditEntry.objects.count() == 1


@pytest.fixture
def spokesperson(professional):
    definition = DefinitionFactory(slug="spokesperson", title_en="Spokesperson", level=3)
    NominationApprovedRule.objects.create(definition=definition)
    return definition


def test_lead_nominates_programme_approves_and_the_person_is_told(
    learner, lead, programme, spokesperson, known, django_capture_on_commit_callbacks
):
    nomination = services.nominate(
        definition=spokesperson, person=learner, nominated_by=lead, motivation="Great speaker"
    )
    assert nomination.status == Nomination.Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_nomination(nomination=nomination, decided_by=programme, approve=True)
    assert IssuedCredential.objects.get(person=learner).definition == spokesperson
    assert learner.email in mail.outbox[-1].to


def test_a_learner_cannot_nominate(learner, spokesperson):
    other = PersonFactory(unit=learner.unit)
    with pytest.raises(services.CredentialError):
        services.nominate(
            definition=spokesperson, person=other, nominated_by=learner, motivation="x"
        )


def test_declined_nomination_issues_nothing(learner, lead, programme, spokesperson, known):
    nomination = services.nominate(
        definition=spokesperson, person=learner, nominated_by=lead, motivation="x"
    )
    services.decide_nomination(nomination=nomination, decided_by=programme, approve=False)
    assert not IssuedCredential.objects.exists()


def test_evaluating_without_progress_data_issues_nothing_and_does_not_fail(learner, certified):
    # Whatever the courses and policies apps report (or while they report nothing yet).
    assert services.evaluate(person=learner) == []


@pytest.mark.certificate_on_issue
@pytest.mark.django_db(transaction=True)
def test_issuing_renders_the_certificate_ahead_of_its_first_download(
    learner, certified, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    credential = services.issue(person=learner, definition=certified)
    rendered = list((tmp_path / "certificates").glob(f"{credential.code}-*.pdf"))
    assert len(rendered) == 1 and rendered[0].read_bytes().startswith(b"%PDF")


def test_without_the_early_rendering_the_first_download_draws_the_certificate(
    client, learner, certified, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    credential = services.issue(person=learner, definition=certified)
    assert not (tmp_path / "certificates").exists()
    response = client.get(f"/verify/{credential.code}/certificate.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
