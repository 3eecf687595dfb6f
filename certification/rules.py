"""Credential rules: one model per kind, each holding its fields, its check (`is_satisfied_by`),
its description and its course-as-code form (`from_data` / `to_data`).

A new kind is a subclass of `Rule` with a `kind` name in any app's models module: course-as-code,
the admin and the evaluation find it among `Rule.kinds()` (docs/architecture.md, "Adding a rule
kind"). The facts a rule checks are read by `certification.selectors.Facts`.
"""

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, override
from polymorphic.models import PolymorphicModel

from courses import dataspec


class Rule(PolymorphicModel):
    """One requirement of a credential; each kind is a subclass with `is_satisfied_by`."""

    kind = ""  # the `kind:` of course-as-code
    definition = models.ForeignKey(
        "certification.CredentialDefinition", on_delete=models.CASCADE, related_name="rules"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["definition", "position", "id"]
        verbose_name = gettext_lazy("rule")
        verbose_name_plural = gettext_lazy("rules")

    def __str__(self) -> str:
        return str(self.describe())

    @classmethod
    def kinds(cls) -> dict[str, type["Rule"]]:
        """Every rule kind by its course-as-code name, in the order defined."""
        found: dict[str, type[Rule]] = {}
        pending = list(cls.__subclasses__())
        while pending:
            kind = pending.pop(0)
            if kind.kind and not kind._meta.abstract:
                found[kind.kind] = kind
            pending.extend(kind.__subclasses__())
        return found

    def is_satisfied_by(self, facts) -> bool:  # pragma: no cover - every kind overrides
        """Whether the person whose `facts` (certification.selectors.Facts) meets this rule."""
        raise NotImplementedError

    def describe(self, language: str | None = None) -> str:  # pragma: no cover
        raise NotImplementedError

    # Course-as-code: a rule is a mapping with its `kind` and the kind's keys.

    @classmethod
    def from_data(cls, data: dict, here, *, credentials: set[str]) -> dict:
        """The rule's values from its mapping (problems reported at `here`); `credentials`:
        the credential slugs a rule may name."""
        return dataspec.check_mapping(data, here, {}, extra=("kind",))

    @classmethod
    def field_values(cls, values: dict, *, definitions: dict) -> dict:
        """The model's field values for checked `values` (`definitions` by slug)."""
        return values

    def to_data(self) -> dict:
        return {"kind": self.kind}


class ModulesCompletedRule(Rule):
    """All of the listed modules completed, or at least `at_least` of them."""

    kind = "modules_completed"
    modules = models.JSONField(gettext_lazy("module slugs"), default=list)
    at_least = models.PositiveSmallIntegerField(
        gettext_lazy("at least"),
        null=True,
        blank=True,
        help_text=gettext_lazy("Empty: all of them."),
    )

    class Meta:
        verbose_name = gettext_lazy("rule: modules completed")

    def required_count(self) -> int:
        return len(self.modules) if self.at_least is None else min(self.at_least, len(self.modules))

    def is_satisfied_by(self, facts) -> bool:
        done = len(set(self.modules) & facts.completed_modules)
        return done >= self.required_count()

    def describe(self, language=None) -> str:
        with override(language):
            names = ", ".join(self.modules)
            if self.at_least is None:
                return _("Complete the modules: %(modules)s") % {"modules": names}
            return ngettext(
                "Complete at least %(count)d of: %(modules)s",
                "Complete at least %(count)d of: %(modules)s",
                self.at_least,
            ) % {"count": self.at_least, "modules": names}

    @classmethod
    def from_data(cls, data: dict, here, *, credentials: set[str]) -> dict:
        if "of" in data:
            values = dataspec.check_mapping(
                data,
                here,
                dataspec.specs(
                    dataspec.SlugList("of", required=True),
                    dataspec.Integer("at_least", minimum=1, maximum=1000, required=True),
                ),
                extra=("kind",),
            )
            if not values["of"]:
                (here / "of").fail(_("list at least one module"))
            if values["at_least"] > len(values["of"]):
                (here / "at_least").fail(
                    _("must be at most %(count)d, the number of modules listed")
                    % {"count": len(values["of"])}
                )
            return {"modules": values["of"], "at_least": values["at_least"]}
        values = dataspec.check_mapping(
            data, here, dataspec.specs(dataspec.SlugList("modules", required=True)), extra=("kind",)
        )
        if not values["modules"]:
            (here / "modules").fail(_("list at least one module"))
        return {"modules": values["modules"]}

    def to_data(self) -> dict:
        if self.at_least is None:
            return {"kind": self.kind, "modules": list(self.modules)}
        return {"kind": self.kind, "of": list(self.modules), "at_least": self.at_least}


class PolicyAcknowledgedRule(Rule):
    """The current social media policy acknowledged."""

    kind = "policy_acknowledged"

    class Meta:
        verbose_name = gettext_lazy("rule: policy acknowledged")

    def is_satisfied_by(self, facts) -> bool:
        return facts.policy_acknowledged

    def describe(self, language=None) -> str:
        with override(language):
            return _("Acknowledge the current social media policy")

    @classmethod
    def from_data(cls, data: dict, here, *, credentials: set[str]) -> dict:
        dataspec.check_mapping(
            data,
            here,
            dataspec.specs(dataspec.Choice("version", choices=("current",), default="current")),
            extra=("kind",),
        )
        return {}

    def to_data(self) -> dict:
        return {"kind": self.kind, "version": "current"}


class HoldsCredentialRule(Rule):
    """Holds another credential (valid)."""

    kind = "holds_credential"
    credential = models.ForeignKey(
        "certification.CredentialDefinition", on_delete=models.PROTECT, related_name="required_by"
    )

    class Meta:
        verbose_name = gettext_lazy("rule: holds another credential")

    def is_satisfied_by(self, facts) -> bool:
        return self.credential_id in facts.held

    def describe(self, language=None) -> str:
        with override(language):
            return _("Hold the credential %(title)s") % {"title": self.credential.title(language)}

    @classmethod
    def from_data(cls, data: dict, here, *, credentials: set[str]) -> dict:
        values = dataspec.check_mapping(
            data, here, dataspec.specs(dataspec.Slug("credential", required=True)), extra=("kind",)
        )
        if values["credential"] not in credentials:
            (here / "credential").fail(
                _("unknown credential '%(slug)s'") % {"slug": values["credential"]}
            )
        return values

    @classmethod
    def field_values(cls, values: dict, *, definitions: dict) -> dict:
        return {"credential": definitions[values["credential"]]}

    def to_data(self) -> dict:
        return {"kind": self.kind, "credential": self.credential.slug}


class AssignmentApprovedRule(Rule):
    """An assignment step approved by a reviewer; the step is named module/lesson/step."""

    kind = "assignment_approved"
    step = models.CharField(gettext_lazy("assignment step"), max_length=255)

    class Meta:
        verbose_name = gettext_lazy("rule: assignment approved")

    def is_satisfied_by(self, facts) -> bool:
        return self.step in facts.approved_steps

    def describe(self, language=None) -> str:
        with override(language):
            return _("Have the assignment %(step)s approved") % {"step": self.step}

    @classmethod
    def from_data(cls, data: dict, here, *, credentials: set[str]) -> dict:
        dataspec.check_mapping(data, here, {}, extra=("kind", "step"))
        if "step" not in data:
            here.fail(_("the key '%(key)s' is missing") % {"key": "step"})
        step = data["step"]
        if not isinstance(step, str) or step.count("/") != 2:
            (here / "step").fail(_("must name module/lesson/step"))
        return {"step": step}

    def to_data(self) -> dict:
        return {"kind": self.kind, "step": self.step}


class NominationApprovedRule(Rule):
    """Nominated by a champion or lead, and the nomination approved by the programme team."""

    kind = "nominated"

    class Meta:
        verbose_name = gettext_lazy("rule: nominated and approved")

    def is_satisfied_by(self, facts) -> bool:
        return self.definition_id in facts.approved_nominations

    def describe(self, language=None) -> str:
        with override(language):
            return _("Be nominated by a champion or lead, approved by the programme team")
