"""50 simultaneous issues give exactly one credential (PostgreSQL: real concurrency)."""

import pytest
from django.db import connection

from certification import services
from certification.models import IssuedCredential
from tests.concurrency import at_once


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_issues_give_exactly_one_credential(learner, certified):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    results, errors = at_once(
        lambda _i: services.issue(person=learner, definition=certified).pk, 50
    )
    assert errors == []
    assert IssuedCredential.objects.count() == 1
    assert set(results) == {IssuedCredential.objects.get().pk}
    assert IssuedCredential.objects.get().history.count() == 1
