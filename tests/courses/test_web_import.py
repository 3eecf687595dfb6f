"""Importing and exporting course-as-code on the web (/programme/import/, a programme's page):
every problem at once, what an import would change, nothing written before confirming, new
programmes as drafts; and `academy import-programme --publish`."""

import io
import zipfile
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from core.audit import history_of
from courses.models import Lifecycle, Module, Programme, ProgrammeUpload
from tests.factories import PersonFactory

from .test_coursecode import SMALL

pytestmark = pytest.mark.django_db

TWO_PROBLEMS = SMALL.replace("minutes: 60", "minutes: sixty").replace(
    "pass_mark: 80", "pass_mark: 180"
)


def upload(client, name: str, content: bytes | str):
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        reverse("courses:import_programme"), {"file": SimpleUploadedFile(name, data)}
    )


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_every_problem_of_a_file_is_shown_at_once_and_nothing_is_kept(client_for, programme):
    response = upload(client_for(programme), "track.yaml", TWO_PROBLEMS)
    assert response.status_code == 400
    html = response.content.decode()
    assert "2 problems; nothing was imported" in html
    assert "track.yaml:6: modules[0].minutes: must be a whole number from 1 to 1440" in html
    assert "track.yaml:18: modules[0].lessons[0].steps[1].pass_mark" in html
    assert not Programme.objects.exists() and not ProgrammeUpload.objects.exists()


def test_a_good_file_is_checked_then_imported_as_a_draft_on_confirmation(client_for, programme):
    client = client_for(programme)
    response = upload(client, "track.yaml", SMALL)
    assert response.status_code == 302
    review = client.get(response["Location"])
    html = review.content.decode()
    assert review.status_code == 200
    assert "a new programme: it arrives as a draft" in html
    assert "Steps" in html and "Modules" in html
    assert not Programme.objects.exists()  # checked, not written

    imported = client.post(response["Location"])
    assert imported.status_code == 302
    assert imported["Location"] == reverse("courses:programme", args=["basics-programme"])
    track = Programme.objects.get()
    assert track.status == Lifecycle.DRAFT
    assert Module.objects.get().status == Lifecycle.DRAFT
    entry = history_of(track).get()
    assert (entry.action, entry.actor) == ("courses.programme.imported", programme)
    assert entry.data["changes"]["step"]["created"] == 2

    # Confirming twice imports once.
    again = client.post(response["Location"])
    assert again.status_code == 200 and "was imported on" in again.content.decode()
    assert history_of(track).count() == 1


def test_a_zip_of_the_folder_form_imports_and_names_its_files_in_problems(client_for, programme):
    client = client_for(programme)
    head = "slug: zipped\ntitle: {en: Zipped, nl: Gezipt}\nmodules: [first-module, missing]\n"
    module = (
        "slug: first-module\ntitle: {en: First, nl: Eerste}\nminutes: 60\nlessons:\n"
        "  - slug: intro\n    title: {en: Intro, nl: Intro}\n    steps:\n"
        "      - {slug: read, kind: text, title: {en: Read, nl: Lees}, body: {en: Hi, nl: Hoi}}\n"
    )
    files = {"zipped/programme.yaml": head, "zipped/first-module.yaml": module}
    response = upload(client, "zipped.zip", zipped(files))
    assert response.status_code == 400
    assert "zipped.zip/zipped/programme.yaml:3" in response.content.decode()

    files["zipped/programme.yaml"] = head.replace(", missing", "")
    response = upload(client, "zipped.zip", zipped(files))
    assert response.status_code == 302
    client.post(response["Location"])
    assert Programme.objects.get().slug == "zipped"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("track.zip", b"not a zip", "not a ZIP file"),
        ("track.zip", zipped({"../evil/programme.yaml": SMALL}), "outside its own folder"),
        ("track.zip", zipped({"readme.txt": "hi"}), "exactly one folder with a programme.yaml"),
        ("track.docx", b"slug: x", "upload a programme as a .yaml file"),
        ("track.yaml", b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_files_that_are_not_programmes_get_a_clear_message(
    client_for, programme, name, content, message
):
    response = upload(client_for(programme), name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgrammeUpload.objects.exists()


def test_an_upload_is_only_for_the_one_who_made_it(client_for, programme, people_by_role):
    response = upload(client_for(programme), "track.yaml", SMALL)
    url = response["Location"]
    other = PersonFactory(email="other.team@example.com", is_staff=True)
    assert client_for(other).get(url).status_code == 404
    assert client_for(other).post(url).status_code == 404
    for role in ("learner", "trainer", "lead"):
        assert client_for(people_by_role[role]).get(url).status_code == 403
    assert not Programme.objects.exists()


def test_an_exported_programme_uploads_again_unchanged(client_for, programme):
    client = client_for(programme)
    client.post(upload(client, "track.yaml", SMALL)["Location"])
    exported = client.get(reverse("courses:export", args=["basics-programme"]))
    assert exported["Content-Disposition"] == 'attachment; filename="basics-programme.yaml"'
    review = client.get(upload(client, "again.yaml", exported.content)["Location"])
    html = review.content.decode()
    assert "exists: its changes apply as soon as you import" in html
    by_kind = review.context["by_kind"]
    assert by_kind and all(
        counts["created"] == counts["updated"] == counts["removed"] == 0
        for _kind, counts in by_kind
    )

    folder = client.get(reverse("courses:export", args=["basics-programme"]), {"as": "zip"})
    names = zipfile.ZipFile(io.BytesIO(folder.content)).namelist()
    assert sorted(names) == [
        "basics-programme/first-module.yaml",
        "basics-programme/programme.yaml",
    ]
    assert upload(client, "folder.zip", folder.content).status_code == 302


def test_a_file_exported_before_the_lifecycle_imports_as_a_draft(client_for, programme):
    client = client_for(programme)
    response = upload(client, "track.yaml", SMALL + "published: true\n")
    client.post(response["Location"])
    assert Programme.objects.get().status == Lifecycle.DRAFT
    bad = upload(client, "track.yaml", SMALL + "published: maybe\n")
    assert "published: must be true or false" in bad.content.decode()


def test_the_command_line_imports_drafts_and_publishes_on_request(tmp_path):
    path = tmp_path / "track.yaml"
    path.write_text(SMALL, encoding="utf-8")
    out = StringIO()
    call_command("import_programme", str(path), stdout=out)
    assert "drafts are not in the catalogue" in out.getvalue()
    assert Programme.objects.get().status == Lifecycle.DRAFT

    out = StringIO()
    call_command("import_programme", str(path), "--publish", stdout=out)
    assert "basics-programme: published" in out.getvalue()
    track = Programme.objects.get()
    assert track.status == Lifecycle.PUBLISHED
    assert Module.objects.get().status == Lifecycle.PUBLISHED
    assert history_of(track).get().actor is None  # the command line
