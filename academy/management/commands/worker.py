from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Run background tasks (PDF rendering, email, bulk issuing signing) from the queue: the "
        "database (ACADEMY_TASK_BACKEND=database) or Redis Queue (ACADEMY_TASK_BACKEND=rq). "
        "Start one on each machine that should do the work."
    )

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="stop when the queue is empty")

    def handle(self, *args, burst: bool, **options):
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
        elif settings.TASK_BACKEND == "database":
            call_command("db_worker", *(["--batch"] if burst else []))
        else:
            raise CommandError(
                "tasks run immediately in this configuration; set ACADEMY_TASK_BACKEND=database "
                "or rq to queue them for workers"
            )
