from django import forms
from django.utils.translation import gettext_lazy as _

from . import kinds


class PreferencesForm(forms.Form):
    """One box per kind; the mandatory kinds are ticked and cannot be unticked."""

    def __init__(self, *args, current: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for slug, kind in kinds.KINDS.items():
            mandatory = slug in kinds.MANDATORY
            help_text = kind.help
            if mandatory:
                help_text = _("%(help)s Required: it cannot be switched off.") % {"help": kind.help}
            self.fields[slug] = forms.BooleanField(
                label=kind.label,
                required=False,
                initial=current[slug],
                disabled=mandatory,
                help_text=help_text,
            )

    def wanted(self) -> set[str]:
        return {slug for slug, on in self.cleaned_data.items() if on}
