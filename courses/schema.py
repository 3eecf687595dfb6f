"""The JSON Schema of course-as-code, built from the same key descriptions the importer uses.

docs/course-as-code.schema.json is this schema (a test keeps them equal); regenerate it with
`academy coursecode_schema > docs/course-as-code.schema.json` after changing a key.
"""

from . import dataspec
from .coursecode import AUDIENCE_SPEC, LESSON_SPEC, MODULE_SPEC, PROGRAMME_SPEC, SECTIONS, STEP_KEYS
from .models import LANGUAGES, Choice, Question, step_kinds

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


def _spec_schema(spec: dataspec.Spec) -> dict:
    if isinstance(spec, dataspec.Text):
        return {"$ref": "#/$defs/requiredText" if spec.required else "#/$defs/text"}
    return spec.schema()


def _object(specs: dict, *, extra: dict | None = None, required_extra=()) -> dict:
    properties = {key: _spec_schema(spec) for key, spec in specs.items()}
    properties.update(extra or {})
    required = [key for key, spec in specs.items() if spec.required] + list(required_extra)
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _step(kind) -> dict:
    base = {
        "slug": {"$ref": "#/$defs/slug"},
        "kind": {"const": kind.kind},
        "title": {"$ref": "#/$defs/requiredText"},
    }
    own = kind.data_schema()
    schema = _object(
        kind.data_spec,
        extra={**base, **own.get("properties", {})},
        required_extra=[*STEP_KEYS, *own.get("required", [])],
    )
    schema.update(
        {key: value for key, value in own.items() if key not in ("properties", "required")}
    )
    schema["description"] = str(kind.__doc__ or "").strip().splitlines()[0]
    return schema


def programme_schema() -> dict:
    """The JSON Schema (draft 2020-12) of one programme file."""
    kinds = step_kinds()
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
    question = _object(
        Question.data_spec,
        extra={"choices": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/choice"}}},
        required_extra=["choices"],
    )
    sections = {
        name: {
            "description": f"Owned by the {SECTIONS[name].load.__module__.split('.')[0]} app, "
            "which checks it on import."
        }
        for name in sorted(SECTIONS)
    }
    top = _object(
        PROGRAMME_SPEC,
        extra={
            "modules": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/module"}},
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
            "step": {"oneOf": [{"$ref": f"#/$defs/{name}Step"} for name in kinds]},
            **{f"{name}Step": _step(kind) for name, kind in kinds.items()},
            "question": question,
            "choice": _object(Choice.data_spec),
        },
    }
