"""An iCalendar file (RFC 5545) per booking, written with the standard library.

Escaping and folding as in academy/icalendar.py, shared with the community topic calendar.
"""

import datetime

from django.conf import settings
from django.utils import timezone, translation

from academy.icalendar import escape, fold

from .models import Booking

PRODID = "-//Social Media Academy//Sessions//EN"


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def booking_ics(booking: Booking, *, language: str | None = None) -> str:
    """The session of a booking as one event, in the booker's language; a cancelled booking cancels it."""
    session = booking.session
    step = session.step
    language = language or booking.person.language
    host = settings.ACADEMY_BASE_URL.split("//")[-1].split("/")[0]
    cancelled = booking.status == Booking.Status.CANCELLED
    with translation.override(language):
        summary = step.title(language)
        description = [step.lesson.module.title(language)]
        if booking.status == Booking.Status.WAITLISTED:
            summary = translation.gettext("%(title)s (waitlist)") % {"title": summary}
            description.insert(0, translation.gettext("You are on the waitlist for this session."))
        if session.online_url:
            description.append(session.online_url)
        location = ", ".join(part for part in (session.place, session.online_url) if part)
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:{PRODID}",
            "CALSCALE:GREGORIAN",
            f"METHOD:{'CANCEL' if cancelled else 'PUBLISH'}",
            "BEGIN:VEVENT",
            f"UID:booking-{booking.pk}@{host}",
            f"DTSTAMP:{_utc(timezone.now())}",
            f"DTSTART:{_utc(session.starts_at)}",
            f"DTEND:{_utc(session.ends_at)}",
            f"SUMMARY:{escape(summary)}",
            f"DESCRIPTION:{escape(chr(10).join(description))}",
            f"STATUS:{'CANCELLED' if cancelled else ('TENTATIVE' if booking.status == Booking.Status.WAITLISTED else 'CONFIRMED')}",
            f"SEQUENCE:{int(booking.status_changed_at.timestamp())}",
        ]
        if location:
            lines.append(f"LOCATION:{escape(location)}")
        if session.online_url:
            lines.append(f"URL:{session.online_url}")
        lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def ics_filename(booking: Booking) -> str:
    return f"session-{booking.session_id}.ics"
