"""A champion's view of their colleagues: progress per colleague, who is stuck, one-click nudge."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from community.models import Nudge
from courses import services as courses
from courses.models import Enrolment
from tests.courses.factories import LessonFactory, ModuleFactory, TextStepFactory
from tests.factories import PersonFactory
from tests.queries import assert_constant, page

from .factories import ChampionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def champion(unit):
    return ChampionFactory(person=PersonFactory(unit=unit, first_name="Cham")).person


@pytest.fixture
def step(db):
    return TextStepFactory(lesson=LessonFactory(module=ModuleFactory()))


def test_the_champion_sees_each_colleagues_progress_and_not_other_units(
    client_for, champion, unit, other_unit, step
):
    busy = PersonFactory(unit=unit, first_name="Busy")
    courses.enrol(person=busy, module=step.lesson.module)
    courses.mark_step_done(person=busy, step=step)
    PersonFactory(unit=other_unit, first_name="Elsewhere")
    response = client_for(champion).get(reverse("community:colleagues"))
    people = {p.first_name: p for p in response.context["page"].object_list}
    assert "Elsewhere" not in people and "Cham" not in people
    assert people["Busy"].modules_enrolled == 1 and people["Busy"].modules_completed == 1
    assert "Up to date" in response.content.decode()


def test_an_idle_colleague_is_shown_as_stuck_and_nudged_in_one_click(
    client_for, champion, unit, step
):
    idle = PersonFactory(unit=unit, first_name="Idle")
    enrolment = courses.enrol(person=idle, module=step.lesson.module)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        last_activity_at=timezone.now() - datetime.timedelta(days=30)
    )
    client = client_for(champion)
    response = client.get(reverse("community:colleagues"))
    assert response.context["stuck"] == {idle.pk}
    reply = client.post(reverse("community:nudge", args=[idle.pk]), {"back": "colleagues"})
    assert reply["Location"] == reverse("community:colleagues")
    assert Nudge.objects.filter(learner=idle, champion=champion).count() == 1


def test_the_colleagues_page_reads_the_same_number_of_queries_at_5_and_50(
    client_for, champion, unit, step
):
    def grow(count):
        for _ in range(count):
            person = PersonFactory(unit=unit)
            courses.enrol(person=person, module=step.lesson.module)

    assert_constant(page(client_for(champion), reverse("community:colleagues")), grow)
