"""Overrides: a learner out of quiz attempts asks for help; a trainer or champion of their unit
(or the programme team) grants attempts, resets the step or marks it complete, audited and shown
to the learner."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.models import AuditEntry
from courses import services
from courses.models import HelpRequest, Override, StepCompletion
from courses.steps.quiz import quiz_state
from tests.factories import PersonFactory
from tests.queries import assert_constant, page

from .factories import right_answers, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def out_of_attempts(learner, enrolled, steps):
    quiz = steps["quiz"]  # two attempts allowed
    for _ in range(2):
        services.submit_quiz(person=learner, step=quiz, answers=wrong_answers(quiz))
    return quiz


def _step_url(quiz):
    return reverse("courses:step", args=[quiz.lesson.module.slug, quiz.lesson.slug, quiz.slug])


def test_a_learner_out_of_attempts_cannot_submit_again(learner, out_of_attempts):
    with pytest.raises(services.CourseError, match="used all 2 attempts"):
        services.submit_quiz(
            person=learner, step=out_of_attempts, answers=right_answers(out_of_attempts)
        )


def test_a_granted_attempt_lets_the_learner_pass(learner, trainer, out_of_attempts):
    services.grant_quiz_attempts(
        actor=trainer, person=learner, step=out_of_attempts, extra=1, reason="Try once more"
    )
    attempt = services.submit_quiz(
        person=learner, step=out_of_attempts, answers=right_answers(out_of_attempts)
    )
    assert attempt.passed and attempt.number == 3
    assert StepCompletion.objects.filter(step=out_of_attempts).exists()


def test_a_granted_attempt_is_counted_once(learner, trainer, out_of_attempts):
    services.grant_quiz_attempts(actor=trainer, person=learner, step=out_of_attempts, extra=1)
    services.submit_quiz(
        person=learner, step=out_of_attempts, answers=wrong_answers(out_of_attempts)
    )
    with pytest.raises(services.CourseError):
        services.submit_quiz(
            person=learner, step=out_of_attempts, answers=right_answers(out_of_attempts)
        )


def test_an_override_is_audited_with_who_and_why(learner, trainer, out_of_attempts):
    override = services.grant_quiz_attempts(
        actor=trainer, person=learner, step=out_of_attempts, extra=2, reason="Misread question 2"
    )
    entry = AuditEntry.objects.get(object_id=override.pk, action="courses.override.extra_attempts")
    assert entry.actor == trainer and entry.reason == "Misread question 2"
    assert entry.data["extra_attempts"] == 2


def test_a_reset_starts_the_quiz_attempts_afresh(learner, trainer, out_of_attempts):
    services.reset_step(actor=trainer, person=learner, step=out_of_attempts, reason="New start")
    state = quiz_state(learner, out_of_attempts)
    assert state.attempts_left == 2 and state.attempts == []
    attempt = services.submit_quiz(
        person=learner, step=out_of_attempts, answers=right_answers(out_of_attempts)
    )
    assert attempt.passed and attempt.number == 3


def test_a_reset_removes_the_completion_of_a_step(learner, trainer, enrolled, steps):
    services.mark_step_done(person=learner, step=steps["text"])
    services.reset_step(actor=trainer, person=learner, step=steps["text"])
    enrolled.refresh_from_db()
    assert not StepCompletion.objects.filter(step=steps["text"]).exists()
    assert enrolled.steps_completed == 0


def test_marking_complete_needs_a_reason(learner, trainer, out_of_attempts):
    with pytest.raises(services.CourseError, match="Say why"):
        services.mark_step_complete(actor=trainer, person=learner, step=out_of_attempts, reason=" ")
    assert not Override.objects.exists()


def test_marking_complete_completes_the_step(learner, trainer, out_of_attempts):
    services.mark_step_complete(
        actor=trainer, person=learner, step=out_of_attempts, reason="Passed on paper"
    )
    assert StepCompletion.objects.filter(step=out_of_attempts).exists()


def test_a_trainer_of_another_unit_may_not_override(learner, other_unit, out_of_attempts):
    stranger = PersonFactory(unit=other_unit, is_trainer=True)
    with pytest.raises(PermissionDenied):
        services.grant_quiz_attempts(actor=stranger, person=learner, step=out_of_attempts, extra=1)


def test_nobody_overrides_for_themselves(trainer, module, steps):
    services.enrol(person=trainer, module=module)
    with pytest.raises(PermissionDenied):
        services.grant_quiz_attempts(actor=trainer, person=trainer, step=steps["quiz"], extra=1)


def test_the_programme_team_may_override_for_anyone(learner, programme, out_of_attempts):
    services.grant_quiz_attempts(actor=programme, person=learner, step=out_of_attempts, extra=1)
    assert quiz_state(learner, out_of_attempts).can_attempt


def test_asking_twice_keeps_one_request_and_an_override_answers_it(
    learner, trainer, out_of_attempts
):
    services.request_help(person=learner, step=out_of_attempts)
    services.request_help(person=learner, step=out_of_attempts)
    assert HelpRequest.objects.filter(answered_at=None).count() == 1
    services.grant_quiz_attempts(actor=trainer, person=learner, step=out_of_attempts, extra=1)
    request = HelpRequest.objects.get()
    assert request.answered_by == trainer and request.answered_at is not None


def test_the_stuck_learner_sees_who_can_help_and_asks_with_one_click(
    client_for, learner, trainer, out_of_attempts
):
    page = client_for(learner).get(_step_url(out_of_attempts))
    assert trainer.name in page.content.decode()
    ask = reverse(
        "courses:ask_for_help",
        args=[
            out_of_attempts.lesson.module.slug,
            out_of_attempts.lesson.slug,
            out_of_attempts.slug,
        ],
    )
    assert ask in page.content.decode()
    client_for(learner).post(ask)
    assert HelpRequest.objects.filter(person=learner, step=out_of_attempts).exists()


def test_the_request_lands_in_the_trainers_queue_and_not_in_another_units(
    client_for, learner, trainer, other_unit, out_of_attempts
):
    services.request_help(person=learner, step=out_of_attempts)
    assert learner.name in client_for(trainer).get(reverse("courses:help_queue")).content.decode()
    stranger = PersonFactory(unit=other_unit, is_trainer=True)
    page = client_for(stranger).get(reverse("courses:help_queue")).content.decode()
    assert learner.name not in page


def test_a_champion_grants_an_attempt_on_the_page_and_the_learner_sees_it(
    client_for, learner, trainer, out_of_attempts
):
    url = reverse("courses:learner_on_step", args=[learner.pk, out_of_attempts.pk])
    response = client_for(trainer).post(
        url, {"action": "extra_attempts", "extra": "1", "reason": "One more go"}
    )
    assert response.status_code == 302
    page = client_for(learner).get(_step_url(out_of_attempts)).content.decode()
    assert "1 extra attempt granted" in page and "One more go" in page and trainer.name in page
    assert "Submit my answers" in page


def test_the_override_page_refuses_a_mark_complete_without_reason(
    client_for, learner, trainer, out_of_attempts
):
    url = reverse("courses:learner_on_step", args=[learner.pk, out_of_attempts.pk])
    response = client_for(trainer).post(url, {"action": "mark_complete", "reason": ""})
    assert response.status_code == 200 and "Say why" in response.content.decode()
    assert not Override.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("learner", 403), ("trainer", 200), ("lead", 403), ("programme", 200)],
)
def test_who_may_open_the_help_queue(client_for, people_by_role, role, status):
    response = client_for(people_by_role[role]).get(reverse("courses:help_queue"))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("learner", 403), ("trainer", 200), ("lead", 403), ("programme", 200)],
)
def test_who_may_open_a_learner_on_a_step(
    client_for, people_by_role, out_of_attempts, role, status
):
    other = PersonFactory(unit=people_by_role["learner"].unit)
    services.enrol(person=other, module=out_of_attempts.lesson.module)
    url = reverse("courses:learner_on_step", args=[other.pk, out_of_attempts.pk])
    assert client_for(people_by_role[role]).get(url).status_code == status


def test_the_help_queue_reads_the_same_number_of_queries_at_5_and_50_learners(
    client_for, trainer, unit, out_of_attempts
):
    def grow(learners):
        for _ in range(learners):
            person = PersonFactory(unit=unit)
            services.enrol(person=person, module=out_of_attempts.lesson.module)
            services.request_help(person=person, step=out_of_attempts)

    client = client_for(trainer)
    assert_constant(page(client, reverse("courses:help_queue")), grow)


def test_the_stuck_learners_step_page_reads_the_same_number_of_queries_at_5_and_50_helpers(
    client_for, learner, unit, out_of_attempts
):
    def grow(helpers):
        for _ in range(helpers):
            PersonFactory(unit=unit, is_trainer=True)

    client = client_for(learner)
    assert_constant(page(client, _step_url(out_of_attempts)), grow)


# -- extending a deadline of required training --------------------------------------------------


@pytest.fixture
def required(programme, module, enrolled):
    """The module is required of everyone within two weeks."""
    import datetime

    from django.utils import timezone

    due = timezone.localdate() + datetime.timedelta(days=14)
    services.set_requirement(by=programme, module=module, units=[], roles=[], due_on=due)
    return due


def test_a_champion_extends_a_deadline_and_the_learner_sees_the_new_date(
    client_for, learner, trainer, steps, module, required
):
    import datetime

    from courses import selectors

    later = required + datetime.timedelta(days=30)
    url = reverse("courses:learner_on_step", args=[learner.pk, steps["text"].pk])
    form = client_for(trainer).get(url).content.decode()
    assert "Extend the deadline of the module" in form and "required of this learner" in form
    response = client_for(trainer).post(
        url, {"action": "extend_deadline", "due_on": later.isoformat(), "reason": "On leave"}
    )
    assert response.status_code == 302
    override = Override.objects.get()
    assert (override.kind, override.due_on, override.granted_by) == (
        "extended_deadline",
        later,
        trainer,
    )
    entry = AuditEntry.objects.get(action="courses.override.extended_deadline")
    assert entry.data["due_on"] == later.isoformat() and entry.reason == "On leave"
    # The learner's required training, the reminders and the overdue notices follow it.
    assert [item.due for item in selectors.required_training(learner)] == [later]
    assert {o.due for o in selectors.open_obligations() if o.person == learner} == {later}
    page = client_for(learner).get(_step_url(steps["text"])).content.decode()
    assert "Deadline extended to" in page and "On leave" in page


def test_a_deadline_moves_only_later_and_only_for_required_training(
    learner, trainer, steps, module, required
):
    with pytest.raises(services.CourseError, match="Choose a date after"):
        services.extend_deadline(actor=trainer, person=learner, step=steps["text"], due_on=required)
    with pytest.raises(PermissionDenied):  # a colleague who is no trainer or champion
        services.extend_deadline(
            actor=PersonFactory(unit=learner.unit),
            person=learner,
            step=steps["text"],
            due_on=required,
        )
    assert not Override.objects.exists()


def test_there_is_no_deadline_to_extend_when_nothing_is_required(
    client_for, learner, trainer, steps, enrolled
):
    import datetime

    url = reverse("courses:learner_on_step", args=[learner.pk, steps["text"].pk])
    assert "Extend the deadline" not in client_for(trainer).get(url).content.decode()
    with pytest.raises(services.CourseError, match="not required of"):
        services.extend_deadline(
            actor=trainer,
            person=learner,
            step=steps["text"],
            due_on=datetime.date.today() + datetime.timedelta(days=40),
        )
