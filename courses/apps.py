from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from core import home as homes

        from . import home, receivers, staff_home

        receivers.connect()
        homes.register("learner", home.learner_section)
        homes.register("trainer", staff_home.trainer_section)
        homes.register("lead", staff_home.lead_section)
        homes.register("programme", staff_home.programme_section)
