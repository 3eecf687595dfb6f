from django.core.management.base import BaseCommand

from ... import services


class Command(BaseCommand):
    help = (
        "Daily: record expired credentials and suspend those whose holders did not acknowledge "
        "a new major policy version within its grace period."
    )

    def handle(self, *args, **options):
        expired = services.expire_due()
        suspended = services.enforce_policy_grace()
        self.stdout.write(f"expired {expired}, suspended for the policy {suspended}")
