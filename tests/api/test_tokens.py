import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from api import services
from api.models import ApiToken
from core.audit import history_of


def test_only_a_hash_of_the_token_is_stored(learner):
    token, secret = services.create_token(person=learner, name="report", scope="read")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("sma_")
    assert secret not in {stored.digest, stored.prefix, stored.name}
    assert stored.digest == services.token_digest(secret)


def test_a_token_acts_as_its_person_and_records_its_use(learner, api):
    response = api(learner).get("/me")
    assert response.status_code == 200
    assert response.json()["email"] == "learner@example.com"
    assert response.json()["token_scope"] == "read"
    assert ApiToken.objects.get(person=learner).last_used_at is not None


def test_revoked_token_no_longer_works(learner, client):
    token, secret = services.create_token(person=learner, name="x", scope="read")
    services.revoke_token(token=token)
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401


def test_expired_token_no_longer_works(learner, client):
    token, secret = services.create_token(person=learner, name="x", scope="read", expires_in_days=1)
    ApiToken.objects.filter(pk=token.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3),
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401


def test_token_of_a_deactivated_person_no_longer_works(learner, client):
    _token, secret = services.create_token(person=learner, name="x", scope="write")
    learner.is_active = False
    learner.save()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": " ", "scope": "read"}, "name"),
        ({"name": "x", "scope": "admin"}, "scope"),
        ({"name": "x", "scope": "read", "expires_in_days": 0}, "expires_in_days"),
    ],
)
def test_bad_token_requests_are_refused_with_a_message(learner, fields, field):
    with pytest.raises(ValidationError) as caught:
        services.create_token(person=learner, **fields)
    assert field in caught.value.message_dict
    assert not ApiToken.objects.exists()


def test_person_makes_a_token_on_their_page_and_sees_it_once(learner, client):
    client.force_login(learner)
    response = client.post(
        reverse("api_tokens"), {"name": "Power BI", "scope": "read", "expires_in_days": "90"}
    )
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("sma_") and secret in response.content.decode()
    again = client.get(reverse("api_tokens"))
    assert secret not in again.content.decode()
    assert "Power BI" in again.content.decode()


def test_token_page_shows_form_errors(learner, client):
    client.force_login(learner)
    response = client.post(reverse("api_tokens"), {"name": "", "scope": "read"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_person_revokes_their_own_token_but_not_anothers(learner, trainer, client):
    mine, _ = services.create_token(person=learner, name="mine", scope="read")
    theirs, _ = services.create_token(person=trainer, name="theirs", scope="read")
    client.force_login(learner)
    assert client.post(reverse("api_token_revoke", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("api_token_revoke", args=[mine.pk])).status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked_at is not None
    assert theirs.revoked_at is None


def test_token_page_needs_sign_in(client):
    response = client.get(reverse("api_tokens"))
    assert response.status_code == 302


def test_command_prints_the_token_once(learner, capsys):
    call_command("api_token", "learner@example.com", "--scope", "write", "--expires", "30")
    out, err = capsys.readouterr()
    token = ApiToken.objects.get(person=learner)
    assert services.token_digest(out.strip()) == token.digest
    assert token.scope == "write"
    assert token.expires_at.date() == (timezone.now() + datetime.timedelta(days=30)).date()
    assert out.strip() not in err


def test_command_refuses_an_unknown_person(db):
    with pytest.raises(CommandError, match="no person"):
        call_command("api_token", "nobody@example.com", "--scope", "read")


def test_making_and_revoking_a_token_is_in_the_audit_log(learner):
    token, _secret = services.create_token(person=learner, name="x", scope="read", by=learner)
    services.revoke_token(token=token, by=learner)
    services.revoke_token(token=token, by=learner)  # again: nothing new
    assert [(e.action, e.actor) for e in history_of(token)] == [
        ("created", learner),
        ("revoked", learner),
    ]
