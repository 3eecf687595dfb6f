from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people.services import RosterError, import_roster


class Command(BaseCommand):
    help = (
        "Upsert people by email from an HR roster CSV with the columns "
        "email,first_name,last_name,unit,role,manager_email,language. A bad row fails the whole file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the roster, UTF-8 CSV")

    def handle(self, *args, file: Path, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        try:
            result = import_roster(data=data)
        except RosterError as error:
            extra = "".join(f"\n{file}: {message}" for message in error.errors[1:])
            raise CommandError(
                f"{file}: {error.errors[0]}{extra}\nnothing was imported ({len(error.errors)} error(s))"
            ) from error
        self.stdout.write(f"{file}: {result.summary()}")
