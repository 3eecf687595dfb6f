"""Instructor-led sessions: booking with capacity, waitlist with automatic promotion, attendance."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.signals import send_after_commit

from .. import permissions, signals, tasks
from ..models import Booking, Session, StepCompletion
from .errors import CourseError
from .progress import complete, enrolment_for, lock_person, touch


def _locked_session(session) -> Session:
    return Session.objects.select_for_update(of=("self",)).select_related("step").get(pk=session.pk)


@transaction.atomic
def book_session(*, person, session: Session) -> Booking:
    """Take a seat at `session`, or a place on its waitlist when it is full; idempotent."""
    lock_person(person)  # person first, then the session: the order every service keeps
    session = _locked_session(session)
    enrolment = enrolment_for(person, session.step)
    existing = Booking.objects.filter(
        session=session, person=person, status__in=Booking.ACTIVE
    ).first()
    if existing is not None:
        return existing
    if session.has_started:
        raise CourseError(_("This session has already started; choose a later one."))
    if StepCompletion.objects.filter(enrolment=enrolment, step_id=session.step_id).exists():
        raise CourseError(_("You have already attended this session."))
    other = (
        Booking.objects.filter(
            person=person,
            step_id=session.step_id,
            status__in=Booking.ACTIVE,
            session__starts_at__gt=timezone.now(),
        )
        .select_related("session")
        .first()
    )
    if other is not None:
        raise CourseError(
            _("You already have a place at the session on %(date)s; cancel it to choose another.")
            % {
                "date": formats.date_format(
                    timezone.localtime(other.session.starts_at), "DATETIME_FORMAT"
                )
            }
        )
    taken = Booking.objects.filter(session=session, status=Booking.Status.BOOKED).count()
    status = Booking.Status.BOOKED if taken < session.capacity else Booking.Status.WAITLISTED
    now = timezone.now()
    booking = Booking.objects.create(
        session=session,
        person=person,
        step_id=session.step_id,
        status=status,
        created_at=now,
        status_changed_at=now,
    )
    touch(enrolment, session.step)
    return booking


def _promote(session: Session) -> list[Booking]:
    """Give free seats to the waitlist in order of booking; each promoted person is emailed."""
    taken = Booking.objects.filter(session=session, status=Booking.Status.BOOKED).count()
    free = session.capacity - taken
    if free <= 0:
        return []
    promoted = list(
        Booking.objects.select_for_update()
        .filter(session=session, status=Booking.Status.WAITLISTED)
        .order_by("created_at", "id")[:free]
    )
    now = timezone.now()
    for booking in promoted:
        booking.status = Booking.Status.BOOKED
        booking.status_changed_at = now
        booking.save(update_fields=["status", "status_changed_at"])
        transaction.on_commit(lambda pk=booking.pk: tasks.send_waitlist_promotion.enqueue(pk))
    return promoted


@transaction.atomic
def cancel_booking(*, booking: Booking, by) -> Booking:
    """Cancel a place or waitlist entry (the booker, the session's trainer or the programme team); the first on the waitlist moves up and is emailed."""
    session = _locked_session(booking.session)
    booking = (
        Booking.objects.select_for_update(of=("self",)).select_related("session").get(pk=booking.pk)
    )
    if not permissions.can_cancel_booking(by, booking):
        raise PermissionDenied(_("You may not cancel this booking."))
    if booking.status == Booking.Status.CANCELLED:
        return booking
    if session.has_started:
        raise CourseError(_("This session has started; it can no longer be cancelled."))
    had_seat = booking.status == Booking.Status.BOOKED
    booking.status = Booking.Status.CANCELLED
    booking.status_changed_at = timezone.now()
    booking.save(update_fields=["status", "status_changed_at"])
    if had_seat:
        _promote(session)
    return booking


@transaction.atomic
def fill_from_waitlist(*, session: Session) -> list[Booking]:
    """Promote waitlisted people while seats are free (after a cancellation or a larger capacity)."""
    session = _locked_session(session)
    if session.has_started:
        return []
    return _promote(session)


@transaction.atomic
def record_attendance(*, booking: Booking, by, attended: bool) -> Booking:
    """Record whether a booked learner attended (the session's trainer or the programme team); attending completes the step."""
    found = Booking.objects.select_related("session", "person").get(pk=booking.pk)
    if not permissions.can_run_session(by, found.session):
        raise PermissionDenied(
            _("Only the session's trainer or the programme team take attendance.")
        )
    if not found.session.has_started:
        raise CourseError(_("Attendance is recorded once the session has started."))
    lock_person(found.person)
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("session", "person", "step")
        .get(pk=booking.pk)
    )
    if booking.status != Booking.Status.BOOKED:
        raise CourseError(_("Only people with a place at the session can attend it."))
    if booking.attended == attended:
        return booking
    if booking.attended:
        raise CourseError(
            _("Attendance was recorded and the step completed; it cannot be withdrawn here.")
        )
    booking.attended = attended
    booking.attendance_recorded_at = timezone.now()
    booking.attendance_recorded_by = by
    booking.save(update_fields=["attended", "attendance_recorded_at", "attendance_recorded_by"])
    if attended:
        complete(enrolment_for(booking.person, booking.step), booking.step)
    send_after_commit(signals.attendance_recorded, sender=Booking, booking=booking)
    return booking
