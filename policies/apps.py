from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = _("Social media policy")

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
