"""The `credentials:` section of course-as-code (registered with courses.coursecode).

A programme file lists the credentials it leads to; importing it creates or updates their
definitions (by slug) inside the same atomic import, and exporting writes them back.
"""

from .definitions import DefinitionError, dump_definitions, upsert_definitions
from .models import CredentialDefinition

SECTION = "credentials"


def load(programme, data, source) -> None:
    from courses.coursecode import CourseCodeError

    try:
        upsert_definitions(data, programme_slug=programme.slug, prefix=SECTION)
    except DefinitionError as error:
        raise CourseCodeError(f"{_where(source, error.node)}: {error.message}") from None


def _where(source, node: tuple) -> str:
    where = getattr(source, "where", None)
    if where is None:
        return ".".join(str(key) for key in node)
    try:
        return where(node)
    except (KeyError, IndexError, TypeError, ValueError):
        # The offending key may not exist in the file (a missing field): name its parent.
        return where(node[:-1]) if len(node) > 1 else where(node)


def dump(programme):
    definitions = CredentialDefinition.objects.filter(programme_slug=programme.slug)
    return dump_definitions(definitions) or None


def register() -> None:
    from courses import coursecode

    coursecode.register_section(SECTION, load=load, dump=dump)
