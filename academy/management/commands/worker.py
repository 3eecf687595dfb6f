import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from academy import scheduled


def _every(minutes: int, stop: threading.Event) -> None:
    while not stop.wait(minutes * 60):
        scheduled.run()
        connections.close_all()


class Command(BaseCommand):
    help = (
        "Run background tasks (PDF rendering, email, bulk issuing) from the database queue, and "
        "the scheduled pass every ACADEMY_SCHEDULE_MINUTES."
    )

    def handle(self, *args, **options):
        if settings.TASK_BACKEND != "database":
            raise CommandError(
                "tasks run immediately in this configuration; set ACADEMY_TASK_BACKEND=database "
                "to queue them for a worker"
            )
        # A restarted worker first picks up what a dead one left behind.
        scheduled.run()
        stop = threading.Event()
        threading.Thread(
            target=_every, args=(settings.ACADEMY_SCHEDULE_MINUTES, stop), daemon=True
        ).start()
        try:
            call_command("db_worker")
        finally:
            stop.set()
