import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from community import selectors, services
from community.models import Champion, Kudos, KudosModeration, Segment
from tests.community.factories import (
    ChampionFactory,
    KudosFactory,
    QuestionFactory,
    SessionFactory,
    TopicFactory,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


# Champions -------------------------------------------------------------------------------------


def test_a_learner_nominates_themselves_for_their_own_unit(learner, unit):
    champion = services.nominate_champion(nominator=learner, person=learner, unit=unit)
    assert champion.status == Champion.Status.NOMINATED
    assert champion.nominated_by == learner


def test_nominating_twice_keeps_one_open_nomination(learner, unit):
    first = services.nominate_champion(nominator=learner, person=learner, unit=unit)
    again = services.nominate_champion(nominator=learner, person=learner, unit=unit)
    assert first == again
    assert Champion.objects.count() == 1


def test_a_learner_cannot_nominate_a_colleague(learner, trainer, unit):
    with pytest.raises(PermissionDenied):
        services.nominate_champion(nominator=learner, person=trainer, unit=unit)


def test_a_learner_cannot_nominate_themselves_for_another_unit(learner, other_unit):
    with pytest.raises(PermissionDenied):
        services.nominate_champion(nominator=learner, person=learner, unit=other_unit)


def test_a_lead_nominates_a_colleague_in_their_unit(lead, learner, unit):
    champion = services.nominate_champion(nominator=lead, person=learner, unit=unit)
    assert champion.person == learner


def test_a_lead_cannot_nominate_someone_outside_the_units_they_lead(lead, other_unit):
    outsider = PersonFactory(unit=other_unit)
    with pytest.raises(PermissionDenied):
        services.nominate_champion(nominator=lead, person=outsider, unit=other_unit)


def test_a_champion_must_work_in_the_unit(programme, learner, other_unit):
    with pytest.raises(services.CommunityError):
        services.nominate_champion(nominator=programme, person=learner, unit=other_unit)


def test_approving_a_champion_makes_them_a_trainer(programme, learner, unit):
    nomination = services.nominate_champion(nominator=learner, person=learner, unit=unit)
    services.decide_champion(decider=programme, champion_id=nomination.pk, approve=True)
    learner.refresh_from_db()
    assert learner.is_trainer
    assert selectors.is_champion(learner)
    assert [c.person for c in selectors.roster()] == [learner]


def test_declining_leaves_the_roles_unchanged(programme, learner, unit):
    nomination = services.nominate_champion(nominator=learner, person=learner, unit=unit)
    champion = services.decide_champion(decider=programme, champion_id=nomination.pk, approve=False)
    learner.refresh_from_db()
    assert champion.status == Champion.Status.DECLINED
    assert not learner.is_trainer


def test_only_the_programme_team_decides(lead, learner, unit):
    nomination = services.nominate_champion(nominator=learner, person=learner, unit=unit)
    with pytest.raises(PermissionDenied):
        services.decide_champion(decider=lead, champion_id=nomination.pk, approve=True)


def test_a_nomination_is_decided_only_once(programme, learner, unit):
    nomination = services.nominate_champion(nominator=learner, person=learner, unit=unit)
    services.decide_champion(decider=programme, champion_id=nomination.pk, approve=True)
    with pytest.raises(services.CommunityError):
        services.decide_champion(decider=programme, champion_id=nomination.pk, approve=False)


def test_revoking_withdraws_the_trainer_role_granted_by_the_championship(programme, learner, unit):
    nomination = services.nominate_champion(nominator=learner, person=learner, unit=unit)
    services.decide_champion(decider=programme, champion_id=nomination.pk, approve=True)
    services.revoke_champion(by=programme, champion_id=nomination.pk)
    learner.refresh_from_db()
    assert not learner.is_trainer


def test_revoking_keeps_the_trainer_role_of_a_trainer_from_the_roster(programme, trainer, unit):
    nomination = services.nominate_champion(nominator=trainer, person=trainer, unit=unit)
    services.decide_champion(decider=programme, champion_id=nomination.pk, approve=True)
    services.revoke_champion(by=programme, champion_id=nomination.pk)
    trainer.refresh_from_db()
    assert trainer.is_trainer
    assert not selectors.is_champion(trainer)


# Awareness sessions ----------------------------------------------------------------------------


def test_a_champion_records_a_session_with_named_attendees(unit, learner, lead):
    champion = ChampionFactory(person__unit=unit).person
    session = services.record_session(
        champion=champion,
        unit=unit,
        title="Why LinkedIn",
        held_on=timezone.localdate(),
        format="online",
        attendees=[learner, lead],
    )
    assert set(session.attendees.all()) == {learner, lead}


def test_a_recorded_session_is_announced_with_its_attendees(
    unit, learner, lead, django_capture_on_commit_callbacks
):
    from community import signals

    sent = []

    def receiver(sender, session, person_ids, **kwargs):
        sent.append((session.title, set(person_ids)))

    signals.awareness_session_recorded.connect(receiver, dispatch_uid="test:recorded")
    try:
        champion = ChampionFactory(person__unit=unit).person
        with django_capture_on_commit_callbacks(execute=True):
            services.record_session(
                champion=champion,
                unit=unit,
                title="Why LinkedIn",
                held_on=timezone.localdate(),
                format="online",
                attendees=[learner, lead],
            )
    finally:
        signals.awareness_session_recorded.disconnect(dispatch_uid="test:recorded")
    assert sent == [("Why LinkedIn", {learner.pk, lead.pk})]


def test_a_trainer_who_is_not_a_champion_cannot_record_a_session(trainer, unit):
    with pytest.raises(PermissionDenied):
        services.record_session(
            champion=trainer,
            unit=unit,
            title="x",
            held_on=timezone.localdate(),
            format="online",
            head_count=3,
        )


def test_a_champion_cannot_record_for_another_unit(unit, other_unit):
    champion = ChampionFactory(person__unit=unit).person
    with pytest.raises(PermissionDenied):
        services.record_session(
            champion=champion,
            unit=other_unit,
            title="x",
            held_on=timezone.localdate(),
            format="online",
            head_count=3,
        )


def test_a_held_session_needs_attendees_or_a_head_count(unit):
    champion = ChampionFactory(person__unit=unit).person
    with pytest.raises(services.CommunityError):
        services.record_session(
            champion=champion, unit=unit, title="x", held_on=timezone.localdate(), format="online"
        )


def test_reach_counts_each_person_once_against_their_headcount(unit, learner, lead, trainer):
    champion = ChampionFactory(person=trainer).person
    SessionFactory(champion=champion).attendees.set([learner, lead])
    SessionFactory(champion=champion).attendees.set([learner])
    row = next(r for r in selectors.reach_per_unit() if r["unit"] == unit)
    assert (row["headcount"], row["reached"], row["share"]) == (3, 2, 67)
    assert selectors.reached_person_ids([unit.pk]) == {learner.pk, lead.pk}


def test_head_count_only_sessions_add_to_the_reach_up_to_the_headcount(unit, learner, trainer):
    champion = ChampionFactory(person=trainer).person
    SessionFactory(champion=champion, head_count=40)
    row = next(r for r in selectors.reach_per_unit() if r["unit"] == unit)
    assert row["reached"] == row["headcount"] == 2


# Kudos -----------------------------------------------------------------------------------------


def test_kudos_appear_on_the_wall_newest_first(learner, trainer):
    older = services.give_kudos(
        giver=learner, receiver=trainer, category="helped_me", message="Thanks!"
    )
    newer = services.give_kudos(
        giver=trainer, receiver=learner, category="great_post", message="Great post"
    )
    assert list(selectors.kudos_wall()) == [newer, older]


def test_nobody_gives_kudos_to_themselves(learner):
    with pytest.raises(services.CommunityError):
        services.give_kudos(giver=learner, receiver=learner, category="helped_me", message="Me!")


def test_kudos_need_a_known_category_and_a_message(learner, trainer):
    with pytest.raises(ValidationError):
        services.give_kudos(giver=learner, receiver=trainer, category="bribe", message="")


def test_the_wall_filters_by_category_unit_and_period(learner, trainer, other_unit):
    outsider = PersonFactory(unit=other_unit)
    helped = KudosFactory(receiver=trainer, category="helped_me")
    post = KudosFactory(receiver=outsider, category="great_post")
    old = KudosFactory(receiver=trainer, created_at=timezone.now() - datetime.timedelta(days=60))
    assert list(selectors.kudos_wall(category="great_post")) == [post]
    assert set(selectors.kudos_wall(unit_id=trainer.unit_id)) == {helped, old}
    assert set(selectors.kudos_wall(period="month")) == {helped, post}


def test_hiding_kudos_takes_it_off_the_wall_and_logs_who_and_why(programme, learner, trainer):
    kudos = KudosFactory(giver=learner, receiver=trainer)
    services.hide_kudos(moderator=programme, kudos_id=kudos.pk, reason="Mentions a client")
    assert kudos not in selectors.kudos_wall()
    assert kudos not in selectors.kudos_received(trainer)
    entry = KudosModeration.objects.get()
    assert (entry.moderator, entry.action, entry.reason) == (
        programme,
        "hidden",
        "Mentions a client",
    )


def test_hiding_twice_logs_once(programme):
    kudos = KudosFactory()
    services.hide_kudos(moderator=programme, kudos_id=kudos.pk, reason="x")
    services.hide_kudos(moderator=programme, kudos_id=kudos.pk, reason="x")
    assert KudosModeration.objects.count() == 1


def test_restoring_puts_kudos_back_with_a_log_entry(programme):
    kudos = KudosFactory()
    services.hide_kudos(moderator=programme, kudos_id=kudos.pk, reason="x")
    services.restore_kudos(moderator=programme, kudos_id=kudos.pk, reason="Cleared with client")
    assert kudos in selectors.kudos_wall()
    assert KudosModeration.objects.count() == 2


@pytest.mark.parametrize("role", ["learner", "trainer", "lead"])
def test_only_the_programme_team_hides_kudos(role, people_by_role):
    kudos = KudosFactory()
    with pytest.raises(PermissionDenied):
        services.hide_kudos(moderator=people_by_role[role], kudos_id=kudos.pk, reason="x")


def test_choosing_a_featured_contributor_again_replaces_the_month(programme, learner, trainer):
    today = timezone.localdate()
    services.feature_contributor(chooser=programme, person=learner, month=today, reason="a")
    services.feature_contributor(chooser=programme, person=trainer, month=today, reason="b")
    assert selectors.featured_contributor().person == trainer


def test_a_learner_cannot_choose_the_featured_contributor(learner):
    with pytest.raises(PermissionDenied):
        services.feature_contributor(
            chooser=learner, person=learner, month=timezone.localdate(), reason="me"
        )


# Intake survey ---------------------------------------------------------------------------------


@pytest.fixture
def questions(db):
    return [QuestionFactory(weight=2), QuestionFactory(weight=1), QuestionFactory(weight=-2)]


def test_answering_the_survey_is_announced(questions, learner, django_capture_on_commit_callbacks):
    from community import signals

    sent = []
    signals.survey_submitted.connect(
        lambda sender, person, result, **kwargs: sent.append((person, result.segment)),
        dispatch_uid="test:survey",
        weak=False,
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            answers = dict(zip([q.pk for q in questions], (5, 5, 1), strict=True))
            services.submit_survey(person=learner, answers=answers)
    finally:
        signals.survey_submitted.disconnect(dispatch_uid="test:survey")
    assert sent == [(learner, Segment.ENTHUSIAST)]


@pytest.mark.parametrize(
    ("values", "segment"),
    [
        ((5, 5, 1), Segment.ENTHUSIAST),
        ((3, 3, 3), Segment.WAIT_AND_SEE),
        ((4, 3, 3), Segment.WAIT_AND_SEE),
        ((1, 2, 5), Segment.CYNIC),
    ],
)
def test_answers_place_a_person_in_a_segment(questions, learner, values, segment):
    answers = {q.pk: v for q, v in zip(questions, values, strict=True)}
    result = services.submit_survey(person=learner, answers=answers)
    assert result.segment == segment


def test_a_negative_weight_scores_a_statement_in_reverse(questions):
    weights = {q.pk: q.weight for q in questions}
    agree_with_reverse = {questions[0].pk: 3, questions[1].pk: 3, questions[2].pk: 5}
    assert services.score_answers(agree_with_reverse, weights) < 0


def test_answering_again_replaces_the_answers(questions, learner):
    services.submit_survey(person=learner, answers={q.pk: 1 for q in questions})
    result = services.submit_survey(person=learner, answers={q.pk: 5 for q in questions})
    assert selectors.answers_of(learner) == {q.pk: 5 for q in questions}
    assert result.segment == Segment.WAIT_AND_SEE  # the reversed statement pulls it back


def test_every_statement_must_be_answered(questions, learner):
    with pytest.raises(services.CommunityError):
        services.submit_survey(person=learner, answers={questions[0].pk: 4})
    assert selectors.segment_of(learner) is None


def test_segment_counts_are_hidden_below_five_answers(questions, unit):
    people = PersonFactory.create_batch(4, unit=unit)
    for person in people:
        services.submit_survey(person=person, answers={q.pk: 5 for q in questions})
    assert selectors.segment_counts([unit.pk]) == {"total": 4, "counted": 0, "counts": None}
    row = next(r for r in selectors.segments_per_unit([unit.pk]) if r["unit"] == unit)
    assert row["counts"] is None


def test_segment_counts_show_from_five_answers(questions, unit):
    for value in (5, 5, 5, 3, 1):
        person = PersonFactory(unit=unit)
        services.submit_survey(person=person, answers={q.pk: value for q in questions})
    counts = selectors.segment_counts([unit.pk])
    assert counts["total"] == 5
    assert sum(counts["counts"].values()) == 5
    row = next(r for r in selectors.segments_per_unit([unit.pk]) if r["unit"] == unit)
    assert [c["count"] for c in row["counts"]] == [counts["counts"][s] for s in Segment.values]


def test_overall_counts_leave_out_small_units_so_they_cannot_be_subtracted(
    questions, unit, other_unit
):
    for _ in range(5):
        services.submit_survey(
            person=PersonFactory(unit=unit), answers={q.pk: 5 for q in questions}
        )
    cynic = {questions[0].pk: 1, questions[1].pk: 1, questions[2].pk: 5}
    services.submit_survey(person=PersonFactory(unit=other_unit), answers=cynic)
    counts = selectors.segment_counts([unit.pk, other_unit.pk])
    assert sum(counts["counts"].values()) == 5
    assert counts["counts"]["cynic"] == 0  # the lone cynic of the other unit is left out
    assert (counts["total"], counts["counted"]) == (6, 5)


def test_segments_per_unit_do_not_roll_up_a_small_team_into_its_parent(questions, unit):
    from tests.factories import UnitFactory

    team = UnitFactory(parent=unit, kind="team")
    for _ in range(5):
        services.submit_survey(
            person=PersonFactory(unit=unit), answers={q.pk: 5 for q in questions}
        )
    services.submit_survey(person=PersonFactory(unit=team), answers={q.pk: 1 for q in questions})
    rows = {r["unit"]: r for r in selectors.segments_per_unit([unit.pk, team.pk])}
    assert rows[unit]["total"] == 5
    assert rows[team]["counts"] is None


# Topics, worksheet -----------------------------------------------------------------------------


def test_this_weeks_topics_include_a_month_topic_and_skip_next_week(programme):
    today = timezone.localdate()
    week = TopicFactory()
    month = TopicFactory(
        starts_on=today.replace(day=1), ends_on=today.replace(day=1) + datetime.timedelta(27)
    )
    TopicFactory(
        starts_on=week.starts_on + datetime.timedelta(days=7),
        ends_on=week.starts_on + datetime.timedelta(days=13),
    )
    found = set(selectors.this_weeks_topics())
    assert week in found
    assert len(found) == 2 if month.ends_on >= week.starts_on else 1


def test_a_topic_cannot_end_before_it_starts(programme):
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.save_topic(
            by=programme, title_en="x", starts_on=today, ends_on=today - datetime.timedelta(1)
        )


def test_only_the_programme_team_plans_topics(lead):
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        services.save_topic(by=lead, title_en="x", starts_on=today, ends_on=today)


def test_a_worksheet_is_saved_once_per_person_and_edited_in_place(learner):
    services.save_worksheet(person=learner, who="CIOs", minutes_per_week=30)
    services.save_worksheet(person=learner, who="CFOs", minutes_per_week=45)
    sheet = selectors.worksheet_of(learner)
    assert (sheet.who, sheet.minutes_per_week) == ("CFOs", 45)


# Nudges ----------------------------------------------------------------------------------------


def test_a_nudge_emails_the_learner_in_their_language(
    unit, trainer, django_capture_on_commit_callbacks
):
    champion = ChampionFactory(person=trainer).person
    learner = PersonFactory(unit=unit, language="nl", first_name="Daan", last_name="Jansen")
    with django_capture_on_commit_callbacks(execute=True):
        services.nudge(champion=champion, learner=learner)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [learner.email]
    assert "Daan" in mail.outbox[0].body
    assert "verder" in mail.outbox[0].subject.lower()


def test_a_learner_is_nudged_at_most_once_a_week(unit, trainer, django_capture_on_commit_callbacks):
    champion = ChampionFactory(person=trainer).person
    learner = PersonFactory(unit=unit)
    with django_capture_on_commit_callbacks(execute=True):
        services.nudge(champion=champion, learner=learner)
    with pytest.raises(services.CommunityError):
        services.nudge(champion=champion, learner=learner)
    assert len(mail.outbox) == 1


def test_a_champion_nudges_only_learners_of_their_units(unit, other_unit, trainer):
    champion = ChampionFactory(person=trainer).person
    with pytest.raises(PermissionDenied):
        services.nudge(champion=champion, learner=PersonFactory(unit=other_unit))


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(document.cookie)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<b>x</b>",
        "ftp://files.example.com/a",
    ],
)
def test_a_topic_link_must_be_a_web_address(programme, link):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as raised:
        services.save_topic(
            by=programme,
            title_en="Annual report",
            starts_on=today,
            ends_on=today,
            links=f"https://example.com/report\n{link}",
        )
    assert "links" in raised.value.message_dict


def test_a_topic_with_web_links_is_saved(programme):
    today = timezone.localdate()
    topic = services.save_topic(
        by=programme,
        title_en="Annual report",
        starts_on=today,
        ends_on=today,
        links="https://example.com/report\n\nhttp://example.org/",
    )
    assert topic.link_list == ["https://example.com/report", "http://example.org/"]


def test_the_same_kudos_posted_ten_times_is_one_kudos(client_for, learner, trainer):
    client = client_for(learner)
    data = {"receiver": trainer.pk, "category": "helped_me", "message": "Thanks for Tuesday!"}
    for _ in range(10):
        assert client.post(reverse("community:give_kudos"), data).status_code == 302
    assert Kudos.objects.filter(giver=learner).count() == 1


def test_a_different_message_is_a_second_kudos(learner, trainer):
    for message in ("Thanks for Tuesday!", "And for Friday!"):
        services.give_kudos(giver=learner, receiver=trainer, category="helped_me", message=message)
    assert Kudos.objects.filter(giver=learner).count() == 2
