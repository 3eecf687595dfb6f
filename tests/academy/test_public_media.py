"""Public media (video files, covers, badge images) is served in every mode; private files never."""

import pytest


@pytest.fixture
def media(settings, tmp_path):
    settings.DEBUG = False
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (tmp_path / "media" / "covers").mkdir(parents=True)
    (tmp_path / "private" / "exports").mkdir(parents=True)
    (tmp_path / "media" / "covers" / "cover.png").write_bytes(b"\x89PNG" + bytes(range(96)))
    (tmp_path / "private" / "exports" / "people.xlsx").write_bytes(b"names and emails")
    return tmp_path


def test_a_public_image_is_served_with_debug_off(client, db, media):
    response = client.get("/media/covers/cover.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert "public" in response["Cache-Control"]


def test_a_byte_range_is_served_so_videos_can_be_sought(client, db, media):
    response = client.get("/media/covers/cover.png", HTTP_RANGE="bytes=4-7")
    assert response.status_code == 206
    assert response.content == bytes(range(4))
    assert response["Content-Range"] == "bytes 4-7/100"


def test_a_range_past_the_end_answers_416(client, db, media):
    response = client.get("/media/covers/cover.png", HTTP_RANGE="bytes=500-")
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */100"


@pytest.mark.parametrize(
    "path",
    [
        "/media/exports/people.xlsx",
        "/media/../private/exports/people.xlsx",
        "/media/%2E%2E/private/exports/people.xlsx",
        "/media/covers/",
        "/media/covers/missing.png",
    ],
)
def test_private_and_missing_files_are_not_found(client, db, media, path):
    assert client.get(path).status_code == 404


def test_media_cannot_be_posted_to(client, db, media):
    assert client.post("/media/covers/cover.png").status_code in (403, 405)
