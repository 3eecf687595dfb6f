"""Authoring in the admin: the programme team edits content; learning state is read-only."""

import pytest
from django.urls import reverse

from courses.models import Module, Step, TextStep

pytestmark = pytest.mark.django_db

PAGES = [
    ("admin:courses_programme_changelist", None),
    ("admin:courses_programme_change", "programme"),
    ("admin:courses_module_changelist", None),
    ("admin:courses_module_change", "module"),
    ("admin:courses_lesson_change", "lesson"),
    ("admin:courses_step_changelist", None),
    ("admin:courses_step_add", None),
    ("admin:courses_quizstep_change", "quiz"),
    ("admin:courses_question_change", "question"),
    ("admin:courses_sessionstep_change", "session_step"),
    ("admin:courses_session_change", "session"),
    ("admin:courses_enrolment_changelist", None),
    ("admin:courses_submission_changelist", None),
    ("admin:courses_timeapproval_changelist", None),
    ("admin:courses_quizattempt_changelist", None),
]


@pytest.fixture
def objects(course, session):
    steps = course["steps"]
    return {
        "programme": course["programme"],
        "module": course["module"],
        "lesson": steps["text"].lesson,
        "quiz": steps["quiz"],
        "question": steps["quiz"].questions.first(),
        "session_step": steps["session"],
        "session": session,
    }


def url(name, key, objects):
    return reverse(name, args=[objects[key].pk]) if key else reverse(name)


@pytest.mark.parametrize(("name", "key"), PAGES)
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("learner", 302), ("trainer", 302), ("lead", 302), ("programme", 200)],
)
def test_only_the_programme_team_opens_the_course_admin(
    client_for, people_by_role, objects, name, key, role, status
):
    response = client_for(people_by_role[role]).get(url(name, key, objects))
    assert response.status_code == status
    if status == 302:
        assert reverse("admin:login") in response["Location"]


def test_learning_state_cannot_be_changed_in_the_admin(client_for, programme, enrolled):
    client = client_for(programme)
    page = client.get(reverse("admin:courses_enrolment_change", args=[enrolled.pk]))
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.get(reverse("admin:courses_enrolment_add")).status_code == 403
    assert (
        client.post(reverse("admin:courses_enrolment_delete", args=[enrolled.pk])).status_code
        == 403
    )


def test_the_admin_index_lists_courses_for_the_programme_team(client_for, programme):
    page = client_for(programme).get(reverse("admin:index")).content.decode()
    assert "Programmes" in page and "Modules" in page and "Steps" in page


def module_form(module, **changes) -> dict:
    data = {
        "programme": module.programme_id,
        "slug": module.slug,
        "position": 0,
        "minutes": 120,
        "platforms": "",
        "languages": ["en", "nl"],
        "title_en": module.title_en,
        "summary_en": "",
        "title_nl": "",
        "summary_nl": "",
        "audience_roles": [],
        "requires": [],
        "lessons-TOTAL_FORMS": 0,
        "lessons-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


def test_a_prerequisite_cycle_is_refused_in_the_admin(client_for, programme, module):
    later = Module.objects.create(programme=module.programme, slug="later", title_en="Later")
    later.requires.set([module])
    response = client_for(programme).post(
        reverse("admin:courses_module_change", args=[module.pk]),
        module_form(module, requires=[later.pk]),
    )
    assert response.status_code == 200
    assert "would form a cycle: basics → later → basics" in response.content.decode()
    assert not module.requires.exists()


def test_bad_languages_and_minutes_are_refused_in_the_admin(client_for, programme, module):
    response = client_for(programme).post(
        reverse("admin:courses_module_change", args=[module.pk]),
        module_form(module, languages=["fr"], minutes=0, platforms="LinkedIn!"),
    )
    page = response.content.decode()
    assert "Select a valid choice. fr is not one of the available choices." in page
    assert "is not a tag" in page
    assert "Ensure this value is greater than or equal to 1." in page


def test_module_tags_languages_and_roles_are_saved_from_the_admin(client_for, programme, module):
    response = client_for(programme).post(
        reverse("admin:courses_module_change", args=[module.pk]),
        module_form(
            module, platforms="LinkedIn , video,linkedin", languages=["nl"], audience_roles=["lead"]
        ),
    )
    assert response.status_code == 302
    module.refresh_from_db()
    assert (module.platforms, module.languages, module.audience_roles) == (
        ["linkedin", "video"],
        ["nl"],
        ["lead"],
    )


def test_a_text_step_is_added_through_the_step_admin(client_for, programme, steps):
    lesson = steps["text"].lesson
    client = client_for(programme)
    add = reverse("admin:courses_step_add")
    response = client.post(
        f"{add}?ct_id={_ctype(TextStep)}",
        {
            "lesson": lesson.pk,
            "slug": "more",
            "position": 9,
            "title_en": "More",
            "title_nl": "Meer",
            "body_en": "Text",
            "body_nl": "Tekst",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Step.objects.get(slug="more").kind == "text"


def test_an_embed_url_outside_the_allow_list_is_refused(client_for, programme, steps):
    video = steps["video"]
    response = client_for(programme).post(
        reverse("admin:courses_videostep_change", args=[video.pk]),
        {
            "lesson": video.lesson_id,
            "slug": video.slug,
            "position": 1,
            "title_en": "Watch",
            "title_nl": "",
            "embed_url": "https://evil.example.com/embed/1",
            "transcript_en": "",
            "transcript_nl": "",
        },
    )
    assert "is not on the video allow-list" in response.content.decode()


def test_a_question_needs_a_correct_choice(client_for, programme, steps):
    question = steps["quiz"].questions.first()
    choices = list(question.choices.all())
    data = {
        "quiz": question.quiz_id,
        "position": 0,
        "prompt_en": "Q?",
        "prompt_nl": "",
        "choices-TOTAL_FORMS": len(choices),
        "choices-INITIAL_FORMS": len(choices),
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for index, choice in enumerate(choices):
        data.update(
            {
                f"choices-{index}-id": choice.pk,
                f"choices-{index}-question": question.pk,
                f"choices-{index}-position": index,
                f"choices-{index}-text_en": choice.text_en,
                f"choices-{index}-text_nl": "",
                f"choices-{index}-feedback_en": "",
                f"choices-{index}-feedback_nl": "",
            }
        )
    response = client_for(programme).post(
        reverse("admin:courses_question_change", args=[question.pk]), data
    )
    assert "Mark at least one choice as correct." in response.content.decode()


def _ctype(model) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model, for_concrete_model=False).pk


def test_a_handed_in_file_is_linked_through_the_permission_checked_view(
    client_for, programme, learner, enrolled, steps, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from courses import services
    from courses.models import AssignmentStep

    from .factories import AssignmentStepFactory

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    step = AssignmentStepFactory(
        lesson=steps["assignment"].lesson, submission_kind=AssignmentStep.Submission.FILE
    )
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    submission = services.submit_assignment(person=learner, step=step, file=upload)
    page = client_for(programme).get(
        reverse("admin:courses_submission_change", args=[submission.pk])
    )
    assert page.status_code == 200
    assert reverse("courses:submission_file", args=[submission.pk]) in page.content.decode()
