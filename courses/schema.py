"""The JSON Schema of course-as-code, built from the same key descriptions the importer uses.

docs/course-as-code.schema.json is this schema (a test keeps them equal); regenerate it with
`academy coursecode_schema > docs/course-as-code.schema.json` after changing a key.
"""

from . import dataspec, steps
from .coursecode import (
    AUDIENCE_SPEC,
    LESSON_SPEC,
    LIFECYCLE_KEY,
    MODULE_SPEC,
    PROGRAMME_SPEC,
    SECTIONS,
    STEP_KEYS,
)
from .dataspec import object_schema as _object
from .models import LANGUAGES

SCHEMA_ID = "https://social-media-academy.example/schemas/course-as-code.schema.json"


def _text_def(*, required: bool) -> dict:
    minimum = {"minLength": 1} if required else {}
    return {
        "oneOf": [
            {"type": "string", **minimum, "description": "The same text in every language."},
            {
                "type": "object",
                "properties": {lang: {"type": "string"} for lang in LANGUAGES}
                | {"en": {"type": "string", **minimum}},
                "required": ["en"],
                "additionalProperties": False,
                "description": "The text per language; English is required, and every language "
                "the module is offered in.",
            },
        ]
    }


def _step(kind: steps.StepKind) -> dict:
    base = {
        "slug": {"$ref": "#/$defs/slug"},
        "kind": {"const": kind.name},
        "title": {"$ref": "#/$defs/requiredText"},
    }
    own = kind.schema()
    schema = _object(
        kind.spec,
        extra={**base, **own.get("properties", {})},
        required_extra=[*STEP_KEYS, *own.get("required", [])],
    )
    schema.update(
        {key: value for key, value in own.items() if key not in ("properties", "required", "$defs")}
    )
    schema["description"] = kind.description
    return schema


def programme_schema() -> dict:
    """The JSON Schema (draft 2020-12) of one programme file."""
    kinds = steps.kinds()
    module = _object(
        MODULE_SPEC,
        extra={
            "languages": {
                "type": "array",
                "items": {"enum": list(LANGUAGES)},
                "minItems": 1,
                "uniqueItems": True,
                "description": "Languages the module is offered in (default: all).",
            },
            "audience": {
                **_object(AUDIENCE_SPEC),
                "description": "Empty lists mean everyone; units include the units below them.",
            },
            "requires": {
                "type": "array",
                "items": {"$ref": "#/$defs/slug"},
                "uniqueItems": True,
                "description": "Slugs of modules to complete first (in any programme).",
            },
            "lessons": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/lesson"}},
        },
        required_extra=["lessons"],
    )
    lesson = _object(
        LESSON_SPEC,
        extra={"steps": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/step"}}},
        required_extra=["steps"],
    )
    sections = {
        name: {
            "description": f"Owned by the {SECTIONS[name].check.__module__.split('.')[0]} app, "
            "which checks it on import."
        }
        for name in sorted(SECTIONS)
    }
    top = _object(
        PROGRAMME_SPEC,
        extra={
            "modules": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/module"}},
            LIFECYCLE_KEY: {
                "type": "boolean",
                "deprecated": True,
                "description": "Read and ignored (files exported before programmes had a "
                "lifecycle carry it): a new programme arrives as a draft and is published on "
                "its page or with `academy import-programme --publish`.",
            },
            **sections,
        },
        required_extra=["modules"],
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Social Media Academy course-as-code: one programme",
        "description": (
            "A programme (track) with its modules, lessons and steps. Import with `academy "
            "import-programme PATH`, export with `academy export-programme SLUG`. A folder holds "
            "programme.yaml (these keys, with `modules` as a list of module slugs) and one file "
            "per module."
        ),
        **top,
        "$defs": {
            "slug": {"type": "string", "pattern": dataspec.SLUG.pattern, "maxLength": 80},
            "text": _text_def(required=False),
            "requiredText": _text_def(required=True),
            "module": module,
            "lesson": lesson,
            "step": {"oneOf": [{"$ref": f"#/$defs/{kind.name}Step"} for kind in kinds]},
            **{f"{kind.name}Step": _step(kind) for kind in kinds},
            # What a kind's steps hold (a quiz's questions and choices).
            **{
                name: schema
                for kind in kinds
                for name, schema in kind.schema().get("$defs", {}).items()
            },
        },
    }
