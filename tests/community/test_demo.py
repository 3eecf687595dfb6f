import pytest

from community import selectors
from community.demo import load as load_community
from community.models import AwarenessSession, Champion, Kudos, Topic
from people.demo import load as load_people

pytestmark = pytest.mark.django_db


def test_the_demo_shows_champions_sessions_kudos_segments_and_topics():
    load_people()
    assert load_community()
    assert Champion.objects.filter(status="approved", person__email__startswith="sophie.bakker")
    assert AwarenessSession.objects.count() >= 4
    assert Kudos.objects.count() >= 15
    assert selectors.featured_contributor() is not None
    assert selectors.this_weeks_topics().exists()
    assert Topic.objects.count() >= 4
    rows = {r["unit"].slug: r for r in selectors.segments_per_unit(None)}
    assert rows["digital-strategy"]["counts"] is not None
    assert 0 < rows["audit"]["total"] < 5 and rows["audit"]["counts"] is None


def test_loading_the_demo_twice_creates_nothing_the_second_time():
    load_people()
    load_community()
    assert load_community() == []
