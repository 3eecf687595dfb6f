"""The demo: every programme file, a few sessions and realistic progress, loaded once."""

import hashlib
import importlib

import pytest

from courses import coursecode, demo, selectors
from courses.models import Booking, Enrolment, Programme, Session, Submission, TimeApproval
from people import demo as people_demo
from people.models import Person

pytestmark = pytest.mark.django_db


def person(local: str) -> Person:
    return Person.objects.get(email=people_demo.email(local))


@pytest.fixture
def loaded():
    people_demo.load()
    importlib.import_module("policies.demo").load()  # the foundation includes the policy
    return demo.load()


def test_the_demo_loads_every_programme_file_and_then_nothing_more(loaded):
    assert {p.slug for p in Programme.objects.all()} >= {"social-media-certified"}
    assert len(Programme.objects.all()) == len(list(demo.FOLDER.glob("*.yaml")))
    assert any(line.startswith("session ") for line in loaded)
    assert demo.load() == []


# What `academy export-programme SLUG` writes for the demo programmes (sha256). Refactoring the
# code behind course-as-code must not change a byte of it; when the demo files change on purpose,
# export again and put the new digests here. (Changed once on purpose: `published: true` left
# the export when programmes got a lifecycle, decision 0017.)
DEMO_EXPORTS = {
    "social-business-roles": "d779a5fe5d0124e545f517fbe98c7ec2e8cef593c8252c08c9f57287bcaa5320",
    "social-media-certified": "43473f8ae09ec2eba306af2e4f59bd2f1a4e4dffa9c9fa8dfe6dbf5dbde113de",
}


def test_the_demo_programmes_export_byte_for_byte_as_before(loaded):
    exports = {
        slug: hashlib.sha256(coursecode.export_text(slug).encode()).hexdigest()
        for slug in DEMO_EXPORTS
    }
    assert exports == DEMO_EXPORTS


def test_the_demo_learner_trainer_and_lead_each_have_something_to_do(loaded):
    daan, sophie, pieter = person("daan.jansen"), person("sophie.bakker"), person("pieter.vandijk")
    assert Enrolment.objects.filter(person=daan, completed_at__isnull=True).count() >= 2
    waiting = list(selectors.review_queue(sophie))
    assert [s.person for s in waiting] == [daan] and waiting[
        0
    ].status == Submission.Status.SUBMITTED
    # The role modules ask the lead to approve the time: Daan's request waits for Pieter, and
    # an earlier request was declined with a reason.
    assert Programme.objects.filter(requires_time_approval=True).exists()
    assert [a.person for a in selectors.time_approvals_for_lead(pieter)] == [daan]
    assert TimeApproval.objects.filter(status="declined").exclude(reason="").exists()
    fleur = person("fleur.smit")
    stuck = selectors.stuck_enrolments(unit_ids=[fleur.unit_id], idle_days=14)
    assert fleur in [enrolment.person for enrolment in stuck]


def test_the_demo_has_sessions_with_attendance_and_people_who_did_the_foundation(loaded):
    step = Session.objects.filter(step__slug="filming-workshop").first().step
    assert [(s.capacity, s.booked) for s in selectors.sessions_for(step)] == [(10, 9)]
    assert Booking.objects.filter(attended=True, session__step__slug="role-play-workshop").exists()
    for local in demo.COMPLETERS:
        assert set(demo.FOUNDATION) <= selectors.completed_module_slugs(person(local))
