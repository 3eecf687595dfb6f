from django import template

from core.text import render_markdown

from .. import selectors

register = template.Library()


@register.simple_tag
def policy_body(version, language: str) -> dict:
    """`{% policy_body version language as body %}`: the version's text in `language` (English
    when there is no Dutch text) as safe HTML, with the language it is written in."""
    return {
        "language": version.body_language(language),
        "html": render_markdown(selectors.body_for(version, language)),
    }
