from django.core.management.base import BaseCommand

from academy import scheduled


class Command(BaseCommand):
    help = (
        "Run the scheduled pass once: send the notifications that are due, reconcile dashboard "
        "figures, retry stale background jobs."
    )

    def handle(self, *args, **options):
        for name, count in scheduled.run().items():
            self.stdout.write(f"{name}: {count}")
