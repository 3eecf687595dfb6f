"""Community pages and home sections run the same number of queries whatever the data size."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from community import services
from tests.community.factories import (
    ChampionFactory,
    KudosFactory,
    QuestionFactory,
    SessionFactory,
    TopicFactory,
)
from tests.factories import PersonFactory, UnitFactory
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def grow(unit, trainer, programme):
    """Add people, kudos, sessions, topics and survey answers in the unit."""
    ChampionFactory(person=trainer)
    questions = [QuestionFactory() for _ in range(3)]
    today = timezone.localdate()

    def add(n: int) -> None:
        team = UnitFactory(parent=unit, kind="team")
        for i in range(n):
            person = PersonFactory(unit=team if i % 2 else unit)
            KudosFactory(giver=trainer, receiver=person)
            KudosFactory(giver=person, receiver=trainer, category="great_post")
            SessionFactory(champion=trainer).attendees.set([person])
            TopicFactory(starts_on=today + datetime.timedelta(days=i))
            ChampionFactory(person=PersonFactory(unit=team))
            services.submit_survey(person=person, answers={q.pk: 1 + i % 5 for q in questions})

    return add


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("learner", reverse("community:kudos")),
        ("learner", reverse("community:kudos") + "?category=great_post&period=month"),
        ("learner", reverse("community:topics")),
        ("learner", reverse("community:calendar")),
        ("learner", reverse("community:champions")),
        ("learner", reverse("community:sessions")),
        ("learner", reverse("community:survey")),
        ("learner", reverse("community:worksheet")),
        ("learner", reverse("learner_home")),
        ("trainer", reverse("trainer_home")),
        ("trainer", reverse("community:stuck")),
        ("lead", reverse("lead_home")),
        ("lead", reverse("community:survey_results")),
        ("lead", reverse("community:reach")),
        ("programme", reverse("programme_home")),
        ("programme", reverse("community:champions")),
        ("programme", reverse("community:kudos_moderation")),
    ],
)
def test_query_count_stays_constant_as_the_community_grows(role, url, people_by_role, grow, client):
    client.force_login(people_by_role[role])
    grow(3)
    small = queries_for(client, url)
    grow(12)
    assert queries_for(client, url) == small


def test_a_profile_runs_the_same_queries_with_more_kudos(learner, trainer, client):
    client.force_login(learner)
    url = reverse("community:colleague", args=[trainer.pk])
    KudosFactory.create_batch(2, receiver=trainer)
    small = queries_for(client, url)
    KudosFactory.create_batch(15, receiver=trainer)
    assert queries_for(client, url) == small
