"""The adoption dashboard in the browser, on the demo academy: filter by unit, download CSV."""

import csv
import io

import pytest
from django.utils.module_loading import import_string

from academy.management.commands.demo import DEMO_LOADERS
from people.demo import DEMO_PASSWORD, email
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    for loader in DEMO_LOADERS:
        import_string(loader)()


def test_the_dashboard_filters_by_unit_downloads_csv_and_shows_a_lead_only_their_units(
    page, new_page, demo, assert_accessible
):
    sign_in(page, email("emma.clarke"), DEMO_PASSWORD)
    page.goto("/insights/")
    assert_accessible(page)
    funnel = page.locator("#units-funnel")
    assert "Audit" in funnel.inner_text() and "Digital Strategy" in funnel.inner_text()

    page.get_by_label("Unit", exact=True).select_option(label="\u2003Advisory")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**unit=**")
    assert "Advisory" in page.get_by_role("heading", name="Adoption funnel").inner_text()
    rows = funnel.locator("tbody th").all_inner_texts()
    assert [r.strip() for r in rows] == ["Advisory", "Digital Strategy", "Risk Advisory"]
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").first.click()
    with open(download_info.value.path(), encoding="utf-8-sig") as downloaded:
        table = list(csv.reader(io.StringIO(downloaded.read())))
    assert table[0][:3] == ["Unit", "Level", "Headcount"]
    assert [row[0] for row in table[1:]] == [
        "Advisory",
        "Digital Strategy",
        "Risk Advisory",
        "Total",
    ]
    shown_total = page.locator("#units-funnel tfoot td").first.inner_text().strip()
    assert table[-1][2] == shown_total

    # A unit lead, in a browser of their own (the demo loads once for both: it takes a while).
    page = new_page()
    sign_in(page, email("pieter.vandijk"), DEMO_PASSWORD)
    page.goto("/insights/")
    # Pieter reads Dutch.
    assert page.locator("h1").inner_text() == "Adoptie in mijn afdelingen"
    assert "Audit" not in page.locator("#units-funnel").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Tabel met personen").first.click()
    page.wait_for_url("**/insights/people/**")
    assert "daan.jansen@brightwater.example" in page.locator("table").inner_text()
    assert "ruben.vos@brightwater.example" not in page.locator("table").inner_text()
    assert_accessible(page)
