"""System checks for a machine that would render certificates slowly or badly."""

import ctypes.util

from django.core.checks import Tags, Warning, register


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
                id="core.W004",
            )
        ]
    if contrast(colour, "#ffffff") < 4.5:
        return [
            Warning(
                f"ACADEMY_PRIMARY_COLOUR {colour} is too light for white text and links on white "
                f"(contrast {contrast(colour, '#ffffff'):.1f}:1, WCAG AA needs 4.5:1).",
                hint="Choose a darker shade of the colour.",
                id="core.W005",
            )
        ]
    return []


# Caches that only one process sees: rate limits and the login lockout would count per process.
PROCESS_LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
)


@register(Tags.security, deploy=True)
def production_settings(app_configs, **kwargs):
    from urllib.parse import urlsplit

    from django.conf import settings

    problems = []
    host = (urlsplit(settings.ACADEMY_BASE_URL).hostname or "").lower()
    if host in {"localhost", "127.0.0.1", "::1"} or host.endswith(".localhost"):
        problems.append(
            Warning(
                f"ACADEMY_BASE_URL is {settings.ACADEMY_BASE_URL}: credentials would be signed "
                f"as did:web:{host} and links in emails would not work.",
                hint="Set ACADEMY_BASE_URL to the address people use, e.g. https://academy.example.com.",
                id="core.W002",
            )
        )
    for alias, cache in settings.CACHES.items():
        if cache.get("BACKEND") in PROCESS_LOCAL_CACHES:
            problems.append(
                Warning(
                    f"The cache '{alias}' ({cache['BACKEND'].rsplit('.', 1)[-1]}) is not shared "
                    "between web processes: rate limits and the login lockout count per process.",
                    hint="Set REDIS_URL, or use the default database cache.",
                    id="core.W003",
                )
            )
    return problems
