"""Shared by the revoke, suspend and reinstate commands."""

from django.core.management.base import BaseCommand, CommandError

from ... import selectors, services


class StatusCommand(BaseCommand):
    service = None
    needs_reason = True

    def add_arguments(self, parser):
        parser.add_argument("serial")
        parser.add_argument("--reason", required=self.needs_reason, default="")

    def handle(self, *args, serial: str, reason: str, **options):
        credential = selectors.credential_by_serial(serial)
        if credential is None:
            raise CommandError(f"no credential with serial {serial!r}")
        before = credential.status
        try:
            credential = type(self).service(credential=credential, reason=reason)
        except services.CredentialError as error:
            raise CommandError(str(error)) from None
        note = "" if credential.status != before else " (nothing changed)"
        self.stdout.write(f"{credential.serial} {credential.status}{note}")
