import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ... import issuer, selectors, signing, status_lists
from ...models import IssuedCredential


class Command(BaseCommand):
    help = (
        "Write one credential's public files for an outside verifier: credential.json, "
        "credential.jwt (RS256/ES256), credential.eddsa.jwt, did.json, issuer.json (the issuer "
        "profile) and its status lists (revocation.json, suspension.json)."
    )

    def add_arguments(self, parser):
        parser.add_argument("serial", help="a serial, or EMAIL:CREDENTIAL_SLUG (latest one)")
        parser.add_argument("folder")

    def handle(self, *args, serial: str, folder: str, **options):
        if ":" in serial:
            email, slug = serial.rsplit(":", 1)
            credential = (
                IssuedCredential.objects.filter(
                    person__email=email.strip().lower(), definition__slug=slug
                )
                .order_by("-issued_at", "-id")
                .first()
            )
        else:
            credential = selectors.credential_by_serial(serial)
        if credential is None:
            raise CommandError(f"no credential {serial!r}")
        credential = signing.ensure_signed(credential)
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        (out / "credential.json").write_text(credential.signed_json, encoding="utf-8")
        (out / "credential.jwt").write_text(credential.signed_jwt, encoding="utf-8")
        (out / "credential.eddsa.jwt").write_text(credential.signed_jwt_eddsa, encoding="utf-8")
        (out / "did.json").write_text(json.dumps(signing.did_document(), indent=2))
        profile = issuer.profile_document(credential.language)
        (out / "issuer.json").write_text(json.dumps(profile, indent=2, ensure_ascii=False))
        for purpose in status_lists.PURPOSES:
            document = status_lists.signed_list(purpose, credential.status_list)
            (out / f"{purpose}.json").write_text(json.dumps(document, indent=2))
        self.stdout.write(f"{credential.serial} {credential.current_status} -> {out}")
