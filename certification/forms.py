from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import Person

from .models import CredentialDefinition


class NominationForm(forms.Form):
    definition = forms.ModelChoiceField(
        label=_("Credential"), queryset=CredentialDefinition.objects.none(), empty_label=None
    )
    email = forms.EmailField(label=_("Colleague's email address"))
    motivation = forms.CharField(
        label=_("Why this colleague?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("What they do well as a voice of the firm; the programme team reads this."),
    )

    def __init__(self, *args, definitions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if definitions is not None:
            self.fields["definition"].queryset = definitions

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        person = Person.objects.filter(email=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("Nobody in the academy has this email address."))
        self.cleaned_data["person"] = person
        return email


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ExportForm(forms.Form):
    """Which holders' certificates and credentials go into a bulk export."""

    definition = forms.ModelChoiceField(
        label=_("Credential"),
        queryset=CredentialDefinition.objects.all(),
        required=False,
        empty_label=_("All credentials"),
        to_field_name="slug",
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status"))],
    )
    unit = forms.ModelChoiceField(
        label=_("Unit (and the units below it)"),
        queryset=None,
        required=False,
        empty_label=_("The whole organisation"),
    )

    def __init__(self, *args, **kwargs):
        from people.models import Unit

        from .models import IssuedCredential

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any status")), *IssuedCredential.Status.choices]
        self.fields["unit"].queryset = Unit.objects.order_by("name")

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "definition": data["definition"].slug if data["definition"] else "",
            "status": data["status"],
            "unit": data["unit"].pk if data["unit"] else None,
        }

    def description(self) -> str:
        data = self.cleaned_data
        parts = [
            str(data["definition"]) if data["definition"] else str(_("All credentials")),
            dict(self.fields["status"].choices).get(data["status"]) or str(_("Any status")),
            data["unit"].name if data["unit"] else str(_("The whole organisation")),
        ]
        return " · ".join(str(p) for p in parts)
