"""Instructor-led sessions: seats, the waitlist with automatic promotion, attendance."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses import calendar, selectors, services
from courses.models import Booking, Session, StepCompletion
from courses.steps.session import session_state
from tests.factories import PersonFactory

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleagues(unit, module):
    people = [PersonFactory(unit=unit, language="nl") for _ in range(3)]
    for person in people:
        services.enrol(person=person, module=module)
    return people


def start(session, *, minutes_ago=5):
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )
    session.refresh_from_db()


def test_booking_takes_a_seat_until_full_then_the_waitlist(colleagues, session):
    statuses = [services.book_session(person=p, session=session).status for p in colleagues]
    assert statuses == ["booked", "booked", "waitlisted"]
    listed = selectors.sessions_for(session.step)[0]
    assert (listed.booked, listed.waitlisted, listed.seats_left, listed.is_full) == (2, 1, 0, True)


def test_booking_twice_returns_the_same_booking(learner, enrolled, session):
    first = services.book_session(person=learner, session=session)
    assert services.book_session(person=learner, session=session).pk == first.pk


def test_a_cancelled_seat_goes_to_the_first_on_the_waitlist_who_is_emailed(
    colleagues, session, django_capture_on_commit_callbacks, mailoutbox
):
    bookings = [services.book_session(person=p, session=session) for p in colleagues]
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_booking(booking=bookings[0], by=colleagues[0])
    bookings[2].refresh_from_db()
    assert bookings[2].status == Booking.Status.BOOKED
    (message,) = mailoutbox
    assert message.to == [colleagues[2].email]
    assert "Er is een plek vrij" in message.subject  # in the learner's own language
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar" and "BEGIN:VEVENT" in content


def test_cancelling_a_waitlist_place_promotes_nobody(colleagues, session):
    bookings = [services.book_session(person=p, session=session) for p in colleagues]
    services.cancel_booking(booking=bookings[2], by=colleagues[2])
    assert sorted(Booking.objects.values_list("status", flat=True)) == [
        "booked",
        "booked",
        "cancelled",
    ]


def test_only_the_booker_the_trainer_or_the_programme_team_cancel(
    colleagues, session, lead, programme
):
    booking = services.book_session(person=colleagues[0], session=session)
    for outsider in (colleagues[1], lead):
        with pytest.raises(PermissionDenied):
            services.cancel_booking(booking=booking, by=outsider)
    assert services.cancel_booking(booking=booking, by=programme).status == "cancelled"


def test_a_larger_capacity_fills_seats_from_the_waitlist(colleagues, session):
    for person in colleagues:
        services.book_session(person=person, session=session)
    Session.objects.filter(pk=session.pk).update(capacity=3)
    assert len(services.fill_from_waitlist(session=session)) == 1
    assert not Booking.objects.filter(status="waitlisted").exists()


def test_a_session_that_started_cannot_be_booked_or_cancelled(learner, enrolled, session):
    booking = services.book_session(person=learner, session=session)
    start(session)
    with pytest.raises(services.CourseError, match="has started"):
        services.cancel_booking(booking=booking, by=learner)
    other = PersonFactory(unit=learner.unit)
    services.enrol(person=other, module=session.step.lesson.module)
    with pytest.raises(services.CourseError, match="already started"):
        services.book_session(person=other, session=session)


def test_one_upcoming_session_per_step_at_a_time(learner, enrolled, session, trainer):
    later = SessionFactory(step=session.step, trainer=trainer)
    services.book_session(person=learner, session=session)
    with pytest.raises(services.CourseError, match="cancel it to choose another"):
        services.book_session(person=learner, session=later)


def test_booking_needs_an_enrolment(learner, session):
    with pytest.raises(services.CourseError, match="Enrol in the module first"):
        services.book_session(person=learner, session=session)


def test_attendance_completes_the_step_and_is_sent_once(
    learner, enrolled, trainer, session, signals_sent, django_capture_on_commit_callbacks
):
    booking = services.book_session(person=learner, session=session)
    start(session)
    with django_capture_on_commit_callbacks(execute=True):
        services.record_attendance(booking=booking, by=trainer, attended=True)
        services.record_attendance(booking=booking, by=trainer, attended=True)
    assert StepCompletion.objects.get().step_id == session.step_id
    assert [n for n, _ in signals_sent].count("attendance_recorded") == 1
    assert session_state(learner, session.step).attended


def test_an_absence_leaves_the_step_open_and_can_be_corrected(learner, enrolled, trainer, session):
    booking = services.book_session(person=learner, session=session)
    start(session)
    services.record_attendance(booking=booking, by=trainer, attended=False)
    assert not StepCompletion.objects.exists()
    services.record_attendance(booking=booking, by=trainer, attended=True)
    assert StepCompletion.objects.exists()
    with pytest.raises(services.CourseError, match="cannot be withdrawn"):
        services.record_attendance(booking=booking, by=trainer, attended=False)


def test_attendance_waits_for_the_session_to_start(learner, enrolled, trainer, session):
    booking = services.book_session(person=learner, session=session)
    with pytest.raises(services.CourseError, match="once the session has started"):
        services.record_attendance(booking=booking, by=trainer, attended=True)


def test_a_waitlisted_person_cannot_be_marked_present(colleagues, trainer, session):
    bookings = [services.book_session(person=p, session=session) for p in colleagues]
    start(session)
    with pytest.raises(services.CourseError, match="Only people with a place"):
        services.record_attendance(booking=bookings[2], by=trainer, attended=True)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("learner", False), ("trainer", True), ("lead", False), ("programme", True)],
)
def test_who_takes_attendance(people_by_role, unit, module, session, role, allowed):
    person = PersonFactory(unit=unit)
    services.enrol(person=person, module=module)
    booking = services.book_session(person=person, session=session)
    start(session)
    if allowed:
        assert services.record_attendance(booking=booking, by=people_by_role[role], attended=True)
    else:
        with pytest.raises(PermissionDenied):
            services.record_attendance(booking=booking, by=people_by_role[role], attended=True)


def test_another_trainer_does_not_take_attendance_at_my_session(learner, enrolled, unit, session):
    booking = services.book_session(person=learner, session=session)
    start(session)
    with pytest.raises(PermissionDenied):
        services.record_attendance(
            booking=booking, by=PersonFactory(unit=unit, is_trainer=True), attended=True
        )


def test_the_calendar_file_of_a_booking(learner, enrolled, session):
    session.online_url = "https://meet.example.com/workshop"
    session.save()
    booking = services.book_session(person=learner, session=session)
    ics = calendar.booking_ics(booking)
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert f"UID:booking-{booking.pk}@" in ics
    assert f"DTSTART:{session.starts_at.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}" in ics
    assert "STATUS:CONFIRMED" in ics and "LOCATION:Amsterdam\\, room 4.12\\, https" in ics
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    services.cancel_booking(booking=booking, by=learner)
    booking.refresh_from_db()
    assert "STATUS:CANCELLED" in calendar.booking_ics(booking)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://meet.example.com/room"])
def test_a_session_online_link_must_be_a_web_address(session, url):
    session.online_url = url
    with pytest.raises(ValidationError) as raised:
        session.full_clean()
    assert "online_url" in raised.value.message_dict
