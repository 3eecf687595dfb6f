"""Template tags of the design system: branding, avatars with initials, progress rings."""

import hashlib

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core import branding as branding_module

register = template.Library()

AVATAR_TONES = 8


@register.simple_tag
def branding():
    """`{% branding as brand %}`: the academy's name, logo and colours (works without a request)."""
    return branding_module.current()


def initials(name: str) -> str:
    words = [word for word in (name or "").replace("-", " ").split() if word[:1].isalpha()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[-1][0]).upper()


@register.simple_tag
def avatar(name: str, size: str = "", image_url: str = ""):
    """A round avatar: the photo when there is one, else initials on a colour from the name.

    Decorative (the name is always written beside it), so hidden from screen readers."""
    tone = int(hashlib.sha256((name or "").encode()).hexdigest(), 16) % AVATAR_TONES
    classes = f"avatar tone-{tone}" + (f" {size}" if size else "")
    if image_url:
        return format_html(
            '<span class="{}" aria-hidden="true"><img src="{}" alt=""></span>', classes, image_url
        )
    return format_html('<span class="{}" aria-hidden="true">{}</span>', classes, initials(name))


@register.simple_tag
def progress_ring(done: int, total: int, size: str = ""):
    """A progress ring with the percentage in the middle and a text alternative."""
    percent = round(100 * done / total) if total else 0
    radius = 15.9155  # circumference 100, so the dash length is the percentage
    label = _("%(percent)s%% complete") % {"percent": percent}
    return format_html(
        '<span class="ring{}{}" role="img" aria-label="{}">'
        '<svg viewBox="0 0 36 36" aria-hidden="true" focusable="false">'
        '<circle class="ring-track" cx="18" cy="18" r="{}" fill="none" stroke-width="3.5"></circle>'
        '<circle class="ring-value" cx="18" cy="18" r="{}" fill="none" stroke-width="3.5" '
        'stroke-dasharray="{} {}"></circle></svg>'
        '<span class="ring-label" aria-hidden="true">{}%</span></span>',
        " complete" if percent >= 100 else "",
        f" {size}" if size else "",
        label,
        radius,
        radius,
        percent,
        100 - percent if percent < 100 else 0,
        percent,
    )
