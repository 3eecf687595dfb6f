"""The `academy` console script: a thin wrapper over manage.py (its commands and exit codes: README, "Command line").

`academy import-people FILE` runs the management command `import_people FILE`; every Django
command works too (`academy migrate`, `academy createsuperuser`). A failure is one line on
stderr and exit code 1 (`--traceback` shows the whole story).
"""

import os
import sys

from django.core.management import execute_from_command_line


def problem_line(error: BaseException) -> str:
    """One line that says what went wrong, for someone at a terminal."""
    from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError

    detail = (str(error).strip().splitlines() or [error.__class__.__name__])[0]
    if isinstance(error, IntegrityError):
        return (
            "another command or person changed the same records at the same moment; "
            f"run the command again ({detail})"
        )
    if isinstance(error, OperationalError | InterfaceError):
        return f"the database cannot be reached or is busy: {detail}"
    if isinstance(error, DatabaseError):
        return f"the database refused the change: {detail}"
    return f"{error.__class__.__name__}: {detail}"


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    if len(argv) > 1 and argv[1] == "demo":
        # The demo is for trying the academy on a laptop: debug pages and local static files.
        os.environ.setdefault("DEBUG", "1")
    try:
        execute_from_command_line(["academy", *argv[1:]])
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:
        if "--traceback" in argv:
            raise
        sys.stderr.write(f"academy: error: {problem_line(error)}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
