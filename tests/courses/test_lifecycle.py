"""A programme and a module are drafts, published or retired: drafts are seen only by the
programme team (as a preview), publishing and retiring are audited acts, and retiring keeps
what learners did."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.audit import history_of
from courses import services
from courses.models import Enrolment, Lifecycle, Module, Programme
from tests.factories import PersonFactory
from tests.queries import assert_constant, page

from .factories import LessonFactory, ModuleFactory, ProgrammeFactory, TextStepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    programme = ProgrammeFactory(slug="new-track", title_en="New track", status="draft")
    module = ModuleFactory(programme=programme, slug="first", title_en="First", status="draft")
    TextStepFactory(lesson=LessonFactory(module=module, slug="intro"), slug="hello")
    return programme


def _catalogue_titles(client) -> str:
    return client.get(reverse("courses:catalogue")).content.decode()


def test_a_draft_is_invisible_to_learners(client_for, learner, draft):
    client = client_for(learner)
    assert "First" not in _catalogue_titles(client)
    assert client.get(reverse("courses:module", args=["first"])).status_code == 404
    assert client.get("/learn/modules/first/intro/hello/").status_code == 404
    with pytest.raises(services.CourseError):
        services.enrol(person=learner, module=Module.objects.get(slug="first"), language="en")


def test_the_programme_team_previews_a_draft_as_a_learner_would(client_for, programme, draft):
    client = client_for(programme)
    page = client.get(reverse("courses:module", args=["first"]))
    assert page.status_code == 200
    assert "Draft" in page.content.decode() and "learners do not see" in page.content.decode()
    step = client.get("/learn/modules/first/intro/hello/")
    assert step.status_code == 200
    assert "preview" in step.content.decode().lower()
    # A preview writes nothing: no enrolment, no progress.
    assert not Enrolment.objects.exists()
    answer = client.post("/learn/modules/first/intro/hello/done")
    assert answer.status_code == 302 and not Enrolment.objects.exists()


def test_publishing_shows_the_programme_and_its_draft_modules_and_is_audited(
    client_for, learner, programme, draft
):
    response = client_for(programme).post(
        reverse("courses:publish", args=["new-track"]), {"reason": "Reviewed by legal"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Lifecycle.PUBLISHED
    assert Module.objects.get(slug="first").status == Lifecycle.PUBLISHED
    entry = history_of(draft).get()
    assert (entry.action, entry.actor, entry.reason) == (
        "courses.programme.published",
        programme,
        "Reviewed by legal",
    )
    assert "First" in _catalogue_titles(client_for(learner))
    history = client_for(programme).get(reverse("courses:programme", args=["new-track"]))
    assert "Programme published" in history.content.decode()
    assert "Reviewed by legal" in history.content.decode()


def test_publishing_twice_changes_nothing_the_second_time(programme, draft):
    services.publish_programme(programme=draft, actor=programme)
    services.publish_programme(programme=draft, actor=programme)
    assert history_of(draft).count() == 1


def test_a_programme_without_modules_cannot_be_published(programme):
    empty = ProgrammeFactory(status="draft")
    with pytest.raises(services.CourseError, match="Add a module"):
        services.publish_programme(programme=empty, actor=programme)
    empty.refresh_from_db()
    assert empty.status == Lifecycle.DRAFT


def test_a_new_module_of_a_published_programme_waits_for_its_own_publication(
    client_for, learner, programme
):
    published = ProgrammeFactory(slug="live")
    ModuleFactory(programme=published, slug="old", title_en="Old module")
    ModuleFactory(programme=published, slug="fresh", title_en="Fresh module", status="draft")
    client = client_for(learner)
    assert "Old module" in _catalogue_titles(client)
    assert "Fresh module" not in _catalogue_titles(client)
    client_for(programme).post(reverse("courses:publish_module", args=["live", "fresh"]))
    assert "Fresh module" in _catalogue_titles(client_for(learner))


def test_retiring_hides_the_programme_but_keeps_learners_progress(
    client_for, learner, trainer, programme, draft
):
    services.publish_programme(programme=draft, actor=programme)
    module = Module.objects.get(slug="first")
    services.enrol(person=learner, module=module, language="en")
    client_for(programme).post(reverse("courses:retire", args=["new-track"]), {"reason": "Old"})
    draft.refresh_from_db()
    assert draft.status == Lifecycle.RETIRED
    # Gone from the catalogue and closed to newcomers...
    assert "First" not in _catalogue_titles(client_for(trainer))
    assert client_for(trainer).get(reverse("courses:module", args=["first"])).status_code == 404
    with pytest.raises(services.CourseError):
        services.enrol(person=trainer, module=module, language="en")
    # ...but whoever is enrolled keeps their place and can go on.
    assert Enrolment.objects.filter(person=learner, module=module).exists()
    page = client_for(learner).get(reverse("courses:module", args=["first"]))
    assert page.status_code == 200
    assert client_for(learner).get("/learn/modules/first/intro/hello/").status_code == 200


def test_a_draft_cannot_be_retired(programme, draft):
    with pytest.raises(services.CourseError):
        services.retire_programme(programme=draft, actor=programme)


def test_only_the_programme_team_publishes(trainer, lead, draft):
    for person in (trainer, lead):
        with pytest.raises(PermissionDenied):
            services.publish_programme(programme=draft, actor=person)
    assert Programme.objects.get(pk=draft.pk).status == Lifecycle.DRAFT


@pytest.mark.parametrize(
    "name,args,method",
    [
        ("courses:programmes", [], "get"),
        ("courses:programme", ["new-track"], "get"),
        ("courses:export", ["new-track"], "get"),
        ("courses:import_programme", [], "get"),
        ("courses:publish", ["new-track"], "post"),
        ("courses:retire", ["new-track"], "post"),
        ("courses:publish_module", ["new-track", "first"], "post"),
        ("courses:retire_module", ["new-track", "first"], "post"),
    ],
)
def test_programme_pages_are_for_the_programme_team_only(
    client_for, people_by_role, draft, name, args, method
):
    url = reverse(name, args=args)
    for role, person in people_by_role.items():
        response = getattr(client_for(person), method)(url)
        if role == "anonymous":
            assert response.status_code == 302 and "login" in response["Location"]
        elif role == "programme":
            assert response.status_code in (200, 302), role
        else:
            assert response.status_code == 403, role
    # Nobody but the programme team changed anything.
    assert Programme.objects.get(pk=draft.pk).status in (Lifecycle.DRAFT, Lifecycle.PUBLISHED)


def test_the_programmes_list_shows_each_status_and_links_to_the_programme(client_for, programme):
    ProgrammeFactory(slug="a", title_en="Alpha", status="draft")
    ProgrammeFactory(slug="b", title_en="Beta")
    ProgrammeFactory(slug="c", title_en="Gamma", status="retired")
    html = client_for(programme).get(reverse("courses:programmes")).content.decode()
    assert html.index("Alpha") < html.index("Beta") < html.index("Gamma")  # drafts first
    for word in ("Draft", "Published", "Retired"):
        assert word in html
    assert reverse("courses:programme", args=["a"]) in html


def test_changing_a_published_module_keeps_what_learners_did(learner, programme):
    from courses import coursecode
    from courses.models import QuizStep, TextStep

    from .test_coursecode import SMALL, load_published

    load_published(SMALL)
    module = Module.objects.get()
    services.enrol(person=learner, module=module, language="en")
    services.mark_step_done(person=learner, step=TextStep.objects.get())
    quiz = QuizStep.objects.get()
    answers = {q.pk: [c.pk for c in q.choices.all() if c.correct] for q in quiz.questions.all()}
    services.submit_quiz(person=learner, step=quiz, answers=answers)
    enrolment = Enrolment.objects.get(person=learner)
    assert enrolment.completed_at is not None

    extra = (
        "          - slug: more\n            kind: text\n"
        "            title: {en: More, nl: Meer}\n            body: {en: New, nl: Nieuw}\n"
    )
    changed = SMALL + extra
    coursecode.import_documents([coursecode.parse_text(changed, label="small.yaml")])
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None  # completion is a moment, not a recount
    assert module.lessons.get().steps.count() == 3


# -- query counts: constant in the number of programmes, modules and learners -------------------


def test_the_programmes_page_runs_the_same_queries_for_5_and_50_programmes(client_for, programme):
    def grow(n):
        for _ in range(n):
            ModuleFactory(programme=ProgrammeFactory(status="draft"), status="draft")

    assert_constant(page(client_for(programme), reverse("courses:programmes")), grow)


def test_a_programme_page_runs_the_same_queries_for_5_and_50_modules_and_learners(
    client_for, programme, draft
):
    services.publish_programme(programme=draft, actor=programme)

    def grow(n):
        for _ in range(n):
            module = ModuleFactory(programme=draft)
            services.publish_module(module=module, actor=programme, reason="ready")
            services.enrol(person=PersonFactory(), module=module, language="en")

    url = reverse("courses:programme", args=["new-track"])
    assert_constant(page(client_for(programme), url), grow)


def test_the_programme_home_counts_programmes_by_status(client_for, programme, draft):
    ProgrammeFactory(title_en="Live one")
    html = client_for(programme).get(reverse("programme_home")).content.decode()
    assert "1 programme is published" in html
    assert "1 draft waits to be published" in html
    assert reverse("courses:import_programme") in html
