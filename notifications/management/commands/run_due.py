import argparse
import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from notifications import services


def moment(value: str) -> datetime.datetime:
    parsed = parse_datetime(value)
    if parsed is None:
        try:
            parsed = datetime.datetime.combine(datetime.date.fromisoformat(value), datetime.time())
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"--now {value!r} is not an ISO date and time (e.g. 2026-03-01T09:00)"
            ) from None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


class Command(BaseCommand):
    help = (
        "Send the reminders, escalations, notes and digests that are due (once each: a second "
        "run sends nothing new); prints how many of each kind were sent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", type=moment, default=None, help="behave as if it were this moment (ISO)"
        )

    def handle(self, *args, now, **options):
        for name, count in services.run_due(now=now).items():
            self.stdout.write(f"{name}: {count}")
