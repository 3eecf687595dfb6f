from django.urls import reverse

from tests.factories import PASSWORD


def test_sign_in_with_email_and_password(learner, client):
    response = client.post(
        reverse("account_login"), {"login": "learner@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_wrong_password_is_refused_with_a_message(learner, client):
    response = client.post(
        reverse("account_login"), {"login": "learner@example.com", "password": "nope"}
    )
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_repeated_failed_logins_are_rate_limited(learner, client):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "learner@example.com", "password": "guess"})
    # Even the right password is refused while the account is throttled.
    response = client.post(
        reverse("account_login"), {"login": "learner@example.com", "password": PASSWORD}
    )
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_open_signup_is_closed_by_default(client):
    response = client.get(reverse("account_signup"))
    assert "Sign Up Closed" in response.content.decode() or response.status_code == 403


def test_password_reset_sends_an_email(learner, client, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "learner@example.com"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and "learner@example.com" in mailoutbox[0].to
