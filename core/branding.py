"""The academy's branding from settings: its name, logo and primary colour.

Pages (base template), emails, the PDF certificate and the default badge artwork all read it
here, so an organisation rebrands by setting ACADEMY_NAME, ACADEMY_LOGO and
ACADEMY_PRIMARY_COLOUR. The stylesheet holds the default colour; a different one is served as a
small stylesheet (/brand.css) so that no inline style is needed (the Content-Security-Policy
forbids them).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import gettext as _

DEFAULT_PRIMARY = "#3730a3"
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _channels(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _hex(rgb) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def _luminance(colour: str) -> float:
    def linear(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(colour: str, other: str, amount: float) -> str:
    """`amount` (0..1) of `other` mixed into `colour`."""
    a, b = _channels(colour), _channels(other)
    return _hex(x + (y - x) * amount for x, y in zip(a, b, strict=True))


@dataclass(frozen=True)
class Branding:
    name: str
    logo_url: str  # empty: the generated mark (academy/mark.svg)
    primary: str
    primary_dark: str
    primary_soft: str
    on_primary: str

    @property
    def is_default_colour(self) -> bool:
        return self.primary.lower() == DEFAULT_PRIMARY

    @property
    def initial(self) -> str:
        return (self.name.strip()[:1] or "A").upper()

    def rgb(self) -> tuple[int, int, int]:
        return _channels(self.primary)

    def stylesheet(self) -> str:
        return (
            f":root{{--brand:{self.primary};--brand-dark:{self.primary_dark};"
            f"--brand-soft:{self.primary_soft};--on-brand:{self.on_primary}}}\n"
        )


def primary_colour() -> str:
    colour = (getattr(settings, "ACADEMY_PRIMARY_COLOUR", "") or DEFAULT_PRIMARY).strip()
    return colour.lower() if HEX_COLOUR.match(colour) else DEFAULT_PRIMARY


@lru_cache(maxsize=16)
def _build(name: str, logo: str, primary: str) -> Branding:
    # White text when it reads on the colour (WCAG AA, 4.5:1), else near-black.
    on_primary = "#ffffff" if contrast(primary, "#ffffff") >= 4.5 else "#161a23"
    dark = mix(primary, "#000000", 0.25)
    return Branding(
        name=name,
        logo_url=logo,
        primary=primary,
        primary_dark=dark,
        primary_soft=mix(primary, "#ffffff", 0.9),
        on_primary=on_primary,
    )


def current() -> Branding:
    """The branding now (settings are read each time, so tests can override them)."""
    logo = getattr(settings, "ACADEMY_LOGO", "")
    if logo and "://" not in logo and not logo.startswith("/"):
        logo = static(logo)
    return _build(
        getattr(settings, "ACADEMY_NAME", "") or _("Social Media Academy"), logo, primary_colour()
    )
