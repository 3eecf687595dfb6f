"""The format of course-as-code: its keys (`courses.dataspec` specs), the sections higher apps
own, and the error every problem is reported as."""

from collections.abc import Callable
from dataclasses import dataclass

from .. import dataspec
from ..models import (
    AUDIENCE_ROLES,
)
from ..models.catalogue import MAX_MODULE_MINUTES

FOLDER_PROGRAMME_FILE = "programme.yaml"


STEP_KEYS = ("slug", "kind", "title")


class CourseCodeError(dataspec.Problem):
    """A programme that cannot be imported: `problems` are every problem found (each one a
    CourseCodeError whose message is `file:line: path: what is wrong`), the message all of them,
    one per line."""

    def __init__(self, message: str = "", *, problems: list | None = None):
        self.problems = list(problems) if problems else [self]
        super().__init__(message or "\n".join(str(problem) for problem in self.problems))


@dataclass
class Section:
    check: Callable
    write: Callable
    dump: Callable


SECTIONS: dict[str, Section] = {}


def register_section(name: str, *, check: Callable, write: Callable, dump: Callable) -> None:
    """Let a higher app own the top-level key `name`: `check(data, here) -> checked` with the
    rest of the file (problems through `here.fail`, named by file and line), `write(programme,
    checked)` inside the import's transaction, `dump(programme) -> data | None` on export."""
    SECTIONS[name] = Section(check=check, write=write, dump=dump)


PROGRAMME_SPEC = dataspec.specs(
    dataspec.Slug("slug", required=True),
    dataspec.Text("title", required=True, max_length=200),
    dataspec.Text("description"),
    dataspec.Boolean("requires_time_approval", default=False),
    dataspec.Integer("position", minimum=0, maximum=100_000, default=100),
)


# Files exported before programmes had a lifecycle say `published: true`. They still import;
# the key is read and ignored: publishing is an act on the programme's page (or --publish).
LIFECYCLE_KEY = "published"
MODULE_SPEC = dataspec.specs(
    dataspec.Slug("slug", required=True),
    dataspec.Text("title", required=True, max_length=200),
    dataspec.Text("summary"),
    dataspec.Integer("minutes", minimum=1, maximum=MAX_MODULE_MINUTES, required=True),
    dataspec.Boolean("foundation", attr="is_foundation", default=False),
    dataspec.SlugList("platforms"),
)


LESSON_SPEC = dataspec.specs(
    dataspec.Slug("slug", required=True),
    dataspec.Text("title", required=True, max_length=200),
)


STEP_SPEC = dataspec.specs(
    dataspec.Slug("slug", required=True),
    dataspec.Text("title", required=True, max_length=200),
)


AUDIENCE_SPEC = dataspec.specs(
    dataspec.SlugList("units"),
    dataspec.SlugList("roles", choices=AUDIENCE_ROLES),
)
