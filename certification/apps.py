from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "certification"
    verbose_name = _("Certification")

    def ready(self):
        from core import home as homes

        from . import home, receivers

        receivers.connect()
        homes.register("learner", home.learner_section)
        homes.register("trainer", home.nominate_section)
        homes.register("lead", home.nominate_section)
        homes.register("programme", home.programme_section)
