"""Drill-down: a stage of the funnel or a unit on the dashboard opens the people behind it."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _emails(client, query):
    response = client.get(reverse("insights:people"), query)
    return sorted(row["email"] for row in response.context["rows"]), response


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        ("foundation", ["ann@example.com", "cas@example.com", "fay@example.com"]),
        ("level_1", ["ann@example.com", "cas@example.com"]),
        ("level_2", ["ann@example.com"]),
    ],
)
def test_the_people_table_shows_the_people_of_a_funnel_stage(client_for, rebuilt, stage, expected):
    emails, _response = _emails(client_for(rebuilt.staff), {"stage": stage})
    assert emails == expected


def test_a_stage_and_a_unit_combine_and_are_named_in_the_caption(client_for, rebuilt):
    client = client_for(rebuilt.staff)
    advisory = rebuilt.units.advisory
    emails, response = _emails(client, {"stage": "foundation", "unit": advisory.pk})
    assert emails == ["ann@example.com", "cas@example.com"]
    caption = response.content.decode().split('id="people-caption">')[1].split("</caption>")[0]
    assert "Advisory" in caption and "Completed the foundation" in caption


def test_the_dashboard_links_each_stage_and_unit_to_the_people_table(client_for, rebuilt):
    page = client_for(rebuilt.staff).get(reverse("insights:dashboard")).content.decode()
    people = reverse("insights:people")
    assert f'href="{people}?stage=foundation#people-table"' in page
    assert f'href="{people}?unit={rebuilt.units.advisory.pk}#people-table"' in page


def test_a_lead_cannot_drill_into_a_unit_outside_their_own(client_for, rebuilt):
    emails, _response = _emails(
        client_for(rebuilt.lotte), {"stage": "foundation", "unit": rebuilt.units.audit.pk}
    )
    assert "fay@example.com" not in emails


def test_an_unknown_stage_is_refused_and_shows_everyone_in_view(client_for, rebuilt):
    emails, response = _emails(client_for(rebuilt.lotte), {"stage": "level_99; drop"})
    assert response.status_code == 200
    assert "ann@example.com" in emails and "fay@example.com" not in emails


def test_a_funnel_stage_larger_than_the_one_before_is_explained(client_for, rebuilt):
    page = client_for(rebuilt.staff).get(reverse("insights:dashboard")).content.decode()
    # Enrolled (5) is larger than reached by an awareness session (3 in Strategy).
    assert 'id="funnel-note"' in page and "are not steps everyone takes in order" in page
