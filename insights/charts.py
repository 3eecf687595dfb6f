"""Charts drawn on the server as inline SVG: no JavaScript, no CDN.

Each chart is decorative for screen readers (`aria-hidden`) because the template always puts an
accessible data table beside it with the same figures; the SVG carries a <title> for sighted
mouse users. Colours are the stylesheet's brand colours, which meet WCAG AA contrast on white.
"""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

BRAND = "#0b4f6c"
ACCENT = "#9a3412"
GRID = "#c9d2da"
INK = "#1b1f24"
SERIES_COLOURS = [BRAND, ACCENT, "#166534", "#6b21a8", "#8a4b00"]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    note: str = ""  # shown after the value, e.g. "42%"


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def bar_chart(bars: list[Bar], *, title: str, width: int = 640) -> SafeString:
    """Horizontal bars, one per row, longest bar scaled to the available width."""
    if not bars:
        return mark_safe("")
    row, label_width, value_width = 28, 270, 100
    height = row * len(bars) + 8
    plot = width - label_width - value_width
    top = max((bar.value for bar in bars), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false">',
        f"<title>{escape(title)}</title>",
    ]
    for i, bar in enumerate(bars):
        y = 4 + i * row
        length = max(0.0, plot * bar.value / top)
        label = bar.label if len(bar.label) <= 36 else bar.label[:35] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 18}" text-anchor="end" font-size="12" '
            f'fill="{INK}">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 10}" '
            f'fill="{BRAND}" rx="2"></rect>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 18}" font-size="13" '
            f'fill="{INK}">{escape(_fmt(bar.value))}{escape(" · " + bar.note if bar.note else "")}'
            "</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float]


def line_chart(
    labels: list[str], series: list[Series], *, title: str, width: int = 640, height: int = 220
) -> SafeString:
    """Lines over shared x labels (e.g. weeks), with a light grid and a legend."""
    if not labels or not series:
        return mark_safe("")
    left, right, top_pad, bottom = 48, 12, 12, 44
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max((max(s.values, default=0) for s in series), default=0) or 1
    step = plot_w / max(len(labels) - 1, 1)

    def x(i: int) -> float:
        return left + i * step

    def y(value: float) -> float:
        return top_pad + plot_h - plot_h * value / top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false">',
        f"<title>{escape(title)}</title>",
    ]
    for fraction in (0, 0.5, 1):
        gy = y(top * fraction)
        parts.append(
            f'<line x1="{left}" y1="{gy:.1f}" x2="{width - right}" y2="{gy:.1f}" '
            f'stroke="{GRID}" stroke-width="1"></line>'
            f'<text x="{left - 6}" y="{gy + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{INK}">{escape(_fmt(top * fraction))}</text>'
        )
    every = max(1, len(labels) // 8)
    for i, label in enumerate(labels):
        if i % every == 0 or i == len(labels) - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                f'font-size="11" fill="{INK}">{escape(label)}</text>'
            )
    for n, serie in enumerate(series):
        colour = SERIES_COLOURS[n % len(SERIES_COLOURS)]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(serie.values))
        dash = "" if n == 0 else ' stroke-dasharray="6 3"'
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}>'
            "</polyline>"
        )
        lx = left + n * 170
        parts.append(
            f'<line x1="{lx}" y1="{height - 10}" x2="{lx + 24}" y2="{height - 10}" '
            f'stroke="{colour}" stroke-width="3"{dash}></line>'
            f'<text x="{lx + 30}" y="{height - 6}" font-size="12" fill="{INK}">'
            f"{escape(serie.name)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
