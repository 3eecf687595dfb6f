"""A new major policy version not acknowledged within its grace period suspends the credentials
that require the policy; acknowledging reinstates them."""

import pytest

from certification import services
from certification.models import IssuedCredential
from policies import services as policy_services
from tests.policies.factories import AcknowledgementFactory, version

from .factories import DefinitionFactory


@pytest.fixture
def major(settings, learner, issued):
    """Version 1.0 (acknowledged by the learner) and a major 2.0, 40 days in effect."""
    settings.ACADEMY_POLICY_GRACE_DAYS = 30
    AcknowledgementFactory(person=learner, version=version("1.0", days_ago=400))
    return version("2.0", days_ago=40)


def test_credentials_requiring_the_policy_are_suspended_after_the_grace_period(
    issued, learner, major
):
    other = services.issue(person=learner, definition=DefinitionFactory(slug="no-policy"))
    assert services.enforce_policy_grace() == 1
    issued.refresh_from_db()
    other.refresh_from_db()
    assert issued.current_status == "suspended"
    assert issued.suspension == IssuedCredential.Suspension.POLICY
    assert "2.0" in issued.history.last().reason
    assert other.current_status == "valid"


def test_nothing_is_suspended_within_the_grace_period(settings, issued, major):
    settings.ACADEMY_POLICY_GRACE_DAYS = 60
    assert services.enforce_policy_grace() == 0


def test_those_who_acknowledged_keep_their_credential(issued, learner, major):
    AcknowledgementFactory(person=learner, version=major)
    assert services.enforce_policy_grace() == 0


def test_a_minor_version_asks_nobody_again(issued, learner, settings):
    settings.ACADEMY_POLICY_GRACE_DAYS = 30
    AcknowledgementFactory(person=learner, version=version("1.0", days_ago=400))
    version("1.1", days_ago=40)
    assert services.enforce_policy_grace() == 0


def test_acknowledging_reinstates_only_policy_suspensions(
    issued, learner, certified, major, django_capture_on_commit_callbacks
):
    services.enforce_policy_grace()
    manual = services.issue(person=learner, definition=DefinitionFactory(slug="manual"))
    services.suspend(credential=manual, reason="Under review")
    with django_capture_on_commit_callbacks(execute=True):
        policy_services.acknowledge(person=learner, language="en")
    issued.refresh_from_db()
    manual.refresh_from_db()
    assert issued.current_status == "valid"
    assert manual.current_status == "suspended"
    assert [e.action for e in issued.history.all()] == ["issued", "suspended", "reinstated"]
