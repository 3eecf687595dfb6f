"""The `credentials:` section of course-as-code: checked with the rest of the file (errors name
file:line), written in the same import, exported back.

(tests/courses/test_coursecode.py imports whole programme files with this section.)"""

import textwrap

import pytest

from certification.models import CredentialDefinition
from courses import coursecode
from courses.coursecode import CourseCodeError
from courses.models import Programme

PROGRAMME = textwrap.dedent(
    """\
    slug: social-media-certified
    title: Certified
    modules:
      - slug: basics
        title: Basics
        minutes: 60
        lessons:
          - slug: read
            title: Read
            steps:
              - {slug: intro, kind: text, title: Intro, body: Hello}
    credentials:
      - slug: certified
        title: {en: Certified, nl: Gecertificeerd}
        level: 1
        rules:
          - {kind: policy_acknowledged, version: current}
    """
)


def load(text: str):
    return coursecode.import_documents([coursecode.parse_text(text, label="programme.yaml")])


def test_credentials_section_creates_definitions_and_exports_them(db):
    load(PROGRAMME)
    assert CredentialDefinition.objects.get().programme_slug == "social-media-certified"
    exported = coursecode.programme_data(Programme.objects.get(slug="social-media-certified"))
    assert exported["credentials"] == [
        {
            "slug": "certified",
            "title": {"en": "Certified", "nl": "Gecertificeerd"},
            "level": 1,
            "rules": [{"kind": "policy_acknowledged", "version": "current"}],
        }
    ]


def test_bad_rule_is_reported_with_file_and_line(db):
    bad = PROGRAMME.replace("kind: policy_acknowledged, version: current", "kind: magic")
    with pytest.raises(
        CourseCodeError,
        match=r"^programme\.yaml:17: credentials\[0\]\.rules\[0\]\.kind: unknown rule kind 'magic'",
    ):
        load(bad)
    assert not CredentialDefinition.objects.exists()


def test_programme_without_credentials_exports_none(db):
    load(PROGRAMME.split("credentials:")[0])
    programme = Programme.objects.get(slug="social-media-certified")
    assert "credentials" not in coursecode.programme_data(programme)
