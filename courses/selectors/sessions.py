"""Instructor-led sessions: seats for learners, the trainer's sessions and rosters, bookings."""

import datetime

from django.db.models import (
    Count,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from .. import permissions
from ..models import (
    Booking,
    Session,
    SessionStep,
)


def _sessions() -> QuerySet[Session]:
    return (
        Session.objects.select_related("trainer", "step__lesson__module")
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status=Booking.Status.BOOKED)),
            waitlisted=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITLISTED)),
        )
        .order_by("starts_at", "id")
    )


def _with_seats(sessions) -> list[Session]:
    sessions = list(sessions)
    for session in sessions:
        session.seats_left = max(session.capacity - session.booked, 0)
        session.is_full = session.seats_left == 0
    return sessions


def sessions_for(step: SessionStep, *, person=None, upcoming: bool = True) -> list[Session]:
    """Sessions of a session step with `booked`, `waitlisted`, `seats_left`, `is_full`, and
    `my_booking` (the person's active booking, or None) when a person is given."""
    sessions = _sessions().filter(step=step)
    if upcoming:
        sessions = sessions.filter(starts_at__gt=timezone.now())
    if person is not None:
        sessions = sessions.prefetch_related(
            Prefetch(
                "bookings",
                queryset=Booking.objects.filter(person=person, status__in=Booking.ACTIVE),
                to_attr="my_bookings",
            )
        )
    result = _with_seats(sessions)
    for session in result:
        bookings = getattr(session, "my_bookings", [])
        session.my_booking = bookings[0] if bookings else None
    return result


def sessions_run_by(person, *, since=None) -> list[Session]:
    """Sessions a trainer runs (the programme team: all), from `since` (default: a week ago)."""
    since = since or timezone.now() - datetime.timedelta(days=7)
    sessions = _sessions().filter(ends_at__gte=since)
    if not permissions.is_programme_team(person):
        sessions = sessions.filter(trainer=person)
    return _with_seats(sessions)


def trainer_sessions(person, *, upcoming: bool) -> QuerySet[Session]:
    """Sessions `person` runs (the programme team: all) with `booked`, `waitlisted` and
    `attended` counts: those not ended yet soonest first, or (`upcoming=False`) those ended,
    latest first."""
    now = timezone.now()
    sessions = _sessions().annotate(
        attended_count=Count("bookings", filter=Q(bookings__attended=True))
    )
    if not permissions.is_programme_team(person):
        sessions = sessions.filter(trainer=person)
    if upcoming:
        return sessions.filter(ends_at__gte=now)
    return sessions.filter(ends_at__lt=now).order_by("-starts_at", "-id")


def session_to_run(person, session_id: int) -> Session | None:
    """One session with its counts (as `trainer_sessions`), if `person` runs it or is on the
    programme team; else None."""
    session = (
        _sessions()
        .annotate(attended_count=Count("bookings", filter=Q(bookings__attended=True)))
        .filter(pk=session_id)
        .first()
    )
    if session is None or not permissions.can_run_session(person, session):
        return None
    return session


def session_roster(session: Session) -> QuerySet[Booking]:
    """Everyone booked or waitlisted for a session (booked first, in order of booking)."""
    return (
        Booking.objects.filter(session=session, status__in=Booking.ACTIVE)
        .select_related("person__unit")
        .order_by("status", "created_at", "id")  # "booked" sorts before "waitlisted"
    )


def bookings_of(person) -> QuerySet[Booking]:
    """The person's active bookings of sessions that have not ended, soonest first."""
    return (
        Booking.objects.filter(
            person=person, status__in=Booking.ACTIVE, session__ends_at__gte=timezone.now()
        )
        .select_related("session__step__lesson__module", "session__trainer")
        .order_by("session__starts_at")
    )


def booking_of(person, booking_id: int) -> Booking | None:
    """One of the person's own bookings (any status) with its session, step and module."""
    return (
        Booking.objects.filter(pk=booking_id, person=person)
        .select_related("person", "session__trainer", "session__step__lesson__module")
        .first()
    )
