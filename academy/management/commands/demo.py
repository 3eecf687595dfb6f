import os
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.utils.module_loading import import_string

# Each app that has demo content offers `demo.load() -> list[str]` (what it created), run in order.
DEMO_LOADERS = [
    "people.demo.load",
    "policies.demo.load",
    "courses.demo.load",
    "community.demo.load",
    "certification.demo.load",
    "insights.demo.load",
]


class Command(BaseCommand):
    help = "Migrate, load the demo academy (idempotent), print the logins and serve on localhost."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="load the demo and stop")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, no_serve: bool, port: int, **options):
        # Links in credentials, PDFs and emails point where the demo serves, unless
        # ACADEMY_BASE_URL says otherwise; the printed address is the same. "localhost" as in
        # the default ACADEMY_BASE_URL, so that on port 8000 the demo and every other command
        # (award, revoke, run-due) sign and link with one issuer address.
        base_url = os.environ.get("ACADEMY_BASE_URL") or f"http://localhost:{port}"
        with override_settings(
            ACADEMY_BASE_URL=base_url.rstrip("/"),
            ACADEMY_VIDEO_EMBED_HOSTS=[
                *settings.ACADEMY_VIDEO_EMBED_HOSTS,
                urlsplit(base_url).hostname or "localhost",
            ],
        ):
            self._load_and_serve(no_serve=no_serve, port=port)

    def _load_and_serve(self, *, no_serve: bool, port: int) -> None:
        from people import demo as people_demo

        call_command("migrate", interactive=False, verbosity=0)
        created: list[str] = []
        for loader in DEMO_LOADERS:
            created.extend(import_string(loader)())
        if created:
            self.stdout.write(f"Loaded the demo academy: {len(created)} things created.")
        else:
            self.stdout.write("The demo academy is already loaded: nothing changed.")
        url = f"{settings.ACADEMY_BASE_URL}/"
        self.stdout.write(f"\nDemo academy: {url}  (data in {settings.DATA_DIR})")
        self.stdout.write(f"Logins (password for each: {people_demo.DEMO_PASSWORD}):")
        for role, email in people_demo.login_emails().items():
            self.stdout.write(f"  {role:<10} {email}")
        if no_serve:
            return
        self.stdout.write("")
        call_command("runserver", f"localhost:{port}", use_reloader=False)
