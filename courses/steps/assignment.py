"""Assignment steps: practical work a learner hands in (text, link or file) in rounds; a
trainer, champion or the programme team approves it (`courses.services.review_submission`)."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from .. import dataspec, services
from ..forms import StepAnswerForm
from ..models import AssignmentStep, Submission
from ..services.assignments import MAX_FILE_BYTES, MAX_TEXT
from .registry import StepKind, register

SUBMISSION_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "odt", "png", "jpg", "jpeg", "mp4", "txt"]


@dataclass
class AssignmentState:
    step: AssignmentStep
    rounds: list[Submission]

    @property
    def latest(self) -> Submission | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def approved(self) -> bool:
        return any(s.status == Submission.Status.APPROVED for s in self.rounds)

    @property
    def waiting(self) -> bool:
        return self.latest is not None and self.latest.is_open

    @property
    def can_submit(self) -> bool:
        return not self.approved


def assignment_state(person, step: AssignmentStep) -> AssignmentState:
    """Every round the person handed in for `step`, oldest first, with the reviewers."""
    rounds = list(
        Submission.objects.filter(person=person, step=step)
        .select_related("reviewer")
        .order_by("round")
    )
    return AssignmentState(step=step, rounds=rounds)


def _text_field(required: bool) -> forms.Field:
    return forms.CharField(
        label=_("Your answer") if required else _("A note for your reviewer (optional)"),
        required=required,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 12 if required else 3}),
    )


def _link_field() -> forms.Field:
    return forms.URLField(
        label=_("Link"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The full web address, e.g. of your post or your public profile."),
    )


def _file_field() -> forms.Field:
    return forms.FileField(
        label=_("File"),
        validators=[FileExtensionValidator(SUBMISSION_EXTENSIONS)],
        help_text=_("PDF, Office document, image or short video; at most 10 MB."),
    )


# The fields a learner fills in, by the assignment's submission kind.
SUBMISSION_FIELDS = {
    AssignmentStep.Submission.TEXT: lambda: {"text": _text_field(True)},
    AssignmentStep.Submission.LINK: lambda: {"link": _link_field(), "text": _text_field(False)},
    AssignmentStep.Submission.FILE: lambda: {"file": _file_field(), "text": _text_field(False)},
}


class SubmissionForm(StepAnswerForm):
    def __init__(self, *args, step: AssignmentStep, latest=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.fields.update(SUBMISSION_FIELDS[step.submission_kind]())
        # A new round (after "changes requested", or replacing work that waits for review)
        # starts from the previous answer, not from an empty box.
        if latest is not None and latest.status != Submission.Status.APPROVED:
            self.initial.update({"text": latest.text, "link": latest.link})

    @classmethod
    def state_kwargs(cls, state) -> dict:
        return {"latest": state.latest}

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and file.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return file

    def service_kwargs(self) -> dict:
        return {"step": self.step, **self.cleaned_data}

    def outcome(self, submission) -> tuple[int, str]:
        return messages.SUCCESS, _(
            "Handed in. A trainer or champion reviews your work; you see their feedback here."
        )


class AssignmentKind(StepKind):
    name = "assignment"
    model = AssignmentStep
    template_name = "courses/steps/assignment.html"
    form_class = SubmissionForm
    spec = dataspec.specs(
        dataspec.Text("instructions", required=True),
        dataspec.Choice(
            "submission",
            attr="submission_kind",
            choices=tuple(AssignmentStep.Submission.values),
            default="text",
        ),
    )

    def state(self, person, step):
        return assignment_state(person, step)

    def answer(self, *, person, form):
        return services.submit_assignment(person=person, **form.service_kwargs())


register(AssignmentKind())
