from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from allauth.account.signals import user_logged_in
        from django.db.models.signals import post_migrate, post_save

        from . import checks, receivers  # noqa: F401 (system checks register on import)

        user_logged_in.connect(receivers.map_sso_claims, dispatch_uid="people.map_sso_claims")
        post_save.connect(
            receivers.keep_programme_team_group,
            sender="people.Person",
            dispatch_uid="people.keep_programme_team_group",
        )
        # Connected after django.contrib.auth's receiver (earlier in INSTALLED_APPS), so an app's
        # permissions exist when this one runs.
        post_migrate.connect(
            receivers.grant_programme_team_permissions,
            dispatch_uid="people.grant_programme_team_permissions",
        )
