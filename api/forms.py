from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ApiToken

EXPIRY_CHOICES = [
    (30, _("30 days")),
    (90, _("90 days")),
    (365, _("One year")),
    (0, _("Never")),
]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the tool or script that uses it."),
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=ApiToken.Scope.choices)
    expires_in_days = forms.TypedChoiceField(
        label=_("Expires after"), choices=EXPIRY_CHOICES, coerce=int, initial=90
    )
