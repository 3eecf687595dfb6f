"""Two HR imports of the same roster at the same moment (PostgreSQL: real concurrency)."""

import pytest
from django.db import connection

from people.models import Person
from people.services import import_roster
from tests.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

HEADER = "email,first_name,last_name,unit,role,manager_email,language\n"


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


def test_two_imports_of_the_same_roster_at_once_both_finish_and_create_each_person_once(
    unit, monkeypatch
):
    from people import services

    monkeypatch.setattr(services, "WRITE_BATCH", 5)
    rows = "".join(
        f"p{i}@example.com,P{i},Test,advisory,,{f'p{i - 1}@example.com' if i else ''},en\n"
        for i in range(30)
    )
    data = (HEADER + rows).encode()

    results, errors = at_once(lambda _index: import_roster(data=data), 2)

    assert errors == [] and len(results) == 2
    assert Person.objects.filter(email__startswith="p").count() == 30
    assert sum(len(result.created) for result in results) == 30
    assert Person.objects.get(email="p29@example.com").manager.email == "p28@example.com"
