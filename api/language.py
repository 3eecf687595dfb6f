"""The language the API answers in."""

from django.utils import translation

from core.text import LANGUAGES


def language_of(request, asked: str | None) -> str:
    """The asked language, else the request's (Accept-Language), else the person's preference."""
    if asked in LANGUAGES:
        return asked
    active = (translation.get_language() or "")[:2]
    if active in LANGUAGES:
        return active
    return getattr(request.user, "language", "en")
