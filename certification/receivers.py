"""Listen to the lower apps' domain signals and call certification's own services.

The courses and policies apps send these after their transaction commits (style.md). A signal
module that is not there yet is skipped, so certification still loads on its own.
"""

import importlib
import logging

logger = logging.getLogger(__name__)


def on_progress(sender, person, **kwargs):
    from . import services

    services.evaluate(person=person)


def on_module_completed(sender, person, module, **kwargs):
    from . import services

    services.renew_for_module(person=person, module_slug=module.slug)
    services.evaluate(person=person)


def on_policy_acknowledged(sender, person, **kwargs):
    from . import services

    services.reinstate_after_acknowledgement(person=person)
    services.evaluate(person=person)


RECEIVERS = [
    ("courses.signals", "module_completed", on_module_completed),
    ("courses.signals", "assignment_approved", on_progress),
    ("courses.signals", "programme_completed", on_progress),
    ("policies.signals", "policy_acknowledged", on_policy_acknowledged),
]


def connect() -> None:
    from .coursecode import register

    register()
    for module_name, signal_name, receiver in RECEIVERS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            logger.info("certification: %s is not available yet", module_name)
            continue
        signal = getattr(module, signal_name, None)
        if signal is not None:
            signal.connect(receiver, dispatch_uid=f"certification:{signal_name}")
