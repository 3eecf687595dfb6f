from django import forms
from django.utils.translation import gettext_lazy as _

from . import kinds


class PreferencesForm(forms.Form):
    """One box per kind that concerns the person (a learner sees no unit digest); the mandatory
    kinds are ticked and cannot be unticked."""

    def __init__(self, *args, current: dict[str, bool], person, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current
        for slug, kind in kinds.KINDS.items():
            if not kind.concerns(person):
                continue
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
        """The kinds ticked, and the hidden ones as they were (a later role finds them so)."""
        hidden = {slug for slug, on in self.current.items() if on and slug not in self.fields}
        return hidden | {slug for slug, on in self.cleaned_data.items() if on}
