import datetime

import factory
from django.utils import timezone

from community.models import AwarenessSession, Champion, Kudos, SurveyQuestion, Topic
from tests.factories import PersonFactory


class ChampionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Champion

    person = factory.SubFactory(PersonFactory)
    unit = factory.SelfAttribute("person.unit")
    status = Champion.Status.APPROVED
    nominated_by = factory.SelfAttribute("person")


class KudosFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kudos

    giver = factory.SubFactory(PersonFactory)
    receiver = factory.SubFactory(PersonFactory)
    category = Kudos.Category.HELPED_ME
    message = factory.Sequence(lambda n: f"Thanks for the help, number {n}")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwarenessSession

    title = factory.Sequence(lambda n: f"Session {n}")
    unit = factory.SelfAttribute("champion.unit")
    champion = factory.SubFactory(PersonFactory)
    held_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyQuestion

    position = factory.Sequence(int)
    text_en = factory.Sequence(lambda n: f"Statement {n}")
    text_nl = factory.Sequence(lambda n: f"Stelling {n}")
    weight = 1


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    starts_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    )
    ends_on = factory.LazyAttribute(lambda t: t.starts_on + datetime.timedelta(days=6))
    title_en = factory.Sequence(lambda n: f"Topic {n}")
    title_nl = factory.Sequence(lambda n: f"Onderwerp {n}")
    messages_en = "Say it in your own words."
    messages_nl = "Zeg het in je eigen woorden."
    hashtags = "#one two"
