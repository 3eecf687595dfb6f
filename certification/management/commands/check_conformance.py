import json

from django.core.management.base import BaseCommand, CommandError

from ... import conformance, issuer, pages, selectors, signing, status_lists
from ...models import CredentialDefinition, IssuedCredential


class Command(BaseCommand):
    help = (
        "Validate what the academy publishes against the official Open Badges 3.0 JSON "
        "Schemas: every issued credential (signing any not signed yet), the issuer profile, "
        "each achievement and each status list. One line per problem; exit 1 if any."
    )

    def handle(self, *args, **options):
        problems: list[str] = []

        def check(what: str, errors: list[str]) -> None:
            problems.extend(f"{what}: {error}" for error in errors)

        credentials = IssuedCredential.objects.select_related("definition").order_by("id")
        count = 0
        for credential in credentials.iterator(chunk_size=200):
            credential = signing.ensure_signed(credential)
            check(
                credential.serial, conformance.credential_errors(json.loads(credential.signed_json))
            )
            count += 1
        check("issuer profile", conformance.profile_errors(issuer.profile_document()))
        for definition in CredentialDefinition.objects.order_by("id"):
            definition = selectors.definition_by_slug(definition.slug)
            document = pages.achievement_document(definition, language="en")
            check(f"achievement {definition.slug}", conformance.achievement_errors(document))
        numbers = sorted(set(credentials.values_list("status_list", flat=True)))
        for number in numbers:
            for purpose in status_lists.PURPOSES:
                document = status_lists.signed_list(purpose, number)
                check(f"status list {purpose}-{number}", conformance.status_list_errors(document))
        if problems:
            raise CommandError(
                f"{len(problems)} problem(s) against the Open Badges 3.0 schemas:\n"
                + "\n".join(problems)
            )
        self.stdout.write(
            f"{count} credentials, the issuer profile, "
            f"{CredentialDefinition.objects.count()} achievements and "
            f"{len(numbers) * len(status_lists.PURPOSES)} status lists conform"
        )
