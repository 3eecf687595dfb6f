"""Listen to the lower apps' domain signals and call the courses app's own services.

Acknowledging the current policy anywhere (the policy page, say) completes the policy steps of
the modules a person follows. Without a policies app nothing is connected.
"""

import importlib


def on_policy_acknowledged(sender, person, **kwargs):
    from . import services

    services.complete_acknowledged_policy_steps(person=person)


def connect() -> None:
    try:
        signals = importlib.import_module("policies.signals")
    except ModuleNotFoundError as error:
        if error.name != "policies.signals":
            raise
        return
    signal = getattr(signals, "policy_acknowledged", None)
    if signal is not None:
        signal.connect(on_policy_acknowledged, dispatch_uid="courses:policy_acknowledged")
