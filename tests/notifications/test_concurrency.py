"""Four passes at once (two workers each with two threads, say) on PostgreSQL send each notification once (the ledger's unique key)."""

import pytest
from django.db import connection

from notifications import services
from notifications.models import Notification
from tests.concurrency import at_once

from .conftest import days_before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_four_passes_at_once_send_each_notification_once(learner, trainer, required, mailoutbox):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    results, errors = at_once(lambda _i: services.run_due(now=days_before(3)), 4)
    assert errors == []
    assert (
        sum(result["training_due"] for result in results)
        == Notification.objects.filter(kind="training_due").count()
    )
    assert Notification.objects.filter(kind="training_due", recipient=learner).count() == 1
    sent_to = [m.to[0] for m in mailoutbox if "Basics" in m.subject]
    assert sorted(sent_to) == sorted(set(sent_to))
    assert learner.email in sent_to
