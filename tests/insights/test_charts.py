"""Charts follow the academy's brand colour and stay readable on white."""

from core import branding
from insights.charts import Series, line_chart, series_colours


def test_the_first_line_takes_the_brand_colour(settings):
    settings.ACADEMY_PRIMARY_COLOUR = "#7a1f5c"
    chart = line_chart(["W1", "W2"], [Series("Started", [1, 3])], title="Weekly")
    assert 'stroke="#7a1f5c"' in chart


def test_a_pale_brand_colour_is_darkened_until_lines_read_on_white(settings):
    settings.ACADEMY_PRIMARY_COLOUR = "#ffe14d"
    first = series_colours()[0]
    assert first != "#ffe14d"
    assert branding.contrast(first, "#ffffff") >= 3


def test_every_series_colour_reads_on_white(settings):
    for colour in series_colours():
        assert branding.contrast(colour, "#ffffff") >= 3


def test_two_series_get_different_colours_and_the_second_is_dashed():
    chart = line_chart(
        ["W1", "W2"], [Series("Started", [1, 3]), Series("Finished", [0, 2])], title="Weekly"
    )
    colours = series_colours()
    assert f'stroke="{colours[0]}"' in chart and f'stroke="{colours[1]}"' in chart
    assert 'stroke-dasharray="6 3"' in chart
