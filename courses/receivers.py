"""Listen to the lower apps' domain signals and call the courses app's own services.

Acknowledging the current policy anywhere (the policy page, say) completes the policy steps of
the modules a person follows.
"""

from policies import signals as policy_signals


def on_policy_acknowledged(sender, person, **kwargs):
    from . import services

    services.complete_acknowledged_policy_steps(person=person)


def connect() -> None:
    policy_signals.policy_acknowledged.connect(
        on_policy_acknowledged, dispatch_uid="courses:policy_acknowledged"
    )
