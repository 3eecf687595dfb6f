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
        "Run background tasks (PDF rendering, email, bulk issuing signing) from the queue: the "
        "database (ACADEMY_TASK_BACKEND=database) or Redis Queue (ACADEMY_TASK_BACKEND=rq), and "
        "the scheduled pass at start and every ACADEMY_SCHEDULE_MINUTES. "
        "Start one on each machine that should do the work."
    )

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="stop when the queue is empty")

    def handle(self, *args, burst: bool, **options):
        if settings.TASK_BACKEND not in ("rq", "database"):
            raise CommandError(
                "tasks run immediately in this configuration; set ACADEMY_TASK_BACKEND=database "
                "or rq to queue them for workers"
            )
        # A restarted worker first picks up what a dead one left behind.
        scheduled.run()
        stop = threading.Event()
        if not burst:
            threading.Thread(
                target=_every, args=(settings.ACADEMY_SCHEDULE_MINUTES, stop), daemon=True
            ).start()
        try:
            if settings.TASK_BACKEND == "rq":
                extra = ["--burst"] if burst else []
                call_command(
                    "rqworker",
                    "default",
                    "--job-class",
                    "django_tasks_rq.Job",
                    "--worker-class",
                    "academy.queue.Worker",
                    *extra,
                )
            else:
                call_command("db_worker", *(["--batch"] if burst else []))
        finally:
            stop.set()
