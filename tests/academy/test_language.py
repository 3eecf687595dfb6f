from django.urls import reverse

from people.models import Person


def test_pages_are_served_in_english_and_dutch(client):
    assert "Sign in to the academy" in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Inloggen bij de academie" in client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()


def test_language_switch_sets_cookie_and_remembers_the_choice(learner, client):
    client.force_login(learner)
    response = client.post(
        reverse("set_language"), {"language": "nl", "next": reverse("learner_home")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("learner_home")
    assert Person.objects.get(pk=learner.pk).language == "nl"
    page = client.get(reverse("learner_home")).content.decode()
    assert '<html lang="nl">' in page and "Mijn leertraject" in page


def test_signed_in_person_sees_their_preferred_language_without_a_cookie(learner, client):
    learner.language = "nl"
    learner.save()
    client.force_login(learner)
    assert "Mijn leertraject" in client.get(reverse("learner_home")).content.decode()


def test_language_switch_ignores_foreign_next_urls(client):
    response = client.post(
        reverse("set_language"), {"language": "nl", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_unknown_language_is_not_stored(learner, client):
    client.force_login(learner)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert Person.objects.get(pk=learner.pk).language == "en"


def test_a_dutch_request_leaves_the_next_work_on_its_thread_in_english(client):
    from django.utils import translation

    client.get("/", HTTP_ACCEPT_LANGUAGE="nl")
    assert translation.get_language() == "en"


def test_a_streamed_export_is_written_in_the_language_of_its_request(client, lead):
    lead.language = "nl"
    lead.save()
    client.force_login(lead)
    response = client.get(
        reverse("insights:export", args=["people", "csv"]), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.streaming
    header, row = b"".join(response.streaming_content).decode().splitlines()
    assert header.startswith("\ufeffNaam;E-mailadres")  # Dutch Excel reads semicolons
    # Written row by row after the view returned: "nee" (not waiting for time approval), then
    # the policy cell, empty while no policy is published.
    assert row.endswith(";nee;")
