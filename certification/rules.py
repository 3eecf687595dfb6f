"""What each kind of credential rule checks, and the facts about a person it checks against.

The rule models (in models.py) mix these in, so each rule kind owns its check, its description
and its course-as-code form (polymorphism instead of an `if kind ==` chain).
"""

from functools import cached_property

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from courses import selectors as course_selectors
from policies import selectors as policy_selectors


class Facts:
    """What the academy knows about one person, read lazily (each source at most once)."""

    def __init__(self, person):
        self.person = person

    @cached_property
    def completed_modules(self) -> set[str]:
        return set(course_selectors.completed_module_slugs(self.person))

    @cached_property
    def approved_steps(self) -> set[str]:
        """Approved assignment steps as `module/lesson/step` paths."""
        from .sources import approved_step_paths

        return approved_step_paths(self.person)

    @cached_property
    def policy_acknowledged(self) -> bool:
        return policy_selectors.has_acknowledged_current(self.person)

    @cached_property
    def held(self) -> set[int]:
        """Ids of the definitions the person holds a valid credential of."""
        from .selectors import held_definition_ids

        return held_definition_ids(self.person)

    @cached_property
    def approved_nominations(self) -> set[int]:
        from .models import Nomination

        return set(
            Nomination.objects.filter(
                person=self.person, status=Nomination.Status.APPROVED
            ).values_list("definition_id", flat=True)
        )


class ModulesCompletedMixin:
    kind = "modules_completed"

    def required_count(self) -> int:
        return len(self.modules) if self.at_least is None else min(self.at_least, len(self.modules))

    def is_satisfied_by(self, facts: Facts) -> bool:
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

    def to_data(self) -> dict:
        if self.at_least is None:
            return {"kind": self.kind, "modules": list(self.modules)}
        return {"kind": self.kind, "of": list(self.modules), "at_least": self.at_least}


class PolicyAcknowledgedMixin:
    kind = "policy_acknowledged"

    def is_satisfied_by(self, facts: Facts) -> bool:
        return facts.policy_acknowledged

    def describe(self, language=None) -> str:
        with override(language):
            return _("Acknowledge the current social media policy")

    def to_data(self) -> dict:
        return {"kind": self.kind, "version": "current"}


class HoldsCredentialMixin:
    kind = "holds_credential"

    def is_satisfied_by(self, facts: Facts) -> bool:
        return self.credential_id in facts.held

    def describe(self, language=None) -> str:
        with override(language):
            return _("Hold the credential %(title)s") % {"title": self.credential.title(language)}

    def to_data(self) -> dict:
        return {"kind": self.kind, "credential": self.credential.slug}


class AssignmentApprovedMixin:
    kind = "assignment_approved"

    def is_satisfied_by(self, facts: Facts) -> bool:
        return self.step in facts.approved_steps

    def describe(self, language=None) -> str:
        with override(language):
            return _("Have the assignment %(step)s approved") % {"step": self.step}

    def to_data(self) -> dict:
        return {"kind": self.kind, "step": self.step}


class NominationApprovedMixin:
    kind = "nominated"

    def is_satisfied_by(self, facts: Facts) -> bool:
        return self.definition_id in facts.approved_nominations

    def describe(self, language=None) -> str:
        with override(language):
            return _("Be nominated by a champion or lead, approved by the programme team")

    def to_data(self) -> dict:
        return {"kind": self.kind}
