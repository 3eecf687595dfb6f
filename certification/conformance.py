"""What we publish, measured against the official Open Badges 3.0 JSON Schemas (1EdTech),
kept offline in docs/standards/ (see its README): credentials, the issuer profile, achievements
and status lists. Used by the tests and by `academy check-conformance` (CI, on the demo)."""

import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings

SCHEMAS = Path(settings.BASE_DIR) / "docs" / "standards"
CREDENTIAL = "ob3/ob_v3p0_achievementcredential_schema.json"
PROFILE = "ob3/ob_v3p0_profile_schema.json"
ENDORSEMENT = "ob3/ob_v3p0_endorsementcredential_schema.json"
STATUS_LIST = "bitstring-status-list.schema.json"


@lru_cache(maxsize=1)
def _registry():
    from referencing import Registry, Resource

    resources = []
    for name in (CREDENTIAL, PROFILE, ENDORSEMENT, STATUS_LIST):
        schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


@lru_cache(maxsize=8)
def _validator(name: str, pointer: str = ""):
    from jsonschema import Draft201909Validator

    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    if pointer:
        schema = {"$ref": f"{schema['$id']}#{pointer}"}
    return Draft201909Validator(schema, registry=_registry())


def _errors(validator, document: dict) -> list[str]:
    found = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(document)'}: {error.message[:300]}"
        for error in found
    ]


def credential_errors(document: dict) -> list[str]:
    """An OpenBadgeCredential / AchievementCredential against 1EdTech's schema."""
    return _errors(_validator(CREDENTIAL), document)


def profile_errors(document: dict) -> list[str]:
    return _errors(_validator(PROFILE), document)


def achievement_errors(document: dict) -> list[str]:
    """An Achievement against the `Achievement` definition of the credential schema."""
    return _errors(_validator(CREDENTIAL, "/$defs/Achievement"), document)


def endorsement_errors(document: dict) -> list[str]:
    return _errors(_validator(ENDORSEMENT), document)


def status_list_errors(document: dict) -> list[str]:
    return _errors(_validator(STATUS_LIST), document)
