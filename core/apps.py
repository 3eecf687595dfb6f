from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(sender, using, **kwargs) -> None:
    """Every migrate also makes the cache table (rate limits and logins need it at once)."""
    if sender.name == "django.contrib.sessions":
        call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(create_cache_table, dispatch_uid="core.create_cache_table")
