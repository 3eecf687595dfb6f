"""A champion's stuck learners (the list comes from courses.selectors.stuck_enrolments)."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from community import stuck
from tests.community.factories import ChampionFactory
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def enrolment(person, module="LinkedIn basics"):
    then = timezone.now() - datetime.timedelta(days=30)
    return SimpleNamespace(
        person=person,
        person_id=person.pk,
        module=module,
        enrolled_at=then,
        last_activity_at=then,
    )


def test_the_stuck_page_lists_learners_with_a_reminder_button(client_for, unit, monkeypatch):
    champion = ChampionFactory(person__unit=unit).person
    learner = PersonFactory(unit=unit, first_name="Lars", last_name="Visser")
    monkeypatch.setattr(stuck, "stuck_enrolments", lambda *a, **k: [enrolment(learner)])
    page = client_for(champion).get(reverse("community:stuck")).content.decode()
    assert "Lars Visser" in page and "LinkedIn basics" in page
    assert reverse("community:nudge", args=[learner.pk]) in page


def test_the_champion_home_shows_stuck_learners(client_for, unit, monkeypatch):
    champion = ChampionFactory(person__unit=unit, person__is_trainer=True).person
    learner = PersonFactory(unit=unit, first_name="Fleur", last_name="Smit")
    monkeypatch.setattr(stuck, "stuck_enrolments", lambda *a, **k: [enrolment(learner)])
    page = client_for(champion).get(reverse("trainer_home")).content.decode()
    assert "Fleur Smit" in page


def test_someone_who_is_not_a_champion_has_no_stuck_learners(trainer):
    assert stuck.stuck_enrolments(trainer) == []
