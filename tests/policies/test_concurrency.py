"""Simultaneous requests leave one acknowledgement and one published number (PostgreSQL)."""

import pytest
from django.db import connection
from django.utils import timezone

from policies import services
from policies.models import Acknowledgement, PolicyVersion
from tests.concurrency import at_once

from .factories import BODY_EN, BODY_NL, version

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_at_once(count, work):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    return at_once(work, count)


def test_twenty_simultaneous_acknowledgements_give_one(learner):
    current = version("1.0", days_ago=10)
    results, errors = run_at_once(
        20, lambda i: services.acknowledge(person=learner, version=current, language="en").pk
    )
    assert errors == []
    assert Acknowledgement.objects.count() == 1
    assert set(results) == {Acknowledgement.objects.get().pk}


def test_simultaneous_new_drafts_give_one_draft(programme):
    version("1.0", days_ago=10)

    def start(index):
        return services.create_draft(
            by=programme,
            kind=services.MAJOR if index % 2 else services.MINOR,
            body_en=BODY_EN,
            body_nl=BODY_NL,
            effective_on=timezone.localdate(),
        ).pk

    results, errors = run_at_once(10, start)
    assert PolicyVersion.objects.drafts().count() == 1
    assert len(results) == 1
    assert all(isinstance(e, services.PolicyError) for e in errors) and len(errors) == 9
