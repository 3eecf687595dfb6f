"""Every view, every role: who gets the page, who is sent to sign in, who is refused."""

import pytest
from django.urls import reverse

OK, LOGIN, FORBIDDEN, NOT_FOUND = 200, "login", 403, 404

ROLES = ["anonymous", "learner", "trainer", "lead", "programme"]

# url name (args) -> expected outcome per role, in the order of ROLES
MATRIX = {
    ("learner_home", ()): [LOGIN, OK, OK, OK, OK],
    ("trainer_home", ()): [LOGIN, FORBIDDEN, OK, FORBIDDEN, OK],
    ("lead_home", ()): [LOGIN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN],
    ("programme_home", ()): [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK],
    ("unit_detail", ("advisory",)): [LOGIN, FORBIDDEN, FORBIDDEN, OK, OK],
    ("unit_detail", ("audit",)): [LOGIN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK],
    ("healthz", ()): [OK, OK, OK, OK, OK],
}


@pytest.mark.parametrize(("view", "expected"), MATRIX.items(), ids=lambda v: str(v))
def test_each_role_gets_what_it_may_see(view, expected, people_by_role, other_unit, client_for):
    name, args = view
    url = reverse(name, args=args)
    for role, outcome in zip(ROLES, expected, strict=True):
        response = client_for(people_by_role[role]).get(url)
        if outcome == LOGIN:
            assert response.status_code == 302, role
            assert response["Location"].startswith(reverse("account_login")), role
        else:
            assert response.status_code == outcome, f"{role} on {url}"


@pytest.mark.parametrize(
    ("role", "home"),
    [
        ("learner", "learner_home"),
        ("trainer", "trainer_home"),
        ("lead", "lead_home"),
        ("programme", "programme_home"),
    ],
)
def test_home_sends_each_role_to_its_own_home(role, home, people_by_role, client_for):
    response = client_for(people_by_role[role]).get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse(home)


def test_landing_page_is_public_and_sends_signed_in_people_home(learner, client_for):
    assert client_for(None).get("/").status_code == 200
    assert client_for(learner).get("/")["Location"] == reverse("home")


def test_lead_sees_teams_below_their_unit(lead, unit, client_for):
    from tests.factories import PersonFactory, UnitFactory

    team = UnitFactory(name="Team A", slug="team-a", parent=unit, kind="team")
    PersonFactory(first_name="Tess", last_name="Teamlid", unit=team)
    response = client_for(lead).get(reverse("unit_detail", args=["team-a"]))
    assert response.status_code == 200
    assert "Tess Teamlid" in response.content.decode()
    whole_unit = client_for(lead).get(reverse("unit_detail", args=["advisory"])).content.decode()
    assert "Tess Teamlid" in whole_unit


def test_nav_shows_only_the_homes_of_held_roles(learner, programme, client_for):
    page = client_for(learner).get(reverse("learner_home")).content.decode()
    assert reverse("programme_home") not in page
    page = client_for(programme).get(reverse("learner_home")).content.decode()
    assert reverse("programme_home") in page


def test_admin_is_for_the_programme_team_only(learner, programme, client_for):
    assert client_for(learner).get("/admin/").status_code == 302
    assert client_for(programme).get("/admin/").status_code == 200
