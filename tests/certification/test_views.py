"""Holder and programme pages: who may open them, and what they show."""

import pytest
from django.urls import reverse

from certification import services
from certification.models import Nomination, NominationApprovedRule
from tests.factories import PersonFactory

from .factories import DefinitionFactory

ROLES = ["anonymous", "learner", "trainer", "lead", "programme"]


@pytest.fixture
def spokesperson(db):
    definition = DefinitionFactory(slug="spokesperson", title_en="Spokesperson", level=3)
    NominationApprovedRule.objects.create(definition=definition)
    return definition


@pytest.mark.parametrize(
    ("url_name", "allowed"),
    [
        ("my_credentials", {"learner", "trainer", "lead", "programme"}),
        ("credential_nominate", {"trainer", "lead", "programme"}),
        ("credential_nominations", {"programme"}),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_page_permissions_per_role(client_for, people_by_role, role, url_name, allowed):
    response = client_for(people_by_role[role]).get(reverse(url_name))
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize("role", ROLES)
def test_public_verification_is_open_to_everyone(client_for, people_by_role, role, issued):
    client = client_for(people_by_role[role])
    assert client.get(reverse("credential_verify", args=[issued.code])).status_code == 200
    assert client.get("/.well-known/did.json").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_only_the_programme_team_decides_nominations(
    client_for, people_by_role, role, spokesperson, learner, lead
):
    nomination = services.nominate(
        definition=spokesperson, person=learner, nominated_by=lead, motivation="x"
    )
    response = client_for(people_by_role[role]).post(
        reverse("credential_decide", args=[nomination.pk]), {"decision": "decline"}
    )
    nomination.refresh_from_db()
    decided = nomination.status == Nomination.Status.DECLINED
    assert decided == (role == "programme")
    assert response.status_code in ((302,) if role in ("anonymous", "programme") else (403,))


def test_my_credentials_shows_downloads_linkedin_and_highlights_new(client_for, issued):
    page = client_for(issued.person).get(reverse("my_credentials")).content.decode()
    assert "Social Media Certified" in page and "New" in page
    assert "certificate.pdf" in page and "credential.json" in page and "badge.png" in page
    assert "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME" in page
    assert f"certId={issued.serial}" in page
    assert "organizationName=Brightwater+Social+Media+Academy" in page
    # Seen once: no longer new.
    assert (
        "New</span>"
        not in client_for(issued.person).get(reverse("my_credentials")).content.decode()
    )


def test_signature_snippet_only_for_the_professional_title_while_valid(
    client_for, learner, certified, professional
):
    services.issue(person=learner, definition=certified)
    pro = services.issue(person=learner, definition=professional)
    page = client_for(learner).get(reverse("my_credentials")).content.decode()
    assert page.count("Email signature") == 1
    assert f"/verify/{pro.code}/signature.png" in page
    services.suspend(credential=pro, reason="x")
    page = client_for(learner).get(reverse("my_credentials")).content.decode()
    assert "Email signature" not in page


def test_lead_nominates_through_the_form(client_for, lead, learner, spokesperson):
    response = client_for(lead).post(
        reverse("credential_nominate"),
        {"definition": spokesperson.pk, "email": learner.email, "motivation": "Clear voice"},
    )
    assert response.status_code == 302
    assert Nomination.objects.get().nominated_by == lead


def test_trainer_cannot_nominate_someone_outside_their_unit(
    client_for, trainer, spokesperson, other_unit
):
    outsider = PersonFactory(unit=other_unit)
    response = client_for(trainer).post(
        reverse("credential_nominate"),
        {"definition": spokesperson.pk, "email": outsider.email, "motivation": "x"},
    )
    assert response.status_code == 200 and "cannot nominate" in response.content.decode()
    assert not Nomination.objects.exists()


def test_queue_lists_pending_nominations_and_home_counts_them(
    client_for, programme, lead, learner, spokesperson
):
    services.nominate(definition=spokesperson, person=learner, nominated_by=lead, motivation="Yes")
    client = client_for(programme)
    assert learner.name in client.get(reverse("credential_nominations")).content.decode()
    assert "1 nomination waits" in client.get(reverse("programme_home")).content.decode()


def test_learner_home_highlights_a_new_credential(client_for, issued):
    page = client_for(issued.person).get(reverse("learner_home")).content.decode()
    assert "You earned a new credential" in page


def test_programme_team_edits_a_definition_with_its_rules_in_the_admin(client, certified, db):
    from tests.factories import PersonFactory

    admin = PersonFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get(
        reverse("admin:certification_credentialdefinition_change", args=[certified.pk])
    )
    assert page.status_code == 200 and "basics" in page.content.decode()
    assert client.get(reverse("admin:certification_issuedcredential_changelist")).status_code == 200


def test_an_approved_champion_nominates_in_the_units_they_champion(
    client_for, unit, learner, spokesperson
):
    from tests.community.factories import ChampionFactory

    champion = ChampionFactory(person=PersonFactory(unit=unit)).person
    response = client_for(champion).post(
        reverse("credential_nominate"),
        {"definition": spokesperson.pk, "email": learner.email, "motivation": "Clear voice"},
    )
    assert response.status_code == 302
    assert Nomination.objects.get().nominated_by == champion
