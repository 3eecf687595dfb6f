import time

from django.core.management.base import BaseCommand

from insights import services


class Command(BaseCommand):
    help = "Recompute the adoption dashboards' figures from the source tables (a repair; atomic)."

    def handle(self, *args, **options):
        started = time.monotonic()
        figures = services.rebuild()
        self.stdout.write(
            f"Rebuilt the figures of {figures['people']:,} people and {figures['weeks']:,} "
            f"unit-weeks in {time.monotonic() - started:.1f} s."
        )
