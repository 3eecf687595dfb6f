import datetime

import pytest

from community.calendar import topics_ical
from tests.community.factories import TopicFactory

pytestmark = pytest.mark.django_db


def test_topics_become_all_day_events_with_an_exclusive_end():
    topic = TopicFactory(
        starts_on=datetime.date(2026, 3, 2), ends_on=datetime.date(2026, 3, 8), title_en="Report"
    )
    body = topics_ical([topic], language="en")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20260302\r\n" in body
    assert "DTEND;VALUE=DATE:20260309\r\n" in body
    assert f"UID:topic-{topic.pk}@" in body


def test_the_calendar_speaks_the_persons_language():
    topic = TopicFactory(title_en="Annual report", title_nl="Jaarverslag")
    assert "SUMMARY:Jaarverslag" in topics_ical([topic], language="nl")
    assert "SUMMARY:Annual report" in topics_ical([topic], language="en")


def test_text_is_escaped_and_long_lines_are_folded_without_splitting_characters():
    topic = TopicFactory(
        title_en="Tax; rules, explained",
        messages_en="Ünïcödé " * 30,
        hashtags="#tax",
    )
    body = topics_ical([topic], language="en")
    assert "SUMMARY:Tax\\; rules\\, explained" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    unfolded = body.replace("\r\n ", "")
    assert "Ünïcödé " * 3 in unfolded


def test_a_script_link_stored_before_validation_is_neither_linked_nor_in_the_calendar(
    client, learner
):
    from django.urls import reverse

    from tests.community.factories import TopicFactory

    topic = TopicFactory(links="javascript:alert(1)\nhttps://example.com/report")
    assert topic.link_list == ["https://example.com/report"]
    assert "javascript" not in topics_ical([topic], language="en")
    client.force_login(learner)
    assert "javascript:" not in client.get(reverse("community:topics")).content.decode()
