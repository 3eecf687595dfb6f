"""The programme team's model permissions come from one group: membership follows is_staff and
its permissions follow people.permissions.PROGRAMME_TEAM_PERMISSIONS, never assigned by hand."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission

from people import services
from people.permissions import PROGRAMME_TEAM_GROUP
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_programme_team_member_is_in_the_group_and_leaves_it_with_the_role(unit):
    person = PersonFactory(unit=unit, is_staff=True)
    assert person.groups.filter(name=PROGRAMME_TEAM_GROUP).exists()
    person.is_staff = False
    person.save()
    assert not person.groups.filter(name=PROGRAMME_TEAM_GROUP).exists()


def test_a_learner_is_not_in_the_group(learner):
    assert not learner.groups.exists()


def test_the_programme_team_may_author_credentials_but_not_change_people(programme):
    assert programme.has_perm("certification.add_credentialdefinition")
    assert programme.has_perm("certification.change_modulescompletedrule")
    assert programme.has_perm("policies.add_policyversion")
    assert programme.has_perm("people.view_person")
    assert not programme.has_perm("people.change_person")
    assert not programme.has_perm("auth.change_group")


def test_a_permission_given_to_the_group_by_hand_goes_again_after_migrating():
    group = Group.objects.get(name=PROGRAMME_TEAM_GROUP)
    group.permissions.add(Permission.objects.get(codename="change_person"))
    services.sync_programme_team_permissions(app_label=apps.get_app_config("people").label)
    assert not group.permissions.filter(codename="change_person").exists()
    assert group.permissions.filter(codename="view_person").exists()


def test_the_programme_team_adds_a_credential_definition_in_the_admin(client_for, programme):
    client = client_for(programme)
    assert client.get("/admin/certification/credentialdefinition/add/").status_code == 200
    index = client.get("/admin/").content.decode()
    for app in ("/admin/certification/", "/admin/policies/", "/admin/courses/"):
        assert f'href="{app}"' in index


def test_the_credential_admin_shows_english_and_dutch_side_by_side_and_rules_inline(
    client_for, programme
):
    page = client_for(programme).get("/admin/certification/credentialdefinition/add/")
    html = page.content.decode()
    assert 'class="form-row field-title_en field-title_nl"' in html
    assert "rules-group" in html or "rules-" in html
    assert "upload a square PNG" in html
