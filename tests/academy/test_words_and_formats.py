"""Words and formats: British English dates, one Dutch word for champion, and Dutch
translations of labels that used to stay English."""

import datetime
import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import formats, translation

ROOT = Path(settings.BASE_DIR)


def test_english_dates_are_written_the_british_way():
    day = datetime.date(2026, 11, 29)
    moment = datetime.datetime(2026, 11, 29, 14, 5)
    with translation.override("en"):
        assert formats.date_format(day, "DATE_FORMAT") == "29 November 2026"
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "29/11/2026"
        assert formats.date_format(moment, "DATETIME_FORMAT") == "29 November 2026, 14:05"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_dutch_dates_keep_the_dutch_form():
    with translation.override("nl"):
        assert formats.date_format(datetime.date(2026, 11, 29), "DATE_FORMAT") == "29 november 2026"


def test_a_british_date_is_accepted_in_a_form():
    from django import forms

    class DateForm(forms.Form):
        day = forms.DateField()

    with translation.override("en"):
        form = DateForm({"day": "29/11/2026"})
        assert form.is_valid() and form.cleaned_data["day"] == datetime.date(2026, 11, 29)


def test_dutch_uses_one_word_for_champion():
    """ "Ambassadeur" throughout: no Dutch text says "champion" (placeholders aside)."""
    offenders = []
    for path in ROOT.glob("*/locale/nl/LC_MESSAGES/django.mo"):
        with path.open("rb") as catalogue:
            texts = gettext.GNUTranslations(catalogue)._catalog.values()
        for text in texts:
            if "champion" in text.lower().replace("%(champion)s", ""):
                offenders.append(f"{path.parts[-5]}: {text}")
    assert not offenders


@pytest.mark.django_db
def test_the_period_choices_of_the_dashboard_are_translated(programme):
    from insights.forms import FilterForm

    with translation.override("nl"):
        labels = [label for _value, label in FilterForm(viewer=programme).fields["weeks"].choices]
    assert "Laatste 12 weken" in labels and not any("Last" in label for label in labels)
