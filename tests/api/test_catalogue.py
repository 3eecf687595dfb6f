from tests.courses.factories import ModuleFactory, ProgrammeFactory
from tests.factories import UnitFactory


def test_programmes_list_only_published_ones(learner, api, catalogue):
    body = api(learner).get("/programmes").json()
    assert [p["slug"] for p in body["items"]] == ["certified"]
    assert body["items"][0]["module_count"] == 2


def test_texts_come_in_the_asked_language(learner, api, catalogue):
    caller = api(learner)
    assert caller.get("/programmes?language=nl").json()["items"][0]["title"] == "Gecertificeerd"
    assert caller.get("/programmes", **{"Accept-Language": "nl"}).json()["items"][0]["title"] == (
        "Gecertificeerd"
    )
    assert caller.get("/programmes?language=en").json()["items"][0]["title"] == "Certified"


def test_modules_show_the_callers_state(learner, api, catalogue):
    items = api(learner).get("/modules").json()["items"]
    assert [(m["slug"], m["state"]) for m in items] == [
        ("basics", "available"),
        ("care", "locked"),
    ]
    assert items[1]["missing_requirements"] == [{"slug": "basics", "title": "Basics"}]


def test_modules_can_be_filtered(learner, api, catalogue):
    caller = api(learner)
    assert [m["slug"] for m in caller.get("/modules?platform=linkedin").json()["items"]] == [
        "basics"
    ]
    assert [m["slug"] for m in caller.get("/modules?q=care").json()["items"]] == ["care"]
    assert caller.get("/modules?programme=draft").json()["items"] == []


def test_module_meant_for_another_unit_is_not_found(learner, api, catalogue, other_unit):
    catalogue["care"].audience_units.set([other_unit])
    caller = api(learner)
    assert [m["slug"] for m in caller.get("/modules").json()["items"]] == ["basics"]
    missing = caller.get("/modules/care")
    unknown = caller.get("/modules/no-such-module")
    assert missing.status_code == unknown.status_code == 404
    assert missing.json()["detail"] == unknown.json()["detail"]


def test_unpublished_programme_and_its_modules_are_not_found(learner, api, catalogue):
    caller = api(learner)
    assert caller.get("/programmes/draft").status_code == 404
    assert caller.get("/modules/secret").status_code == 404


def test_module_detail_lists_lessons_and_steps(learner, api, catalogue):
    body = api(learner).get("/modules/basics?language=nl").json()
    steps = api(learner).get("/modules/basics?language=en").json()["lessons"][0]["steps"]
    assert body["title"] == "Basis"
    assert steps == [{"slug": "why", "title": "Why", "kind": "text", "done": False}]


def test_programme_detail_lists_its_modules(learner, api, catalogue):
    body = api(learner).get("/programmes/certified").json()
    assert [m["slug"] for m in body["modules"]] == ["basics", "care"]


def test_pages_follow_each_other_without_gaps_or_repeats(learner, api, catalogue):
    programme = ProgrammeFactory(slug="more", position=5)
    for index in range(7):
        ModuleFactory(programme=programme, slug=f"more-{index}", position=index)
    caller = api(learner)
    seen, cursor = [], ""
    while True:
        body = caller.get(f"/modules?limit=3&cursor={cursor}").json()
        seen += [m["slug"] for m in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == ["basics", "care", *[f"more-{i}" for i in range(7)]]


def test_a_made_up_cursor_is_a_field_error(learner, api, catalogue):
    for path in ("/modules", "/programmes", "/me/credentials"):
        response = api(learner).get(f"{path}?cursor=bm9wZQ")
        assert response.status_code == 422
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["errors"][0]["field"] == "cursor"


def test_unit_audience_includes_units_below(learner, api, catalogue, unit):
    team = UnitFactory(parent=unit, kind="team", slug="team-a")
    learner.unit = team
    learner.save()
    catalogue["care"].audience_units.set([unit])
    assert "care" in [m["slug"] for m in api(learner).get("/modules").json()["items"]]
