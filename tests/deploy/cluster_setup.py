"""Data for tests/deploy/test_distributed.py, written by a separate process into the cluster's
database: a learner with a signed-in session, a module with a file assignment, a valid
credential, and unsigned credentials (awarded in bulk) for a signing job. Prints JSON."""

import json

import django

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.cached_db import SessionStore  # noqa: E402
from django.urls import reverse  # noqa: E402

from certification import services  # noqa: E402
from certification.models import CredentialDefinition  # noqa: E402
from courses import services as course_services  # noqa: E402
from courses.models import AssignmentStep  # noqa: E402
from tests.courses.factories import AssignmentStepFactory  # noqa: E402
from tests.factories import PersonFactory, UnitFactory  # noqa: E402

unit = UnitFactory(name="Advisory", slug="advisory")
learner = PersonFactory(email="learner@example.com", unit=unit)
definition = CredentialDefinition.objects.create(
    slug="certified", title_en="Social Media Certified", level=1
)
credential = services.issue(person=learner, definition=definition)
step = AssignmentStepFactory(submission_kind=AssignmentStep.Submission.FILE)
module = step.lesson.module
course_services.enrol(person=learner, module=module)
session = SessionStore()
session[SESSION_KEY] = str(learner.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = learner.get_session_auth_hash()
session.create()
colleagues = [PersonFactory(email=f"colleague{i}@example.com", unit=unit) for i in range(12)]
batch = services.award_in_bulk(
    definition=CredentialDefinition.objects.create(
        slug="professional", title_en="Social Media Professional", level=2
    ),
    people=colleagues,
    reason="Pilot",
)
print(
    json.dumps(
        {
            "code": credential.code,
            "serial": credential.serial,
            "session": session.session_key,
            "step_url": reverse("courses:step", args=[module.slug, step.lesson.slug, step.slug]),
            "unsigned": batch.issued,
        }
    )
)
