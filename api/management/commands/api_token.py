from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api import services
from people.models import Person


class Command(BaseCommand):
    help = (
        "Make a personal access token for the REST API for a person; the token is printed once "
        "and only its hash is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="the person the token acts as")
        parser.add_argument("--scope", choices=["read", "write"], required=True)
        parser.add_argument("--expires", type=int, metavar="DAYS", help="days until it expires")
        parser.add_argument("--name", default="command line", help="what the token is for")

    def handle(self, *args, email: str, scope: str, expires: int | None, name: str, **options):
        person = Person.objects.filter(email=email.strip().lower()).first()
        if person is None:
            raise CommandError(f"no person has the email address {email}")
        try:
            token, secret = services.create_token(
                person=person, name=name, scope=scope, expires_in_days=expires
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(secret)
        until = f"until {token.expires_at:%Y-%m-%d}" if token.expires_at else "without expiry"
        self.stderr.write(
            f"{scope} token for {person.email}, valid {until}; it is not shown again."
        )
