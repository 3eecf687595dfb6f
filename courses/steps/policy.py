"""Policy steps: acknowledging the current social media policy (the policies app keeps the
record, reached through `courses/policy.py`)."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from .. import dataspec, policy, services
from ..forms import StepAnswerForm
from ..models import PolicyStep
from .registry import StepKind, register


@dataclass
class PolicyState:
    step: PolicyStep
    version: object  # policies.PolicyVersion or None
    acknowledged: bool


def policy_state(person, step: PolicyStep) -> PolicyState:
    """The current policy version and whether `person` has acknowledged it."""
    return PolicyState(
        step=step,
        version=policy.current_version(),
        acknowledged=policy.has_acknowledged_current(person),
    )


class PolicyAcknowledgementForm(StepAnswerForm):
    confirm = forms.BooleanField(
        label=_("I have read the social media policy and will follow it."),
        error_messages={"required": _("Tick the box to acknowledge the policy.")},
    )

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step

    def service_kwargs(self) -> dict:
        return {"step": self.step}

    def outcome(self, enrolment) -> tuple[int, str]:
        return messages.SUCCESS, _("Thank you: you acknowledged the social media policy.")


class PolicyKind(StepKind):
    name = "policy"
    model = PolicyStep
    template_name = "courses/steps/policy.html"
    form_class = PolicyAcknowledgementForm
    spec = dataspec.specs(dataspec.Text("body"))

    def state(self, person, step):
        return policy_state(person, step)

    def answer(self, *, person, form):
        return services.acknowledge_policy_step(person=person, **form.service_kwargs())


register(PolicyKind())
