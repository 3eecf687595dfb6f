"""Credential definitions from data (the `credentials:` list of course-as-code)."""

import pytest

from certification.definitions import DefinitionError, dump_definitions, upsert_definitions
from certification.models import CredentialDefinition

DATA = [
    {
        "slug": "certified",
        "title": {"en": "Social Media Certified", "nl": "Social Media Gecertificeerd"},
        "valid_for_days": 730,
        "level": 1,
        "rules": [
            {"kind": "modules_completed", "modules": ["getting-started", "care"]},
            {"kind": "modules_completed", "of": ["linkedin", "twitter", "video"], "at_least": 1},
            {"kind": "policy_acknowledged", "version": "current"},
        ],
    },
    {
        "slug": "spokesperson",
        "title": "Spokesperson",
        "level": 3,
        "rules": [
            {"kind": "holds_credential", "credential": "certified"},
            {"kind": "assignment_approved", "step": "care/replying/pitch"},
            {"kind": "nominated"},
        ],
    },
]


def test_definitions_round_trip(db):
    upsert_definitions(DATA, programme_slug="p")
    dumped = dump_definitions(CredentialDefinition.objects.all())
    assert dumped == DATA


def test_upsert_twice_changes_nothing(db):
    upsert_definitions(DATA)
    upsert_definitions(DATA)
    assert CredentialDefinition.objects.count() == 2
    assert dump_definitions(CredentialDefinition.objects.all()) == DATA


@pytest.mark.parametrize(
    ("rules", "path"),
    [
        ([{"kind": "magic"}], "credentials[0].rules[0].kind"),
        (
            [{"kind": "modules_completed", "of": ["a"], "at_least": 2}],
            "credentials[0].rules[0].at_least",
        ),
        (
            [{"kind": "holds_credential", "credential": "unknown"}],
            "credentials[0].rules[0].credential",
        ),
        ([{"kind": "assignment_approved", "step": "no-slashes"}], "credentials[0].rules[0].step"),
    ],
)
def test_bad_rule_names_where_it_is_and_writes_nothing(db, rules, path):
    with pytest.raises(DefinitionError) as error:
        upsert_definitions([{"slug": "x", "title": "X", "rules": rules}])
    assert error.value.path == path
    assert not CredentialDefinition.objects.exists()
