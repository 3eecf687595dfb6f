from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from core import home as homes

        from . import home, receivers

        receivers.connect()
        homes.register("programme", home.failed_emails_section)
