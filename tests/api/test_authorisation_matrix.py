"""Every operation × every role × every way of signing in (read token, write token, session).

Who may do what:
- nobody signed in: 401 everywhere;
- everyone: the catalogue and their own learning; writes to their own learning need a write
  token or the session;
- staff reads (people, units, credentials, adoption): unit leads and the programme team;
- staff writes (import, award, revoke, suspend, reinstate): the programme team with a write
  token or the session.
The test fails when an operation in the OpenAPI document is missing from the table below.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from api.api import api as the_api
from certification import services as certification
from courses.services import enrol
from tests.certification.factories import DefinitionFactory
from tests.policies.factories import version

ROSTER = (
    "email,first_name,last_name,unit,role,manager_email,language\n"
    "new@example.com,New,Person,advisory,learner,,en\n"
)

# (method, path as in the document, concrete path, body, who may)
OPERATIONS = [
    ("get", "/programmes", "/programmes", None, "everyone"),
    ("get", "/programmes/{slug}", "/programmes/certified", None, "everyone"),
    ("get", "/modules", "/modules", None, "everyone"),
    ("get", "/modules/{slug}", "/modules/basics", None, "everyone"),
    ("get", "/me", "/me", None, "everyone"),
    ("get", "/me/enrolments", "/me/enrolments", None, "everyone"),
    ("post", "/me/enrolments", "/me/enrolments", {"module": "basics"}, "everyone-writes"),
    (
        "post",
        "/me/enrolments/{module}/lessons/{lesson}/steps/{step}/done",
        "/me/enrolments/basics/lessons/intro/steps/why/done",
        {},
        "everyone-writes",
    ),
    ("get", "/me/required-training", "/me/required-training", None, "everyone"),
    (
        "post",
        "/me/policy-acknowledgements",
        "/me/policy-acknowledgements",
        {"language": "en"},
        "everyone-writes",
    ),
    ("get", "/me/credentials", "/me/credentials", None, "everyone"),
    ("get", "/people", "/people", None, "staff"),
    ("get", "/people/{person_id}", "/people/{learner}", None, "staff"),
    ("post", "/people/import", "/people/import", "roster", "programme-writes"),
    ("get", "/units", "/units", None, "staff"),
    ("get", "/units/{slug}", "/units/advisory", None, "staff"),
    ("get", "/adoption", "/adoption", None, "staff"),
    ("get", "/credentials", "/credentials", None, "staff"),
    ("get", "/credentials/{serial}", "/credentials/{serial}", None, "staff"),
    (
        "post",
        "/credentials",
        "/credentials",
        {"definition": "professional", "person": "learner@example.com"},
        "programme-writes",
    ),
    (
        "post",
        "/credentials/{serial}/revoke",
        "/credentials/{serial}/revoke",
        {"reason": "left"},
        "programme-writes",
    ),
    (
        "post",
        "/credentials/{serial}/suspend",
        "/credentials/{serial}/suspend",
        {"reason": "check"},
        "programme-writes",
    ),
    (
        "post",
        "/credentials/{serial}/reinstate",
        "/credentials/{serial}/reinstate",
        {},
        "programme-writes",
    ),
]
ROLES = ["anonymous", "learner", "trainer", "lead", "programme"]
SIGN_INS = ["read-token", "write-token", "session"]


def allowed(who: str, role: str, sign_in: str) -> bool:
    writes = who.endswith("-writes")
    if writes and sign_in == "read-token":
        return False
    if who.startswith("everyone"):
        return True
    if who == "staff":
        return role in {"lead", "programme"}
    return role == "programme"


def test_the_table_covers_every_operation_in_the_document():
    document = the_api.get_openapi_schema(path_prefix="")
    documented = {
        (method, path)
        for path, operations in document["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    }
    assert documented == {(method, path) for method, path, *_ in OPERATIONS}


@pytest.fixture
def academy(catalogue, people_by_role, unit):
    version("1.0")
    for person in people_by_role.values():
        if person is not None:
            enrol(person=person, module=catalogue["basics"])
    learner = people_by_role["learner"]
    DefinitionFactory(slug="professional", level=2)
    definition = DefinitionFactory(slug="certified", level=1, valid_for_days=365)
    return certification.award(definition=definition, person=learner)[0]


def call(method, url, body, person, sign_in, token_for):
    client = Client()
    headers = {}
    if person is not None and sign_in == "session":
        client.force_login(person)
    elif person is not None:
        headers["Authorization"] = f"Bearer {token_for(person, sign_in.split('-')[0])}"
    if method == "get":
        return client.get(url, headers=headers)
    if body == "roster":
        upload = SimpleUploadedFile("roster.csv", ROSTER.encode(), content_type="text/csv")
        return client.post(url, {"file": upload}, headers=headers)
    return client.post(url, body, content_type="application/json", headers=headers)


@pytest.mark.parametrize(
    ("method", "template", "path", "body", "who"),
    OPERATIONS,
    ids=[f"{method} {template}" for method, template, *_ in OPERATIONS],
)
def test_authorisation(method, template, path, body, who, people_by_role, academy, token_for):
    url = "/api/v1" + path.format(learner=people_by_role["learner"].pk, serial=academy.serial)
    wrong = []
    for role in ROLES:
        for sign_in in SIGN_INS if role != "anonymous" else ["none"]:
            person = people_by_role[role]
            response = call(method, url, body, person, sign_in, token_for)
            if person is None:
                expected = {401}
            elif allowed(who, role, sign_in):
                expected = {200, 201}
            else:
                expected = {403}
            if response.status_code not in expected or (
                response.status_code >= 400
                and response["Content-Type"] != "application/problem+json"
            ):
                wrong.append((role, sign_in, response.status_code, response.content[:200]))
    assert wrong == []
