"""Double submits on PostgreSQL: the same form posted from two tabs at once."""

import pytest
from django.db import connection

from community import services
from community.models import Kudos, SurveyAnswer
from tests.community.factories import QuestionFactory
from tests.concurrency import at_once
from tests.factories import PersonFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


def test_survey_answers_from_two_tabs_at_once_keep_one_set(unit):
    person = PersonFactory(unit=unit)
    questions = [QuestionFactory(weight=1) for _ in range(3)]

    def answer(index):
        value = 5 if index % 2 else 1
        return services.submit_survey(person=person, answers={q.pk: value for q in questions})

    results, errors = at_once(answer, 6)
    assert errors == [] and len(results) == 6
    assert SurveyAnswer.objects.filter(person=person).count() == 3
    assert len(set(SurveyAnswer.objects.filter(person=person).values_list("value", flat=True))) == 1


def test_the_same_kudos_posted_at_once_is_one_kudos(unit):
    giver, receiver = PersonFactory(unit=unit), PersonFactory(unit=unit)

    def post(_index):
        return services.give_kudos(
            giver=giver, receiver=receiver, category="helped_me", message="Thanks!"
        ).pk

    results, errors = at_once(post, 10)
    assert errors == [] and len(set(results)) == 1
    assert Kudos.objects.filter(giver=giver).count() == 1
