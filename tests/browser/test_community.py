"""Community pages in the browser: giving kudos, filtering the wall, axe on each page."""

import pytest

from tests.browser.conftest import sign_in
from tests.community.factories import ChampionFactory, KudosFactory, QuestionFactory, TopicFactory
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_learner_gives_kudos_and_sees_it_on_the_wall(page, learner, unit, assert_accessible):
    colleague = PersonFactory(unit=unit, first_name="Grace", last_name="Patel")
    sign_in(page, learner.email, PASSWORD)
    page.goto("/kudos/give/")
    assert_accessible(page)
    page.get_by_label("Colleague").select_option(str(colleague.pk))
    page.get_by_label("Category").select_option("answered_client")
    page.get_by_label("Message").fill("Answered a client on X within the hour.")
    page.get_by_role("button", name="Give kudos").click()
    page.wait_for_url("**/kudos/")
    wall = page.locator("#kudos-list")
    assert "Answered a client on X within the hour." in wall.inner_text()
    assert "Grace Patel" in wall.inner_text()
    assert_accessible(page)


def test_the_wall_filters_in_place(page, learner, assert_accessible):
    KudosFactory(category="great_post", message="A great post")
    KudosFactory(category="helped_me", message="Helped me out")
    sign_in(page, learner.email, PASSWORD)
    page.goto("/kudos/")
    page.get_by_label("Category").select_option("great_post")
    page.wait_for_url("**category=great_post**")
    page.wait_for_function("!document.querySelector('#kudos-list').innerText.includes('Helped me')")
    assert "A great post" in page.locator("#kudos-list").inner_text()


def sign_in_any_language(page, email):
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("locale", ["en-GB", "nl-NL"])
def test_community_pages_are_accessible(
    new_page, learner, lead, trainer, assert_accessible, locale
):
    ChampionFactory(person=trainer)
    KudosFactory(receiver=trainer)
    TopicFactory(hashtags="#report")
    for _ in range(2):
        QuestionFactory()
    page = new_page(locale)
    sign_in_any_language(page, learner.email)
    for path in [
        "/learn/",
        "/kudos/",
        "/champions/",
        "/champions/nominate/",
        "/awareness/",
        "/survey/",
        "/topics/",
        "/worksheet/",
        f"/colleagues/{trainer.pk}/",
    ]:
        page.goto(path)
        assert "/accounts/login/" not in page.url
        assert_accessible(page)
    lead_page = new_page(locale)
    sign_in_any_language(lead_page, lead.email)
    for path in ["/lead/", "/survey/results/", "/awareness/reach/"]:
        lead_page.goto(path)
        assert "/accounts/login/" not in lead_page.url
        assert_accessible(lead_page)
