import pytest

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_learner_signs_in_and_switches_to_dutch(page, learner, assert_accessible):
    page.goto("/")
    assert_accessible(page)
    sign_in(page, "learner@example.com", PASSWORD)
    page.wait_for_url("**/learn/")
    assert page.get_by_role("heading", name="My learning").is_visible()
    assert_accessible(page)
    page.get_by_label("Language").select_option("nl")
    page.get_by_role("button", name="Wissel").or_(page.get_by_role("button", name="Switch")).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Mijn leertraject").is_visible()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page)


def test_login_page_is_accessible(page, db, assert_accessible):
    page.goto("/accounts/login/")
    assert_accessible(page)


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("trainer", "/trainer/"),
        ("lead", "/lead/"),
        ("lead", "/units/advisory/"),
        ("programme", "/programme/"),
    ],
)
def test_role_homes_are_accessible(page, people_by_role, role, path, assert_accessible):
    sign_in(page, people_by_role[role].email, PASSWORD)
    page.wait_for_url("**/")
    page.goto(path)
    assert page.locator("h1").is_visible()
    assert_accessible(page)
