from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from allauth.account.signals import user_logged_in

        from . import checks, receivers  # noqa: F401 (system checks register on import)

        user_logged_in.connect(receivers.map_sso_claims, dispatch_uid="people.map_sso_claims")
