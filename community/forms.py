from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people import permissions as people_permissions
from people.models import Person, Unit
from people.selectors import descendant_unit_ids

from . import selectors
from .models import AudienceWorksheet, AwarenessSession, Kudos, Topic

AGREE_SCALE = [
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neutral")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.unit})" if obj.unit_id else obj.name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _active_people():
    return Person.objects.filter(is_active=True).select_related("unit")


class NominationForm(forms.Form):
    """Oneself for one's own unit; a lead anyone in the units they lead; the programme anyone."""

    person = PersonChoiceField(label=_("Colleague"), queryset=Person.objects.none())
    unit = forms.ModelChoiceField(label=_("Champion for unit"), queryset=Unit.objects.none())
    motivation = forms.CharField(
        label=_("Why this person?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, nominator, **kwargs):
        super().__init__(*args, **kwargs)
        if people_permissions.is_programme_team(nominator):
            people, units = _active_people(), Unit.objects.all()
        else:
            led = set(people_permissions.led_unit_ids(nominator))
            people = _active_people().filter(pk=nominator.pk) | _active_people().filter(
                unit_id__in=led
            )
            units = Unit.objects.filter(pk__in=led | {nominator.unit_id})
        self.fields["person"].queryset = people.order_by("last_name", "first_name")
        self.fields["unit"].queryset = units.order_by("name")
        self.initial.setdefault("person", nominator.pk)
        self.initial.setdefault("unit", nominator.unit_id)


class SessionForm(forms.ModelForm):
    attendees = PeopleChoiceField(
        label=_("Attendees"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick the colleagues who came, or give a head count below."),
    )

    class Meta:
        model = AwarenessSession
        fields = ["title", "unit", "held_on", "format", "attendees", "head_count"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, champion, **kwargs):
        super().__init__(*args, **kwargs)
        if people_permissions.is_programme_team(champion):
            units = Unit.objects.all()
            people = _active_people()
        else:
            ids = selectors.champion_unit_ids(champion)
            units = Unit.objects.filter(pk__in=ids)
            people = _active_people().filter(unit_id__in=descendant_unit_ids(ids))
        self.fields["unit"].queryset = units.order_by("name")
        if len(ids := [u.pk for u in units[:2]]) == 1:
            self.initial.setdefault("unit", ids[0])
        self.fields["attendees"].queryset = people.order_by("last_name", "first_name")
        self.initial.setdefault("held_on", timezone.localdate())


class KudosForm(forms.ModelForm):
    receiver = PersonChoiceField(label=_("Colleague"), queryset=Person.objects.none())

    class Meta:
        model = Kudos
        fields = ["receiver", "category", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3, "maxlength": 280})}

    def __init__(self, *args, giver, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiver"].queryset = (
            _active_people().exclude(pk=giver.pk).order_by("last_name", "first_name")
        )


class KudosFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All"))] + Kudos.Category.choices
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.none(), empty_label=_("All")
    )
    period = forms.ChoiceField(
        label=_("Period"),
        required=False,
        choices=[
            ("", _("Any time")),
            ("week", _("Past week")),
            ("month", _("Past month")),
            ("quarter", _("Past quarter")),
            ("year", _("Past year")),
        ],
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=280)


class FeatureForm(forms.Form):
    person = PersonChoiceField(label=_("Colleague"), queryset=Person.objects.none())
    month = forms.DateField(
        label=_("Month"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Any day of the month."),
    )
    reason = forms.CharField(label=_("Why"), max_length=280)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _active_people().order_by("last_name", "first_name")
        self.initial.setdefault("month", timezone.localdate().replace(day=1))


class SurveyForm(forms.Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=AGREE_SCALE,
                coerce=int,
                widget=forms.RadioSelect,
            )

    def answers(self) -> dict[int, int]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class TopicForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = [
            "starts_on",
            "ends_on",
            "cadence",
            "title_en",
            "title_nl",
            "messages_en",
            "messages_nl",
            "hashtags",
            "links",
            "audiences",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "messages_en": forms.Textarea(attrs={"rows": 4}),
            "messages_nl": forms.Textarea(attrs={"rows": 4}),
            "links": forms.Textarea(attrs={"rows": 2}),
        }


class WorksheetForm(forms.ModelForm):
    class Meta:
        model = AudienceWorksheet
        fields = [
            "who",
            "concerns",
            "where_online",
            "why",
            "when",
            "content",
            "means",
            "minutes_per_week",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["who", "concerns", "where_online", "why", "when", "content", "means"]
        }
