from django.core.management.base import BaseCommand, CommandError

from people.models import Person

from ... import services, signing
from ...models import CredentialDefinition


class Command(BaseCommand):
    help = "Issue a credential by hand (rules bypassed, reason logged); prints serial and URL."

    def add_arguments(self, parser):
        parser.add_argument("credential_slug")
        parser.add_argument("email")
        parser.add_argument("--evidence", default="", help="why it is awarded (logged)")

    def handle(self, *args, credential_slug: str, email: str, evidence: str, **options):
        definition = CredentialDefinition.objects.filter(slug=credential_slug).first()
        if definition is None:
            raise CommandError(f"no credential with slug {credential_slug!r}")
        person = Person.objects.filter(email=email.strip().lower()).first()
        if person is None:
            raise CommandError(f"nobody with email {email!r}")
        try:
            credential, created = services.award(
                definition=definition, person=person, evidence=evidence
            )
        except services.CredentialError as error:
            raise CommandError(str(error)) from None
        note = "" if created else " (already held; nothing changed)"
        self.stdout.write(f"{credential.serial} {signing.verify_url(credential)}{note}")
