"""Approval of training time: the learner asks, a lead of their unit or the programme team decides."""

import pytest
from django.core.exceptions import PermissionDenied

from courses import selectors, services
from courses.models import TimeApproval
from tests.factories import PersonFactory, UnitFactory

from .factories import ModuleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(course):
    programme = course["programme"]
    programme.requires_time_approval = True
    programme.save()
    ModuleFactory(programme=programme, minutes=60)
    return programme


@pytest.fixture
def request_(learner, paid):
    return services.request_time_approval(person=learner, programme=paid)


def test_the_request_asks_for_the_minutes_of_every_module(request_):
    assert request_.minutes == 90 + 60 and request_.status == "requested"


def test_a_request_is_announced_once(
    learner, paid, signals_sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.request_time_approval(person=learner, programme=paid)
        services.request_time_approval(person=learner, programme=paid)
    assert signals_sent == [("time_approval_requested", {"approval": first})]


def test_asking_twice_gives_the_same_request(learner, paid, request_):
    assert services.request_time_approval(person=learner, programme=paid).pk == request_.pk


def test_a_programme_without_approval_needs_no_request(learner, course):
    with pytest.raises(services.CourseError, match="needs no approval"):
        services.request_time_approval(person=learner, programme=course["programme"])


def test_the_leads_are_emailed_about_a_request(
    learner, lead, paid, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_time_approval(person=learner, programme=paid)
    assert [m.to for m in mailoutbox] == [[lead.email]]
    assert "2.5 hours" in mailoutbox[0].body and "/lead/" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("learner", False), ("trainer", False), ("lead", True), ("programme", True)],
)
def test_who_decides_on_training_time(people_by_role, request_, role, allowed):
    by = people_by_role[role]
    if allowed:
        assert (
            services.decide_time_approval(approval=request_, by=by, approve=True).decided_by == by
        )
    else:
        with pytest.raises(PermissionDenied):
            services.decide_time_approval(approval=request_, by=by, approve=True)


def test_a_lead_of_another_unit_may_not_decide(other_unit, request_):
    outsider = PersonFactory(unit=other_unit, leads=[other_unit])
    with pytest.raises(PermissionDenied):
        services.decide_time_approval(approval=request_, by=outsider, approve=True)


def test_a_lead_of_a_unit_above_may_decide(firm, request_):
    partner = PersonFactory(unit=firm, leads=[firm])
    assert services.decide_time_approval(approval=request_, by=partner, approve=True)


def test_a_lead_does_not_approve_their_own_time(lead, paid):
    own = services.request_time_approval(person=lead, programme=paid)
    with pytest.raises(PermissionDenied):
        services.decide_time_approval(approval=own, by=lead, approve=True)


def test_declining_needs_a_reason_which_the_learner_sees(
    learner, lead, request_, signals_sent, django_capture_on_commit_callbacks, mailoutbox
):
    with pytest.raises(services.CourseError, match="Give a reason"):
        services.decide_time_approval(approval=request_, by=lead, approve=False, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_time_approval(
            approval=request_, by=lead, approve=False, reason="Busy season: ask me in March."
        )
    latest = selectors.time_approval_for(learner, request_.programme)
    assert latest.status == "declined" and latest.reason == "Busy season: ask me in March."
    assert [name for name, _ in signals_sent] == ["time_approval_decided"]
    assert "declined" in mailoutbox[0].subject and "March" in mailoutbox[0].body


def test_after_a_decline_the_learner_may_ask_again(learner, lead, paid, request_):
    services.decide_time_approval(approval=request_, by=lead, approve=False, reason="Not now.")
    again = services.request_time_approval(person=learner, programme=paid)
    assert again.pk != request_.pk and again.status == "requested"


def test_a_decided_request_keeps_its_decision(lead, request_):
    services.decide_time_approval(approval=request_, by=lead, approve=True)
    assert (
        services.decide_time_approval(approval=request_, by=lead, approve=True).status == "approved"
    )
    with pytest.raises(services.CourseError, match="already been decided"):
        services.decide_time_approval(approval=request_, by=lead, approve=False, reason="No")


def test_the_leads_list_shows_requests_of_their_units_only(
    learner, lead, other_unit, paid, request_
):
    elsewhere = PersonFactory(unit=other_unit)
    services.request_time_approval(person=elsewhere, programme=paid)
    assert list(selectors.time_approvals_for_lead(lead)) == [request_]
    assert selectors.time_approvals_for_lead(learner).count() == 0


def test_the_programme_team_sees_every_request(programme, other_unit, paid, request_):
    services.request_time_approval(person=PersonFactory(unit=other_unit), programme=paid)
    assert selectors.time_approvals_for_lead(programme).count() == 2


def test_a_lead_sees_requests_from_teams_below_their_unit(unit, lead, paid):
    person = PersonFactory(unit=UnitFactory(parent=unit, kind="team"))
    approval = services.request_time_approval(person=person, programme=paid)
    assert list(selectors.time_approvals_for_lead(lead)) == [approval]
    assert TimeApproval.objects.count() == 1
