"""The dashboards' figures are right: a small organisation with answers worked out by hand
(see conftest.py)."""

import pytest

from community.models import SegmentResult
from courses.models import Programme
from insights import selectors, services
from insights.selectors import Filters
from tests.factories import PersonFactory
from tests.policies.factories import AcknowledgementFactory, version

pytestmark = pytest.mark.django_db


def figures(viewer, **filters):
    filters = Filters(**filters)
    return selectors.funnel(selectors.scope_for(viewer, filters), filters)


def row(funnel, unit):
    return next(r for r in funnel.rows if r.unit == unit)


def test_the_firm_funnel_counts_each_stage(rebuilt):
    total = figures(rebuilt.staff).total
    assert total["headcount"] == 9
    assert total["reached"] == 3
    assert total["enrolled"] == 5
    assert total["foundation"] == 3
    assert total["level_1"] == 2  # Fay's Certified is revoked
    assert total["level_2"] == 1
    assert total.percent("enrolled") == 56


def test_the_stages_are_named_after_the_credentials(rebuilt):
    labels = [stage.label for stage in figures(rebuilt.staff).stages]
    assert labels[-2:] == ["Certified", "Professional"]


def test_a_unit_counts_itself_and_the_units_below_it(rebuilt):
    funnel = figures(rebuilt.staff)
    advisory = row(funnel, rebuilt.units.advisory)
    strategy = row(funnel, rebuilt.units.strategy)
    audit = row(funnel, rebuilt.units.audit)
    assert (advisory["headcount"], advisory["enrolled"], advisory["foundation"]) == (6, 4, 2)
    assert (strategy["headcount"], strategy["enrolled"], strategy["reached"]) == (3, 2, 3)
    assert strategy.percent("reached") == 100
    assert (audit["headcount"], audit["enrolled"], audit["level_1"]) == (3, 1, 0)


def test_time_invested_counts_module_minutes_and_approved_time(rebuilt):
    funnel = figures(rebuilt.staff)
    assert funnel.total["minutes_completed"] == 150 + 120 + 60 + 120
    assert funnel.total["approved_minutes"] == 30
    assert funnel.total["waiting_for_approval"] == 1
    assert row(funnel, rebuilt.units.audit)["minutes_completed"] == 120


def test_active_learners_completed_a_step_recently(rebuilt):
    total = figures(rebuilt.staff).total
    assert total["active_30"] == total["active_90"] == 4  # Dee only enrolled


def test_credentials_expiring_soon_are_counted_per_window(rebuilt):
    total = figures(rebuilt.staff).total
    assert (total["expiring_30"], total["expiring_60"], total["expiring_90"]) == (1, 1, 1)


def test_the_language_filter_counts_only_people_of_that_language(rebuilt):
    total = figures(rebuilt.staff, language="nl").total
    assert (total["headcount"], total["enrolled"], total["foundation"]) == (4, 2, 2)


def test_the_programme_filter_counts_enrolment_and_time_in_that_programme(rebuilt):
    total = figures(rebuilt.staff, programme=rebuilt.programmes.roles).total
    assert total["enrolled"] == 1
    assert total["minutes_completed"] == 30


def test_the_unit_filter_narrows_to_that_unit_and_below(rebuilt):
    funnel = figures(rebuilt.staff, unit=rebuilt.units.advisory)
    assert [r.unit for r in funnel.rows] == [rebuilt.units.advisory, rebuilt.units.strategy]
    assert funnel.total["headcount"] == 6


def test_a_lead_sees_only_the_units_they_lead(rebuilt):
    funnel = figures(rebuilt.lotte)
    assert {r.unit for r in funnel.rows} == {rebuilt.units.advisory, rebuilt.units.strategy}
    assert funnel.total["headcount"] == 6


def test_a_lead_cannot_widen_their_view_with_the_unit_filter(rebuilt):
    funnel = figures(rebuilt.lotte, unit=rebuilt.units.audit)
    assert funnel.rows == [] and funnel.total.values == {}


def test_a_newer_major_version_needs_acknowledging_again(rebuilt):
    AcknowledgementFactory(person=rebuilt.people.ann, version=version("1.0", days_ago=90))
    version("2.0", days_ago=10)
    services.rebuild()
    assert figures(rebuilt.staff).total["acknowledged"] == 0


def test_policy_coverage_counts_acknowledgements_of_the_current_version(rebuilt):
    current = version("1.0")
    for person in (rebuilt.people.ann, rebuilt.people.fay, rebuilt.people.gus):
        AcknowledgementFactory(person=person, version=current)
    services.rebuild()
    funnel = figures(rebuilt.staff)
    assert funnel.total["acknowledged"] == 3
    assert row(funnel, rebuilt.units.audit).percent("acknowledged") == 67


def test_segments_are_shown_only_for_units_with_enough_answers(rebuilt):
    strategy_people = [rebuilt.people.cas, rebuilt.people.dee, rebuilt.people.eve]
    strategy_people += [PersonFactory(unit=rebuilt.units.strategy) for _ in range(2)]
    for person in strategy_people:
        SegmentResult.objects.create(person=person, segment="enthusiast", score=5)
    for person in (rebuilt.people.fay, rebuilt.people.gus):  # Audit: only 2 answers
        SegmentResult.objects.create(person=person, segment="cynic", score=-5)
    services.rebuild()
    segments = selectors.segments(selectors.scope_for(rebuilt.staff, Filters()))
    assert [r["unit"] for r in segments["per_unit"]] == [rebuilt.units.strategy]
    assert segments["totals"]["counts"]["enthusiast"] == 5
    assert segments["totals"]["counts"]["cynic"] == 0


def test_the_review_backlog_counts_open_submissions_in_scope(
    rebuilt, django_capture_on_commit_callbacks
):
    from courses import services as courses
    from tests.courses.factories import AssignmentStepFactory

    step = AssignmentStepFactory(lesson=rebuilt.modules.basics.step.lesson, slug="post")
    with django_capture_on_commit_callbacks(execute=True):
        courses.submit_assignment(person=rebuilt.people.bob, step=step, text="My post")
    assert selectors.review_backlog(selectors.scope_for(rebuilt.lotte, Filters()))["count"] == 1
    audit = Filters(unit=rebuilt.units.audit)
    assert selectors.review_backlog(selectors.scope_for(rebuilt.staff, audit))["count"] == 0


def test_the_weekly_trend_counts_enrolments_and_active_learners(rebuilt):
    trend = selectors.trend(selectors.scope_for(rebuilt.staff, Filters(weeks=4)), Filters(weeks=4))
    assert len(trend.weeks) == 4
    assert sum(trend.series["enrolments"]) == 9  # Ann 3, Cas 2, Bob 1, Dee 1, Fay 2
    assert trend.series["active_learners"][-1] == 4
    # Ann's Professional was issued 345 days ago, before the period; Fay's counts though revoked.
    assert sum(trend.series["credentials_issued"]) == 3


@pytest.mark.parametrize(
    "narrower",
    [{"language": "en"}, {"language": "nl"}, {"programme": "roles"}, {"weeks": 4}],
)
def test_no_filter_uncovers_one_persons_answer_by_difference(rebuilt, narrower):
    # Strategy: five English speakers and Cas, the one Dutch speaker, answered the survey.
    answered = [rebuilt.people.cas, rebuilt.people.dee]
    answered += [PersonFactory(unit=rebuilt.units.strategy, language="en") for _ in range(4)]
    for person in answered:
        segment = "cynic" if person == rebuilt.people.cas else "enthusiast"
        SegmentResult.objects.create(person=person, segment=segment, score=0)
    services.rebuild()
    if "programme" in narrower:
        narrower = {"programme": Programme.objects.get(slug=narrower["programme"])}
    views = [
        selectors.segments(selectors.scope_for(rebuilt.lotte, filters))
        for filters in (
            Filters(unit=rebuilt.units.strategy),
            Filters(unit=rebuilt.units.strategy, **narrower),
        )
    ]
    assert views[0] == views[1]
    assert views[0]["totals"]["counts"]["cynic"] == 1  # shown only as part of all six
