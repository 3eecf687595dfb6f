from django.core.management.base import BaseCommand, CommandError

from ...coursecode import CourseCodeError, import_path


class Command(BaseCommand):
    help = (
        "Load a programme from course-as-code (a YAML file, or a folder with programme.yaml and "
        "one file per module); upsert by slug. An error names file:line and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a programme YAML file or folder")

    def handle(self, *args, path: str, **options):
        try:
            result = import_path(path)
        except CourseCodeError as error:
            raise CommandError(f"{error}; nothing was imported") from None
        self.stdout.write(result.summary())
