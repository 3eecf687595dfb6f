from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcademyConfig(AppConfig):
    """The project: settings, URLs, the command line, the role homes and the base templates."""

    name = "academy"
    verbose_name = _("Academy")
