import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people import selectors as people_selectors
from people.models import Person, Unit

from ... import services, signing
from ...models import CredentialDefinition, IssuedCredential


class Command(BaseCommand):
    help = (
        "Issue a credential by hand to many people at once (rules bypassed, reason logged): "
        "everyone in a file of email addresses, or in a unit and the units under it. Signing "
        "and certificates follow in background tasks; --wait shows their progress."
    )

    def add_arguments(self, parser):
        parser.add_argument("definition", help="the credential's slug")
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--emails", type=Path, help="a text file, one email address a line")
        source.add_argument("--unit", help="a unit's slug: everyone in it and the units under it")
        parser.add_argument("--reason", required=True, help="why they are awarded (logged)")
        parser.add_argument(
            "--wait", action="store_true", help="wait until every credential is signed"
        )

    def handle(self, *args, definition: str, emails, unit, reason: str, wait: bool, **options):
        found = CredentialDefinition.objects.filter(slug=definition).first()
        if found is None:
            raise CommandError(f"no credential with slug {definition!r}")
        people = self._people(emails, unit)
        started = time.monotonic()
        try:
            result = services.award_in_bulk(definition=found, people=people, reason=reason)
        except services.CredentialError as error:
            raise CommandError(str(error)) from None
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"{len(result.issued):,} credentials issued in {elapsed:.1f} s; "
            f"{result.already_held:,} already held one (nothing changed for them)."
        )
        example = IssuedCredential.objects.filter(pk__in=result.issued[:1]).first()
        if example is not None:
            self.stdout.write(f"e.g. {example.serial} {signing.verify_url(example)}")
        if wait and result.issued:
            self._wait(result.issued)

    def _people(self, emails: Path | None, unit: str | None) -> list[Person]:
        if emails is not None:
            try:
                lines = emails.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"cannot read {emails}: {error}") from None
            wanted = {line.strip().lower() for line in lines if line.strip()}
            people = list(Person.objects.filter(email__in=wanted, is_active=True))
            missing = wanted - {person.email for person in people}
            if missing:
                raise CommandError(
                    f"{len(missing)} address(es) match nobody active, e.g. {sorted(missing)[0]}; "
                    "nothing issued"
                )
            return people
        root = Unit.objects.filter(slug=unit).first()
        if root is None:
            raise CommandError(f"no unit with slug {unit!r}")
        units = people_selectors.descendant_unit_ids([root.pk]) | {root.pk}
        return list(Person.objects.filter(unit_id__in=units, is_active=True))

    def _wait(self, ids: list[int]) -> None:
        started = time.monotonic()
        while True:
            signed, total = services.bulk_signing_progress(ids)
            sys.stderr.write(f"\rsigned {signed:,}/{total:,}")
            sys.stderr.flush()
            if signed >= total:
                break
            time.sleep(1)
        sys.stderr.write("\n")
        self.stdout.write(f"All signed in {time.monotonic() - started:.1f} s.")
