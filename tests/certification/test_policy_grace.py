"""A new major policy version not acknowledged within its grace period suspends the credentials
that require the policy; acknowledging reinstates them."""

import sys
import types
from datetime import timedelta

import pytest
from django.utils import timezone

from certification import services
from certification.models import IssuedCredential

from .factories import DefinitionFactory


@pytest.fixture
def policy(monkeypatch):
    """The policies API (apis.md) as this test needs it: a current major version whose grace
    period ended yesterday, and who acknowledged it."""
    state = types.SimpleNamespace(
        version=types.SimpleNamespace(number="2.0", is_major=True),
        deadline=timezone.now() - timedelta(days=1),
        acknowledged=set(),
    )
    fake = types.ModuleType("policies.selectors")
    fake.current_version = lambda: state.version
    fake.grace_deadline = lambda version: state.deadline
    fake.acknowledged_current_ids = lambda ids, as_of=None: set(ids) & state.acknowledged
    fake.has_acknowledged_current = lambda person, as_of=None: person.pk in state.acknowledged
    monkeypatch.setitem(sys.modules, "policies.selectors", fake)
    monkeypatch.setattr("policies.selectors", fake, raising=False)
    return state


def test_credentials_requiring_the_policy_are_suspended_after_the_grace_period(
    issued, learner, policy
):
    other = services.issue(person=learner, definition=DefinitionFactory(slug="no-policy"))
    assert services.enforce_policy_grace() == 1
    issued.refresh_from_db()
    other.refresh_from_db()
    assert issued.current_status == "suspended"
    assert issued.suspension == IssuedCredential.Suspension.POLICY
    assert "2.0" in issued.events.last().reason
    assert other.current_status == "valid"


def test_nothing_is_suspended_within_the_grace_period(issued, policy):
    policy.deadline = timezone.now() + timedelta(days=3)
    assert services.enforce_policy_grace() == 0


def test_those_who_acknowledged_keep_their_credential(issued, learner, policy):
    policy.acknowledged.add(learner.pk)
    assert services.enforce_policy_grace() == 0


def test_acknowledging_reinstates_only_policy_suspensions(issued, learner, certified, policy):
    services.enforce_policy_grace()
    manual = services.issue(person=learner, definition=DefinitionFactory(slug="manual"))
    services.suspend(credential=manual, reason="Under review")
    policy.acknowledged.add(learner.pk)
    [reinstated] = services.reinstate_after_acknowledgement(person=learner)
    assert reinstated == issued and reinstated.current_status == "valid"
    manual.refresh_from_db()
    assert manual.current_status == "suspended"
    assert [e.action for e in issued.events.all()] == ["issued", "suspended", "reinstated"]
