"""A step kind added from one module (tests/stepkinds, installed by tests/settings.py) works on
the learner's step page, in the admin and in course-as-code without any other change."""

import textwrap

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from courses import coursecode, selectors, services
from courses.coursecode import CourseCodeError
from courses.models import Step
from tests.stepkinds.models import Reflection, ReflectionStep

from .factories import LessonFactory, ModuleFactory

pytestmark = pytest.mark.django_db

PROGRAMME = textwrap.dedent(
    """\
    slug: reflective
    title: {en: Reflective, nl: Reflectief}
    modules:
      - slug: think
        title: {en: Think, nl: Denk}
        minutes: 30
        lessons:
          - slug: look-back
            title: {en: Look back, nl: Terugblik}
            steps:
              - slug: my-week
                kind: reflection
                title: {en: My week online, nl: Mijn week online}
                prompt: {en: "What did **you** share?", nl: "Wat deelde **jij**?"}
                min_words: 3
    """
)


@pytest.fixture
def reflection_step(db):
    module = ModuleFactory(slug="think", title_en="Think")
    lesson = LessonFactory(module=module, slug="look-back")
    return ReflectionStep.objects.create(
        lesson=lesson, slug="my-week", title_en="My week", prompt_en="What did you share?"
    )


def step_url(step) -> str:
    return reverse("courses:step", args=[step.lesson.module.slug, step.lesson.slug, step.slug])


def test_the_learner_opens_the_new_kind_and_completes_it_with_its_own_form(
    client_for, learner, reflection_step
):
    services.enrol(person=learner, module=reflection_step.lesson.module)
    client = client_for(learner)
    page = client.get(step_url(reflection_step)).text
    assert "What did you share?" in page and "Keep my reflection" in page
    assert 'class="step step-reflection"' in page
    too_short = client.post(step_url(reflection_step), {"text": "Too short"})
    assert "Write at least 20 words." in too_short.text
    assert not reflection_step.is_complete_for(learner)
    words = " ".join(["word"] * 20)
    response = client.post(step_url(reflection_step), {"text": words}, follow=True)
    assert "Thank you: your reflection is kept." in response.text
    assert Reflection.objects.get(person=learner).text == words
    assert reflection_step.is_complete_for(learner)
    outline = selectors.module_outline(reflection_step.lesson.module, learner)
    assert [(item.kind, item.kind_label, item.done) for item in outline.steps] == [
        ("reflection", "reflection", True)
    ]


def test_the_new_kind_imports_and_exports_as_course_as_code(db):
    coursecode.import_documents([coursecode.parse_text(PROGRAMME, label="reflective.yaml")])
    step = Step.objects.get(slug="my-week")
    assert isinstance(step, ReflectionStep)
    assert (step.prompt_nl, step.min_words) == ("Wat deelde **jij**?", 3)
    exported = coursecode.export_text("reflective")
    assert "kind: reflection" in exported and "min_words: 3" in exported
    again = coursecode.import_documents([coursecode.parse_text(exported, label="again.yaml")])
    assert (again.created, again.updated, again.removed) == ([], [], [])
    assert coursecode.export_text("reflective") == exported


def test_a_bad_key_of_the_new_kind_names_its_line(db):
    bad = PROGRAMME.replace("min_words: 3", "min_words: lots")
    with pytest.raises(CourseCodeError, match=r"reflective.yaml:15: .*min_words"):
        coursecode.import_documents([coursecode.parse_text(bad, label="reflective.yaml")])


def test_the_new_kind_is_authored_in_the_admin(client_for, programme, reflection_step, learner):
    Reflection.objects.create(step=reflection_step, person=learner, text="Shared a post")
    client = client_for(programme)
    lesson_page = client.get(
        reverse("admin:courses_lesson_change", args=[reflection_step.lesson_id])
    ).text
    assert "What did you share?" in lesson_page  # the kind's fields among the lesson's steps
    own_page = client.get(
        reverse("admin:stepkinds_reflectionstep_change", args=[reflection_step.pk])
    ).text
    assert "Shared a post" in own_page  # the kind's own inline
    ctype = ContentType.objects.get_for_model(ReflectionStep).pk
    response = client.post(
        f"{reverse('admin:courses_step_add')}?ct_id={ctype}",
        {
            "lesson": reflection_step.lesson_id,
            "slug": "next-week",
            "position": 2,
            "title_en": "Next week",
            "title_nl": "",
            "prompt_en": "What will you share?",
            "prompt_nl": "",
            "min_words": 5,
            "reflections-TOTAL_FORMS": 0,  # the kind's inline
            "reflections-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.text[:2000]
    assert Step.objects.get(slug="next-week").kind == "reflection"
