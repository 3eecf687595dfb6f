"""Compliance lists with names: the people table shows and filters who has not acknowledged the
current policy and who is stuck on a step; its exports carry the same column; the policy coverage
page links to the names."""

import csv
import io

import pytest
from django.urls import reverse

from courses import services as courses
from insights import services
from policies import services as policies
from tests.policies.factories import version

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_policy(org, django_capture_on_commit_callbacks):
    current = version("1.0", days_ago=30)
    with django_capture_on_commit_callbacks(execute=True):
        for person in (org.people.ann, org.people.cas, org.people.fay):
            policies.acknowledge(person=person, version=current, language="en")
    services.rebuild()
    return org


def _emails(response):
    return {row["email"] for row in response.context["rows"]}


def test_the_programme_team_lists_who_has_not_acknowledged_the_policy(client_for, with_policy):
    response = client_for(with_policy.staff).get(reverse("insights:people"), {"state": "no_policy"})
    emails = _emails(response)
    assert {"bob@example.com", "dee@example.com", "eve@example.com", "gus@example.com"} <= emails
    assert not emails & {"ann@example.com", "cas@example.com", "fay@example.com"}


def test_a_lead_lists_only_the_people_of_their_units_who_have_not_acknowledged(
    client_for, with_policy
):
    response = client_for(with_policy.lotte).get(reverse("insights:people"), {"state": "no_policy"})
    assert _emails(response) == {
        "bob@example.com",
        "dee@example.com",
        "eve@example.com",
        "lotte@example.com",
    }


def test_the_people_table_and_its_csv_show_the_policy_column(client_for, with_policy):
    client = client_for(with_policy.staff)
    page = client.get(reverse("insights:people"), {"sort": "name"})
    assert "Current policy acknowledged" in page.content.decode()
    export = client.get(reverse("insights:export", args=["people", "csv"]), {"sort": "name"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    column = rows[0].index("Current policy acknowledged")
    by_email = {row[1]: row[column] for row in rows[1:]}
    assert by_email["ann@example.com"] == "yes" and by_email["bob@example.com"] == "no"


def test_a_learner_who_asked_for_help_is_listed_as_stuck(client_for, with_policy):
    quiz_module = with_policy.modules.basics
    courses.request_help(person=with_policy.people.dee, step=quiz_module.step)
    response = client_for(with_policy.staff).get(reverse("insights:people"), {"state": "stuck"})
    assert _emails(response) == {"dee@example.com"}


def test_the_coverage_page_links_to_the_names(client_for, with_policy):
    page = client_for(with_policy.lotte).get(reverse("policies:coverage")).content.decode()
    assert reverse("insights:people") + "?state=no_policy" in page
