"""Texts stored once per language (`<name>_en`, `<name>_nl`), read in the page's language."""

from core.languages import CODES as LANGUAGES
from core.text import in_language

__all__ = ["LANGUAGES", "in_language", "set_texts", "texts"]


def texts(obj, field: str) -> dict[str, str]:
    """Every stored language of a text, e.g. {"en": ..., "nl": ...}."""
    return {language: getattr(obj, f"{field}_{language}") for language in LANGUAGES}


def set_texts(obj, field: str, values: dict[str, str]) -> None:
    for language in LANGUAGES:
        setattr(obj, f"{field}_{language}", values.get(language, ""))
