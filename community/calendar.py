"""The topic calendar as iCalendar (RFC 5545), written with the standard library."""

import datetime

from django.conf import settings
from django.utils import timezone, translation

from academy.icalendar import escape, fold

from .models import Topic

PRODID = "-//Social Media Academy//Topic calendar//EN"


def _event(topic: Topic, stamp: str) -> list[str]:
    description = [topic.key_messages]
    if topic.hashtag_list:
        description.append(" ".join(topic.hashtag_list))
    description.extend(topic.link_list)
    host = settings.ACADEMY_BASE_URL.split("//")[-1]
    lines = [
        "BEGIN:VEVENT",
        f"UID:topic-{topic.pk}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{topic.starts_on:%Y%m%d}",
        f"DTEND;VALUE=DATE:{topic.ends_on + datetime.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape(topic.title)}",
        f"DESCRIPTION:{escape(chr(10).join(d for d in description if d))}",
        "TRANSP:TRANSPARENT",
    ]
    if topic.audiences:
        lines.append(f"CATEGORIES:{escape(topic.audiences)}")
    if topic.link_list:
        lines.append(f"URL:{topic.link_list[0]}")
    lines.append("END:VEVENT")
    return lines


def topics_ical(topics, *, language: str) -> str:
    """All-day events (end date exclusive), titles and messages in the given language."""
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    with translation.override(language):
        name = translation.gettext("Topic calendar")
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:{PRODID}",
            "CALSCALE:GREGORIAN",
            f"X-WR-CALNAME:{escape(name)}",
        ]
        for topic in topics:
            lines.extend(_event(topic, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
