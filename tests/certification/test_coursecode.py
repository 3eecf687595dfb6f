"""The `credentials:` section of course-as-code: errors name file:line, export round-trips.

(tests/courses/test_coursecode.py imports a whole programme file with this section.)"""

import types

import pytest

from certification import coursecode
from certification.models import CredentialDefinition
from courses.coursecode import CourseCodeError


class Source:
    """Stands in for the courses importer's source: node path -> "file.yaml:line"."""

    def where(self, node):
        return f"programme.yaml:{10 + len(node)}"


@pytest.fixture
def programme():
    return types.SimpleNamespace(slug="social-media-certified")


def test_credentials_section_creates_definitions_and_exports_them(db, programme):
    data = [
        {
            "slug": "certified",
            "title": {"en": "Certified", "nl": "Gecertificeerd"},
            "level": 1,
            "rules": [{"kind": "policy_acknowledged", "version": "current"}],
        }
    ]
    coursecode.load(programme, data, Source())
    assert CredentialDefinition.objects.get().programme_slug == "social-media-certified"
    assert coursecode.dump(programme) == data


def test_bad_rule_is_reported_with_file_and_line(db, programme):
    data = [{"slug": "x", "title": "X", "rules": [{"kind": "magic"}]}]
    with pytest.raises(CourseCodeError, match=r"^programme\.yaml:\d+: unknown rule kind 'magic'"):
        coursecode.load(programme, data, Source())


def test_programme_without_credentials_exports_none(db, programme):
    assert coursecode.dump(programme) is None
