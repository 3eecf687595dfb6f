"""Text steps: markdown a learner reads and marks as done."""

from .. import dataspec
from ..models import TextStep
from .registry import StepKind, register


class TextKind(StepKind):
    name = "text"
    model = TextStep
    template_name = "courses/steps/text.html"
    spec = dataspec.specs(dataspec.Text("body", required=True))


register(TextKind())
