from django import forms
from django.utils.translation import gettext_lazy as _

from certification import selectors as certification_selectors
from core.languages import LANGUAGES
from courses import selectors as courses_selectors
from people import selectors as people_selectors
from people.permissions import is_programme_team

from . import selectors
from .models import BulkAction
from .selectors import PERIODS, Filters, units_for_filter


class FilterForm(forms.Form):
    """The dashboard filters; a lead can choose only among the units they lead."""

    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=people_selectors.units().none(),
        required=False,
        empty_label=_("All units"),
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=courses_selectors.published_programmes().none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All programmes"),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All languages")), *LANGUAGES],
    )
    weeks = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        initial=12,
        required=False,
        empty_value=12,
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        # Labelled per request: a label formatted at import would stay in the import's language.
        self.fields["weeks"].choices = [
            (weeks, _("Last %(weeks)d weeks") % {"weeks": weeks}) for weeks in PERIODS
        ]
        self.limit_units(self.fields["unit"], viewer)
        self.fields["programme"].queryset = courses_selectors.published_programmes()

    @staticmethod
    def limit_units(field, viewer) -> None:
        """Only the units the viewer may see, in tree order with indented names."""
        tree = units_for_filter(viewer)
        field.queryset = people_selectors.units([u.id for u, _d in tree])
        field.choices = [("", _("All units"))] + [
            (unit.pk, "\u2003" * depth + unit.name) for unit, depth in tree
        ]

    def filters(self) -> Filters:
        """The chosen filters; an invalid form gives the defaults (the errors are shown)."""
        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            unit=data.get("unit"),
            programme=data.get("programme"),
            language=data.get("language") or "",
            weeks=data.get("weeks") or 12,
        )


class PeopleForm(forms.Form):
    """The people table's filters: unit, language, a search, a state, and the sort order."""

    STATES = [
        ("", _("Everyone")),
        ("not_enrolled", _("Not enrolled yet")),
        ("learning", _("Enrolled, foundation not completed")),
        ("waiting", _("Waiting for time approval")),
        ("expiring", _("Credential expiring within 90 days")),
        ("credentialed", _("Holds a credential")),
        ("no_policy", _("Has not acknowledged the current policy")),
        ("stuck", _("Stuck on a step")),
    ]
    SORTS = [
        ("name", _("Name")),
        ("unit", _("Unit")),
        ("modules", _("Modules completed")),
        ("hours", _("Hours completed")),
        ("active", _("Last active")),
        ("level", _("Highest credential")),
        ("expiry", _("Next expiry")),
    ]
    unit = FilterForm.base_fields["unit"]
    language = FilterForm.base_fields["language"]
    q = forms.CharField(label=_("Name or email"), required=False, max_length=selectors.MAX_SEARCH)
    state = forms.ChoiceField(label=_("Show"), choices=STATES, required=False)
    stage = forms.ChoiceField(label=_("Funnel stage"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        FilterForm.limit_units(self.fields["unit"], viewer)
        # The stages of the dashboard's funnel, so that a stage clicked there filters here.
        stages = selectors.stages(selectors.credential_levels(), None)
        self.fields["stage"].choices = [("", _("Any stage"))] + [
            (stage.key, stage.label) for stage in stages[1:]
        ]

    def filters(self) -> Filters:
        if not self.is_bound or not self.is_valid():
            return Filters()
        return Filters(
            unit=self.cleaned_data.get("unit"), language=self.cleaned_data.get("language") or ""
        )

    def options(self) -> dict[str, str]:
        if not self.is_bound or not self.is_valid():
            return {"q": "", "state": "", "stage": "", "sort": "name"}
        data = self.cleaned_data
        return {
            "q": data["q"].strip(),
            "state": data["state"],
            "stage": data["stage"],
            "sort": data["sort"] or "name",
        }


class BulkActionForm(forms.Form):
    """What to do to everyone the people list shows (with its filters)."""

    kind = forms.ChoiceField(label=_("Action"))
    module = forms.ModelChoiceField(
        label=_("Module (to enrol in)"),
        queryset=courses_selectors.published_modules().none(),
        required=False,
    )
    definition = forms.ModelChoiceField(
        label=_("Credential (to award or revoke)"),
        queryset=certification_selectors.definitions_by_level().none(),
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason (required to award or revoke)"), required=False, max_length=500
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = BulkAction.Kind
        allowed = [kinds.REMIND, kinds.ENROL, kinds.APPROVE_TIME]
        if is_programme_team(viewer):
            allowed += [kinds.AWARD, kinds.REVOKE]
            self.fields["definition"].queryset = certification_selectors.definitions_by_level()
        else:
            del self.fields["definition"]
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in allowed]
        self.fields["module"].queryset = courses_selectors.published_modules()

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == BulkAction.Kind.ENROL and not data.get("module"):
            self.add_error("module", _("Choose a module."))
        if kind in (BulkAction.Kind.AWARD, BulkAction.Kind.REVOKE):
            if not data.get("definition"):
                self.add_error("definition", _("Choose a credential."))
            if not data.get("reason", "").strip():
                self.add_error("reason", _("Give a reason for awarding or revoking."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        params = {}
        if data["kind"] == BulkAction.Kind.ENROL:
            params["module"] = data["module"].pk
        if data.get("definition") and data["kind"] in (
            BulkAction.Kind.AWARD,
            BulkAction.Kind.REVOKE,
        ):
            params["definition"] = data["definition"].pk
        return {"kind": data["kind"], "params": params, "reason": data.get("reason", "")}
