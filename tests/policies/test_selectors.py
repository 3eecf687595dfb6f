"""What "acknowledged the current policy" means, as of any moment, for one person or many."""

import datetime

import pytest
from django.utils import timezone

from policies import selectors, services
from tests.factories import PersonFactory, UnitFactory

from .factories import AcknowledgementFactory, version

pytestmark = pytest.mark.django_db

NOW = timezone.now


def ack(person, v, *, days_ago: float = 0):
    return AcknowledgementFactory(
        person=person, version=v, acknowledged_at=NOW() - datetime.timedelta(days=days_ago)
    )


def days_ago(days: float) -> datetime.datetime:
    return NOW() - datetime.timedelta(days=days)


# The current version ------------------------------------------------------------------------------


def test_the_current_version_is_the_latest_in_effect(v2):
    version("3.0", days_ago=-5)  # published, not in effect yet
    assert selectors.current_version() == v2
    assert selectors.upcoming_version().number == "3.0"


def test_the_current_version_as_of_an_earlier_moment(v1, v2):
    assert selectors.current_version(days_ago(30)) == v1
    assert selectors.current_version(days_ago(400)) is None


def test_drafts_are_never_current(v1):
    version("2.0", days_ago=1, published_at=None)
    assert selectors.current_version() == v1


def test_version_properties_follow_apis_md(v2):
    assert (v2.number, v2.major, v2.minor, v2.is_major) == ("2.0", 2, 0, True)
    minor = version("2.1", days_ago=1)
    assert (minor.number, minor.is_major) == ("2.1", False)


# Major and minor versions ------------------------------------------------------------------------


def test_a_major_version_requires_acknowledging_again(learner, v1):
    services.acknowledge(person=learner, language="en")
    assert selectors.has_acknowledged_current(learner)
    version("2.0", days_ago=1)
    assert not selectors.has_acknowledged_current(learner)
    services.acknowledge(person=learner, language="en")
    assert selectors.has_acknowledged_current(learner)


def test_a_minor_version_does_not(learner, v2):
    services.acknowledge(person=learner, language="en")
    version("2.1", days_ago=1)
    assert selectors.has_acknowledged_current(learner)


def test_an_older_minor_version_does_not_count_after_a_major_one(learner, v1):
    minor = version("1.3", days_ago=100)
    ack(learner, minor, days_ago=90)
    version("2.0", days_ago=5)
    assert not selectors.has_acknowledged_current(learner)


def test_a_major_version_announced_ahead_does_not_ask_before_it_takes_effect(learner, v1):
    ack(learner, v1, days_ago=100)
    version("2.0", days_ago=-7)
    assert selectors.has_acknowledged_current(learner)


def test_acknowledging_an_announced_version_early_counts_once_it_is_in_effect(learner, v1):
    upcoming = version("2.0", days_ago=-7)
    ack(learner, upcoming)
    assert selectors.acknowledged_current_ids(
        [learner.pk], as_of=NOW() + datetime.timedelta(days=8)
    ) == {learner.pk}


def test_nobody_has_acknowledged_when_nothing_is_in_effect(learner, db):
    assert not selectors.has_acknowledged_current(learner)


# As of -------------------------------------------------------------------------------------------


def test_as_of_looks_at_the_policy_and_the_acknowledgements_of_that_moment(learner, v1, v2):
    ack(learner, v1, days_ago=200)
    ack(learner, v2, days_ago=2)
    assert selectors.has_acknowledged_current(learner, as_of=days_ago(100))  # 1.0 was current
    assert not selectors.has_acknowledged_current(learner, as_of=days_ago(5))  # 2.0, not yet
    assert selectors.has_acknowledged_current(learner, as_of=days_ago(1))
    assert not selectors.has_acknowledged_current(learner, as_of=days_ago(300))  # before any ack


# One query ---------------------------------------------------------------------------------------


def test_one_person_is_checked_in_one_query(learner, v2, django_assert_num_queries):
    ack(learner, v2, days_ago=2)
    with django_assert_num_queries(1):
        assert selectors.has_acknowledged_current(learner)
    with django_assert_num_queries(1):
        assert selectors.has_acknowledged_current(learner, as_of=days_ago(1))


def test_many_people_are_checked_in_one_query(v1, v2, django_assert_num_queries):
    people = [PersonFactory() for _ in range(12)]
    for person in people[:5]:
        ack(person, v2)
    for person in people[5:9]:
        ack(person, v1, days_ago=100)
    with django_assert_num_queries(1):
        ids = selectors.acknowledged_current_ids([p.pk for p in people])
    assert ids == {p.pk for p in people[:5]}
    with django_assert_num_queries(1):
        assert selectors.acknowledged_current_ids([p.pk for p in people], as_of=days_ago(50)) == {
            p.pk for p in people[:9]
        } - {p.pk for p in people[:5]}


def test_no_people_need_no_query(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        assert selectors.acknowledged_current_ids([]) == set()


# Grace period ----------------------------------------------------------------------------------


def test_the_grace_period_ends_a_set_number_of_days_after_the_effective_date(v2, settings):
    deadline = selectors.grace_deadline(v2)
    assert timezone.localdate(deadline) == v2.effective_on + datetime.timedelta(days=30)
    settings.ACADEMY_POLICY_GRACE_DAYS = 7
    assert timezone.localdate(selectors.grace_deadline(v2)) == v2.effective_on + datetime.timedelta(
        days=7
    )


def test_a_minor_version_keeps_the_deadline_of_its_major_version(learner, v2):
    version("2.1", days_ago=1)
    standing = selectors.standing_of(learner)
    assert standing.version.number == "2.1"
    assert standing.deadline == selectors.grace_deadline(v2)


# Texts ---------------------------------------------------------------------------------------


def test_the_body_falls_back_to_english(programme, v1):
    draft = services.create_draft(
        by=programme, kind="minor", body_en="English only", effective_on=timezone.localdate()
    )
    assert selectors.body_for(draft, "nl") == "English only"
    assert selectors.body_for(v1, "nl").startswith("## Zeg wie je bent")
    assert v1.body("en").startswith("## Say who you are")


# Coverage ------------------------------------------------------------------------------------------


@pytest.fixture
def organisation(firm, v1, v2):
    """Advisory: 4 people (one acknowledged 2.0, one 2.1, one only 1.0, one nothing); its team
    Digital: 2 active people (one acknowledged 2.0 and 2.1) and an inactive one who acknowledged;
    Audit: nobody."""
    advisory = UnitFactory(name="Advisory", slug="advisory", parent=firm)
    digital = UnitFactory(name="Digital", slug="digital", parent=advisory, kind="team")
    audit = UnitFactory(name="Audit", slug="audit", parent=firm)
    v21 = version("2.1", days_ago=2)
    a = [PersonFactory(unit=advisory) for _ in range(4)]
    ack(a[0], v2)
    ack(a[1], v21)
    ack(a[2], v1, days_ago=100)
    d = [PersonFactory(unit=digital) for _ in range(2)]
    ack(d[0], v2)
    ack(d[0], v21)
    gone = PersonFactory(unit=digital, is_active=False)
    ack(gone, v2)
    return {"advisory": advisory, "digital": digital, "audit": audit}


def test_coverage_per_unit_counts_active_members_who_acknowledged(organisation):
    rows = {row.unit.slug: row for row in selectors.coverage_by_unit()}
    assert (rows["advisory"].acknowledged, rows["advisory"].headcount) == (2, 4)
    assert rows["advisory"].percent == 50
    assert (rows["digital"].acknowledged, rows["digital"].headcount) == (1, 2)
    assert (rows["audit"].acknowledged, rows["audit"].headcount, rows["audit"].percent) == (
        0,
        0,
        None,
    )
    assert selectors.coverage_totals(list(rows.values())).percent == 50


def test_coverage_rows_come_in_tree_order(organisation):
    rows = selectors.coverage_by_unit()
    assert [(r.unit.slug, r.depth) for r in rows] == [
        ("firm", 0),
        ("advisory", 1),
        ("digital", 2),
        ("audit", 1),
    ]


def test_coverage_of_some_units_only(organisation, django_assert_num_queries):
    ids = [organisation["advisory"].pk, organisation["digital"].pk]
    with django_assert_num_queries(1):
        rows = selectors.coverage_by_unit(ids)
    assert [r.unit.slug for r in rows] == ["advisory", "digital"]


def test_coverage_as_of_an_earlier_moment(organisation):
    rows = {r.unit.slug: r for r in selectors.coverage_by_unit(as_of=days_ago(50))}
    assert rows["advisory"].acknowledged == 1  # 1.0 was current; a[2] acknowledged it


def test_organisation_coverage(organisation, learner, programme):
    totals = selectors.organisation_coverage()
    assert (totals.acknowledged, totals.headcount) == (3, 8)
