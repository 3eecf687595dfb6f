"""Bulk export for the programme team: a ZIP of certificates and credentials of the holders a
filter selects, made in the background with progress."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from certification import services
from certification.models import CredentialExport
from tests.factories import PersonFactory


@pytest.fixture
def holders(certified, professional, unit, other_unit):
    """Two certified in the unit (one also professional), one certified elsewhere, revoked."""
    first = PersonFactory(email="ann@example.com", unit=unit, first_name="Ann")
    second = PersonFactory(email="bo@example.com", unit=unit, first_name="Bo", language="nl")
    elsewhere = PersonFactory(email="cy@example.com", unit=other_unit, first_name="Cy")
    credentials = {
        "ann": services.issue(person=first, definition=certified),
        "ann-pro": services.issue(person=first, definition=professional),
        "bo": services.issue(person=second, definition=certified),
        "cy": services.issue(person=elsewhere, definition=certified),
    }
    services.revoke(credential=credentials["cy"], reason="Issued in error")
    return credentials


@pytest.fixture
def export_zip(client, django_capture_on_commit_callbacks):
    """Ask for an export as the signed-in client; the task runs after the request commits."""

    def make(data) -> tuple[CredentialExport, zipfile.ZipFile]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("credential_export"), data)
        return downloaded(client, response)

    return make


def downloaded(client, response) -> tuple[CredentialExport, zipfile.ZipFile]:
    assert response.status_code == 302
    job = CredentialExport.objects.latest("id")
    download = client.get(reverse("credential_export_download", args=[job.pk]))
    assert download.status_code == 200
    return job, zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))


def serials_in(archive) -> set[str]:
    # Entries are named SERIAL-holder-name.json (a serial is SMA-YYYY-NNNNNN).
    return {"-".join(n.split("-")[:3]) for n in archive.namelist() if n.endswith(".json")}


def test_the_zip_holds_what_the_filter_selected(client, programme, holders, unit, export_zip):
    client.force_login(programme)
    job, archive = export_zip({"definition": "certified", "status": "valid", "unit": unit.pk})
    expected = {holders["ann"].serial, holders["bo"].serial}
    assert serials_in(archive) == expected
    assert job.state == CredentialExport.State.DONE and job.done == job.total == 2
    for credential in (holders["ann"], holders["bo"]):
        name = next(
            n for n in archive.namelist() if n.startswith(credential.serial) and n.endswith(".json")
        )
        assert json.loads(archive.read(name))["id"] == json.loads(credential.signed_json)["id"]
        pdf = next(
            n for n in archive.namelist() if n.startswith(credential.serial) and n.endswith(".pdf")
        )
        assert archive.read(pdf).startswith(b"%PDF")
    listing = archive.read("credentials.csv").decode()
    assert holders["ann"].serial in listing and holders["cy"].serial not in listing


def test_a_status_filter_selects_the_revoked_only(client, programme, holders, export_zip):
    client.force_login(programme)
    _job, archive = export_zip({"status": "revoked"})
    assert serials_in(archive) == {holders["cy"].serial}


def test_no_filter_exports_every_credential(client, programme, holders, export_zip):
    client.force_login(programme)
    _job, archive = export_zip({})
    assert serials_in(archive) == {c.serial for c in holders.values()}


def test_the_progress_page_shows_the_count_and_the_download(client, programme, holders, export_zip):
    client.force_login(programme)
    job, _archive = export_zip({"definition": "professional"})
    page = client.get(reverse("credential_export_detail", args=[job.pk])).content.decode()
    assert "1 of 1 credentials" in page and "Download the ZIP" in page
    partial = client.get(reverse("credential_export_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert (
        "<html" not in partial.content.decode() and "Download the ZIP" in partial.content.decode()
    )


def test_an_export_still_being_made_polls_and_cannot_be_downloaded(
    client, programme, holders, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(programme)
    client.post(reverse("credential_export"), {"status": "valid"})
    job = CredentialExport.objects.latest("id")
    page = client.get(reverse("credential_export_detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page and "0 of 3 credentials" in page
    assert client.get(reverse("credential_export_download", args=[job.pk])).status_code == 404


def test_a_bad_filter_is_refused_and_nothing_is_queued(client, programme, holders):
    client.force_login(programme)
    response = client.post(reverse("credential_export"), {"status": "forged"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not CredentialExport.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("learner", 403), ("trainer", 403), ("lead", 403), ("programme", 200)],
)
def test_only_the_programme_team_opens_the_export_page(client_for, people_by_role, role, expected):
    response = client_for(people_by_role[role]).get(reverse("credential_export"))
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("learner", 403), ("trainer", 403), ("lead", 403), ("programme", 200)],
)
def test_only_the_programme_team_downloads_an_export(
    client, client_for, people_by_role, holders, role, expected, export_zip
):
    client.force_login(people_by_role["programme"])
    job, _archive = export_zip({"definition": "professional"})
    viewer = client_for(people_by_role[role])
    assert viewer.get(reverse("credential_export_download", args=[job.pk])).status_code == expected
    assert viewer.get(reverse("credential_export_detail", args=[job.pk])).status_code == expected
    assert viewer.post(reverse("credential_export"), {}).status_code in (
        {expected} if expected != 200 else {302}
    )


def test_an_export_whose_worker_died_is_built_again_by_the_scheduled_pass(
    programme, holders, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    from academy import scheduled

    job = CredentialExport.objects.create(
        requested_by=programme,
        filters={},
        description="everything",
        total=4,
        state=CredentialExport.State.RUNNING,
        created_at=timezone.now() - datetime.timedelta(hours=2),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert scheduled.run()["stale background jobs retried"] == 1
    job.refresh_from_db()
    assert job.state == CredentialExport.State.DONE and job.done == 4
