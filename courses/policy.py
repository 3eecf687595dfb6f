"""The social media policy as the courses app sees it, through the policies app's interface.

Only the functions docs/apis.md names are used, so the policies app can change its insides.
"""

import importlib

from django.utils.translation import gettext as _


class PolicyUnavailable(Exception):
    """There is no published policy to acknowledge (or no policies app)."""


def _module(name: str):
    try:
        return importlib.import_module(f"policies.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"policies.{name}":
            raise
        return None


def current_version():
    selectors = _module("selectors")
    return selectors.current_version() if selectors else None


def has_acknowledged_current(person) -> bool:
    selectors = _module("selectors")
    return bool(selectors and selectors.has_acknowledged_current(person))


def acknowledge(*, person, language: str):
    """Acknowledge the current version for `person` (idempotent); PolicyUnavailable if none."""
    services = _module("services")
    if services is None or current_version() is None:
        raise PolicyUnavailable(_("There is no published social media policy to acknowledge yet."))
    return services.acknowledge(person=person, version=None, language=language)
