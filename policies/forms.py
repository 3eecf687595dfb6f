from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Language

from .services import MAJOR, MINOR

MARKDOWN_HELP = _("Markdown: ## for a heading, - for a list item, **bold** for emphasis.")


class DraftForm(forms.Form):
    """A draft version: its kind (which decides its number), date, text and summary of changes."""

    kind = forms.ChoiceField(label=_("Kind of change"), widget=forms.RadioSelect)
    effective_on = forms.DateField(
        label=_("Effective date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    body_en = forms.CharField(
        label=_("Text (English)"),
        widget=forms.Textarea(attrs={"rows": 18, "class": "wide"}),
        help_text=MARKDOWN_HELP,
    )
    body_nl = forms.CharField(
        label=_("Text (Dutch)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "class": "wide"}),
        help_text=_("May stay empty while you draft; needed to publish."),
    )
    changes_en = forms.CharField(
        label=_("Summary of changes (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "wide"}),
        help_text=_("What changed and why, in plain words. Needed to publish (not for 1.0)."),
    )
    changes_nl = forms.CharField(
        label=_("Summary of changes (Dutch)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "wide"}),
    )

    def __init__(self, *args, proposals: dict[str, str], first: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if first:
            self.fields["kind"].choices = [
                (MAJOR, _("First version: %(number)s") % {"number": proposals[MAJOR]})
            ]
            self.fields["kind"].initial = MAJOR
        else:
            self.fields["kind"].choices = [
                (
                    MAJOR,
                    _("Major change, version %(number)s: everyone acknowledges it again")
                    % {"number": proposals[MAJOR]},
                ),
                (
                    MINOR,
                    _("Minor change, version %(number)s: earlier acknowledgements stay valid")
                    % {"number": proposals[MINOR]},
                ),
            ]
        self.fields["effective_on"].help_text = _(
            "The day it takes effect. A major version must be acknowledged within %(days)s days "
            "after that day."
        ) % {"days": settings.ACADEMY_POLICY_GRACE_DAYS}

    def clean_effective_on(self):
        day = self.cleaned_data["effective_on"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later date."))
        return day


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        required=True,
        error_messages={"required": _("Tick the box to confirm that you want to publish.")},
    )

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = _(
            "I understand that version %(number)s cannot be changed or withdrawn once published."
        ) % {"number": version.number}


class DiscardForm(forms.Form):
    confirm = forms.BooleanField(
        required=True,
        label=_("Yes, delete this draft and its text for good."),
        error_messages={
            "required": _("Tick the box to confirm that you want to discard the draft.")
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "discard")
        super().__init__(*args, **kwargs)


class AcknowledgeForm(forms.Form):
    version = forms.RegexField(regex=r"^[0-9]{1,9}\.[0-9]{1,9}$", widget=forms.HiddenInput)
    language = forms.ChoiceField(choices=Language.choices, widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        required=True,
        error_messages={"required": _("Tick the box to confirm that you read the policy.")},
    )

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        number = version.number if version is not None else ""
        self.fields["confirm"].label = _(
            "I have read version %(number)s of the social media policy and will follow it."
        ) % {"number": number}


class CompareForm(forms.Form):
    old = forms.ChoiceField(label=_("Earlier version"))
    new = forms.ChoiceField(label=_("Later version"))

    def __init__(self, *args, numbers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, n) for n in numbers]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("old") and data.get("old") == data.get("new"):
            raise forms.ValidationError(_("Choose two different versions."))
        return data
