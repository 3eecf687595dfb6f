import pytest

from certification import services as certification
from courses.models import Enrolment
from policies.models import Acknowledgement
from tests.certification.factories import DefinitionFactory
from tests.policies.factories import version


def test_enrolling_creates_an_enrolment_once(learner, api, catalogue):
    caller = api(learner, "write")
    first = caller.post("/me/enrolments", {"module": "basics"})
    again = caller.post("/me/enrolments", {"module": "basics"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["module"]["slug"] == "basics"
    assert first.json()["next_step"]["slug"] == "why"
    assert Enrolment.objects.filter(person=learner).count() == 1


def test_enrolling_needs_a_write_token(learner, api, catalogue):
    response = api(learner, "read").post("/me/enrolments", {"module": "basics"})
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert not Enrolment.objects.exists()


def test_enrolling_before_the_prerequisites_is_refused_with_the_services_message(
    learner, api, catalogue
):
    response = api(learner, "write").post("/me/enrolments", {"module": "care"})
    assert response.status_code == 422
    assert "Complete Basics first." in response.json()["detail"]
    assert not Enrolment.objects.exists()


def test_enrolling_in_an_unknown_module_is_not_found(learner, api, catalogue):
    response = api(learner, "write").post("/me/enrolments", {"module": "secret"})
    assert response.status_code == 404


def test_missing_fields_are_reported_per_field(learner, api, catalogue):
    response = api(learner, "write").post("/me/enrolments", {"language": "fr"})
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"module", "language"}


def test_my_enrolments_show_progress(learner, api, catalogue):
    api(learner, "write").post("/me/enrolments", {"module": "basics"})
    items = api(learner).get("/me/enrolments").json()["items"]
    assert [(i["module"]["slug"], i["progress_percent"]) for i in items] == [("basics", 0)]


def test_acknowledging_the_policy(learner, api, db):
    version("1.0")
    caller = api(learner, "write")
    first = caller.post("/me/policy-acknowledgements", {"language": "nl"})
    again = caller.post("/me/policy-acknowledgements", {"language": "nl", "version": "1.0"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["version"] == "1.0"
    assert Acknowledgement.objects.filter(person=learner).count() == 1


def test_acknowledging_without_a_policy_is_refused(learner, api, db):
    response = api(learner, "write").post("/me/policy-acknowledgements", {"language": "en"})
    assert response.status_code == 422
    assert not Acknowledgement.objects.exists()


def test_required_training_lists_policy_and_open_foundation_modules(learner, api, catalogue):
    version("1.0")
    body = api(learner).get("/me/required-training").json()
    assert body["policy"]["version"] == "1.0"
    assert body["policy"]["acknowledged"] is False
    assert [m["slug"] for m in body["foundation"]] == ["basics"]


@pytest.fixture
def credential(learner, settings, tmp_path):
    definition = DefinitionFactory(slug="certified", title_en="Certified", level=1)
    return certification.award(definition=definition, person=learner)[0]


def test_my_credentials_show_only_mine(learner, trainer, api, credential):
    mine = api(learner).get("/me/credentials").json()["items"]
    theirs = api(trainer).get("/me/credentials").json()["items"]
    assert [c["serial"] for c in mine] == [credential.serial]
    assert mine[0]["status"] == "valid"
    assert mine[0]["verify_url"].endswith(f"/verify/{credential.code}/")
    assert theirs == []


def test_learner_marks_a_text_step_done(learner, api, catalogue):
    caller = api(learner, "write")
    caller.post("/me/enrolments", {"module": "basics"})
    response = caller.post("/me/enrolments/basics/lessons/intro/steps/why/done")
    assert response.status_code == 200
    assert response.json()["progress_percent"] == 100
    assert response.json()["completed_at"] is not None


def test_marking_a_step_done_needs_the_enrolment(learner, api, catalogue):
    response = api(learner, "write").post("/me/enrolments/basics/lessons/intro/steps/why/done")
    assert response.status_code == 422
    assert response.json()["detail"] == "Enrol in the module first."


def test_a_quiz_cannot_be_marked_done(learner, api, catalogue):
    from tests.courses.factories import QuizStepFactory

    QuizStepFactory(lesson=catalogue["basics"].lessons.get(), slug="check", position=1)
    caller = api(learner, "write")
    caller.post("/me/enrolments", {"module": "basics"})
    response = caller.post("/me/enrolments/basics/lessons/intro/steps/check/done")
    assert response.status_code == 422
    assert Enrolment.objects.get(person=learner).steps_completed == 0


def test_an_unknown_step_is_not_found(learner, api, catalogue):
    response = api(learner, "write").post("/me/enrolments/basics/lessons/intro/steps/nope/done")
    assert response.status_code == 404


def test_required_training_lists_what_is_required_of_me_with_due_dates(
    learner, programme, api, catalogue
):
    import datetime

    from courses import services as courses

    due = datetime.date(2099, 1, 31)
    courses.set_requirement(
        by=programme, module=catalogue["basics"], units=[], roles=[], due_on=due
    )
    body = api(learner).get("/me/required-training").json()
    assert body["assigned"] == [
        {
            "module": {"slug": "basics", "title": catalogue["basics"].title("en")},
            "due_on": "2099-01-31",
            "overdue": False,
            "progress_percent": 0,
        }
    ]
