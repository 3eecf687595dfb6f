from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from people.models import ScimToken
from people.services import create_scim_token, revoke_scim_token


class Command(BaseCommand):
    help = (
        "Create a bearer token with which the HR system provisions people over SCIM "
        "(printed once, kept only as a hash); --revoke NAME stops one, --list shows them."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="what the token is for, e.g. 'entra-id'")
        parser.add_argument("--revoke", action="store_true", help="revoke the token NAME")
        parser.add_argument("--list", action="store_true", help="list the tokens")

    def handle(self, *args, name: str | None, revoke: bool, list: bool, **options):
        if list:
            for token in ScimToken.objects.all():
                state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "active"
                used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
                self.stdout.write(
                    f"{token.name}\t{state}\tcreated {token.created_at:%Y-%m-%d}\tlast used {used}"
                )
            return
        if not name:
            raise CommandError("give the token a name, e.g. academy scim-token entra-id")
        try:
            if revoke:
                revoke_scim_token(name=name)
                self.stdout.write(f"revoked SCIM token {name}")
                return
            token, secret = create_scim_token(name=name)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        self.stdout.write(secret)
        self.stderr.write(
            f"SCIM token {token.name}: give the HR system {settings.ACADEMY_BASE_URL}/scim/v2 "
            "and this token; it is not shown again."
        )
