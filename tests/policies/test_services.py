"""Drafts, publishing and acknowledging: the rules the services and the database keep."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from policies import services, signals
from policies.models import Acknowledgement, PolicyVersion, PublishedVersionIsImmutable

from .factories import BODY_EN, PolicyVersionFactory, draft, version

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


# Published versions are immutable ----------------------------------------------------------------


def test_a_published_version_cannot_be_saved_again(v1):
    loaded = PolicyVersion.objects.get(pk=v1.pk)
    loaded.body_en = "Anything goes."
    with pytest.raises(PublishedVersionIsImmutable):
        loaded.save()
    assert PolicyVersion.objects.get(pk=v1.pk).body_en != "Anything goes."


def test_a_published_version_cannot_be_updated_in_bulk(v1):
    with pytest.raises(PublishedVersionIsImmutable):
        PolicyVersion.objects.filter(pk=v1.pk).update(body_en="Anything goes.")


def test_a_published_version_cannot_be_deleted(v1):
    with pytest.raises(PublishedVersionIsImmutable):
        PolicyVersion.objects.get(pk=v1.pk).delete()
    with pytest.raises(PublishedVersionIsImmutable):
        PolicyVersion.objects.all().delete()
    assert PolicyVersion.objects.filter(pk=v1.pk).exists()


def test_the_update_draft_service_refuses_a_published_version(v1, programme):
    with pytest.raises(PublishedVersionIsImmutable) as error:
        services.update_draft(
            version=v1,
            by=programme,
            kind=services.MINOR,
            body_en="Changed",
            effective_on=TODAY(),
        )
    assert "1.0" in str(error.value)
    v1.refresh_from_db()
    assert v1.body_en == BODY_EN


def test_the_discard_service_refuses_a_published_version(v1, programme):
    with pytest.raises(PublishedVersionIsImmutable):
        services.discard_draft(version=v1, by=programme)


def test_a_draft_can_be_edited_and_discarded(programme, v1):
    version = draft(programme)
    services.update_draft(
        version=version, by=programme, kind=services.MINOR, body_en="New", effective_on=TODAY()
    )
    version.refresh_from_db()
    assert (version.number, version.body_en) == ("1.1", "New")
    services.discard_draft(version=version, by=programme)
    assert not PolicyVersion.objects.drafts().exists()


# Database constraints -----------------------------------------------------------------------------


def test_version_numbers_are_unique(v1):
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyVersionFactory(major=1, minor=0)


def test_version_numbers_start_at_one(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyVersionFactory(major=0, minor=3)


def test_there_is_one_draft_at_a_time(db):
    PolicyVersionFactory(major=1, published_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyVersionFactory(major=2, published_at=None)


def test_a_published_version_has_both_languages(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyVersionFactory(body_nl="")


def test_a_person_acknowledges_a_version_once(v1, learner):
    Acknowledgement.objects.create(person=learner, version=v1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Acknowledgement.objects.create(person=learner, version=v1)


# Drafts and numbering -----------------------------------------------------------------------------


def test_the_first_version_is_one_point_zero_whatever_the_kind(programme):
    assert draft(programme, kind=services.MINOR).number == "1.0"


@pytest.mark.parametrize(("kind", "number"), [("major", "3.0"), ("minor", "2.2")])
def test_the_number_follows_the_latest_published_version(programme, v2, kind, number):
    version("2.1", days_ago=5)
    assert draft(programme, kind=kind).number == number


def test_a_second_draft_is_refused_with_a_clear_message(programme, v1):
    first = draft(programme)
    with pytest.raises(services.PolicyError, match=f"already a draft \\(version {first.number}\\)"):
        draft(programme, kind=services.MINOR)


def test_only_the_programme_team_writes_drafts(learner, lead, trainer):
    for person in (learner, lead, trainer):
        with pytest.raises(PermissionDenied):
            draft(person)
    assert not PolicyVersion.objects.exists()


# Publishing -------------------------------------------------------------------------------------


def test_publishing_makes_the_draft_final_and_records_who(programme, v1):
    version = draft(programme, kind=services.MINOR)
    published = services.publish(version=version, by=programme)
    assert published.is_published and published.published_by == programme
    with pytest.raises(PublishedVersionIsImmutable):
        services.update_draft(
            version=published, by=programme, kind="minor", body_en="x", effective_on=TODAY()
        )


def test_publishing_twice_changes_nothing(programme, v1):
    version = draft(programme)
    first = services.publish(version=version, by=programme)
    again = services.publish(version=version, by=programme)
    assert again.published_at == first.published_at


def test_publishing_sends_version_published_after_commit(
    programme, v1, django_capture_on_commit_callbacks
):
    received = []
    signals.version_published.connect(
        lambda sender, version, **kw: received.append(version.number), weak=False, dispatch_uid="t"
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.publish(version=draft(programme), by=programme)
        assert received == ["2.0"]
    finally:
        signals.version_published.disconnect(dispatch_uid="t")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"body_nl": ""}, "in English and in Dutch"),
        ({"changes_nl": ""}, "Summarise the changes"),
        ({"effective_on": datetime.date(2000, 1, 1)}, "in the past"),
    ],
)
def test_an_incomplete_draft_is_not_published(programme, v1, fields, message):
    version = draft(programme, **fields)
    with pytest.raises(services.PolicyError, match=message):
        services.publish(version=version, by=programme)
    version.refresh_from_db()
    assert not version.is_published


def test_a_new_version_cannot_take_effect_before_the_latest_one(programme):
    version("1.0", days_ago=-10)  # announced, takes effect in ten days
    version_ = draft(programme)
    with pytest.raises(services.PolicyError, match="cannot start earlier"):
        services.publish(version=version_, by=programme)


def test_the_first_version_needs_no_summary_of_changes(programme):
    version_ = draft(programme, changes_en="", changes_nl="")
    assert services.publish(version=version_, by=programme).is_published


def test_only_the_programme_team_publishes(programme, lead, v1):
    version_ = draft(programme)
    with pytest.raises(PermissionDenied):
        services.publish(version=version_, by=lead)


# Acknowledging ----------------------------------------------------------------------------------


def test_acknowledging_without_a_version_takes_the_current_one(learner, v2):
    acknowledgement = services.acknowledge(person=learner, language="nl")
    assert acknowledgement.version == v2 and acknowledgement.language == "nl"


def test_acknowledging_is_idempotent(learner, v2, django_capture_on_commit_callbacks):
    received = []
    signals.policy_acknowledged.connect(
        lambda sender, person, version, **kw: received.append((person, version)),
        weak=False,
        dispatch_uid="t",
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            first = services.acknowledge(person=learner, version=v2, language="en")
        with django_capture_on_commit_callbacks(execute=True):
            again = services.acknowledge(person=learner, version=v2, language="nl")
    finally:
        signals.policy_acknowledged.disconnect(dispatch_uid="t")
    assert first.pk == again.pk and again.language == "en"
    assert Acknowledgement.objects.count() == 1
    assert received == [(learner, v2)]


def test_the_signal_waits_for_the_commit(learner, v2, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.acknowledge(person=learner, language="en")
    assert len(callbacks) == 1


def test_a_draft_cannot_be_acknowledged(learner, programme, v1):
    version_ = draft(programme)
    with pytest.raises(services.PolicyError, match="published"):
        services.acknowledge(person=learner, version=version_, language="en")


def test_there_is_nothing_to_acknowledge_before_a_version_takes_effect(learner, db):
    version("1.0", days_ago=-3)
    with pytest.raises(services.PolicyError, match="No social media policy"):
        services.acknowledge(person=learner, language="en")


def test_only_english_and_dutch_are_accepted(learner, v1):
    with pytest.raises(services.PolicyError):
        services.acknowledge(person=learner, language="fr")
