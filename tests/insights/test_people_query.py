"""A queued export reads its filters with a plain function (no form inside the task); it must
read every query exactly as the people page's form does."""

import pytest

from insights import selectors
from insights.forms import PeopleForm

pytestmark = pytest.mark.django_db


def queries(org) -> list[dict]:
    return [
        {},
        {"state": "credentialed", "sort": "level"},
        {"unit": str(org.units.advisory.pk), "language": "nl", "q": "  Ann "},
        {"stage": "enrolled", "state": "stuck"},
        {"unit": str(org.units.audit.pk)},  # outside a lead's units: the defaults
        {"unit": "999999"},
        {"q": "x" * 101},
        {"state": "everyone"},
        {"sort": "salary"},
        {"language": "de"},
        {"stage": "level_1"},
        {"stage": "headcount"},
    ]


@pytest.mark.parametrize("viewer", ["staff", "lotte"])
def test_the_export_reads_each_query_as_the_people_page_does(org, viewer):
    person = getattr(org, viewer)
    for query in queries(org):
        form = PeopleForm(query, viewer=person)
        assert selectors.people_query(query, viewer=person) == (form.filters(), form.options()), (
            query
        )


def test_the_states_the_page_offers_are_the_states_the_table_knows():
    offered = [key for key, _label in PeopleForm.STATES if key]
    assert offered == list(selectors.PEOPLE_STATES)
    assert [key for key, _label in PeopleForm.SORTS] == list(selectors.PEOPLE_SORTS)
