"""A credential rule kind added from one module (tests/rulekinds, installed by tests/settings.py)
works in course-as-code, in the evaluation of credentials and in the admin without any other
change."""

import textwrap

import pytest
from django.urls import reverse

from certification import services
from certification.models import CredentialDefinition, IssuedCredential
from courses import coursecode
from tests.factories import PersonFactory
from tests.rulekinds.models import InUnitRule

pytestmark = pytest.mark.django_db

PROGRAMME = textwrap.dedent(
    """\
    slug: advisory-voices
    title: Advisory voices
    modules:
      - slug: speak
        title: Speak
        minutes: 30
        lessons:
          - slug: start
            title: Start
            steps:
              - {slug: intro, kind: text, title: Intro, body: Hello}
    credentials:
      - slug: advisory-voice
        title: Advisory voice
        rules:
          - {kind: in_unit, unit: advisory}
    """
)


def load(text: str):
    return coursecode.import_documents([coursecode.parse_text(text, label="voices.yaml")])


def test_the_new_rule_kind_imports_and_exports_as_course_as_code(db):
    load(PROGRAMME)
    (rule,) = CredentialDefinition.objects.get(slug="advisory-voice").rules.all()
    assert isinstance(rule, InUnitRule) and rule.unit == "advisory"
    exported = coursecode.export_text("advisory-voices")
    assert "- kind: in_unit\n        unit: advisory" in exported
    load(exported)
    assert coursecode.export_text("advisory-voices") == exported


def test_a_bad_key_of_the_new_rule_kind_names_its_line(db):
    with pytest.raises(coursecode.CourseCodeError, match=r"^voices.yaml:16: .*rules\[0\]\.unit"):
        load(PROGRAMME.replace("unit: advisory", "unit: Not A Slug"))


def test_the_new_rule_kind_decides_who_earns_the_credential(learner, other_unit):
    load(PROGRAMME)
    outsider = type(learner).objects.create(email="out@example.com", unit=other_unit)
    assert [c.definition.slug for c in services.evaluate(person=learner)] == ["advisory-voice"]
    assert services.evaluate(person=outsider) == []
    assert not IssuedCredential.objects.filter(person=outsider).exists()


def test_the_new_rule_kind_is_edited_in_the_admin(client_for):
    load(PROGRAMME)
    definition = CredentialDefinition.objects.get(slug="advisory-voice")
    admin = PersonFactory(is_staff=True, is_superuser=True)
    page = client_for(admin).get(
        reverse("admin:certification_credentialdefinition_change", args=[definition.pk])
    )
    assert page.status_code == 200
    assert "rule: works in a unit" in page.text and 'value="advisory"' in page.text
