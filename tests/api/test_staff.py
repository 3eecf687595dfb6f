import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from insights import selectors as insights
from people.models import Person
from tests.factories import PersonFactory, UnitFactory

ROSTER = "email,first_name,last_name,unit,role,manager_email,language\n"


@pytest.fixture
def outsider(other_unit):
    return PersonFactory(email="outsider@example.com", unit=other_unit, last_name="Zeta")


def emails(response) -> list[str]:
    return [p["email"] for p in response.json()["items"]]


def test_programme_team_sees_everyone(programme, learner, outsider, api):
    assert {"learner@example.com", "outsider@example.com"} <= set(
        emails(api(programme).get("/people?limit=100"))
    )


def test_lead_sees_only_the_people_of_their_units(lead, learner, outsider, api):
    found = emails(api(lead).get("/people?limit=100"))
    assert "learner@example.com" in found
    assert "outsider@example.com" not in found


def test_lead_cannot_tell_a_person_outside_their_units_from_nobody(lead, outsider, api):
    caller = api(lead)
    hidden = caller.get(f"/people/{outsider.pk}")
    missing = caller.get("/people/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_lead_filtering_on_a_unit_outside_their_view_is_a_field_error(lead, other_unit, api):
    hidden = api(lead).get("/people?unit=audit")
    missing = api(lead).get("/people?unit=nowhere")
    assert hidden.status_code == missing.status_code == 422
    assert hidden.json() == missing.json()


def test_people_filtered_by_unit_include_the_units_below(programme, unit, outsider, api):
    team = UnitFactory(parent=unit, kind="team", slug="team-x")
    PersonFactory(email="teamer@example.com", unit=team)
    found = emails(api(programme).get("/people?unit=advisory&limit=100"))
    assert "teamer@example.com" in found
    assert "outsider@example.com" not in found


def test_learners_and_trainers_may_not_list_people(learner, trainer, api):
    assert api(learner).get("/people").status_code == 403
    assert api(trainer).get("/units").status_code == 403


def test_units_for_a_lead_are_theirs_and_below(lead, unit, other_unit, api):
    UnitFactory(parent=unit, kind="team", slug="team-y", name="Team Y")
    slugs = [u["slug"] for u in api(lead).get("/units").json()["items"]]
    assert slugs == ["advisory", "team-y"]
    assert api(lead).get("/units/audit").status_code == 404


def test_adoption_gives_the_dashboard_figures(programme, learner, lead, unit, api):
    body = api(lead).get("/adoption").json()
    assert [row["unit"]["slug"] for row in body["units"]] == ["advisory"]
    assert body["units"][0]["figures"]["headcount"] == 3  # learner, lead, programme
    dashboard = insights.funnel(insights.scope_for(lead, insights.Filters()), insights.Filters())
    assert body["total"] == dashboard.total.values
    assert "enrolled" in [stage["key"] for stage in body["stages"]]


def test_adoption_refuses_learners(learner, api):
    assert api(learner).get("/adoption").status_code == 403


def test_programme_team_imports_people_with_the_roster_rules(programme, unit, client, token_for):
    secret = token_for(programme, "write")
    data = ROSTER + "new@example.com,New,Person,advisory,learner,,nl\n"
    response = client.post(
        "/api/v1/people/import",
        {"file": SimpleUploadedFile("roster.csv", data.encode(), content_type="text/csv")},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 200
    assert response.json()["created"] == ["new@example.com"]
    assert Person.objects.get(email="new@example.com").language == "nl"


def test_a_bad_roster_row_fails_the_whole_file_with_its_line(programme, unit, client, token_for):
    secret = token_for(programme, "write")
    data = ROSTER + "ok@example.com,Ok,Person,advisory,learner,,en\nbad,,,nowhere,boss,,xx\n"
    response = client.post(
        "/api/v1/people/import",
        {"file": SimpleUploadedFile("roster.csv", data.encode(), content_type="text/csv")},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 422
    problems = [error["detail"] for error in response.json()["errors"]]
    assert any(problem.startswith("line 3:") for problem in problems)
    assert not Person.objects.filter(email="ok@example.com").exists()


def test_leads_may_not_import_people(lead, client, token_for):
    secret = token_for(lead, "write")
    response = client.post(
        "/api/v1/people/import",
        {"file": SimpleUploadedFile("roster.csv", ROSTER.encode(), content_type="text/csv")},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 403
