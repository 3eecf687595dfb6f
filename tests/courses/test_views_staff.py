"""Staff pages of the courses app: review queue and reviews, sessions and attendance, time
approvals, and the home sections of trainers, leads and the programme team."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.forms import AttendanceForm
from courses.models import AssignmentStep, Booking, StepCompletion, Submission, TimeApproval
from tests.factories import PersonFactory, UnitFactory

from .factories import (
    ASSIGNMENT_LINK,
    AssignmentStepFactory,
    LessonFactory,
    ModuleFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "learner", "trainer", "lead", "programme"]
TRAINERS = {"anonymous": 302, "learner": 403, "trainer": 200, "lead": 403, "programme": 200}
LEADS = {"anonymous": 302, "learner": 403, "trainer": 403, "lead": 200, "programme": 200}
LINK = ASSIGNMENT_LINK


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.fixture
def file_submission(learner, enrolled, steps, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    step = AssignmentStepFactory(
        lesson=steps["assignment"].lesson,
        slug="upload",
        submission_kind=AssignmentStep.Submission.FILE,
    )
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 my plan", content_type="application/pdf")
    return services.submit_assignment(person=learner, step=step, file=upload, text="See file")


@pytest.fixture
def outsider_unit(firm):
    return UnitFactory(name="Tax", slug="tax", parent=firm)


# -- who may open what ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("courses:review_queue", TRAINERS),
        ("courses:my_sessions", TRAINERS),
        ("courses:time_approvals", LEADS),
    ],
)
def test_each_staff_list_answers_each_role_as_its_permission_says(
    name, expected, role, people_by_role, client_for
):
    response = client_for(people_by_role[role]).get(reverse(name))
    assert response.status_code == expected[role]
    if role == "anonymous":
        assert_login_redirect(response)


@pytest.mark.parametrize("role", ROLES)
def test_the_review_page_opens_for_the_learners_trainer_and_the_programme_team(
    role, people_by_role, client_for, submission
):
    response = client_for(people_by_role[role]).get(reverse("courses:review", args=[submission.pk]))
    assert response.status_code == TRAINERS[role]
    if response.status_code == 200:
        assert LINK in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_learners_trainer_and_the_programme_team_decide_a_review(
    role, people_by_role, client_for, submission
):
    url = reverse("courses:review", args=[submission.pk])
    response = client_for(people_by_role[role]).post(url, {"decision": "approve"})
    submission.refresh_from_db()
    allowed = TRAINERS[role] == 200
    assert response.status_code == (302 if allowed or role == "anonymous" else 403)
    if role == "anonymous":
        assert_login_redirect(response)
    assert (submission.status == Submission.Status.APPROVED) == allowed


@pytest.mark.parametrize("role", ROLES)
def test_attendance_is_taken_only_by_the_sessions_trainer_and_the_programme_team(
    role, people_by_role, client_for, past_session, learner, enrolled
):
    booking = Booking.objects.create(session=past_session, person=learner, step=past_session.step)
    url = reverse("courses:session_roster", args=[past_session.pk])
    response = client_for(people_by_role[role]).post(url, {f"attended_{booking.pk}": "on"})
    booking.refresh_from_db()
    allowed = TRAINERS[role] == 200
    assert response.status_code == (302 if allowed or role == "anonymous" else 403)
    assert booking.attended is (True if allowed else None)


@pytest.mark.parametrize("role", ROLES)
def test_the_submitted_file_downloads_only_for_reviewers(
    role, people_by_role, client_for, file_submission
):
    url = reverse("courses:review_file", args=[file_submission.pk])
    response = client_for(people_by_role[role]).get(url)
    assert response.status_code == TRAINERS[role]
    if response.status_code == 200:
        assert response["Content-Disposition"].startswith("attachment;")
        assert b"".join(response.streaming_content) == b"%PDF-1.4 my plan"


@pytest.mark.parametrize("role", ROLES)
def test_the_roster_opens_for_the_sessions_trainer_and_the_programme_team(
    role, people_by_role, client_for, session
):
    response = client_for(people_by_role[role]).get(
        reverse("courses:session_roster", args=[session.pk])
    )
    assert response.status_code == TRAINERS[role]


@pytest.mark.parametrize("role", ROLES)
def test_a_time_request_is_decided_only_by_a_lead_of_the_unit_or_the_programme_team(
    role, people_by_role, client_for, time_request
):
    url = reverse("courses:decide_time_approval", args=[time_request.pk])
    response = client_for(people_by_role[role]).post(
        url, {f"approval-{time_request.pk}-decision": "approve"}
    )
    time_request.refresh_from_db()
    if role == "anonymous":
        assert_login_redirect(response)
    allowed = {"lead", "programme"}
    assert response.status_code == (302 if role in allowed | {"anonymous"} else 403)
    assert (time_request.status == TimeApproval.Status.APPROVED) == (role in allowed)


def test_a_trainer_of_another_unit_never_sees_the_submission(
    client_for, submission, outsider_unit, file_submission
):
    elsewhere = PersonFactory(unit=outsider_unit, is_trainer=True)
    client = client_for(elsewhere)
    for url in (
        reverse("courses:review", args=[submission.pk]),
        reverse("courses:review_file", args=[file_submission.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert LINK.encode() not in response.content and b"my plan" not in response.content
    response = client.post(
        reverse("courses:review", args=[submission.pk]), {"decision": "approve", "note": ""}
    )
    assert response.status_code == 404
    submission.refresh_from_db()
    assert submission.is_open
    assert submission not in client.get(reverse("courses:review_queue")).context["page"]


def test_a_trainer_of_a_unit_above_the_learners_team_reviews_it(client_for, submission, unit):
    team = UnitFactory(name="Social team", slug="social-team", parent=unit, kind="team")
    learner = submission.person
    learner.unit = team
    learner.save()
    trainer = PersonFactory(unit=unit, is_trainer=True)
    assert (
        client_for(trainer).get(reverse("courses:review", args=[submission.pk])).status_code == 200
    )


def test_nobody_reviews_their_own_submission(client_for, trainer, module, steps):
    services.enrol(person=trainer, module=module)
    own = services.submit_assignment(person=trainer, step=steps["assignment"], link=LINK)
    client = client_for(trainer)
    assert client.get(reverse("courses:review", args=[own.pk])).status_code == 404
    response = client.post(reverse("courses:review", args=[own.pk]), {"decision": "approve"})
    assert response.status_code == 404
    own.refresh_from_db()
    assert own.is_open
    assert list(client.get(reverse("courses:review_queue")).context["page"]) == []


def test_a_trainer_who_does_not_run_the_session_cannot_see_its_roster(client_for, session, unit):
    colleague = PersonFactory(unit=unit, is_trainer=True)
    response = client_for(colleague).get(reverse("courses:session_roster", args=[session.pk]))
    assert response.status_code == 404


def test_a_lead_of_another_unit_cannot_decide(client_for, time_request, outsider_unit):
    other_lead = PersonFactory(unit=outsider_unit, leads=[outsider_unit])
    url = reverse("courses:decide_time_approval", args=[time_request.pk])
    response = client_for(other_lead).post(url, {f"approval-{time_request.pk}-decision": "approve"})
    assert response.status_code == 404
    time_request.refresh_from_db()
    assert time_request.status == TimeApproval.Status.REQUESTED
    page = client_for(other_lead).get(reverse("courses:time_approvals"))
    assert list(page.context["waiting"]) == []


def test_a_lead_never_decides_their_own_request(client_for, lead, paid_programme):
    own = services.request_time_approval(person=lead, programme=paid_programme)
    url = reverse("courses:decide_time_approval", args=[own.pk])
    response = client_for(lead).post(url, {f"approval-{own.pk}-decision": "approve"})
    assert response.status_code == 404
    own.refresh_from_db()
    assert own.status == TimeApproval.Status.REQUESTED


def test_deciding_is_post_only(client_for, lead, time_request):
    url = reverse("courses:decide_time_approval", args=[time_request.pk])
    assert client_for(lead).get(url).status_code == 405


# -- review queue ---------------------------------------------------------------------------


def test_the_queue_lists_open_submissions_oldest_first_with_unit_module_and_round(
    client_for, trainer, unit, module, steps
):
    people = [PersonFactory(unit=unit, first_name=name, last_name="Q") for name in ("Ann", "Bob")]
    for person in reversed(people):
        services.enrol(person=person, module=module)
        services.submit_assignment(person=person, step=steps["assignment"], link=LINK)
    Submission.objects.filter(person=people[0]).update(
        submitted_at=timezone.now() - datetime.timedelta(days=3)
    )
    response = client_for(trainer).get(reverse("courses:review_queue"))
    assert [s.person for s in response.context["page"]] == people
    html = response.content.decode()
    assert html.index("Ann Q") < html.index("Bob Q")
    assert "Advisory" in html and module.title() in html and steps["assignment"].title() in html
    assert "3\xa0days" in html
    assert "2 assignments wait for review." in html


def test_the_queue_filters_by_unit_with_the_units_below_and_by_module(
    client_for, programme, unit, other_unit, module, steps
):
    team = UnitFactory(slug="advisory-team", name="Advisory team", parent=unit, kind="team")
    other_module = ModuleFactory(programme=module.programme, slug="other")
    other_step = AssignmentStepFactory(lesson=LessonFactory(module=other_module))
    in_team, outside = PersonFactory(unit=team), PersonFactory(unit=other_unit)
    for person in (in_team, outside):
        services.enrol(person=person, module=module)
        services.submit_assignment(person=person, step=steps["assignment"], link=LINK)
    services.enrol(person=in_team, module=other_module)
    later = services.submit_assignment(person=in_team, step=other_step, text="Other")
    client = client_for(programme)
    by_unit = client.get(reverse("courses:review_queue"), {"unit": unit.pk})
    assert {s.person for s in by_unit.context["page"]} == {in_team}
    both = client.get(reverse("courses:review_queue"), {"unit": unit.pk, "module": other_module.pk})
    assert list(both.context["page"]) == [later]
    by_module = client.get(reverse("courses:review_queue"), {"module": module.pk})
    assert {s.person for s in by_module.context["page"]} == {in_team, outside}


def test_the_queue_filter_offers_only_units_in_the_reviewers_scope(
    client_for, trainer, other_unit, submission
):
    form = client_for(trainer).get(reverse("courses:review_queue")).context["form"]
    offered = {value for value, _label in form.fields["unit"].choices}
    assert trainer.unit_id in offered and other_unit.pk not in offered


def test_a_filter_with_nothing_in_it_says_so(client_for, trainer, submission, module):
    response = client_for(trainer).get(reverse("courses:review_queue"), {"unit": "999999"})
    # An unknown unit is ignored rather than showing someone else's work.
    assert list(response.context["page"]) == [submission]
    empty_module = ModuleFactory(slug="empty")
    response = client_for(trainer).get(reverse("courses:review_queue"), {"module": empty_module.pk})
    assert list(response.context["page"]) == [submission]


def test_an_empty_queue_says_there_is_nothing_to_review(client_for, trainer):
    response = client_for(trainer).get(reverse("courses:review_queue"))
    assert "Nothing waits for review" in response.content.decode()


def test_the_queue_is_paginated_and_keeps_its_filters(client_for, programme, unit, module, steps):
    for _ in range(27):
        person = PersonFactory(unit=unit)
        services.enrol(person=person, module=module)
        services.submit_assignment(person=person, step=steps["assignment"], link=LINK)
    client = client_for(programme)
    first = client.get(reverse("courses:review_queue"), {"module": module.pk})
    assert len(first.context["page"]) == 25
    assert f"?module={module.pk}&amp;page=2" in first.content.decode()
    second = client.get(reverse("courses:review_queue"), {"module": module.pk, "page": 2})
    assert len(second.context["page"]) == 2


# -- review page ----------------------------------------------------------------------------


def test_the_review_page_shows_the_instructions_the_work_and_earlier_rounds(
    client_for, trainer, learner, submission, steps
):
    services.review_submission(
        submission=submission, by=trainer, approve=False, feedback="Mention the event date."
    )
    again = services.submit_assignment(
        person=learner, step=steps["assignment"], link="https://www.linkedin.com/posts/second"
    )
    html = client_for(trainer).get(reverse("courses:review", args=[again.pk])).content.decode()
    assert "Write your first post." in html
    assert "posts/second" in html and "posts/first" in html
    assert "Earlier rounds" in html and "Mention the event date." in html
    assert "round 2" in html


def test_a_file_submission_links_to_the_checked_download_never_to_media(
    client_for, trainer, file_submission
):
    html = client_for(trainer).get(reverse("courses:review", args=[file_submission.pk]))
    html = html.content.decode()
    assert reverse("courses:review_file", args=[file_submission.pk]) in html
    assert "/media/" not in html
    assert "Download plan" in html


def test_a_missing_file_is_a_404_not_an_error(client_for, trainer, file_submission):
    file_submission.file.storage.delete(file_submission.file.name)
    url = reverse("courses:review_file", args=[file_submission.pk])
    assert client_for(trainer).get(url).status_code == 404


def test_a_submission_without_a_file_has_no_download(client_for, trainer, submission):
    url = reverse("courses:review_file", args=[submission.pk])
    assert client_for(trainer).get(url).status_code == 404


def test_approving_completes_the_step_and_returns_to_the_queue_with_a_message(
    client_for,
    trainer,
    learner,
    submission,
    steps,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    client = client_for(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("courses:review", args=[submission.pk]), {"decision": "approve", "note": ""}
        )
    assert response.status_code == 302 and response["Location"] == reverse("courses:review_queue")
    submission.refresh_from_db()
    assert submission.status == Submission.Status.APPROVED and submission.reviewer == trainer
    assert StepCompletion.objects.filter(
        enrolment__person=learner, step=steps["assignment"]
    ).exists()
    assert len(mailoutbox) == 1  # sent by the service, once
    followed = client.get(response["Location"])
    assert "You approved" in followed.content.decode()


def test_asking_for_changes_without_feedback_shows_the_error_and_changes_nothing(
    client_for, trainer, submission
):
    response = client_for(trainer).post(
        reverse("courses:review", args=[submission.pk]), {"decision": "changes", "note": "  "}
    )
    assert response.status_code == 200
    assert "Say what to change" in response.content.decode()
    submission.refresh_from_db()
    assert submission.is_open


def test_asking_for_changes_stores_the_feedback(client_for, trainer, submission):
    response = client_for(trainer).post(
        reverse("courses:review", args=[submission.pk]),
        {"decision": "changes", "note": "Add a question for your readers."},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.CHANGES_REQUESTED
    assert submission.feedback == "Add a question for your readers."


def test_a_decision_after_someone_else_decided_shows_their_decision(
    client_for, trainer, programme, submission
):
    services.review_submission(submission=submission, by=programme, approve=True)
    client = client_for(trainer)
    response = client.post(
        reverse("courses:review", args=[submission.pk]), {"decision": "changes", "note": "Hm"}
    )
    assert response["Location"] == reverse("courses:review", args=[submission.pk])
    html = client.get(response["Location"]).content.decode()
    assert "already been reviewed" in html and "Reviewed" in html and programme.name in html
    assert "Send the decision" not in html
    submission.refresh_from_db()
    assert submission.status == Submission.Status.APPROVED


# -- sessions and attendance ----------------------------------------------------------------


def test_my_sessions_lists_upcoming_and_held_sessions_with_seats_and_waitlist(
    client_for, trainer, unit, module, session, past_session
):
    for _ in range(3):
        person = PersonFactory(unit=unit)
        services.enrol(person=person, module=module)
        services.book_session(person=person, session=session)
    other_trainer = PersonFactory(unit=unit, is_trainer=True)
    SessionFactory(step=session.step, trainer=other_trainer)
    response = client_for(trainer).get(reverse("courses:my_sessions"))
    assert list(response.context["upcoming"]) == [session]
    assert list(response.context["past"]) == [past_session]
    upcoming = response.context["upcoming"][0]
    assert (upcoming.booked, upcoming.waitlisted) == (2, 1)
    assert "2 of 2" in response.content.decode()


def test_the_programme_team_sees_every_session(client_for, programme, session, unit):
    other = SessionFactory(step=session.step, trainer=PersonFactory(unit=unit, is_trainer=True))
    response = client_for(programme).get(reverse("courses:my_sessions"))
    assert set(response.context["upcoming"]) == {session, other}


def test_no_sessions_says_so(client_for, trainer):
    response = client_for(trainer).get(reverse("courses:my_sessions"))
    assert "No sessions are planned for you" in response.content.decode()


def test_the_roster_lists_booked_people_then_the_waitlist_in_order(
    client_for, trainer, unit, module, session
):
    people = [PersonFactory(unit=unit) for _ in range(4)]
    for person in people:
        services.enrol(person=person, module=module)
        services.book_session(person=person, session=session)
    response = client_for(trainer).get(reverse("courses:session_roster", args=[session.pk]))
    assert [b.person for b in response.context["booked"]] == people[:2]
    assert [b.person for b in response.context["waitlisted"]] == people[2:]
    assert response.context["form"] is None
    assert "once the session has started" in response.content.decode()


def test_attendance_cannot_be_taken_before_the_session_starts(
    client_for, trainer, learner, enrolled, session
):
    booking = services.book_session(person=learner, session=session)
    client = client_for(trainer)
    url = reverse("courses:session_roster", args=[session.pk])
    response = client.post(url, {f"attended_{booking.pk}": "on"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.attended is None


@pytest.fixture
def started(steps, trainer, unit, module):
    """A session that started an hour ago, with two booked learners."""
    starts = timezone.now() - datetime.timedelta(hours=1)
    session = SessionFactory(
        step=steps["session"],
        trainer=trainer,
        starts_at=timezone.now() + datetime.timedelta(days=1),
        capacity=2,
    )
    bookings = []
    for _ in range(2):
        person = PersonFactory(unit=unit)
        services.enrol(person=person, module=module)
        bookings.append(services.book_session(person=person, session=session))
    session.starts_at = starts
    session.ends_at = starts + datetime.timedelta(hours=2)
    session.save()
    return session, bookings


def test_attendance_records_who_came_and_completes_their_step(client_for, trainer, started):
    session, (came, absent) = started
    client = client_for(trainer)
    url = reverse("courses:session_roster", args=[session.pk])
    response = client.post(url, {f"attended_{came.pk}": "on"})
    assert response.status_code == 302 and response["Location"] == url
    came.refresh_from_db()
    absent.refresh_from_db()
    assert came.attended is True and came.attendance_recorded_by == trainer
    assert absent.attended is False
    assert StepCompletion.objects.filter(enrolment__person=came.person).exists()
    assert not StepCompletion.objects.filter(enrolment__person=absent.person).exists()
    html = client.get(url).content.decode()
    assert "Attendance is saved." in html and "cannot be withdrawn" in html


def test_recorded_attendance_stays_when_the_box_comes_back_unticked(client_for, trainer, started):
    session, (came, _absent) = started
    services.record_attendance(booking=came, by=trainer, attended=True)
    url = reverse("courses:session_roster", args=[session.pk])
    response = client_for(trainer).post(url, {})
    assert response.status_code == 302
    came.refresh_from_db()
    assert came.attended is True


def test_attendance_form_fixes_recorded_attendance(trainer, started):
    session, (came, absent) = started
    services.record_attendance(booking=came, by=trainer, attended=True)
    came.refresh_from_db()
    form = AttendanceForm(bookings=[came, absent])
    assert form.fields[f"attended_{came.pk}"].disabled
    assert not form.fields[f"attended_{absent.pk}"].disabled
    assert [booking for booking, _field in form.rows()] == [came, absent]


def test_the_programme_team_takes_attendance_too(client_for, programme, started):
    session, (came, _absent) = started
    url = reverse("courses:session_roster", args=[session.pk])
    client_for(programme).post(url, {f"attended_{came.pk}": "on"})
    came.refresh_from_db()
    assert came.attended is True and came.attendance_recorded_by == programme


def test_waitlisted_people_get_no_attendance_box(client_for, trainer, started, unit, module):
    session, _bookings = started
    waiting = Booking.objects.create(
        session=session,
        person=PersonFactory(unit=unit),
        step=session.step,
        status=Booking.Status.WAITLISTED,
    )
    response = client_for(trainer).get(reverse("courses:session_roster", args=[session.pk]))
    assert f"attended_{waiting.pk}" not in response.content.decode()
    assert response.context["waitlisted"] == [waiting]


# -- time approvals -------------------------------------------------------------------------


def test_the_lead_sees_requests_of_their_units_with_hours(
    client_for, lead, unit, paid_programme, time_request
):
    team = UnitFactory(slug="advisory-team", name="Advisory team", parent=unit, kind="team")
    below = services.request_time_approval(
        person=PersonFactory(unit=team), programme=paid_programme
    )
    response = client_for(lead).get(reverse("courses:time_approvals"))
    assert list(response.context["waiting"]) == [time_request, below]
    html = response.content.decode()
    assert "1.5 hours" in html and "(90 minutes)" in html
    assert paid_programme.title() in html


def test_approving_a_request_tells_the_lead_and_moves_it_to_decided(
    client_for, lead, learner, time_request, django_capture_on_commit_callbacks, mailoutbox
):
    client = client_for(lead)
    url = reverse("courses:decide_time_approval", args=[time_request.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {f"approval-{time_request.pk}-decision": "approve"})
    assert response["Location"] == reverse("courses:time_approvals")
    time_request.refresh_from_db()
    assert time_request.status == TimeApproval.Status.APPROVED and time_request.decided_by == lead
    assert [m.to for m in mailoutbox] == [[learner.email]]
    page = client.get(response["Location"])
    assert list(page.context["waiting"]) == [] and list(page.context["decided"]) == [time_request]
    html = page.content.decode()
    assert "You approved the training time of" in html and lead.name in html


def test_declining_needs_a_reason(client_for, lead, time_request):
    client = client_for(lead)
    url = reverse("courses:decide_time_approval", args=[time_request.pk])
    response = client.post(
        url,
        {f"approval-{time_request.pk}-decision": "decline", f"approval-{time_request.pk}-note": ""},
    )
    assert response.status_code == 200
    assert "Give a reason when you decline" in response.content.decode()
    time_request.refresh_from_db()
    assert time_request.status == TimeApproval.Status.REQUESTED
    response = client.post(
        url,
        {
            f"approval-{time_request.pk}-decision": "decline",
            f"approval-{time_request.pk}-note": "Busy quarter; ask again in June.",
        },
    )
    assert response.status_code == 302
    time_request.refresh_from_db()
    assert time_request.status == TimeApproval.Status.DECLINED
    assert time_request.reason == "Busy quarter; ask again in June."
    html = client.get(reverse("courses:time_approvals")).content.decode()
    assert "Busy quarter; ask again in June." in html


def test_deciding_twice_differently_shows_a_message(client_for, lead, programme, time_request):
    services.decide_time_approval(approval=time_request, by=programme, approve=True)
    client = client_for(lead)
    url = reverse("courses:decide_time_approval", args=[time_request.pk])
    response = client.post(
        url,
        {
            f"approval-{time_request.pk}-decision": "decline",
            f"approval-{time_request.pk}-note": "No",
        },
    )
    assert "already been decided" in client.get(response["Location"]).content.decode()
    time_request.refresh_from_db()
    assert time_request.status == TimeApproval.Status.APPROVED


def test_the_lead_returns_to_the_page_they_were_on(client_for, lead, unit, paid_programme):
    requests = [
        services.request_time_approval(person=PersonFactory(unit=unit), programme=paid_programme)
        for _ in range(26)
    ]
    client = client_for(lead)
    second = client.get(reverse("courses:time_approvals"), {"page": 2})
    assert list(second.context["waiting"]) == requests[25:]
    assert "decide?page=2" in second.content.decode()
    url = reverse("courses:decide_time_approval", args=[requests[-1].pk]) + "?page=2"
    response = client.post(url, {f"approval-{requests[-1].pk}-decision": "approve"})
    assert response["Location"] == reverse("courses:time_approvals") + "?page=2"


def test_no_requests_says_so(client_for, lead):
    html = client_for(lead).get(reverse("courses:time_approvals")).content.decode()
    assert "No requests wait for your decision" in html and "Nothing decided yet" in html


# -- home sections --------------------------------------------------------------------------


def test_the_trainer_home_shows_reviews_waiting_and_next_sessions(
    client_for, trainer, submission, session
):
    html = client_for(trainer).get(reverse("trainer_home")).content.decode()
    assert "1 assignment waits for your review." in html
    assert reverse("courses:review_queue") in html
    assert reverse("courses:session_roster", args=[session.pk]) in html


def test_the_lead_home_shows_requests_waiting(client_for, lead, time_request):
    html = client_for(lead).get(reverse("lead_home")).content.decode()
    assert "1 request for training time waits for your decision." in html
    assert reverse("courses:time_approvals") in html


def test_the_programme_home_shows_the_review_backlog(client_for, programme, submission):
    html = client_for(programme).get(reverse("programme_home")).content.decode()
    assert "1 assignment waits for review across the academy." in html


def test_quiet_homes_say_nothing_waits(client_for, trainer, lead):
    assert (
        "No assignments wait for your review."
        in client_for(trainer).get(reverse("trainer_home")).content.decode()
    )
    assert (
        "No requests for training time wait for you."
        in client_for(lead).get(reverse("lead_home")).content.decode()
    )


def test_a_lead_who_is_no_trainer_gets_no_trainer_section(rf, lead):
    from courses import staff_home

    request = rf.get("/")
    request.user = lead
    assert staff_home.trainer_section(request) == []
    assert staff_home.programme_section(request) == []
    assert len(staff_home.lead_section(request)) == 1


def test_a_decision_with_a_crafted_page_number_is_saved_and_returns_to_the_first_page(
    client_for, lead, time_request
):
    client = client_for(lead)
    url = reverse("courses:decide_time_approval", args=[time_request.pk])
    response = client.post(f"{url}?page=²", {f"approval-{time_request.pk}-decision": "approve"})
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:time_approvals")
    time_request.refresh_from_db()
    assert time_request.status == TimeApproval.Status.APPROVED
