"""Texts stored once per language (`<name>_en`, `<name>_nl`), read in the page's language."""

from django.utils.translation import get_language

LANGUAGES = ("en", "nl")


def in_language(obj, field: str, language: str | None = None) -> str:
    """The text in `language` (default: the active one), falling back to English."""
    language = (language or get_language() or "en")[:2]
    value = getattr(obj, f"{field}_{language}", "") if language in LANGUAGES else ""
    return value or getattr(obj, f"{field}_en", "")


def texts(obj, field: str) -> dict[str, str]:
    """Every stored language of a text, e.g. {"en": ..., "nl": ...}."""
    return {language: getattr(obj, f"{field}_{language}") for language in LANGUAGES}


def set_texts(obj, field: str, values: dict[str, str]) -> None:
    for language in LANGUAGES:
        setattr(obj, f"{field}_{language}", values.get(language, ""))
