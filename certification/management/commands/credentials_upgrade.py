from django.core.management.base import BaseCommand

from ... import services, signing
from ...models import IssuedCredential


class Command(BaseCommand):
    help = (
        "Sign credentials of an older signed format again in the current one (schema-valid "
        "Open Badges 3.0, RS256/ES256 VC-JWT with kid, hashed email); each is logged. Safe to "
        "run twice: the second run changes nothing."
    )

    def handle(self, *args, **options):
        outdated = IssuedCredential.objects.filter(
            signed_format__lt=signing.SIGNED_FORMAT, signed_at__isnull=False
        ).order_by("id")
        upgraded = 0
        for credential in outdated.iterator(chunk_size=200):
            upgraded += services.upgrade_signed_forms(credential=credential)
        self.stdout.write(f"signed {upgraded} credentials again in the current format")
