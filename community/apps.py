from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        from core import home as homes

        from . import home

        homes.register("all", home.everyone_section)
        homes.register("learner", home.recognition_section)
        homes.register("trainer", home.champion_section)
        homes.register("lead", home.insight_section)
        homes.register("programme", home.nominations_section, home.insight_section)
