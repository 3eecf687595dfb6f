from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = _("Insights")

    def ready(self):
        from core import home as homes

        from . import home, receivers

        receivers.connect()
        homes.register("lead", home.summary_section)
        homes.register("programme", home.summary_section)
