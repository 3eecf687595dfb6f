"""iCalendar (RFC 5545) files through the `icalendar` library: escaping and folding are its job."""

import datetime

import icalendar
from django.conf import settings
from django.utils import timezone


def new_calendar(*, prodid: str, name: str = "", method: str = "") -> icalendar.Calendar:
    """An empty VCALENDAR (version 2.0, Gregorian) to add events to."""
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", prodid)
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def uid(kind: str, pk) -> str:
    """A globally unique event id: `<kind>-<pk>@<this site's host>`."""
    host = settings.ACADEMY_BASE_URL.split("//")[-1].split("/")[0]
    return f"{kind}-{pk}@{host}"


def new_event(*, uid: str, **properties) -> icalendar.Event:
    """A VEVENT stamped now (UTC); `properties` are added in order, None values skipped."""
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC).replace(microsecond=0))
    for name, value in properties.items():
        if value is not None and value != "":
            event.add(name.replace("_", "-"), value)
    return event


def to_text(calendar: icalendar.Calendar) -> str:
    return calendar.to_ical().decode()
