"""A request body above the limit is refused before it is read."""

from django.urls import reverse

HUGE = str(300 * 1024 * 1024)


def test_a_300_mb_upload_is_refused_before_it_is_read(client, learner):
    client.force_login(learner)
    # The body is empty: reading the declared 300 MB would fail loudly in the test client.
    response = client.generic("POST", reverse("home"), b"", CONTENT_LENGTH=HUGE)
    assert response.status_code == 413
    assert "at most 12 MB" in response.content.decode()


def test_a_crafted_length_is_refused_too(client):
    response = client.generic("POST", reverse("home"), b"", CONTENT_LENGTH="²")
    assert response.status_code == 413


def test_an_ordinary_post_passes(client, learner):
    client.force_login(learner)
    response = client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert response.status_code == 302


def test_the_admin_takes_larger_files(client, settings):
    settings.ACADEMY_MAX_ADMIN_REQUEST_BYTES = 400 * 1024 * 1024
    response = client.generic("POST", "/admin/login/", b"", CONTENT_LENGTH=HUGE)
    assert response.status_code != 413
