"""The policy pages: public reading in both languages, acknowledging, the programme team's desk,
and who may open what."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from policies import services
from policies.models import Acknowledgement, PolicyVersion
from tests.factories import PersonFactory, UnitFactory

from .factories import AcknowledgementFactory, version
from .factories import draft as make_draft

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "learner", "trainer", "lead", "programme"]
PUBLIC = dict.fromkeys(ROLES, 200)
PROGRAMME_ONLY = {"anonymous": 302, "learner": 403, "trainer": 403, "lead": 403, "programme": 200}
LEAD_AND_PROGRAMME = {**PROGRAMME_ONLY, "lead": 200}


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def draft(programme, v2):
    return make_draft(programme, after=v2)


# Who may open what ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        ("policies:current", [], PUBLIC),
        ("policies:history", [], PUBLIC),
        ("policies:compare", [], PUBLIC),
        ("policies:version", ["1.0"], PUBLIC),
        ("policies:pdf", ["2.0"], PUBLIC),
        ("policies:coverage", [], LEAD_AND_PROGRAMME),
        ("policies:manage", [], PROGRAMME_ONLY),
        ("policies:new_draft", [], PROGRAMME_ONLY),
    ],
)
def test_each_page_answers_each_role_as_its_permission_says(
    name, args, expected, role, people_by_role, client_for, v2
):
    response = client_for(people_by_role[role]).get(reverse(name, args=args))
    assert response.status_code == expected[role]
    if expected[role] == 302:
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["policies:preview", "policies:edit_draft"])
def test_draft_pages_are_for_the_programme_team(name, role, people_by_role, client_for, draft):
    response = client_for(people_by_role[role]).get(reverse(name, args=[draft.pk]))
    assert response.status_code == PROGRAMME_ONLY[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_programme_team_publishes(role, people_by_role, client_for, draft):
    response = client_for(people_by_role[role]).post(
        reverse("policies:publish", args=[draft.pk]), {"confirm": "on"}
    )
    draft.refresh_from_db()
    assert draft.is_published == (role == "programme")
    assert response.status_code == {"learner": 403, "trainer": 403, "lead": 403}.get(role, 302)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_programme_team_discards_drafts(role, people_by_role, client_for, draft):
    client_for(people_by_role[role]).post(
        reverse("policies:discard", args=[draft.pk]), {"discard-confirm": "on"}
    )
    assert PolicyVersion.objects.filter(pk=draft.pk).exists() == (role != "programme")


@pytest.mark.parametrize("role", ROLES)
def test_everyone_signed_in_acknowledges_for_themselves(role, people_by_role, client_for, v2):
    response = client_for(people_by_role[role]).post(
        reverse("policies:acknowledge"), {"version": "2.0", "language": "en", "confirm": "on"}
    )
    assert response.status_code == 302
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
        assert not Acknowledgement.objects.exists()
    else:
        assert Acknowledgement.objects.get().person == people_by_role[role]


def test_drafts_are_not_public(client, draft):
    assert client.get(reverse("policies:version", args=[draft.number])).status_code == 404
    assert client.get(reverse("policies:pdf", args=[draft.number])).status_code == 404


def test_an_unknown_version_is_not_found(client, v1):
    assert client.get("/policy/7.3/").status_code == 404


# Reading the policy without signing in ---------------------------------------------------------


def test_the_current_policy_is_readable_without_login(client, v2):
    page = text(client.get("/policy/"))
    assert "Say who you are" in page and "Version 2.0" in page
    assert "Internal network added." in page  # the summary of changes
    assert 'lang="nl"' in page and "Lees in het Nederlands" in page


def test_the_policy_in_dutch_with_lang(client, v2):
    page = text(client.get("/policy/?lang=nl"))
    assert "Zeg wie je bent" in page and "Say who you are" not in page
    assert '<div class="policy-body" lang="nl">' in page
    assert "Read in English" in page


def test_the_policy_follows_the_page_language(client, v2):
    client.cookies["academy_language"] = "nl"
    page = text(client.get("/policy/"))
    assert "Zeg wie je bent" in page and "Say who you are" not in page
    assert "Versie 2.0" in page


def test_an_earlier_version_says_so_and_links_to_the_current_one(client, v2):
    page = text(client.get("/policy/1.0/"))
    assert "earlier version" in page and 'href="/policy/"' in page


def test_an_announced_version_is_readable_and_flagged(client, v2):
    version("3.0", days_ago=-7)
    assert "Version 3.0 takes effect on" in text(client.get("/policy/"))
    assert "Not in effect yet" in text(client.get("/policy/3.0/"))


def test_no_policy_yet_is_a_friendly_not_found(client, db):
    response = client.get("/policy/")
    assert response.status_code == 404
    assert "No policy in effect yet" in text(response)


def test_the_publisher_is_named_to_colleagues_only(client_for, learner, programme, db):
    version("1.0", published_by=programme)
    assert programme.name not in text(client_for(None).get("/policy/"))
    assert programme.name in text(client_for(learner).get("/policy/"))


def test_the_history_lists_published_versions_only(client, v2, draft):
    PolicyVersion.objects.filter(pk=draft.pk).delete()
    version("2.1", days_ago=3)
    page = text(client.get("/policy/history/"))
    assert ">2.1<" in page and ">2.0<" in page and ">1.0<" in page
    assert "Changes since 2.0" in page and "First version" in page


def test_the_history_is_paginated(client, db):
    for minor in range(30):
        version(f"1.{minor}", days_ago=100 - minor)
    page = text(client.get("/policy/history/"))
    assert "Page 1 of 2" in page
    assert ">1.4<" not in page and ">1.29<" in page
    assert ">1.4<" in text(client.get("/policy/history/?page=2"))


def test_the_pdf_is_a_pdf_in_the_asked_language(client, v2, tmp_path):
    response = client.get("/policy/2.0/policy.pdf?lang=nl")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert (tmp_path / "policies").glob("policy-2.0-nl-*.pdf")


def test_the_page_prints_without_navigation(client, v2):
    page = text(client.get("/policy/"))
    assert 'class="policy-tools no-print"' in page


# The difference between two versions ------------------------------------------------------------


def test_the_comparison_marks_added_and_removed_words(client, v1):
    version(
        "2.0",
        days_ago=5,
        body_en=v1.body_en.replace("never on behalf of it", "but never on behalf of it, ever"),
    )
    page = text(client.get("/policy/compare/?old=1.0&new=2.0"))
    assert "<ins>" in page and '<span class="visually-hidden">[added] </span>' in page
    assert "What changed from version 1.0 to 2.0" in page


def test_the_comparison_defaults_to_the_current_and_previous_version(client, v2):
    page = text(client.get("/policy/compare/"))
    assert "What changed from version 1.0 to 2.0" in page


def test_the_comparison_in_dutch(client, v1):
    version("2.0", days_ago=5, body_nl=v1.body_nl.replace("kantoor.", "kantoor, nooit."))
    page = text(client.get("/policy/compare/?old=1.0&new=2.0&lang=nl"))
    assert '<div class="policy-diff" lang="nl">' in page
    assert "[toegevoegd]" not in page  # page in English: the screen reader text is English
    assert "Praat over het kantoor" in page


def test_the_comparison_puts_versions_in_order(client, v2):
    page = text(client.get("/policy/compare/?old=2.0&new=1.0"))
    assert "What changed from version 1.0 to 2.0" in page


def test_comparing_a_version_with_itself_is_refused_clearly(client, v2):
    page = text(client.get("/policy/compare/?old=2.0&new=2.0"))
    assert "Choose two different versions." in page


def test_comparing_with_a_single_version_says_there_is_nothing_yet(client, v1):
    assert "nothing to compare yet" in text(client.get("/policy/compare/"))


def test_a_bad_version_number_in_the_comparison_is_a_form_error(client, v2):
    response = client.get("/policy/compare/?old=9.9&new=2.0")
    assert response.status_code == 200
    assert "Select a valid choice" in text(response)


# Acknowledging ----------------------------------------------------------------------------------


def test_a_learner_sees_the_form_and_acknowledges(client_for, learner, v2):
    client = client_for(learner)
    assert "I have read version 2.0" in text(client.get("/policy/"))
    response = client.post(
        reverse("policies:acknowledge"), {"version": "2.0", "language": "nl", "confirm": "on"}
    )
    assert response["Location"] == "/policy/"
    acknowledgement = Acknowledgement.objects.get(person=learner)
    assert (acknowledgement.version, acknowledgement.language) == (v2, "nl")
    page = text(client.get("/policy/"))
    assert "You acknowledged version 2.0" in page and "I have read version" not in page


def test_acknowledging_needs_the_box_ticked(client_for, learner, v2):
    response = client_for(learner).post(
        reverse("policies:acknowledge"), {"version": "2.0", "language": "en"}
    )
    assert response.status_code == 400
    assert "Tick the box" in text(response)
    assert not Acknowledgement.objects.exists()


def test_acknowledging_returns_to_a_safe_next_page_only(client_for, learner, v2):
    client = client_for(learner)
    data = {"version": "2.0", "language": "en", "confirm": "on"}
    assert (
        client.post(reverse("policies:acknowledge"), {**data, "next": "/learn/"})["Location"]
        == "/learn/"
    )
    response = client.post(
        reverse("policies:acknowledge"), {**data, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/policy/"


def test_an_earlier_acknowledgement_covers_a_minor_version(client_for, learner, v2):
    AcknowledgementFactory(person=learner, version=v2)
    version("2.1", days_ago=1)
    page = text(client_for(learner).get("/policy/"))
    assert "your acknowledgement still counts" in page
    assert "I have read version" not in page


def test_an_earlier_version_has_no_acknowledge_form(client_for, learner, v2):
    assert "I have read version" not in text(client_for(learner).get("/policy/1.0/"))


def test_anonymous_visitors_are_invited_to_sign_in(client, v2):
    assert "Sign in</a> to acknowledge" in text(client.get("/policy/"))


# Home banner ------------------------------------------------------------------------------------


def test_the_banner_asks_until_the_current_policy_is_acknowledged(client_for, learner, v2):
    client = client_for(learner)
    page = text(client.get("/learn/"))
    assert "Please acknowledge the social media policy" in page
    deadline = (v2.effective_on + datetime.timedelta(days=30)).strftime("%-d")
    assert deadline in page
    services.acknowledge(person=learner, language="en")
    assert "policy-banner" not in text(client.get("/learn/"))


def test_the_banner_announces_a_new_major_version_with_what_changed(client_for, learner, v2):
    AcknowledgementFactory(person=learner, version=PolicyVersion.objects.get(major=1))
    page = text(client_for(learner).get("/learn/"))
    assert "New social media policy: version 2.0" in page
    assert "/policy/compare/?old=1.0&amp;new=2.0" in page


def test_the_banner_says_when_the_grace_period_is_over(client_for, learner, v1):
    version("2.0", days_ago=45)
    assert "The grace period ended on" in text(client_for(learner).get("/learn/"))


def test_a_minor_version_brings_no_banner(client_for, learner, v2):
    AcknowledgementFactory(person=learner, version=v2)
    version("2.1", days_ago=1)
    assert "policy-banner" not in text(client_for(learner).get("/learn/"))


def test_no_banner_without_a_policy(client_for, learner):
    assert "policy-banner" not in text(client_for(learner).get("/learn/"))


@pytest.mark.parametrize(
    ("role", "home"),
    [("trainer", "trainer_home"), ("lead", "lead_home"), ("programme", "programme_home")],
)
def test_the_banner_shows_on_every_home(role, home, people_by_role, client_for, v2):
    assert "policy-banner" in text(client_for(people_by_role[role]).get(reverse(home)))


def test_the_programme_home_shows_coverage_and_the_way_to_manage(client_for, programme, v2):
    page = text(client_for(programme).get(reverse("programme_home")))
    assert "Version 2.0 is in effect." in page and reverse("policies:manage") in page


def test_the_lead_home_shows_coverage_of_their_units(client_for, lead, learner, v2):
    AcknowledgementFactory(person=learner, version=v2)
    page = text(client_for(lead).get(reverse("lead_home")))
    assert "1 of 2 people acknowledged it (50%)." in page
    assert "policies:manage" not in page and reverse("policies:manage") not in page


# Coverage ---------------------------------------------------------------------------------------


def test_a_lead_sees_coverage_of_their_units_only(client_for, lead, unit, other_unit, v2):
    PersonFactory(unit=other_unit)
    team = UnitFactory(name="Digital team", slug="digital-team", parent=unit, kind="team")
    AcknowledgementFactory(person=PersonFactory(unit=team), version=v2)
    page = text(client_for(lead).get("/policy/coverage/"))
    assert "Advisory" in page and "Digital team" in page
    assert "Audit" not in page


def test_the_programme_team_sees_every_unit_with_figures(
    client_for, programme, learner, other_unit, v2
):
    AcknowledgementFactory(person=learner, version=v2)
    PersonFactory(unit=other_unit)
    page = text(client_for(programme).get("/policy/coverage/"))
    assert "Audit" in page and "Advisory" in page
    assert "1 of 3 people" in page  # learner and programme in Advisory, one in Audit


def test_coverage_without_a_policy_says_so(client_for, programme):
    assert "nothing to acknowledge" in text(client_for(programme).get("/policy/coverage/"))


def test_coverage_is_paginated(client_for, programme, firm, v1):
    for i in range(30):
        UnitFactory(name=f"Unit {i:02d}", slug=f"unit-{i:02d}", parent=firm)
    page = text(client_for(programme).get("/policy/coverage/"))
    assert "Page 1 of 2" in page


# The programme team's desk ---------------------------------------------------------------------


def test_a_new_draft_starts_from_the_latest_text(client_for, programme, v2):
    page = text(client_for(programme).get(reverse("policies:new_draft")))
    assert "Say who you are" in page
    assert "version 3.0" in page and "version 2.1" in page


def test_the_first_draft_offers_version_one(client_for, programme):
    page = text(client_for(programme).get(reverse("policies:new_draft")))
    assert "First version: 1.0" in page and "version 2.1" not in page


def test_writing_previewing_and_publishing_a_major_version(client_for, programme, learner, v1):
    AcknowledgementFactory(person=learner, version=v1)
    client = client_for(programme)
    response = client.post(
        reverse("policies:new_draft"),
        {
            "kind": "major",
            "effective_on": timezone.localdate().isoformat(),
            "body_en": v1.body_en + "\n\n## Be kind\n\nAlways.",
            "body_nl": v1.body_nl + "\n\n## Wees vriendelijk\n\nAltijd.",
            "changes_en": "Be kind.",
            "changes_nl": "Wees vriendelijk.",
        },
    )
    draft = PolicyVersion.objects.drafts().get()
    assert draft.number == "2.0" and draft.created_by == programme
    assert response["Location"] == reverse("policies:preview", args=[draft.pk])
    preview = text(client.get(response["Location"]))
    assert "Changes against version 1.0" in preview and "<ins>" in preview
    assert "Publish version 2.0" in preview
    assert "policy-banner" not in text(client_for(learner).get("/learn/"))  # 1.0 still current
    client = client_for(programme)
    assert (
        client.post(reverse("policies:publish", args=[draft.pk]), {"confirm": "on"}).status_code
        == 302
    )
    draft.refresh_from_db()
    assert draft.is_published and draft.published_by == programme
    assert "New social media policy: version 2.0" in text(client_for(learner).get("/learn/"))


def test_publishing_needs_the_confirmation(client_for, programme, draft):
    response = client_for(programme).post(reverse("policies:publish", args=[draft.pk]))
    assert response.status_code == 400
    assert "Tick the box" in text(response)
    draft.refresh_from_db()
    assert not draft.is_published


def test_an_unpublishable_draft_lists_what_is_missing(client_for, programme, draft):
    PolicyVersion.objects.filter(pk=draft.pk).update(body_nl="", changes_nl="")
    page = text(client_for(programme).get(reverse("policies:preview", args=[draft.pk])))
    assert "Write the text in English and in Dutch" in page
    assert "Publish version" not in page


def test_a_draft_date_in_the_past_is_refused_on_the_form(client_for, programme, v1):
    response = client_for(programme).post(
        reverse("policies:new_draft"),
        {"kind": "minor", "effective_on": "2001-01-01", "body_en": "x"},
    )
    assert "Choose today or a later date." in text(response)
    assert not PolicyVersion.objects.drafts().exists()


def test_editing_a_draft_changes_its_kind_and_number(client_for, programme, draft):
    client = client_for(programme)
    response = client.post(
        reverse("policies:edit_draft", args=[draft.pk]),
        {
            "kind": "major",
            "effective_on": draft.effective_on.isoformat(),
            "body_en": "Rewritten",
            "body_nl": "Herschreven",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.number, draft.body_en) == ("3.0", "Rewritten")


def test_a_published_version_cannot_be_edited_through_the_pages(client_for, programme, v2):
    client = client_for(programme)
    response = client.get(reverse("policies:edit_draft", args=[v2.pk]))
    assert response["Location"] == reverse("policies:preview", args=[v2.pk])
    client.post(
        reverse("policies:edit_draft", args=[v2.pk]),
        {"kind": "minor", "effective_on": timezone.localdate().isoformat(), "body_en": "Changed"},
    )
    client.post(reverse("policies:discard", args=[v2.pk]), {"discard-confirm": "on"})
    v2.refresh_from_db()
    assert v2.body_en != "Changed"
    page = text(client.get(reverse("policies:preview", args=[v2.pk])))
    assert "can no longer be changed" in page and "Edit the draft" not in page


def test_starting_a_second_draft_leads_to_the_first(client_for, programme, draft):
    response = client_for(programme).get(reverse("policies:new_draft"))
    assert response["Location"] == reverse("policies:edit_draft", args=[draft.pk])


def test_discarding_needs_the_confirmation(client_for, programme, draft):
    client_for(programme).post(reverse("policies:discard", args=[draft.pk]))
    assert PolicyVersion.objects.filter(pk=draft.pk).exists()


def test_the_version_list_shows_drafts_and_counts(client_for, programme, learner, draft, v2):
    AcknowledgementFactory(person=learner, version=v2)
    page = text(client_for(programme).get(reverse("policies:manage")))
    assert "Draft 2.1" in page and ">Draft<" in page and ">Published<" in page


def test_the_version_list_is_paginated(client_for, programme, db):
    for minor in range(30):
        version(f"1.{minor}", days_ago=100 - minor)
    assert "Page 1 of 2" in text(client_for(programme).get(reverse("policies:manage")))
