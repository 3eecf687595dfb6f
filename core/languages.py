"""The languages the academy speaks: one list for settings, forms, models and course-as-code."""

from django.utils.translation import gettext_lazy as _

# English first: it is the fallback when a text is missing in the asked language.
LANGUAGES = [("en", _("English")), ("nl", _("Dutch"))]
CODES: tuple[str, ...] = tuple(code for code, _name in LANGUAGES)
