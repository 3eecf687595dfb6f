"""The published JSON Schema of course-as-code describes what the importer accepts."""

import json
from io import StringIO
from pathlib import Path

import jsonschema
import pytest
import yaml
from django.core.management import call_command

from courses import coursecode
from courses.schema import programme_schema

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "docs" / "course-as-code.schema.json"
DEMO_FILES = sorted((ROOT / "courses" / "demo").glob("*.yaml"))


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def without_test_kinds(schema: dict) -> dict:
    """The schema without the step kind only the tests install (tests/stepkinds)."""
    schema["$defs"].pop("reflectionStep")
    steps = schema["$defs"]["step"]["oneOf"]
    steps.remove({"$ref": "#/$defs/reflectionStep"})
    return schema


def test_the_published_schema_is_the_one_the_code_describes():
    out = StringIO()
    call_command("coursecode_schema", stdout=out)
    described = without_test_kinds(programme_schema())
    assert (
        json.loads(SCHEMA.read_text())
        == described
        == without_test_kinds(json.loads(out.getvalue()))
    )


def test_a_registered_step_kind_is_in_the_schema():
    kind = programme_schema()["$defs"]["reflectionStep"]
    assert kind["properties"]["kind"] == {"const": "reflection"}
    assert "prompt" in kind["required"]


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda path: path.name)
def test_every_demo_programme_file_is_valid(validator, path):
    errors = [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text()))]
    assert errors == []


@pytest.mark.django_db
def test_an_export_is_valid(validator):
    coursecode.import_paths(DEMO_FILES)
    for slug in ("social-media-certified",):
        assert list(validator.iter_errors(yaml.safe_load(coursecode.export_text(slug)))) == []


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["modules"][0].update(minutes=0),
        lambda d: d["modules"][0]["lessons"][0]["steps"][0].update(kind="poem"),
        lambda d: d.update(colour="blue"),
        lambda d: d["modules"][0].update(title={"nl": "Alleen Nederlands"}),
        lambda d: d["modules"][0]["lessons"][0].pop("steps"),
    ],
)
def test_the_schema_refuses_what_the_importer_refuses(validator, change):
    data = yaml.safe_load(DEMO_FILES[-1].read_text())
    change(data)
    assert list(validator.iter_errors(data))
