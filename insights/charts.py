"""Charts drawn on the server as inline SVG: no JavaScript, no CDN. (The funnel is drawn as
HTML bars in its template, so that its text stays readable on a phone.)

Each chart is decorative for screen readers (`aria-hidden`) because the template always puts an
accessible data table beside it with the same figures; the SVG carries a <title> for sighted
mouse users. The first series takes the academy's brand colour (darkened where needed to keep the
3:1 contrast on white that WCAG asks of graphics); the others are fixed colours that meet it too.
"""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from core import branding

ACCENT = "#9a3412"
GRID = "#c9d2da"
INK = "#1b1f24"
OTHER_SERIES = [ACCENT, "#166534", "#6b21a8", "#8a4b00"]


def series_colours() -> list[str]:
    """The colours of a chart's lines: the brand colour first, readable on white."""
    brand = branding.current().primary
    for _step in range(10):
        if branding.contrast(brand, "#ffffff") >= 3:
            break
        brand = branding.mix(brand, "#000000", 0.2)
    return [brand, *OTHER_SERIES]


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


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
    colours = series_colours()
    for n, serie in enumerate(series):
        colour = colours[n % len(colours)]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(serie.values))
        dash = "" if n == 0 else ' stroke-dasharray="6 3"'
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}>'
            "</polyline>"
        )
        # A dot per week with a tooltip (the figures are also in the table beside the chart).
        for i, value in enumerate(serie.values):
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="3.5" fill="{colour}">'
                f"<title>{escape(serie.name)}, {escape(labels[i])}: {escape(_fmt(value))}</title>"
                "</circle>"
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
