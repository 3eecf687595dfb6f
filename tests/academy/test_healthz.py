def test_healthz_reports_database_and_cache(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_reports_a_cache_that_forgets_with_503(client, db, forgetful_cache):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error: value not kept"
