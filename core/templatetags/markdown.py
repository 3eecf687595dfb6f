"""The `markdown` filter: user-written markdown (policies, submissions) as sanitised HTML."""

from django import template

from core.text import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """`{{ body|markdown }}`: user-written markdown as sanitised HTML."""
    return render_markdown(text)
