"""The staff pages and home sections of the courses app run a constant number of queries: the
same at 5 and at 50 submissions, rounds, bookings or time approvals."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import services
from tests.factories import PersonFactory, UnitFactory
from tests.queries import assert_constant, page

from .factories import (
    AssignmentStepFactory,
    LessonFactory,
    ModuleFactory,
    ProgrammeFactory,
    SessionFactory,
    SessionStepFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(unit):
    return UnitFactory(name="Advisory team", slug="advisory-team", parent=unit, kind="team")


def test_review_queue(client_for, trainer, unit, team):
    step = AssignmentStepFactory(lesson=LessonFactory(module=ModuleFactory()))
    module = step.lesson.module

    def grow(n):
        for index in range(n):
            person = PersonFactory(unit=team if index % 2 else unit)
            services.enrol(person=person, module=module)
            services.submit_assignment(person=person, step=step, text="My plan")

    client = client_for(trainer)
    assert_constant(page(client, reverse("courses:review_queue")), grow)


def test_review_queue_filtered(client_for, programme, unit, team):
    modules = [ModuleFactory() for _ in range(2)]
    steps = [AssignmentStepFactory(lesson=LessonFactory(module=m)) for m in modules]

    def grow(n):
        for index in range(n):
            person = PersonFactory(unit=team)
            module, step = modules[index % 2], steps[index % 2]
            services.enrol(person=person, module=module)
            services.submit_assignment(person=person, step=step, text="My plan")
            UnitFactory(parent=unit)  # the unit filter grows too

    read = page(
        client_for(programme),
        reverse("courses:review_queue"),
        {"unit": unit.pk, "module": modules[0].pk},
    )
    assert_constant(read, grow)


def test_review_page_with_earlier_rounds(client_for, trainer, learner):
    step = AssignmentStepFactory(lesson=LessonFactory(module=ModuleFactory()))
    services.enrol(person=learner, module=step.lesson.module)
    latest = {}

    def grow(n):
        for _ in range(n):
            if "submission" in latest:
                services.review_submission(
                    submission=latest["submission"], by=trainer, approve=False, feedback="Again"
                )
            latest["submission"] = services.submit_assignment(person=learner, step=step, text="Try")
            # Other learners' work does not weigh on this page either.
            other = PersonFactory(unit=learner.unit)
            services.enrol(person=other, module=step.lesson.module)
            services.submit_assignment(person=other, step=step, text="Mine")

    def read():
        url = reverse("courses:review", args=[latest["submission"].pk])
        assert client.get(url).status_code == 200

    client = client_for(trainer)
    assert_constant(read, grow)


def test_my_sessions(client_for, trainer, unit):
    step = SessionStepFactory()
    module = step.lesson.module

    def grow(n):
        for index in range(n):
            starts = timezone.now() + datetime.timedelta(days=1 + index)
            session = SessionFactory(step=step, trainer=trainer, starts_at=starts, capacity=1)
            for _ in range(2):
                person = PersonFactory(unit=unit)
                services.enrol(person=person, module=module)
                services.book_session(person=person, session=session)
            SessionFactory(
                step=step,
                trainer=trainer,
                starts_at=timezone.now() - datetime.timedelta(days=1 + index),
            )

    client = client_for(trainer)
    assert_constant(page(client, reverse("courses:my_sessions")), grow)


@pytest.mark.parametrize("started", [False, True], ids=["before", "after the start"])
def test_session_roster(client_for, trainer, unit, started):
    step = SessionStepFactory()
    module = step.lesson.module
    session = SessionFactory(step=step, trainer=trainer, capacity=40)

    def move(start):
        session.starts_at = start
        session.ends_at = start + datetime.timedelta(hours=2)
        session.save()

    def grow(n):
        move(timezone.now() + datetime.timedelta(days=7))
        bookings = []
        for _ in range(n):
            person = PersonFactory(unit=unit)
            services.enrol(person=person, module=module)
            bookings.append(services.book_session(person=person, session=session))
        if started:
            move(timezone.now() - datetime.timedelta(minutes=5))
            for booking in bookings[::3]:
                if booking.status == booking.Status.BOOKED:
                    services.record_attendance(booking=booking, by=trainer, attended=True)

    client = client_for(trainer)
    url = reverse("courses:session_roster", args=[session.pk])
    assert_constant(page(client, url), grow)


def test_time_approvals(client_for, lead, unit, team, programme):
    paid = ProgrammeFactory(requires_time_approval=True)
    ModuleFactory(programme=paid)

    def grow(n):
        for index in range(n):
            person = PersonFactory(unit=team if index % 2 else unit)
            approval = services.request_time_approval(person=person, programme=paid)
            if index % 2:
                services.decide_time_approval(
                    approval=approval, by=programme, approve=index % 4 == 1, reason="Not now"
                )

    client = client_for(lead)
    assert_constant(page(client, reverse("courses:time_approvals")), grow)


def test_time_approvals_after_a_refused_decision(client_for, lead, unit):
    """The page shown again with the reason missing costs the same at any size."""
    paid = ProgrammeFactory(requires_time_approval=True)
    ModuleFactory(programme=paid)
    first = {}

    def grow(n):
        for _ in range(n):
            approval = services.request_time_approval(
                person=PersonFactory(unit=unit), programme=paid
            )
            first.setdefault("approval", approval)

    def read():
        pk = first["approval"].pk
        url = reverse("courses:decide_time_approval", args=[pk])
        response = client.post(url, {f"approval-{pk}-decision": "decline"})
        assert response.status_code == 200

    client = client_for(lead)
    assert_constant(read, grow)


@pytest.mark.parametrize("home", ["trainer_home", "programme_home"])
def test_homes_with_the_review_backlog_and_sessions(client_for, trainer, programme, unit, home):
    step = AssignmentStepFactory(lesson=LessonFactory(module=ModuleFactory()))
    session_step = SessionStepFactory()
    viewer = trainer if home == "trainer_home" else programme

    def grow(n):
        for _ in range(n):
            person = PersonFactory(unit=unit)
            services.enrol(person=person, module=step.lesson.module)
            services.submit_assignment(person=person, step=step, text="Plan")
            SessionFactory(step=session_step, trainer=trainer)

    assert_constant(page(client_for(viewer), reverse(home)), grow)


def test_lead_home_with_requests_waiting(client_for, lead, unit):
    paid = ProgrammeFactory(requires_time_approval=True)
    ModuleFactory(programme=paid)

    def grow(n):
        for _ in range(n):
            services.request_time_approval(person=PersonFactory(unit=unit), programme=paid)

    assert_constant(page(client_for(lead), reverse("lead_home")), grow)
