import pytest

from people.demo import email
from people.demo import load as load_people
from people.models import Person
from policies import selectors
from policies.demo import load
from policies.models import Acknowledgement, PolicyVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_people()
    return load()


def test_the_demo_has_two_bilingual_versions_the_second_major(demo):
    versions = list(PolicyVersion.objects.order_by("major", "minor"))
    assert [v.number for v in versions] == ["1.0", "2.0"]
    assert all(v.is_published and v.body_en and v.body_nl for v in versions)
    assert selectors.current_version().number == "2.0" and versions[1].is_major
    body = versions[1].body_en
    for topic in [
        "work here",
        "on behalf of",
        "internal network",
        "Client Care",
        "respectful",
        "Personal and business accounts",
    ]:
        assert topic in body
    assert "namens" in versions[1].body_nl and "interne netwerk" in versions[1].body_nl


def test_the_grace_period_of_version_two_is_still_running(demo):
    from django.utils import timezone

    assert selectors.grace_deadline(selectors.current_version()) > timezone.now()


def test_some_acknowledged_two_some_only_one_some_nothing(demo):
    people = Person.objects.all()
    current = selectors.acknowledged_current_ids([p.pk for p in people])
    anything = set(Acknowledgement.objects.values_list("person_id", flat=True))
    assert 0 < len(current) < len(anything) < people.count()


def test_the_demo_learner_sees_the_banner_and_the_lead_does_not(demo):
    learner = Person.objects.get(email=email("daan.jansen"))
    lead = Person.objects.get(email=email("pieter.vandijk"))
    assert not selectors.has_acknowledged_current(learner)
    assert Acknowledgement.objects.filter(person=learner, version__major=1).exists()
    assert selectors.has_acknowledged_current(lead)


def test_the_demo_acknowledgements_are_in_each_person_s_language(demo):
    assert not Acknowledgement.objects.exclude(language__in=["en", "nl"]).exists()
    daan = Acknowledgement.objects.get(person__email=email("daan.jansen"))
    assert daan.language == "nl"


def test_loading_the_demo_twice_creates_nothing_the_second_time(demo):
    assert demo
    before = Acknowledgement.objects.count()
    assert load() == []
    assert Acknowledgement.objects.count() == before


def test_the_demo_without_people_creates_nothing(db):
    assert load() == []
    assert not PolicyVersion.objects.exists()
