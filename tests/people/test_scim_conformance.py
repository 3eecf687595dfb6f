"""Property-based tests of the SCIM endpoint against its published description
(docs/scim.openapi.json): generated requests never get a 5xx, and every answer is documented."""

import json
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from people.services import create_scim_token

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "scim.openapi.json"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_the_description_is_valid_openapi():
    from openapi_spec_validator import validate

    validate(json.loads(DOCUMENT.read_text()))


@pytest.fixture
def schema(wsgi_app, settings):
    settings.ALLOWED_HOSTS = ["*"]
    loaded = schemathesis.openapi.from_dict(json.loads(DOCUMENT.read_text()))
    loaded.app = wsgi_app
    return loaded


def test_scim_users_answer_as_documented(schema, unit, learner):
    headers = {"Authorization": f"Bearer {create_scim_token(name='hr')[1]}"}
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=10,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        @given(case=operation.as_strategy())
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
