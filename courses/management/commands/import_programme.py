from django.core.management.base import BaseCommand, CommandError

from ...coursecode import OUTCOMES, CourseCodeError, import_paths
from ...models import Lifecycle, Programme
from ...services import publish_programme


class Command(BaseCommand):
    help = (
        "Load a programme from course-as-code (a YAML file, or a folder with programme.yaml and "
        "one file per module); upsert by slug. A new programme or module arrives as a draft; "
        "--publish publishes it too. Every problem is named file:line on stderr and nothing is "
        "written. --check tells what an import would change, without writing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a programme YAML file or folder")
        parser.add_argument(
            "--check",
            action="store_true",
            help="check the file and count what would be created, updated, removed, unchanged",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish the programme and its draft modules (otherwise new ones stay drafts)",
        )

    def handle(self, *args, path: str, check: bool, publish: bool, **options):
        try:
            result = import_paths([path], dry_run=check)
        except CourseCodeError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            count = len(error.problems)
            raise CommandError(
                f"{count} problem{'s' if count != 1 else ''}; nothing was imported"
            ) from None
        if check:
            for kind, counts in result.by_kind().items():
                self.stdout.write(f"{kind}: " + ", ".join(f"{o} {counts[o]}" for o in OUTCOMES))
            self.stdout.write("checked; nothing was written")
            return
        self.stdout.write(result.summary())
        for programme in Programme.objects.filter(slug__in=result.programmes):
            if publish:
                publish_programme(programme=programme, actor=None)
                self.stdout.write(f"{programme.slug}: published")
            elif (
                programme.status != Lifecycle.PUBLISHED
                or programme.modules.filter(status=Lifecycle.DRAFT).exists()
            ):
                self.stdout.write(
                    f"{programme.slug}: drafts are not in the catalogue; publish them at "
                    f"/programme/programmes/{programme.slug}/ or run again with --publish"
                )
