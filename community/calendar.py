"""The topic calendar as iCalendar (RFC 5545)."""

import datetime

from django.utils import translation

from core.calendar import new_calendar, new_event, to_text, uid

from .models import Topic

PRODID = "-//Social Media Academy//Topic calendar//EN"


def _event(topic: Topic):
    description = [topic.key_messages]
    if topic.hashtag_list:
        description.append(" ".join(topic.hashtag_list))
    description.extend(topic.link_list)
    return new_event(
        uid=uid("topic", topic.pk),
        dtstart=topic.starts_on,
        dtend=topic.ends_on + datetime.timedelta(days=1),
        summary=topic.title,
        description="\n".join(d for d in description if d),
        transp="TRANSPARENT",
        categories=topic.audiences or None,
        url=topic.link_list[0] if topic.link_list else None,
    )


def topics_ical(topics, *, language: str) -> str:
    """All-day events (end date exclusive), titles and messages in the given language."""
    with translation.override(language):
        calendar = new_calendar(prodid=PRODID, name=translation.gettext("Topic calendar"))
        for topic in topics:
            calendar.add_component(_event(topic))
    return to_text(calendar)
