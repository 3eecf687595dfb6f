"""50 simultaneous completions give exactly one credential (PostgreSQL: real concurrency)."""

import threading

import pytest
from django.db import connection, connections

from certification import services
from certification.models import IssuedCredential


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_issues_give_exactly_one_credential(learner, certified):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    barrier = threading.Barrier(50)
    results, errors = [], []

    def complete():
        try:
            barrier.wait()
            results.append(services.issue(person=learner, definition=certified).pk)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=complete) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert IssuedCredential.objects.count() == 1
    assert set(results) == {IssuedCredential.objects.get().pk}
    assert IssuedCredential.objects.get().events.count() == 1
