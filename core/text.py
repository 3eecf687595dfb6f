"""User-written markdown turned into safe HTML (markdown, then sanitised with nh3)."""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .languages import CODES

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "ins",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
EXTENSIONS = ["tables", "sane_lists", "smarty"]


def render_markdown(text: str) -> SafeString:
    """Markdown to HTML with only harmless tags and attributes left (links get rel=noopener)."""
    html = markdown_lib.markdown(text or "", extensions=EXTENSIONS, output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def in_language(obj, field: str, language: str | None = None) -> str:
    """A text stored per language (`<field>_en`, `<field>_nl`) in `language` (default: the
    active one), else in English, else in whichever language it was written."""
    language = (language or get_language() or "en")[:2]
    preferred = [language, "en", *CODES] if language in CODES else ["en", *CODES]
    for code in preferred:
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""
