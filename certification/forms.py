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
