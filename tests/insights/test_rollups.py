"""The rollups kept up to date by the receivers agree with a rebuild from the source tables."""

import pytest
from django.utils import timezone

from certification import services as certification
from courses import services as courses
from insights import services
from insights.models import PersonFact, ProgrammeFact, WeeklyActivity

pytestmark = pytest.mark.django_db

FIELDS = [
    "enrolled_at",
    "modules_completed",
    "minutes_completed",
    "foundation_completed_at",
    "approved_minutes",
    "waiting_for_approval",
    "credential_levels",
    "next_expiry_at",
]


def facts():
    return {
        f.person_id: {name: getattr(f, name) for name in FIELDS} for f in PersonFact.objects.all()
    }


def weekly():
    return {
        (w.unit_id, w.week, w.programme_id): (
            w.enrolments,
            w.module_completions,
            w.minutes_completed,
            w.credentials_issued,
            w.active_learners,
        )
        for w in WeeklyActivity.objects.all()
    }


def programme_facts():
    return {
        (f.person_id, f.programme_id): (f.enrolled_at, f.modules_completed, f.minutes_completed)
        for f in ProgrammeFact.objects.all()
    }


def test_what_the_receivers_kept_equals_a_rebuild(org):
    kept = (facts(), weekly(), programme_facts())
    services.rebuild()
    assert (facts(), weekly(), programme_facts()) == kept


def test_a_completed_module_counts_its_minutes_at_once(org):
    fact = PersonFact.objects.get(person=org.people.ann)
    assert fact.modules_completed == 3 and fact.minutes_completed == 150
    assert fact.foundation_completed_at is not None


def test_the_foundation_is_complete_only_with_every_foundation_module(org):
    assert PersonFact.objects.get(person=org.people.bob).foundation_completed_at is None


def test_a_revoked_credential_no_longer_counts(org, django_capture_on_commit_callbacks):
    ann = org.people.ann
    assert PersonFact.objects.get(person=ann).credential_levels == 0b110
    credential = ann.credentials.get(definition=org.definitions.professional)
    with django_capture_on_commit_callbacks(execute=True):
        certification.revoke(credential=credential, reason="Test")
    assert PersonFact.objects.get(person=ann).credential_levels == 0b010


def test_waiting_for_time_approval_is_known_at_once(org, django_capture_on_commit_callbacks):
    assert PersonFact.objects.get(person=org.people.eve).waiting_for_approval
    approval = org.people.eve.time_approvals.get()
    with django_capture_on_commit_callbacks(execute=True):
        courses.decide_time_approval(approval=approval, by=org.lotte, approve=False, reason="No")
    assert not PersonFact.objects.get(person=org.people.eve).waiting_for_approval


def test_a_person_active_twice_in_a_week_counts_once(org, django_capture_on_commit_callbacks):
    week = services.week_of(timezone.now())
    before = WeeklyActivity.objects.get(unit=org.units.advisory, week=week, programme_id=0)
    services.record_activity(
        person=org.people.ann, programme_id=org.programmes.certified.pk, at=timezone.now()
    )
    after = WeeklyActivity.objects.get(unit=org.units.advisory, week=week, programme_id=0)
    assert after.active_learners == before.active_learners


def test_weeks_start_on_monday():
    import datetime

    assert services.week_of(datetime.date(2026, 11, 25)) == datetime.date(2026, 11, 23)
    assert services.week_of(datetime.date(2026, 11, 23)) == datetime.date(2026, 11, 23)


def test_the_rebuild_command_repairs_drifted_figures(org, capsys):
    from django.core.management import call_command

    PersonFact.objects.filter(person=org.people.ann).update(modules_completed=99)
    call_command("insights_rebuild")
    assert PersonFact.objects.get(person=org.people.ann).modules_completed == 3
    assert "Rebuilt the figures of" in capsys.readouterr().out
