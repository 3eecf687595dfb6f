"""Property-based tests of the API against its own OpenAPI document (schemathesis).

For every operation, generated requests (a bounded number, so the suite stays quick) must
never answer 5xx, and every answer must be documented: status code, media type and body.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from certification import services as certification
from tests.certification.factories import DefinitionFactory
from tests.courses.factories import ModuleFactory, ProgrammeFactory
from tests.policies.factories import version

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 12


@pytest.fixture
def schema(wsgi_app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)


@pytest.fixture
def academy(learner, programme, lead, unit):
    """Something of everything, so generated requests also meet real objects."""
    ProgrammeFactory(slug="certified")
    ModuleFactory(slug="basics", programme__slug="certified")
    version("1.0")
    definition = DefinitionFactory(slug="certified", level=1, valid_for_days=365)
    certification.award(definition=definition, person=learner)


def test_every_operation_answers_as_documented(schema, academy, programme, token_for, settings_):
    headers = {"Authorization": f"Bearer {token_for(programme, 'write')}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        @given(case=operation.as_strategy())
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()


@pytest.fixture
def settings_(settings, tmp_path):
    settings.ACADEMY_API_RATE_LIMIT = 100_000
    settings.ALLOWED_HOSTS = ["*"]
    return settings
