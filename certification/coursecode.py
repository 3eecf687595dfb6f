"""The `credentials:` section of course-as-code (registered with courses.coursecode).

A programme file lists the credentials it leads to; the section is checked with the rest of the
file (problems named by file and line) and, inside the same atomic import, creates or updates
their definitions (by slug); exporting writes them back.
"""

from courses import coursecode

from .definitions import check_definitions, dump_definitions, write_definitions
from .models import CredentialDefinition

SECTION = "credentials"


def write(programme, checked) -> None:
    write_definitions(checked, programme_slug=programme.slug)


def dump(programme):
    definitions = CredentialDefinition.objects.filter(programme_slug=programme.slug)
    return dump_definitions(definitions) or None


def register() -> None:
    coursecode.register_section(SECTION, check=check_definitions, write=write, dump=dump)
