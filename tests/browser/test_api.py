"""The API tokens page and the API reference in the browser, with axe on both."""

import pytest

from api.models import ApiToken
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_person_makes_a_token_sees_it_once_and_revokes_it(page, learner, assert_accessible):
    sign_in(page, learner.email, PASSWORD)
    page.goto("/account/api-tokens/")
    assert_accessible(page)
    page.get_by_label("Name").fill("Power BI")
    page.get_by_label("Scope").select_option("read")
    page.get_by_role("button", name="Make token").click()
    secret = page.get_by_role("textbox", name="Token", exact=True).input_value()
    assert secret.startswith("sma_")
    assert_accessible(page)
    page.get_by_role("button", name="Revoke Power BI").click()
    page.wait_for_load_state()
    assert "no longer works" in page.locator(".messages").inner_text()
    assert secret not in page.content()
    assert ApiToken.objects.get(person=learner).revoked_at is not None


def test_the_api_reference_reads_without_signing_in(page, db, assert_accessible):
    page.goto("/api/v1/reference/")
    assert page.get_by_role("heading", name="GET /api/v1/programmes", exact=True).is_visible()
    assert_accessible(page)
