"""`{% cover module %}`: a programme's or module's cover image, or one drawn in the academy's
colours when none was uploaded (inline SVG: no request, no inline style)."""

import hashlib

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from core import branding

register = template.Library()

WIDTH, HEIGHT = 640, 240


def _shades(seed: int) -> tuple[str, str, str]:
    """A background, a pattern and an accent colour from the brand colour, varied per item."""
    primary = branding.current().primary
    darker = branding.mix(primary, "#000000", 0.15 + (seed % 3) * 0.1)
    lighter = branding.mix(primary, "#ffffff", 0.25 + (seed % 4) * 0.1)
    accent = branding.mix(primary, "#ffffff", 0.75)
    return darker, lighter, accent


def generated_cover(title: str, key: str) -> str:
    """Circles and a band placed by a hash of `key`, so each module keeps its own cover."""
    digest = hashlib.sha256(key.encode()).digest()
    background, pattern, accent = _shades(digest[0])
    circles = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="{}" fill="{}" opacity="{}"></circle>',
        (
            (
                40 + digest[i] * 560 // 255,
                digest[i + 1] * HEIGHT // 255,
                30 + digest[i + 2] % 90,
                pattern if i % 2 else accent,
                "0.35" if i % 2 else "0.18",
            )
            for i in range(1, 16, 3)
        ),
    )
    initials = "".join(word[0] for word in title.split()[:2] if word[:1].isalnum()).upper()
    return format_html(
        '<svg class="cover" viewBox="0 0 {} {}" preserveAspectRatio="xMidYMid slice" '
        'aria-hidden="true" focusable="false"><rect width="{}" height="{}" fill="{}"></rect>{}'
        '<path d="M0 {} L{} {} L{} {} L0 {} Z" fill="{}" opacity="0.25"></path>'
        '<text x="32" y="{}" font-size="72" font-weight="700" fill="#ffffff" opacity="0.9" '
        'font-family="Inter, DejaVu Sans, sans-serif">{}</text></svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        background,
        circles,
        HEIGHT - 40 - digest[20] % 60,
        WIDTH,
        HEIGHT - 120 - digest[21] % 60,
        WIDTH,
        HEIGHT,
        HEIGHT,
        pattern,
        HEIGHT - 32,
        initials,
    )


@register.simple_tag
def cover(item, fallback=None):
    """The uploaded cover of a module or programme (or of `fallback`), else a generated one."""
    for source in (item, fallback):
        if source is not None and getattr(source, "cover", None):
            kind = "module" if hasattr(source, "programme_id") else "programme"
            url = reverse("courses:cover", args=[kind, source.slug])
            version = hashlib.sha256(source.cover.name.encode()).hexdigest()[:8]
            return format_html(
                '<img class="cover" src="{}?v={}" alt="" width="{}" height="{}" loading="lazy">',
                url,
                version,
                WIDTH,
                HEIGHT,
            )
    title = item.title() if callable(getattr(item, "title", None)) else str(item.title)
    return generated_cover(title, item.slug)
