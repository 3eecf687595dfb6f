"""System checks for a machine that would render certificates slowly or badly."""

import ctypes.util

from django.core.checks import Warning, register


@register()
def harfbuzz_subset_available(app_configs, **kwargs):
    # WeasyPrint subsets fonts with libharfbuzz-subset when present: ~6x faster PDFs than the
    # fontTools fallback (0.09 s against 0.53 s per certificate, measured).
    if ctypes.util.find_library("harfbuzz-subset"):
        return []
    return [
        Warning(
            "libharfbuzz-subset is not installed: certificates render about 6x slower.",
            hint="Install it (Debian/Ubuntu: apt-get install libharfbuzz-subset0).",
            id="core.W001",
        )
    ]


@register()
def branding_is_readable(app_configs, **kwargs):
    """ACADEMY_PRIMARY_COLOUR must be #rrggbb and dark enough for white text (WCAG AA)."""
    from django.conf import settings

    from .branding import DEFAULT_PRIMARY, HEX_COLOUR, contrast

    colour = (getattr(settings, "ACADEMY_PRIMARY_COLOUR", "") or "").strip()
    if not colour:
        return []
    if not HEX_COLOUR.match(colour):
        return [
            Warning(
                f"ACADEMY_PRIMARY_COLOUR {colour!r} is not a #rrggbb colour; "
                f"the default {DEFAULT_PRIMARY} is used.",
                id="core.W002",
            )
        ]
    if contrast(colour, "#ffffff") < 4.5:
        return [
            Warning(
                f"ACADEMY_PRIMARY_COLOUR {colour} is too light for white text and links on white "
                f"(contrast {contrast(colour, '#ffffff'):.1f}:1, WCAG AA needs 4.5:1).",
                hint="Choose a darker shade of the colour.",
                id="core.W003",
            )
        ]
    return []
