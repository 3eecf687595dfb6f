"""Credential definitions as data: the `credentials:` list of a programme file (course-as-code)
and of the demo, checked with the same key descriptions as the rest of a programme file
(`courses.dataspec`); each rule by its own kind (`Rule.from_data`, certification/rules.py).

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

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from core.languages import CODES
from courses import dataspec
from courses.coursecode import text_path

from .models import CredentialDefinition, Rule

TEXT_FIELDS = ("title", "description", "criteria", "signature_title")
DEFINITION_SPEC = dataspec.specs(
    dataspec.Slug("slug", required=True),
    dataspec.Text("title", required=True, max_length=150),
    dataspec.Text("description"),
    dataspec.Text("criteria"),
    dataspec.Text("signature_title", max_length=120),
    dataspec.Integer("valid_for_days", minimum=1, maximum=100 * 366, nullable=True),
    dataspec.Integer("level", minimum=1, maximum=1000),  # default: its place in the list
    dataspec.SlugList("renew_with"),
)


class DefinitionError(dataspec.Problem, ValueError):
    """Bad credential data; `node` is the path of keys to the offending item, e.g.
    ("credentials", 0, "rules", 1), and `path` the same as text: "credentials[0].rules[1]"."""

    def __init__(self, node: tuple, message: str):
        self.node = tuple(node)
        self.path = text_path(self.node)
        self.message = message
        super().__init__(f"{self.path}: {message}")


@dataclass
class CheckedDefinition:
    values: dict
    rules: list[tuple[type[Rule], dict]]


def check_definitions(items, here) -> list[CheckedDefinition]:
    """Check a list of definitions with their rules; a problem is reported at `here`."""
    here = here.speaking(())  # English is enough for a credential's texts
    if not isinstance(items, list):
        here.fail(_("must be a list, not %(type)s") % {"type": dataspec.type_name(items)})
    credentials = set(CredentialDefinition.objects.values_list("slug", flat=True))
    mark = len(here.problems)
    checked = here.each(items, lambda item, at: _check_definition(item, at, credentials))
    here.settle(mark)
    return checked


def _check_definition(item, here, credentials: set[str]) -> CheckedDefinition:
    mark = len(here.problems)
    values = here.attempt(dataspec.check_mapping, item, here, DEFINITION_SPEC, extra=("rules",))
    if values is None:
        here.settle(mark)
    if values["level"] is None:
        values["level"] = int(here.path[-1]) + 1  # its place in the list
    credentials.add(values["slug"])
    rules = item.get("rules") or []
    if not isinstance(rules, list):
        (here / "rules").fail(
            _("must be a list, not %(type)s") % {"type": dataspec.type_name(rules)}
        )
    checked_rules = (here / "rules").each(
        rules, lambda rule, at: _check_rule(rule, at, credentials)
    )
    here.settle(mark)
    return CheckedDefinition(values=values, rules=checked_rules)


def _check_rule(data, here, credentials: set[str]) -> tuple[type[Rule], dict]:
    if not isinstance(data, dict):
        here.fail(_("must be a mapping, not %(type)s") % {"type": dataspec.type_name(data)})
    if "kind" not in data:
        here.fail(_("the key '%(key)s' is missing") % {"key": "kind"})
    kinds = Rule.kinds()
    kind = kinds.get(data["kind"]) if isinstance(data["kind"], str) else None
    if kind is None:
        (here / "kind").fail(
            _("unknown rule kind '%(kind)s' (use %(kinds)s)")
            % {"kind": data["kind"], "kinds": ", ".join(kinds)}
        )
    return kind, kind.from_data(data, here, credentials=credentials)


def write_definitions(checked: list[CheckedDefinition], *, programme_slug: str = "") -> list:
    """Create or update the checked definitions (by slug) and replace their rules."""
    definitions = {d.slug: d for d in CredentialDefinition.objects.all()}
    written = []
    for item in checked:
        values = item.values
        fields = {f"{name}_{lang}": values[name][lang] for name in TEXT_FIELDS for lang in CODES}
        fields.update(
            valid_for_days=values["valid_for_days"],
            level=values["level"],
            renewal_modules=values["renew_with"],
            programme_slug=programme_slug,
        )
        definition, _created = CredentialDefinition.objects.update_or_create(
            slug=values["slug"], defaults=fields
        )
        definitions[definition.slug] = definition
        # Rules are replaced as a whole: issued credentials keep their snapshot regardless.
        definition.rules.all().delete()
        for position, (kind, rule_values) in enumerate(item.rules):
            kind.objects.create(
                definition=definition,
                position=position,
                **kind.field_values(rule_values, definitions=definitions),
            )
        written.append(definition)
    return written


@transaction.atomic
def upsert_definitions(items, *, programme_slug: str = "", prefix: str = "credentials") -> list:
    """Check, then create or update definitions (by slug) with their rules; all or nothing."""
    here = dataspec.Here((prefix,), DefinitionError)
    checked = here.attempt(check_definitions, items, here)
    if here.problems:
        raise here.problems[0]
    return write_definitions(checked, programme_slug=programme_slug)


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
