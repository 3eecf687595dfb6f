"""Create or update credential definitions from data (course-as-code and the demo).

The data shape is the `credentials:` list of a programme file (docs/course-as-code.schema.json):
    - slug: certified
      title: {en: ..., nl: ...}
      valid_for_days: 730
      rules:
        - {kind: modules_completed, modules: [a, b]}
        - {kind: modules_completed, of: [c, d], at_least: 1}
        - {kind: policy_acknowledged, version: current}
        - {kind: holds_credential, credential: certified}
        - {kind: assignment_approved, step: module/lesson/step}
        - {kind: nominated}
"""

from django.db import transaction

from core.languages import CODES

from .models import (
    AssignmentApprovedRule,
    CredentialDefinition,
    HoldsCredentialRule,
    ModulesCompletedRule,
    NominationApprovedRule,
    PolicyAcknowledgedRule,
)

TEXT_FIELDS = ("title", "description", "criteria", "signature_title")
RULE_KINDS = {
    "modules_completed": ModulesCompletedRule,
    "policy_acknowledged": PolicyAcknowledgedRule,
    "holds_credential": HoldsCredentialRule,
    "assignment_approved": AssignmentApprovedRule,
    "nominated": NominationApprovedRule,
}


class DefinitionError(ValueError):
    """Bad credential data; `node` is the path of keys to the offending item, e.g.
    ("credentials", 0, "rules", 1), and `path` the same as text: "credentials[0].rules[1]"."""

    def __init__(self, node: tuple, message: str):
        self.node = tuple(node)
        self.path = _text_path(self.node)
        self.message = message
        super().__init__(f"{self.path}: {message}")


def _text_path(node: tuple) -> str:
    text = ""
    for key in node:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text


def _texts(value, path: tuple, *, required: bool = False) -> dict:
    if value is None or value == "":
        if required:
            raise DefinitionError(path, "is required")
        return {"en": "", "nl": ""}
    if isinstance(value, str):
        return {"en": value, "nl": ""}
    if isinstance(value, dict) and set(value) <= set(CODES):
        if required and not value.get("en"):
            raise DefinitionError(path, "needs an English text (en)")
        return {"en": str(value.get("en", "")), "nl": str(value.get("nl", ""))}
    raise DefinitionError(path, "must be a text or a mapping {en: ..., nl: ...}")


def _slug_list(value, path: tuple) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise DefinitionError(path, "must be a non-empty list of module slugs")
    return list(value)


def _rule_fields(rule: dict, path: tuple, slugs: dict) -> tuple[type, dict]:
    if not isinstance(rule, dict) or "kind" not in rule:
        raise DefinitionError(path, "a rule needs a kind")
    kind = rule["kind"]
    if kind not in RULE_KINDS:
        raise DefinitionError(
            (*path, "kind"), f"unknown rule kind {kind!r} (one of {', '.join(RULE_KINDS)})"
        )
    if kind == "modules_completed":
        if "of" in rule:
            modules = _slug_list(rule["of"], (*path, "of"))
            at_least = rule.get("at_least")
            if not isinstance(at_least, int) or not 1 <= at_least <= len(modules):
                raise DefinitionError((*path, "at_least"), "must be a number from 1 to len(of)")
            return ModulesCompletedRule, {"modules": modules, "at_least": at_least}
        return ModulesCompletedRule, {
            "modules": _slug_list(rule.get("modules"), (*path, "modules"))
        }
    if kind == "policy_acknowledged":
        if rule.get("version", "current") != "current":
            raise DefinitionError((*path, "version"), "only 'current' is supported")
        return PolicyAcknowledgedRule, {}
    if kind == "holds_credential":
        slug = rule.get("credential")
        if slug not in slugs:
            raise DefinitionError((*path, "credential"), f"unknown credential {slug!r}")
        return HoldsCredentialRule, {"credential": slugs[slug]}
    if kind == "assignment_approved":
        step = rule.get("step")
        if not isinstance(step, str) or step.count("/") != 2:
            raise DefinitionError((*path, "step"), "must name module/lesson/step")
        return AssignmentApprovedRule, {"step": step}
    return NominationApprovedRule, {}


@transaction.atomic
def upsert_definitions(items, *, programme_slug: str = "", prefix: str = "credentials") -> list:
    """Create or update definitions (by slug) with their rules; all or nothing."""
    if not isinstance(items, list):
        raise DefinitionError((prefix,), "must be a list")
    slugs = {d.slug: d for d in CredentialDefinition.objects.all()}
    definitions = []
    for position, item in enumerate(items):
        path = (prefix, position)
        if not isinstance(item, dict) or not isinstance(item.get("slug"), str):
            raise DefinitionError(path, "a credential needs a slug")
        texts = {
            name: _texts(item.get(name), (*path, name), required=name == "title")
            for name in TEXT_FIELDS
        }
        days = item.get("valid_for_days")
        if days is not None and (not isinstance(days, int) or days < 1):
            raise DefinitionError((*path, "valid_for_days"), "must be a positive number of days")
        fields = {f"{name}_{lang}": texts[name][lang] for name in TEXT_FIELDS for lang in CODES}
        fields.update(
            valid_for_days=days,
            level=item.get("level", position + 1),
            renewal_modules=item.get("renew_with", []) or [],
            programme_slug=programme_slug,
        )
        definition, _created = CredentialDefinition.objects.update_or_create(
            slug=item["slug"], defaults=fields
        )
        slugs[definition.slug] = definition
        rules = item.get("rules") or []
        if not isinstance(rules, list):
            raise DefinitionError((*path, "rules"), "must be a list")
        parsed = [
            _rule_fields(rule, (*path, "rules", index), slugs) for index, rule in enumerate(rules)
        ]
        # Rules are replaced as a whole: issued credentials keep their snapshot regardless.
        definition.rules.all().delete()
        for index, (model, values) in enumerate(parsed):
            model.objects.create(definition=definition, position=index, **values)
        definitions.append(definition)
    return definitions


def dump_definitions(definitions) -> list[dict]:
    out = []
    for definition in definitions:
        item = {"slug": definition.slug}
        for name in TEXT_FIELDS:
            en, nl = getattr(definition, f"{name}_en"), getattr(definition, f"{name}_nl")
            if en or nl:
                item[name] = {"en": en, "nl": nl} if nl else en
        if definition.valid_for_days:
            item["valid_for_days"] = definition.valid_for_days
        item["level"] = definition.level
        if definition.renewal_modules:
            item["renew_with"] = list(definition.renewal_modules)
        item["rules"] = [rule.to_data() for rule in definition.rules.all()]
        out.append(item)
    return out
