"""Keep the rollups current: the lower apps' domain signals call insights' own services.

The signals are sent after the lower app's transaction commits, so a failure here never undoes
a learner's progress; `academy insights-rebuild` repairs the rollups if a process died between.
"""

from certification import selectors as certification_selectors
from certification import signals as certification_signals
from community import signals as community_signals
from courses import signals as courses_signals
from policies import signals as policy_signals

from . import services


def on_enrolled(sender, enrolment, **kwargs):
    services.record_enrolment(enrolment=enrolment)


def on_step_completed(sender, person, step, enrolment, **kwargs):
    services.record_activity(
        person=person, programme_id=enrolment.module.programme_id, at=services.timezone.now()
    )


def on_module_completed(sender, person, module, **kwargs):
    services.record_module_completion(person=person, module=module)


def on_time_approval_changed(sender, approval, **kwargs):
    services.refresh_person(person_id=approval.person_id)


def on_policy_acknowledged(sender, person, **kwargs):
    services.refresh_person(person_id=person.pk)


def on_awareness_session_recorded(sender, session, person_ids, **kwargs):
    for person_id in person_ids:
        services.refresh_person(person_id=person_id)


def on_survey_submitted(sender, person, **kwargs):
    services.refresh_person(person_id=person.pk)


def on_credential_issued(sender, credential, **kwargs):
    services.record_credential_issued(credential=credential)


def on_credentials_issued_in_bulk(sender, definition, credential_ids, person_ids, **kwargs):
    first = certification_selectors.issued_credential(credential_ids[0]) if credential_ids else None
    if first is not None:
        services.record_credentials_issued_in_bulk(
            level=definition.level,
            expires_at=first.expires_at,
            issued_at=first.issued_at,
            person_ids=person_ids,
        )


def on_credential_status_changed(sender, credential, **kwargs):
    services.refresh_person(person_id=credential.person_id)


CONNECTIONS = [
    (courses_signals.enrolled, on_enrolled),
    (courses_signals.step_completed, on_step_completed),
    (courses_signals.module_completed, on_module_completed),
    (courses_signals.time_approval_requested, on_time_approval_changed),
    (courses_signals.time_approval_decided, on_time_approval_changed),
    (policy_signals.policy_acknowledged, on_policy_acknowledged),
    (community_signals.awareness_session_recorded, on_awareness_session_recorded),
    (community_signals.survey_submitted, on_survey_submitted),
    (certification_signals.credential_issued, on_credential_issued),
    (certification_signals.credentials_issued_in_bulk, on_credentials_issued_in_bulk),
    (certification_signals.credential_status_changed, on_credential_status_changed),
]


def connect() -> None:
    for signal, receiver in CONNECTIONS:
        signal.connect(receiver, dispatch_uid=f"insights:{receiver.__name__}")
