"""The real policy selectors and signal fit what certification relies on (docs/apis.md): a
credential that requires the policy is suspended after a major version's grace period and
reinstated when its holder acknowledges."""

import pytest

from certification import services as certification
from certification.models import CredentialDefinition, PolicyAcknowledgedRule
from policies import services
from policies.signals import policy_acknowledged

from .factories import version

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _issuer(settings):
    settings.ACADEMY_BASE_URL = "http://testserver"
    settings.ACADEMY_ISSUER_NAME = "Brightwater Social Media Academy"


@pytest.fixture
def credential(learner, v1):
    services.acknowledge(person=learner, version=v1, language="en")
    definition = CredentialDefinition.objects.create(
        slug="certified",
        title_en="Social Media Certified",
        title_nl="Social Media Gecertificeerd",
        criteria_en="Acknowledged the policy.",
        criteria_nl="Heeft het beleid bevestigd.",
        valid_for_days=730,
    )
    PolicyAcknowledgedRule.objects.create(definition=definition, position=0)
    return certification.issue(person=learner, definition=definition, by_hand=True, reason="test")


def test_the_policy_acknowledged_signal_alone_reinstates_a_suspended_credential(
    credential, learner
):
    version("2.0", days_ago=31)
    certification.enforce_policy_grace()
    # The acknowledgement is saved; its signal (sent after commit) is not sent in this test's
    # transaction, so the credential stays suspended until the signal reaches certification.
    acknowledgement = services.acknowledge(person=learner, language="nl")
    credential.refresh_from_db()
    assert credential.current_status == "suspended"
    policy_acknowledged.send(
        sender=type(acknowledgement), person=learner, version=acknowledgement.version
    )
    credential.refresh_from_db()
    assert credential.current_status == "valid"


def test_a_missed_grace_period_suspends_and_acknowledging_reinstates(
    credential, learner, django_capture_on_commit_callbacks
):
    version("2.0", days_ago=31)
    assert certification.enforce_policy_grace() == 1
    credential.refresh_from_db()
    assert credential.current_status == "suspended"
    with django_capture_on_commit_callbacks(execute=True):
        services.acknowledge(person=learner, language="nl")
    credential.refresh_from_db()
    assert credential.current_status == "valid"


def test_within_the_grace_period_nothing_is_suspended(credential):
    version("2.0", days_ago=29)
    assert certification.enforce_policy_grace() == 0


def test_a_minor_version_suspends_nobody(credential):
    version("1.1", days_ago=100)
    assert certification.enforce_policy_grace() == 0
