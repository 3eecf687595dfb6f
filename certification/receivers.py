"""Listen to the lower apps' domain signals and call certification's own services.

The courses and policies apps send these after their transaction commits (core.signals.send_after_commit).
"""

from courses import signals as course_signals
from policies import signals as policy_signals

from . import coursecode, services


def on_progress(sender, person, **kwargs):
    services.evaluate(person=person)


def on_module_completed(sender, person, module, **kwargs):
    services.renew_for_module(person=person, module_slug=module.slug)
    services.evaluate(person=person)


def on_policy_acknowledged(sender, person, **kwargs):
    services.reinstate_after_acknowledgement(person=person)
    services.evaluate(person=person)


RECEIVERS = [
    (course_signals.module_completed, on_module_completed),
    (course_signals.assignment_approved, on_progress),
    (course_signals.programme_completed, on_progress),
    (policy_signals.policy_acknowledged, on_policy_acknowledged),
]


def connect() -> None:
    coursecode.register()
    for signal, receiver in RECEIVERS:
        signal.connect(receiver, dispatch_uid=f"certification:{receiver.__name__}")
