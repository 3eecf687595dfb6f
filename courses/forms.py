"""Forms with which learners enrol and filter, and reviewers, leads and trainers decide.

The form with which a learner answers a step belongs to its kind (courses/steps/<kind>.py) and
is a `StepAnswerForm`.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.trees import subtree_ids

from .models import Booking, Module


class StepAnswerForm(forms.Form):
    """A learner's answer to a step: built by its kind (`StepKind.form`) with `step=` and what
    it needs from the kind's state (`state_kwargs`); `service_kwargs()` feeds the kind's service
    (`StepKind.answer`) and `outcome` says what the learner is told once it worked."""

    @classmethod
    def state_kwargs(cls, state) -> dict:
        return {}

    def outcome(self, result) -> tuple[int, str]:  # pragma: no cover - every form overrides
        """(a `django.contrib.messages` level, the line shown) for what the service returned."""
        raise NotImplementedError


class EnrolForm(forms.Form):
    """Enrol in a module, in one of the languages it is offered in."""

    # Without a choice, the page's language when the module is offered in it.
    language = forms.ChoiceField(label=_("Follow it in"), required=False)

    def __init__(self, *args, module: Module, preferred: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        from django.conf import settings

        self.module = module
        names = dict(settings.LANGUAGES)
        offered = [code for code in module.languages if code in names] or list(names)[:1]
        self.fields["language"].choices = [(code, names[code]) for code in offered]
        self.fields["language"].initial = preferred if preferred in offered else offered[0]
        if len(offered) == 1:
            self.fields["language"].widget = forms.HiddenInput()

    def service_kwargs(self) -> dict:
        language = self.cleaned_data["language"] or self.fields["language"].initial
        return {"module": self.module, "language": language}


class DecisionForm(forms.Form):
    """Approve, or the other outcome with a text that is then required (feedback or reason)."""

    APPROVE = "approve"
    decision_choices: list = []
    note_label = ""
    note_required_message = ""

    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    note = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = self.decision_choices
        self.fields["note"].label = self.note_label

    def clean(self):
        cleaned = super().clean()
        declined = cleaned.get("decision") and cleaned["decision"] != self.APPROVE
        if declined and not cleaned.get("note", "").strip():
            self.add_error("note", self.note_required_message)
        return cleaned

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == self.APPROVE


class ReviewForm(DecisionForm):
    decision_choices = [
        (DecisionForm.APPROVE, _("Approve")),
        ("changes", _("Ask for changes")),
    ]
    note_label = _("Feedback for the learner")
    note_required_message = _("Say what to change, so the learner knows what to do next.")

    def service_kwargs(self) -> dict:
        return {"approve": self.approve, "feedback": self.cleaned_data["note"]}


class TimeApprovalDecisionForm(DecisionForm):
    decision_choices = [
        (DecisionForm.APPROVE, _("Approve the training time")),
        ("decline", _("Decline")),
    ]
    note_label = _("Reason (required when you decline)")
    note_required_message = _("Give a reason when you decline, so the learner knows why.")

    def service_kwargs(self) -> dict:
        return {"approve": self.approve, "reason": self.cleaned_data["note"]}


class AttendanceForm(forms.Form):
    """One checkbox per booked learner of a session (from `selectors.session_roster`)."""

    def __init__(self, *args, bookings, **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = [b for b in bookings if b.status == Booking.Status.BOOKED]
        for booking in self.bookings:
            # Attendance that completed the step cannot be withdrawn (decision 0004): shown, fixed.
            self.fields[f"attended_{booking.pk}"] = forms.BooleanField(
                label=booking.person.name,
                required=False,
                initial=bool(booking.attended),
                disabled=bool(booking.attended),
            )

    @property
    def can_change(self) -> bool:
        """False once everyone's attendance is recorded (then there is nothing to save)."""
        return any(not field.disabled for field in self.fields.values())

    def decisions(self) -> list[tuple[Booking, bool]]:
        return [(b, self.cleaned_data[f"attended_{b.pk}"]) for b in self.bookings]

    def rows(self) -> list[tuple[Booking, forms.BoundField]]:
        """Each booked learner with their checkbox, for a roster table."""
        return [(b, self[f"attended_{b.pk}"]) for b in self.bookings]


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    language = forms.ChoiceField(label=_("Language"), required=False)
    platform = forms.ChoiceField(label=_("Platform"), required=False)

    def __init__(self, *args, platforms: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        from django.conf import settings

        self.fields["language"].choices = [("", _("All languages")), *settings.LANGUAGES]
        labels = Module.platform_labels_for(platforms)
        self.fields["platform"].choices = [
            ("", _("All platforms")),
            *zip(platforms, labels, strict=True),
        ]

    def selector_kwargs(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "query": data.get("q") or None,
            "language": data.get("language") or None,
            "platform": data.get("platform") or None,
        }


class ReviewQueueFilterForm(forms.Form):
    """Narrow the review queue to a unit (with the units below it) or a module."""

    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    module = forms.TypedChoiceField(label=_("Module"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, units, modules, **kwargs):
        """`units` as (unit, depth) in tree order (`selectors.review_units`), `modules` a list."""
        super().__init__(*args, **kwargs)
        self.units = list(units)
        self.fields["unit"].choices = [("", _("All units"))] + [
            (unit.pk, "\u2003" * depth + unit.name) for unit, depth in units
        ]
        self.fields["module"].choices = [("", _("All modules"))] + [
            (module.pk, module.title()) for module in modules
        ]

    def selector_kwargs(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        kwargs = {}
        if data.get("unit") is not None:
            kwargs["unit_ids"] = subtree_ids(self.units, data["unit"])
        if data.get("module") is not None:
            kwargs["module_id"] = data["module"]
        return kwargs


class RequirementForm(forms.Form):
    """Required training: a programme or module, for units and/or roles, due by a date or a
    number of days after joining. A unit lead chooses among the units they lead."""

    training = forms.ChoiceField(label=_("Training"))
    units = forms.ModelMultipleChoiceField(
        label=_("Units"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People in these units and the units below them."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: everyone in the units."),
    )
    due_on = forms.DateField(
        label=_("Due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("A date for everyone; or leave empty and give a number of days below."),
    )
    due_after_days = forms.IntegerField(
        label=_("Or due days after joining"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("For newcomers: counted from the day they joined (HR roster)."),
    )

    def __init__(self, *args, programmes, units, everyone: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.everyone = everyone
        self.programmes = {p.slug: p for p in programmes}
        self.modules = {m.slug: m for p in programmes for m in p.modules.all()}
        self.fields["training"].choices = [("", _("Choose the training"))] + [
            (
                p.title(),
                [(f"programme:{p.slug}", _("All of %(programme)s") % {"programme": p.title()})]
                + [(f"module:{m.slug}", m.title()) for m in p.modules.all()],
            )
            for p in programmes
        ]
        self.fields["units"].queryset = units
        self.fields["units"].label_from_instance = lambda unit: unit.name
        if everyone:
            self.fields["units"].help_text = _(
                "People in these units and the units below them; none ticked: everyone."
            )
        from .models.requirements import REQUIREMENT_ROLES

        labels = {
            "learner": _("Everyone"),
            "trainer": _("Trainers and champions"),
            "lead": _("Unit leads"),
            "programme": _("Programme team"),
        }
        self.fields["roles"].choices = [(r, labels[r]) for r in REQUIREMENT_ROLES if r != "learner"]

    def clean_training(self):
        kind, _sep, slug = self.cleaned_data["training"].partition(":")
        found = (self.programmes if kind == "programme" else self.modules).get(slug)
        if found is None:
            raise forms.ValidationError(_("Choose a programme or a module from the list."))
        return (kind, found)

    def clean(self):
        data = super().clean()
        if not self.everyone and not data.get("units") and "units" not in self.errors:
            self.add_error("units", _("Tick at least one of the units you lead."))
        due_on, days = data.get("due_on"), data.get("due_after_days")
        if "due_on" not in self.errors and "due_after_days" not in self.errors:
            if (due_on is None) == (days is None):
                raise forms.ValidationError(
                    _("Give either a due date or a number of days after joining.")
                )
            if due_on is not None and due_on < timezone.localdate():
                self.add_error("due_on", _("The due date has passed; choose a later one."))
        return data

    def service_kwargs(self) -> dict:
        kind, training = self.cleaned_data["training"]
        return {
            "programme": training if kind == "programme" else None,
            "module": training if kind == "module" else None,
            "units": list(self.cleaned_data["units"]),
            "roles": self.cleaned_data["roles"],
            "due_on": self.cleaned_data["due_on"],
            "due_after_days": self.cleaned_data["due_after_days"],
        }


class OverrideForm(forms.Form):
    """One override for a learner on a step: extra quiz attempts, a reset or a step marked done."""

    EXTRA_ATTEMPTS = "extra_attempts"
    RESET = "reset"
    MARK_COMPLETE = "mark_complete"
    EXTEND_DEADLINE = "extend_deadline"

    action = forms.ChoiceField(label=_("What to do"), widget=forms.RadioSelect)
    extra = forms.IntegerField(
        label=_("Extra attempts"), min_value=1, max_value=20, initial=1, required=False
    )
    due_on = forms.DateField(
        label=_("New deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(
        label=_("Reason (the learner sees it)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, is_quiz: bool, has_deadline: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (self.RESET, _("Start the step again")),
            (self.MARK_COMPLETE, _("Mark the step complete")),
        ]
        if is_quiz:
            choices.insert(0, (self.EXTRA_ATTEMPTS, _("Grant extra attempts")))
        if has_deadline:
            choices.append((self.EXTEND_DEADLINE, _("Extend the deadline of the module")))
        self.fields["action"].choices = choices
        self.fields["action"].initial = choices[0][0]

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == self.EXTRA_ATTEMPTS and not data.get("extra"):
            self.add_error("extra", _("Say how many extra attempts to grant."))
        if action == self.MARK_COMPLETE and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the step is marked complete."))
        if action == self.EXTEND_DEADLINE and not data.get("due_on"):
            self.add_error("due_on", _("Choose the new deadline."))
        return data

    def service_kwargs(self) -> dict:
        kwargs = {"reason": self.cleaned_data["reason"]}
        if self.cleaned_data["action"] == self.EXTRA_ATTEMPTS:
            kwargs["extra"] = self.cleaned_data["extra"]
        if self.cleaned_data["action"] == self.EXTEND_DEADLINE:
            kwargs["due_on"] = self.cleaned_data["due_on"]
        return kwargs


class LifecycleForm(forms.Form):
    """Why a programme or module is published or retired (kept in its history)."""

    reason = forms.CharField(
        label=_("Reason (optional, kept in the history)"),
        required=False,
        max_length=500,
    )


class ProgrammeUploadForm(forms.Form):
    """A course-as-code file: one YAML file, or a ZIP of the folder form."""

    file = forms.FileField(
        label=_("Programme file"),
        help_text=_(
            "A course-as-code YAML file, or a ZIP of a folder with programme.yaml and one file "
            "per module. Nothing changes until you confirm."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml,.zip"}),
    )
