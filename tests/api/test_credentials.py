import datetime
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from certification import services
from certification.models import IssuedCredential
from core.audit import history_of
from tests.certification.factories import DefinitionFactory
from tests.factories import PersonFactory


@pytest.fixture
def certified(db):
    return DefinitionFactory(slug="certified", title_en="Certified", level=1, valid_for_days=365)


@pytest.fixture
def held(learner, certified):
    return services.award(definition=certified, person=learner)[0]


@pytest.fixture
def outside(other_unit, certified):
    person = PersonFactory(email="outsider@example.com", unit=other_unit)
    return services.award(definition=certified, person=person)[0]


def serials(response) -> set[str]:
    return {c["serial"] for c in response.json()["items"]}


def test_lead_sees_credentials_of_their_units_only(lead, held, outside, api):
    assert serials(api(lead).get("/credentials")) == {held.serial}
    assert api(lead).get(f"/credentials/{outside.serial}").status_code == 404
    assert api(lead).get("/credentials/SMA-NOPE").status_code == 404


def test_programme_team_filters_by_status_unit_definition_and_expiry(programme, held, outside, api):
    services.suspend(credential=outside, reason="check")
    caller = api(programme)
    assert serials(caller.get("/credentials?status=suspended")) == {outside.serial}
    assert serials(caller.get("/credentials?status=valid")) == {held.serial}
    assert serials(caller.get("/credentials?unit=advisory")) == {held.serial}
    assert serials(caller.get("/credentials?definition=certified")) == {
        held.serial,
        outside.serial,
    }
    assert serials(caller.get("/credentials?definition=other")) == set()
    soon = (timezone.now() + datetime.timedelta(days=400)).isoformat()
    assert serials(caller.get("/credentials?" + urlencode({"expires_before": soon}))) == {
        held.serial,
        outside.serial,
    }
    past = (timezone.now() + datetime.timedelta(days=30)).isoformat()
    assert serials(caller.get("/credentials?" + urlencode({"expires_before": past}))) == set()


def test_expired_status_is_what_a_verifier_sees_now(programme, held, api):
    IssuedCredential.objects.filter(pk=held.pk).update(
        issued_at=timezone.now() - datetime.timedelta(days=400),
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    body = api(programme).get("/credentials?status=expired").json()
    assert [(c["serial"], c["status"]) for c in body["items"]] == [(held.serial, "expired")]


def test_programme_team_awards_once(programme, learner, certified, api):
    caller = api(programme, "write")
    first = caller.post("/credentials", {"definition": "certified", "person": learner.email})
    again = caller.post("/credentials", {"definition": "certified", "person": learner.email})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["awarded_by_hand"] is True
    assert IssuedCredential.objects.filter(person=learner).count() == 1


def test_award_names_the_unknown_fields(programme, api, db):
    response = api(programme, "write").post(
        "/credentials", {"definition": "nope", "person": "nobody@example.com"}
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"definition", "person"}


def test_revoke_suspend_and_reinstate_are_audited(programme, held, api):
    caller = api(programme, "write")
    suspended = caller.post(f"/credentials/{held.serial}/suspend", {"reason": "check"})
    assert suspended.json()["status"] == "suspended"
    reinstated = caller.post(f"/credentials/{held.serial}/reinstate", {})
    assert reinstated.json()["status"] == "valid"
    revoked = caller.post(f"/credentials/{held.serial}/revoke", {"reason": "left"})
    assert revoked.json()["status"] == "revoked"
    actions = [entry.action for entry in history_of(held) if entry.actor == programme]
    assert actions == ["suspended", "reinstated", "revoked"]


def test_reinstating_a_revoked_credential_is_refused_with_the_services_message(
    programme, held, api
):
    caller = api(programme, "write")
    caller.post(f"/credentials/{held.serial}/revoke", {"reason": "left"})
    response = caller.post(f"/credentials/{held.serial}/reinstate", {})
    assert response.status_code == 422
    assert "Only a suspended credential" in response.json()["detail"]


def test_revoking_needs_a_reason(programme, held, api):
    response = api(programme, "write").post(f"/credentials/{held.serial}/revoke", {"reason": ""})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reason"
    held.refresh_from_db()
    assert held.status == "valid"


def test_leads_may_not_revoke(lead, held, api):
    response = api(lead, "write").post(f"/credentials/{held.serial}/revoke", {"reason": "x"})
    assert response.status_code == 403
    held.refresh_from_db()
    assert held.status == "valid"


def test_a_read_token_of_the_programme_team_may_not_revoke(programme, held, api):
    response = api(programme, "read").post(f"/credentials/{held.serial}/revoke", {"reason": "x"})
    assert response.status_code == 403
