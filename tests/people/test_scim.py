"""SCIM 2.0 provisioning by the HR system: the same rules as the roster, leavers deactivated."""

import json

import httpx
import pytest
from django.core.management import CommandError, call_command

from people.models import Person, ScimToken
from people.services import create_scim_token, import_roster, revoke_scim_token
from tests.factories import PersonFactory
from tests.queries import count_queries

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
SCIM_JSON = "application/scim+json"


def user(email="ann@example.com", unit="advisory", **extra):
    body = {
        "schemas": [USER, ENTERPRISE],
        "userName": email,
        "name": {"givenName": "Ann", "familyName": "Lee"},
        ENTERPRISE: {"department": unit},
    }
    body.update(extra)
    return body


def patch(*operations):
    return {"schemas": [PATCH], "Operations": list(operations)}


@pytest.fixture
def token(db):
    return create_scim_token(name="hr")[1]


@pytest.fixture
def scim(client, token):
    """Send SCIM requests through the test client with the HR system's token."""

    def send(method, path, body=None, token=token, **headers):
        if token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        data = json.dumps(body) if body is not None else None
        return getattr(client, method)(
            f"/scim/v2{path}", data=data, content_type=SCIM_JSON, **headers
        )

    return send


def test_hr_system_creates_updates_and_deactivates_a_person_over_http(
    live_server, transactional_db, unit, other_unit, settings, tmp_path
):
    """The whole life of a leaver with a real HTTP client; their credential stays valid."""
    settings.DATA_DIR = tmp_path  # the issuer key of this test
    from certification import services as certification
    from tests.certification.factories import DefinitionFactory

    secret = create_scim_token(name="entra-id")[1]
    with httpx.Client(
        base_url=f"{live_server.url}/scim/v2",
        headers={"Authorization": f"Bearer {secret}", "Content-Type": SCIM_JSON},
    ) as http:
        created = http.post("/Users", json=user(externalId="E-100"))
        assert created.status_code == 201, created.text
        assert (
            created.headers["Location"] == f"{live_server.url}/scim/v2/Users/{created.json()['id']}"
        )
        person = Person.objects.get(email="ann@example.com")
        assert (person.unit, person.external_id, person.is_active) == (unit, "E-100", True)
        assert not person.has_usable_password()

        found = http.get("/Users", params={"filter": 'externalId eq "E-100"'}).json()
        assert [r["userName"] for r in found["Resources"]] == ["ann@example.com"]
        replaced = http.put(
            f"/Users/{person.pk}",
            json=user(
                unit="audit", externalId="E-100", name={"givenName": "Ann", "familyName": "Wit"}
            ),
        )
        assert replaced.status_code == 200, replaced.text
        person.refresh_from_db()
        assert (person.unit, person.last_name) == (other_unit, "Wit")

        credential = certification.issue(person=person, definition=DefinitionFactory())
        deactivated = http.patch(
            f"/Users/{person.pk}", json=patch({"op": "replace", "path": "active", "value": False})
        )
        assert deactivated.status_code in (200, 204), deactivated.text
        person.refresh_from_db()
        assert person.is_active is False
        assert http.get(f"/Users/{person.pk}").json()["active"] is False

        removed = http.delete(f"/Users/{person.pk}")
        assert removed.status_code == 204
        assert http.get(f"/Users/{person.pk}").status_code == 404
        assert Person.objects.filter(pk=person.pk, is_active=False).exists()
        page = http.get(f"{live_server.url}/verify/{credential.code}/")
    assert page.status_code == 200 and "Valid" in page.text and "Ann Wit" in page.text


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", "Basic aHI6aHI="])
def test_requests_without_a_valid_token_are_refused_in_scim_error_format(
    client, token, authorization
):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    response = client.get("/scim/v2/Users", **headers)
    assert response.status_code == 401
    assert response["Content-Type"] == SCIM_JSON
    assert response.json()["schemas"] == [ERROR] and response.json()["status"] == "401"
    assert "Bearer" in response["WWW-Authenticate"]


def test_a_revoked_token_stops_working_at_once(scim, token):
    assert scim("get", "/Users").status_code == 200
    revoke_scim_token(name="hr")
    assert scim("get", "/Users").status_code == 401


def test_token_is_stored_only_as_a_hash_and_its_use_recorded(scim, token):
    stored = ScimToken.objects.get(name="hr")
    assert token not in stored.digest and len(stored.digest) == 64
    scim("get", "/Users")
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_service_provider_config_needs_no_token_and_announces_bearer_tokens(client, db):
    config = client.get("/scim/v2/ServiceProviderConfig").json()
    assert config["patch"]["supported"] is True and config["bulk"]["supported"] is False
    assert config["filter"] == {"supported": True, "maxResults": 200}
    assert config["authenticationSchemes"][0]["type"] == "oauthbearertoken"


def test_discovery_describes_users_with_the_enterprise_extension(scim):
    types = scim("get", "/ResourceTypes").json()["Resources"]
    assert [(t["id"], t["endpoint"]) for t in types] == [("User", "/Users")]
    assert types[0]["schemaExtensions"] == [{"schema": ENTERPRISE, "required": False}]
    schemas = {s["id"] for s in scim("get", "/Schemas").json()["Resources"]}
    assert {USER, ENTERPRISE} <= schemas
    assert scim("get", f"/Schemas/{USER}").json()["name"] == "User"


def test_filter_by_user_name_ignores_case_and_by_external_id_does_not(scim, unit):
    PersonFactory(email="ann@example.com", external_id="E-1", unit=unit)
    PersonFactory(email="bob@example.com", unit=unit)

    def names(expression):
        return [
            r["userName"] for r in scim("get", f"/Users?filter={expression}").json()["Resources"]
        ]

    assert names('userName eq "ANN@example.com"') == ["ann@example.com"]
    assert names('externalId eq "E-1"') == ["ann@example.com"]
    assert names('externalId eq "e-1"') == []
    assert names('userName sw "b" or externalId eq "E-1"') == ["ann@example.com", "bob@example.com"]


def test_an_unsupported_filter_is_an_invalid_filter_error(scim):
    response = scim("get", '/Users?filter=nickName eq "x"')
    assert response.status_code == 400 and response.json()["scimType"] == "invalidFilter"


def test_list_pages_with_start_index_and_count(scim, unit):
    for number in range(5):
        PersonFactory(email=f"p{number}@example.com", unit=unit)
    body = scim("get", "/Users?startIndex=2&count=2").json()
    assert (body["totalResults"], body["startIndex"], body["itemsPerPage"]) == (5, 2, 2)
    assert [r["userName"] for r in body["Resources"]] == ["p1@example.com", "p2@example.com"]


@pytest.mark.parametrize("size", [5, 50])
def test_listing_users_takes_the_same_queries_at_any_page_size(scim, unit, size):
    for number in range(size):
        PersonFactory(email=f"p{number}@example.com", unit=unit, leads=[unit])

    def read():
        assert len(scim("get", f"/Users?count={size}").json()["Resources"]) == size

    # token lookup and use, the count, the page with units, and the led units
    assert count_queries(read) == 5


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (user(unit="sales"), "unknown unit 'sales'"),
        (user(roles=[{"value": "boss"}]), "unknown role 'boss'"),
        (user(preferredLanguage="de"), "unknown language 'de' (use en or nl)"),
        (user(email="not-an-email"), "'not-an-email' is not a valid email address"),
    ],
)
def test_bad_values_are_refused_with_the_roster_message_and_change_nothing(
    scim, unit, body, message
):
    response = scim("post", "/Users", body)
    assert response.status_code == 400
    assert response.json()["scimType"] == "invalidValue"
    assert message in response.json()["detail"]
    assert not Person.objects.exists()


def test_roster_and_scim_give_the_same_message_for_an_unknown_unit(scim, unit):
    from people.services import RosterError

    header = "email,first_name,last_name,unit,role,manager_email,language\n"
    with pytest.raises(RosterError) as roster:
        import_roster(data=(header + "ann@example.com,Ann,Lee,sales,,,en\n").encode())
    scim_detail = scim("post", "/Users", user(unit="sales")).json()["detail"]
    assert roster.value.errors == [f"line 2: {scim_detail}"]


def test_an_email_already_in_the_academy_is_a_uniqueness_conflict(scim, learner):
    response = scim("post", "/Users", user(email="learner@example.com"))
    assert response.status_code == 409 and response.json()["scimType"] == "uniqueness"


def test_roles_and_manager_follow_the_roster_rules(scim, unit, lead):
    body = user(roles=[{"value": "trainer"}, {"value": "lead"}])
    body[ENTERPRISE]["manager"] = {"value": str(lead.pk), "$ref": f"Users/{lead.pk}"}
    created = scim("post", "/Users", body).json()
    person = Person.objects.get(pk=created["id"])
    assert person.is_trainer and list(person.led_units.all()) == [unit]
    assert person.manager == lead
    assert {r["value"] for r in created["roles"]} == {"trainer", "lead"}


def test_updates_without_roles_keep_the_roles_set_in_the_academy(scim, trainer):
    response = scim("put", f"/Users/{trainer.pk}", user(email="trainer@example.com"))
    assert response.status_code == 200, response.content
    trainer.refresh_from_db()
    assert trainer.is_trainer and trainer.first_name == "Ann"


def test_a_manager_circle_is_refused(scim, unit, lead, learner):
    learner.manager = lead
    learner.save()
    body = user(email="lead@example.com")
    body[ENTERPRISE]["manager"] = {"value": str(learner.pk), "$ref": f"Users/{learner.pk}"}
    response = scim("put", f"/Users/{lead.pk}", body)
    assert response.status_code == 400
    assert "managers form a circle through lead@example.com" in response.json()["detail"]
    lead.refresh_from_db()
    assert lead.manager is None


def test_a_deep_chain_of_managers_is_checked_for_a_circle_in_one_query(
    scim, unit, lead, learner, django_assert_num_queries
):
    from people.services import _manages

    chain = [learner]
    for index in range(60):
        chain.append(Person.objects.create(email=f"m{index}@example.com", manager=chain[-1]))
    Person.objects.filter(pk=lead.pk).update(manager=chain[-1])
    with django_assert_num_queries(1):
        assert _manages(learner.pk, lead.pk)
    with django_assert_num_queries(1):
        assert not _manages(lead.pk, learner.pk)
    body = user(email="learner@example.com")
    body[ENTERPRISE]["manager"] = {"value": str(lead.pk), "$ref": f"Users/{lead.pk}"}
    response = scim("put", f"/Users/{learner.pk}", body)
    assert response.status_code == 400
    assert "managers form a circle through learner@example.com" in response.json()["detail"]


def test_a_changed_resource_is_refused_with_an_outdated_etag(scim, learner):
    version = scim("get", f"/Users/{learner.pk}")["ETag"]
    scim(
        "patch",
        f"/Users/{learner.pk}",
        patch({"op": "replace", "path": "displayName", "value": "L"}),
    )
    response = scim(
        "patch",
        f"/Users/{learner.pk}",
        patch({"op": "replace", "path": "displayName", "value": "M"}),
        HTTP_IF_MATCH=version,
    )
    assert response.status_code == 412
    learner.refresh_from_db()
    assert learner.display_name == "L"


def test_a_deactivated_person_is_signed_out_and_cannot_sign_in(scim, client, learner):
    scim(
        "patch", f"/Users/{learner.pk}", patch({"op": "replace", "path": "active", "value": False})
    )
    client.force_login(learner)
    learner.refresh_from_db()
    assert not learner.is_active
    assert client.get("/learn/").status_code == 302


def test_a_removed_person_provisioned_again_comes_back_with_their_record(scim, learner):
    scim("delete", f"/Users/{learner.pk}")
    assert scim("get", f'/Users?filter=userName eq "{learner.email}"').json()["totalResults"] == 0
    again = scim("post", "/Users", user(email="learner@example.com"))
    assert again.status_code == 201 and again.json()["id"] == str(learner.pk)
    learner.refresh_from_db()
    assert learner.is_active and learner.deprovisioned_at is None


def test_scim_token_command_prints_the_token_once(db, capsys):
    call_command("scim_token", "entra-id")
    secret = capsys.readouterr().out.strip()
    assert secret.startswith("scim_") and len(secret) > 40
    assert not ScimToken.objects.filter(digest__contains=secret).exists()
    call_command("scim_token", "--list")
    assert "entra-id\tactive" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["hr"], "A SCIM token named 'hr' already exists."),
        (["nobody", "--revoke"], "No active SCIM token is named 'nobody'."),
        ([], "give the token a name"),
    ],
)
def test_scim_token_command_errors_are_one_clear_line(token, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("scim_token", *arguments)
