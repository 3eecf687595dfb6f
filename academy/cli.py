"""The `academy` console script: a thin wrapper over manage.py (see contracts.md).

`academy import-people FILE` runs the management command `import_people FILE`; every Django
command works too (`academy migrate`, `academy createsuperuser`).
"""

import os
import sys

from django.core.management import execute_from_command_line


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    if len(argv) > 1 and argv[1] == "demo":
        # The demo is for trying the academy on a laptop: debug pages and local static files.
        os.environ.setdefault("DEBUG", "1")
    execute_from_command_line(["academy", *argv[1:]])


if __name__ == "__main__":
    main()
