"""In the admin, a published version is read-only and cannot be deleted; drafts go through the
services (which keep their number) and can be published with an action."""

import pytest
from django.urls import reverse

from policies.models import Acknowledgement, PolicyVersion
from tests.factories import PersonFactory

from .factories import AcknowledgementFactory
from .factories import draft as make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, unit):
    client.force_login(PersonFactory(unit=unit, is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def draft(v1, programme):
    return make_draft(programme, after=v1)


def change_data(version, **fields):
    data = {
        "effective_on": version.effective_on.isoformat(),
        "body_en": version.body_en,
        "body_nl": version.body_nl,
        "changes_en": version.changes_en,
        "changes_nl": version.changes_nl,
    }
    data.update(fields)
    return data


def test_a_published_version_opens_read_only(admin, v1):
    page = admin.get(reverse("admin:policies_policyversion_change", args=[v1.pk])).content.decode()
    assert 'name="body_en"' not in page and "Say who you are" in page
    assert 'name="_save"' not in page


def test_saving_a_published_version_in_the_admin_is_refused(admin, v1):
    response = admin.post(
        reverse("admin:policies_policyversion_change", args=[v1.pk]),
        change_data(v1, body_en="Anything goes."),
    )
    assert response.status_code == 403
    v1.refresh_from_db()
    assert v1.body_en != "Anything goes."


def test_a_published_version_cannot_be_deleted_in_the_admin(admin, v1):
    response = admin.post(
        reverse("admin:policies_policyversion_delete", args=[v1.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert PolicyVersion.objects.filter(pk=v1.pk).exists()


def test_versions_are_not_added_in_the_admin(admin, v1):
    assert admin.get(reverse("admin:policies_policyversion_add")).status_code == 403


def test_a_draft_is_edited_in_the_admin_through_the_services(admin, draft):
    response = admin.post(
        reverse("admin:policies_policyversion_change", args=[draft.pk]),
        change_data(draft, body_en="Edited in the admin"),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.body_en, draft.number) == ("Edited in the admin", "1.1")


def test_a_draft_is_published_with_the_admin_action(admin, draft, v1):
    response = admin.post(
        reverse("admin:policies_policyversion_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk, v1.pk]},
        follow=True,
    )
    draft.refresh_from_db()
    assert draft.is_published
    assert "Version 1.1 is published." in response.content.decode()


def test_the_publish_action_reports_what_blocks_it(admin, draft):
    PolicyVersion.objects.filter(pk=draft.pk).update(body_nl="")
    response = admin.post(
        reverse("admin:policies_policyversion_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "in English and in Dutch" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_published


def test_acknowledgements_are_read_only_records(admin, v1, learner):
    acknowledgement = AcknowledgementFactory(person=learner, version=v1)
    assert admin.get(reverse("admin:policies_acknowledgement_changelist")).status_code == 200
    url = reverse("admin:policies_acknowledgement_change", args=[acknowledgement.pk])
    assert admin.post(url, {"language": "nl"}).status_code == 403
    assert Acknowledgement.objects.get().language == "en"
