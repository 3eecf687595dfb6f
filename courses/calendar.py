"""An iCalendar file (RFC 5545) per booking: the session, in the booker's language."""

import datetime

from django.utils import translation

from core.calendar import new_calendar, new_event, to_text, uid

from .models import Booking

PRODID = "-//Social Media Academy//Sessions//EN"


def booking_ics(booking: Booking, *, language: str | None = None) -> str:
    """The session of a booking as one event, in the booker's language; a cancelled booking cancels it."""
    session = booking.session
    step = session.step
    language = language or booking.person.language
    cancelled = booking.status == Booking.Status.CANCELLED
    waitlisted = booking.status == Booking.Status.WAITLISTED
    with translation.override(language):
        summary = step.title(language)
        description = [step.lesson.module.title(language)]
        if waitlisted:
            summary = translation.gettext("%(title)s (waitlist)") % {"title": summary}
            description.insert(0, translation.gettext("You are on the waitlist for this session."))
        if session.online_url:
            description.append(session.online_url)
        calendar = new_calendar(prodid=PRODID, method="CANCEL" if cancelled else "PUBLISH")
        calendar.add_component(
            new_event(
                uid=uid("booking", booking.pk),
                dtstart=session.starts_at.astimezone(datetime.UTC),
                dtend=session.ends_at.astimezone(datetime.UTC),
                summary=summary,
                description="\n".join(description),
                status="CANCELLED" if cancelled else ("TENTATIVE" if waitlisted else "CONFIRMED"),
                sequence=int(booking.status_changed_at.timestamp()),
                location=", ".join(p for p in (session.place, session.online_url) if p),
                url=session.online_url or None,
            )
        )
    return to_text(calendar)


def ics_filename(booking: Booking) -> str:
    return f"session-{booking.session_id}.ics"
