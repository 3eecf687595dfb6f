from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run background tasks (PDF rendering, email, bulk issuing) from the database queue."

    def handle(self, *args, **options):
        if settings.TASK_BACKEND != "database":
            raise CommandError(
                "tasks run immediately in this configuration; set ACADEMY_TASK_BACKEND=database "
                "to queue them for a worker"
            )
        call_command("db_worker")
