"""The verification page is cheap to serve: one narrow lookup, the QR code drawn once per
credential, the page cached per status, and a status change visible on the very next request."""

from unittest import mock

import pytest
from django.urls import reverse

from certification import certificate, services
from tests.queries import captured


def page(client, credential) -> str:
    response = client.get(reverse("credential_verify", args=[credential.code]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "change",
    [
        lambda c: services.revoke(credential=c, reason="Left the firm"),
        lambda c: services.suspend(credential=c, reason="Policy not acknowledged"),
    ],
)
def test_the_next_request_after_a_status_change_shows_it(client, issued, change):
    assert "status-banner status-valid" in page(client, issued)
    changed = change(issued)
    assert changed.status != "valid"
    assert f"status-banner status-{changed.status}" in page(client, issued)


def test_a_reinstated_credential_shows_valid_again_at_once(client, issued):
    services.suspend(credential=issued, reason="Policy not acknowledged")
    assert "status-banner status-suspended" in page(client, issued)
    services.reinstate(credential=issued)
    assert "status-banner status-valid" in page(client, issued)


def test_the_qr_code_is_drawn_once_per_credential(client, issued):
    certificate.qr_data_uri.cache_clear()
    with mock.patch("segno.make", wraps=__import__("segno").make) as make:
        page(client, issued)
        certificate.qr_data_uri.cache_clear()  # another process: only the shared cache knows it
        page(client, issued)
        services.revoke(credential=issued, reason="Left the firm")
        page(client, issued)
    assert make.call_count == 1


def test_the_lookup_reads_one_row_without_the_signed_documents(client, issued):
    page(client, issued)
    queries = captured(lambda: page(client, issued))
    assert len(queries) == 1
    sql = queries[0]
    assert "signed_json" not in sql and "JOIN" not in sql and "ORDER BY" not in sql


def test_an_unknown_code_is_not_found(client, db):
    assert client.get(reverse("credential_verify", args=["no-such-code"])).status_code == 404
