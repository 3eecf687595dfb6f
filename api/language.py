"""The language the API answers in."""

from django.utils import translation

from core.languages import CODES


def language_of(request, asked: str | None) -> str:
    """The asked language, else the request's (Accept-Language), else the person's preference."""
    if asked in CODES:
        return asked
    active = (translation.get_language() or "")[:2]
    if active in CODES:
        return active
    return getattr(request.user, "language", "en")
