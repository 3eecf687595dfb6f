"""Who sees the dashboards, and exports that hold exactly what the page shows."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from insights import services
from insights.models import Export

pytestmark = pytest.mark.django_db

PAGES = [
    reverse("insights:dashboard"),
    reverse("insights:people"),
    reverse("insights:export", args=["units", "csv"]),
    reverse("insights:export", args=["trends", "xlsx"]),
    reverse("insights:export", args=["people", "csv"]),
]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize(
    "role, status",
    [("anonymous", 302), ("learner", 403), ("trainer", 403), ("lead", 200), ("programme", 200)],
)
def test_who_may_open_the_insights(client_for, people_by_role, role, status, url):
    response = client_for(people_by_role[role]).get(url)
    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


def test_the_programme_team_sees_every_unit(client_for, rebuilt):
    page = client_for(rebuilt.staff).get(reverse("insights:dashboard")).content.decode()
    assert "Advisory" in page and "Audit" in page and "Strategy" in page


def test_a_lead_sees_only_their_own_units(client_for, rebuilt):
    page = client_for(rebuilt.lotte).get(reverse("insights:dashboard")).content.decode()
    assert "Advisory" in page and "Strategy" in page
    assert "Audit" not in page


def test_a_lead_asking_for_another_unit_gets_an_error_and_their_own_units(client_for, rebuilt):
    response = client_for(rebuilt.lotte).get(
        reverse("insights:dashboard"), {"unit": rebuilt.units.audit.pk}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Some filters were not valid" in page
    assert "Audit" not in page and "Strategy" in page


def test_the_people_table_of_a_lead_lists_only_their_people(client_for, rebuilt):
    page = client_for(rebuilt.lotte).get(reverse("insights:people")).content.decode()
    assert "ann@example.com" in page and "cas@example.com" in page
    assert "fay@example.com" not in page


def test_the_people_table_filters_by_state(client_for, rebuilt):
    page = (
        client_for(rebuilt.staff)
        .get(reverse("insights:people"), {"state": "waiting"})
        .content.decode()
    )
    assert "eve@example.com" in page and "ann@example.com" not in page


def test_the_people_table_sorts_by_modules_completed(client_for, rebuilt):
    response = client_for(rebuilt.staff).get(reverse("insights:people"), {"sort": "modules"})
    assert response.context["rows"][0]["email"] == "ann@example.com"


def _csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_units_csv_holds_the_figures_of_the_page(client_for, rebuilt):
    client = client_for(rebuilt.staff)
    page = client.get(reverse("insights:dashboard"), {"language": "nl"})
    export = client.get(reverse("insights:export", args=["units", "csv"]), {"language": "nl"})
    assert export["Content-Type"].startswith("text/csv")
    rows = _csv(export)
    header, body = rows[0], rows[1:]
    assert header[:4] == ["Unit", "Level", "Headcount", "Reached by awareness sessions"]
    on_page = page.context["unit_tables"][0]
    assert [r[0] for r in body] == [r.label for r in on_page["rows"]] + ["Total"]
    total = body[-1]
    assert total[header.index("Headcount")] == "4"
    assert total[header.index("Enrolled")] == str(on_page["total"].cells[2].value) == "2"


def test_the_people_csv_lists_the_people_of_the_page(client_for, rebuilt):
    client = client_for(rebuilt.lotte)
    page = client.get(reverse("insights:people"))
    rows = _csv(client.get(reverse("insights:export", args=["people", "csv"])))
    assert [r[1] for r in rows[1:]] == [r["email"] for r in page.context["rows"]]


def test_the_people_table_shows_dates_as_people_write_them_and_the_csv_as_iso(client_for, rebuilt):
    import re

    client = client_for(rebuilt.lotte)
    page = client.get(reverse("insights:people")).content.decode()
    assert not re.search(r">\d{4}-\d{2}-\d{2}<", page)  # 30/11/2026, not 2026-11-30
    assert re.search(r">\d{2}/\d{2}/\d{4}<", page)
    rows = _csv(client.get(reverse("insights:export", args=["people", "csv"])))
    enrolled = rows[0].index("Enrolled on")
    assert any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[enrolled]) for row in rows[1:])


def test_the_trends_xlsx_opens_with_one_row_per_week(client_for, rebuilt):
    response = client_for(rebuilt.staff).get(
        reverse("insights:export", args=["trends", "xlsx"]), {"weeks": 4}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Week starting" and len(rows) == 5


def test_text_starting_like_a_formula_is_exported_as_text(client_for, rebuilt):
    rebuilt.people.bob.first_name = "=HYPERLINK(1)"
    rebuilt.people.bob.save()
    rows = _csv(client_for(rebuilt.staff).get(reverse("insights:export", args=["people", "csv"])))
    assert any(r[0].startswith("'=HYPERLINK") for r in rows)


def test_a_large_xlsx_is_made_in_the_background_with_progress(
    client_for, rebuilt, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "XLSX_INLINE_ROWS", 2)
    client = client_for(rebuilt.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("insights:export", args=["people", "xlsx"]))
    job = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("insights:export_status", args=[job.pk])
    assert job.status == Export.Status.DONE and job.rows_total == job.rows_done == 9
    status = client.get(response["Location"])
    assert b"Download the XLSX file" in status.content
    download = client.get(reverse("insights:export_download", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert len(list(sheet.values)) == 10


def test_only_the_person_who_asked_may_download_an_export(
    client_for, rebuilt, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "XLSX_INLINE_ROWS", 2)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(rebuilt.staff).get(reverse("insights:export", args=["people", "xlsx"]))
    job = Export.objects.get()
    other = client_for(rebuilt.lotte)
    assert other.get(reverse("insights:export_status", args=[job.pk])).status_code == 404
    assert other.get(reverse("insights:export_download", args=[job.pk])).status_code == 404


def test_an_unknown_table_or_format_is_not_found(client_for, rebuilt):
    client = client_for(rebuilt.staff)
    assert client.get(reverse("insights:export", args=["secrets", "csv"])).status_code == 404
    assert client.get(reverse("insights:export", args=["units", "pdf"])).status_code == 404


def test_the_home_of_a_lead_shows_adoption_at_a_glance(client_for, rebuilt):
    page = client_for(rebuilt.lotte).get(reverse("lead_home")).content.decode()
    assert "Adoption at a glance" in page
    assert "Of 6 people, 4 (67%) have enrolled" in page


def test_an_export_is_kept_privately_under_a_name_nobody_can_guess(
    client_for, rebuilt, monkeypatch, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    monkeypatch.setattr(services, "XLSX_INLINE_ROWS", 2)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(rebuilt.staff).get(reverse("insights:export", args=["people", "xlsx"]))
    job = Export.objects.get()
    folder, secret, name = job.file.name.split("/")
    assert (folder, name) == ("exports", f"people-{timezone.localdate():%Y-%m-%d}.xlsx")
    assert len(secret) >= 20
    assert (tmp_path / "private" / job.file.name).exists()
    assert not (tmp_path / "media").exists()
    with pytest.raises(ValueError):
        job.file.url  # noqa: B018 - a private file has no address
