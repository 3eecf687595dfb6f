import pytest

from certification import services
from certification.models import ModulesCompletedRule, PolicyAcknowledgedRule

from .factories import DefinitionFactory


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    # Issuer key and certificates in a folder of each test's own.
    settings.DATA_DIR = tmp_path
    settings.ACADEMY_BASE_URL = "http://testserver"
    settings.ACADEMY_ISSUER_NAME = "Brightwater Social Media Academy"


@pytest.fixture
def certified(db):
    definition = DefinitionFactory(
        slug="certified",
        title_en="Social Media Certified",
        title_nl="Social Media Gecertificeerd",
        signature_title_en="",
        level=1,
    )
    ModulesCompletedRule.objects.create(definition=definition, modules=["basics", "care"])
    PolicyAcknowledgedRule.objects.create(definition=definition, position=1)
    return definition


@pytest.fixture
def professional(certified):
    from certification.models import HoldsCredentialRule

    definition = DefinitionFactory(
        slug="professional",
        title_en="Social Media Professional",
        title_nl="Social Media Professional",
        signature_title_en="Social Media Professional",
        signature_title_nl="Social Media Professional",
        level=2,
    )
    HoldsCredentialRule.objects.create(definition=definition, credential=certified)
    return definition


@pytest.fixture
def issued(learner, certified):
    return services.issue(person=learner, definition=certified)
