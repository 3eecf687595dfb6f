import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from community.models import AwarenessSession, Champion, Kudos, KudosModeration, Topic
from tests.community.factories import (
    ChampionFactory,
    KudosFactory,
    QuestionFactory,
    TopicFactory,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "learner", "trainer", "lead", "programme"]
EVERYONE = {"anonymous": 302, "learner": 200, "trainer": 200, "lead": 200, "programme": 200}
PROGRAMME_ONLY = {"anonymous": 302, "learner": 403, "trainer": 403, "lead": 403, "programme": 200}
LEAD_AND_PROGRAMME = {**PROGRAMME_ONLY, "lead": 200}
CHAMPIONS_ONLY = {**PROGRAMME_ONLY, "programme": 403}

PAGES = {
    "community:champions": EVERYONE,
    "community:nominate": EVERYONE,
    "community:sessions": EVERYONE,
    "community:record_session": PROGRAMME_ONLY,
    "community:reach": LEAD_AND_PROGRAMME,
    "community:kudos": EVERYONE,
    "community:give_kudos": EVERYONE,
    "community:kudos_moderation": PROGRAMME_ONLY,
    "community:feature": PROGRAMME_ONLY,
    "community:survey": EVERYONE,
    "community:survey_results": LEAD_AND_PROGRAMME,
    "community:topics": EVERYONE,
    "community:new_topic": PROGRAMME_ONLY,
    "community:calendar": EVERYONE,
    "community:worksheet": EVERYONE,
    "community:stuck": CHAMPIONS_ONLY,
    "community:colleagues": CHAMPIONS_ONLY,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", PAGES)
def test_each_page_answers_each_role_as_its_permission_says(name, role, people_by_role, client_for):
    response = client_for(people_by_role[role]).get(reverse(name))
    assert response.status_code == PAGES[name][role]
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("community:edit_topic", PROGRAMME_ONLY),
        ("community:hide_kudos", PROGRAMME_ONLY),
        ("community:restore_kudos", PROGRAMME_ONLY),
        ("community:colleague", EVERYONE),
    ],
)
def test_pages_about_one_thing_answer_each_role(
    name, expected, role, people_by_role, client_for, learner
):
    pk = {
        "community:edit_topic": lambda: TopicFactory().pk,
        "community:hide_kudos": lambda: KudosFactory().pk,
        "community:restore_kudos": lambda: KudosFactory().pk,
        "community:colleague": lambda: learner.pk,
    }[name]()
    response = client_for(people_by_role[role]).get(reverse(name, args=[pk]))
    assert response.status_code == expected[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_programme_team_decides_nominations(role, people_by_role, client_for, learner):
    nomination = Champion.objects.create(person=learner, unit=learner.unit, nominated_by=learner)
    response = client_for(people_by_role[role]).post(
        reverse("community:decide", args=[nomination.pk]), {"decision": "approve"}
    )
    nomination.refresh_from_db()
    assert (nomination.status == "approved") == (role == "programme")
    assert response.status_code == {"anonymous": 302, "programme": 302}.get(role, 403)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_programme_team_revokes_champions(role, people_by_role, client_for, learner):
    champion = ChampionFactory(person=learner)
    client_for(people_by_role[role]).post(reverse("community:revoke", args=[champion.pk]))
    champion.refresh_from_db()
    assert (champion.status == "revoked") == (role == "programme")


def test_an_approved_champion_opens_their_pages(client_for, unit):
    champion = ChampionFactory(person__unit=unit).person
    client = client_for(champion)
    assert client.get(reverse("community:record_session")).status_code == 200
    assert client.get(reverse("community:stuck")).status_code == 200


def test_self_nomination_through_the_page(client_for, learner, unit):
    response = client_for(learner).post(
        reverse("community:nominate"), {"person": learner.pk, "unit": unit.pk, "motivation": "Hi"}
    )
    assert response.status_code == 302
    assert Champion.objects.get().status == "nominated"


def test_a_learner_cannot_pick_a_colleague_on_the_nomination_page(client_for, learner, trainer):
    response = client_for(learner).post(
        reverse("community:nominate"), {"person": trainer.pk, "unit": trainer.unit_id}
    )
    assert response.status_code == 200
    assert not Champion.objects.exists()


def test_the_programme_team_sees_pending_nominations(client_for, programme, learner):
    Champion.objects.create(person=learner, unit=learner.unit, nominated_by=learner)
    response = client_for(programme).get(reverse("community:champions"))
    assert "Nominations waiting for a decision" in response.content.decode()
    assert learner.name in response.content.decode()


def test_a_learner_does_not_see_pending_nominations(client_for, learner, trainer):
    Champion.objects.create(person=trainer, unit=trainer.unit, nominated_by=trainer)
    page = client_for(learner).get(reverse("community:champions")).content.decode()
    assert "Nominations waiting for a decision" not in page
    assert trainer.name not in page


def test_a_champion_records_a_session_with_attendees(client_for, unit, learner):
    champion = ChampionFactory(person__unit=unit).person
    response = client_for(champion).post(
        reverse("community:record_session"),
        {
            "title": "Lunch talk",
            "unit": unit.pk,
            "held_on": timezone.localdate().isoformat(),
            "format": "lunch",
            "attendees": [learner.pk],
        },
    )
    assert response.status_code == 302
    assert list(AwarenessSession.objects.get().attendees.all()) == [learner]


def test_giving_kudos_puts_it_on_the_wall(client_for, learner, trainer):
    client = client_for(learner)
    response = client.post(
        reverse("community:give_kudos"),
        {"receiver": trainer.pk, "category": "helped_me", "message": "You saved my post!"},
    )
    assert response.status_code == 302
    wall = client.get(reverse("community:kudos")).content.decode()
    assert "You saved my post!" in wall


def test_the_wall_filter_answers_htmx_with_the_list_only(client_for, learner):
    KudosFactory(category="great_post", message="Shown")
    KudosFactory(category="helped_me", message="Filtered out")
    response = client_for(learner).get(
        reverse("community:kudos"), {"category": "great_post"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "Shown" in page and "Filtered out" not in page
    assert "<h1>" not in page


def test_hiding_kudos_through_the_page_logs_the_reason(client_for, programme, learner):
    kudos = KudosFactory(message="Named the client")
    client = client_for(programme)
    client.post(reverse("community:hide_kudos", args=[kudos.pk]), {"reason": "Client name"})
    assert Kudos.objects.get().hidden_at is not None
    assert KudosModeration.objects.get().reason == "Client name"
    assert "Named the client" not in client_for(learner).get(reverse("community:kudos")).text
    log = client_for(programme).get(reverse("community:kudos_moderation")).content.decode()
    assert "Client name" in log


def test_a_profile_shows_received_kudos_and_the_champion_badge(client_for, learner, trainer):
    ChampionFactory(person=trainer)
    KudosFactory(receiver=trainer, message="Thanks for the review")
    page = client_for(learner).get(reverse("community:colleague", args=[trainer.pk])).text
    assert "Thanks for the review" in page
    assert "Champion" in page
    assert trainer.email not in page  # only non-private data


def test_the_featured_contributor_shows_on_everyones_home(client_for, programme, learner):
    client_for(programme).post(
        reverse("community:feature"),
        {"person": learner.pk, "month": timezone.localdate().isoformat(), "reason": "Great help"},
    )
    for person in (learner, programme):
        home = client_for(person).get(reverse("home"), follow=True).content.decode()
        assert "Great help" in home


def test_the_survey_suggests_a_next_step_that_links_to_a_real_page(client_for, learner):
    questions = [QuestionFactory(weight=1) for _ in range(3)]
    client = client_for(learner)
    client.post(reverse("community:survey"), {f"q{q.pk}": "5" for q in questions})
    page = client.get(reverse("community:survey")).content.decode()
    assert "Enthusiast" in page
    assert reverse("community:nominate") in page


def test_answers_stay_private_from_the_lead(client_for, lead, learner):
    questions = [QuestionFactory() for _ in range(2)]
    client_for(learner).post(reverse("community:survey"), {f"q{q.pk}": "1" for q in questions})
    page = client_for(lead).get(reverse("community:survey_results")).content.decode()
    assert "Fewer than 5 answers" in page
    assert learner.name not in page


def test_a_lead_sees_only_the_units_they_lead(client_for, lead, other_unit):
    page = client_for(lead).get(reverse("community:survey_results")).content.decode()
    assert other_unit.name not in page


def test_the_programme_team_plans_a_topic(client_for, programme):
    today = timezone.localdate()
    response = client_for(programme).post(
        reverse("community:new_topic"),
        {
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(days=6)).isoformat(),
            "cadence": "week",
            "title_en": "Annual report",
            "title_nl": "Jaarverslag",
        },
    )
    assert response.status_code == 302
    assert Topic.objects.get().title_nl == "Jaarverslag"


def test_this_weeks_topics_show_on_the_learner_home(client_for, learner):
    TopicFactory(title_en="Our sustainability report")
    page = client_for(learner).get(reverse("learner_home")).content.decode()
    assert "Our sustainability report" in page


def test_the_calendar_feed_opens_with_the_personal_token(client, client_for, learner):
    TopicFactory(title_en="Annual report")
    page = client_for(learner).get(reverse("community:topics")).content.decode()
    token_url = page.split('id="feed-url" type="text" readonly value="')[1].split('"')[0]
    client.logout()
    response = client.get(token_url.replace("&amp;", "&"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Annual report" in response.content.decode()


def test_a_forged_calendar_token_is_refused(client, learner):
    response = client.get(reverse("community:calendar"), {"token": f"{learner.pk}:forged"})
    assert response.status_code == 403


def test_the_worksheet_is_saved_and_printable(client_for, learner):
    client = client_for(learner)
    assert client.get(reverse("community:worksheet_print")).status_code == 302
    client.post(
        reverse("community:worksheet"),
        {"who": "Retail CIOs", "when": "Tuesday mornings", "minutes_per_week": "60"},
    )
    page = client.get(reverse("community:worksheet_print")).content.decode()
    assert "Retail CIOs" in page and "60" in page


def test_a_champion_nudges_through_the_page_once_a_week(
    client_for, unit, django_capture_on_commit_callbacks
):
    champion = ChampionFactory(person__unit=unit).person
    learner = PersonFactory(unit=unit)
    client = client_for(champion)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("community:nudge", args=[learner.pk]))
        response = client.post(reverse("community:nudge", args=[learner.pk]), follow=True)
    assert len(mail.outbox) == 1
    assert "less than a week ago" in response.content.decode()


def test_a_champion_sees_their_section_on_the_trainer_desk(client_for, unit, trainer):
    page = client_for(trainer).get(reverse("trainer_home")).content.decode()
    assert "Your unit as champion" not in page
    ChampionFactory(person=trainer)
    trainer = type(trainer).objects.get(pk=trainer.pk)
    page = client_for(trainer).get(reverse("trainer_home")).content.decode()
    assert "Your unit as champion" in page
    assert reverse("community:record_session") in page


def test_a_lead_sees_reach_and_segments_on_their_home(client_for, lead):
    page = client_for(lead).get(reverse("lead_home")).content.decode()
    assert "Awareness and segments" in page
    assert "Survey segments appear once at least 5 people of one unit have answered." in page


def test_the_programme_home_counts_pending_champion_nominations(client_for, programme, learner):
    Champion.objects.create(person=learner, unit=learner.unit, nominated_by=learner)
    page = client_for(programme).get(reverse("programme_home")).content.decode()
    assert "1 champion nomination waits for your decision." in page


def test_the_survey_invitation_leaves_the_home_once_answered(client_for, learner):
    question = QuestionFactory()
    client = client_for(learner)
    assert "Take the intake survey" in client.get(reverse("learner_home")).content.decode()
    client.post(reverse("community:survey"), {f"q{question.pk}": "3"})
    assert "Take the intake survey" not in client.get(reverse("learner_home")).content.decode()


def test_the_wait_and_see_step_links_to_the_catalogue_or_my_learning(client_for, learner):
    question = QuestionFactory()
    client = client_for(learner)
    client.post(reverse("community:survey"), {f"q{question.pk}": "3"})
    page = client.get(reverse("community:survey")).content.decode()
    assert "Browse the modules" in page
