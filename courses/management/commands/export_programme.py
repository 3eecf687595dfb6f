import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...coursecode import CourseCodeError, export_folder, export_text


class Command(BaseCommand):
    help = (
        "Write a programme as course-as-code: to standard output, a .yaml file, or (with a path "
        "that is a folder or ends in /) a folder with programme.yaml and one file per module."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the programme's slug")
        parser.add_argument("-o", "--output", default="-", help="file or folder (default: stdout)")

    def handle(self, *args, slug: str, output: str, **options):
        try:
            if output == "-":
                self.stdout.write(export_text(slug), ending="")
                return
            path = Path(output)
            if output.endswith(("/", "\\")) or path.is_dir():
                written = export_folder(slug, path)
                sys.stderr.write(f"wrote {len(written)} files to {path}\n")
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(export_text(slug), encoding="utf-8")
        except CourseCodeError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror or error}") from None
