from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = _("Social media policy")

    def ready(self):
        from core import home as homes

        from . import (
            checks,  # noqa: F401 - registers the system checks
            home,
        )

        homes.register("all", home.policy_section)
