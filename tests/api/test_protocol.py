"""What every operation shares: authentication, problem details, ETags and rate limits."""

from django.urls import reverse


def test_no_credentials_is_401_as_a_problem(db, client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401


def test_a_wrong_token_is_401(db, client):
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer sma_nonsense"})
    assert response.status_code == 401


def test_session_works_for_reads(learner, client):
    client.force_login(learner)
    response = client.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["token_scope"] is None


def test_session_writes_need_the_csrf_token(learner, catalogue, settings):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    refused = client.post(
        "/api/v1/me/enrolments", {"module": "basics"}, content_type="application/json"
    )
    assert refused.status_code == 403
    client.get(reverse("api_tokens"))  # any page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        "/api/v1/me/enrolments",
        {"module": "basics"},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert accepted.status_code == 201


def test_lists_carry_an_etag_and_answer_304_when_unchanged(learner, api, catalogue):
    caller = api(learner)
    first = caller.get("/programmes")
    etag = first["ETag"]
    assert etag
    unchanged = caller.get("/programmes", **{"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged["ETag"] == etag
    catalogue["programme"].title_en = "Renamed"
    catalogue["programme"].save()
    assert caller.get("/programmes", **{"If-None-Match": etag}).status_code == 200


def test_rate_limit_per_token(learner, trainer, api, settings, db):
    settings.ACADEMY_API_RATE_LIMIT = 3
    caller, other = api(learner), api(trainer)
    statuses = [caller.get("/me").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = caller.get("/me")
    assert refused["Retry-After"].isdigit()
    assert refused["Content-Type"] == "application/problem+json"
    assert other.get("/me").status_code == 200


def test_openapi_document_is_valid_openapi_3_1(db, client):
    from openapi_spec_validator import validate

    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_reference_page_lists_the_operations_without_scripts(db, client):
    response = client.get(reverse("api_reference"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "GET /api/v1/programmes" in html
    assert "<script>" not in html  # no inline script (CSP)


def test_a_method_the_path_does_not_allow_is_a_problem_naming_the_allowed_ones(learner, client):
    client.force_login(learner)
    response = client.delete("/api/v1/me")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 405
    assert "GET" in response["Allow"]


def test_a_path_that_does_not_exist_is_a_problem(learner, client):
    client.force_login(learner)
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Not Found"
