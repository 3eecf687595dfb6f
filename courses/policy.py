"""The social media policy as the courses app sees it, through the policies app's interface.

Only the functions docs/apis.md names are used, so the policies app can change its insides.
"""

from django.utils.translation import gettext as _

from policies import selectors, services


class PolicyUnavailable(Exception):
    """There is no published policy to acknowledge."""


def current_version():
    return selectors.current_version()


def has_acknowledged_current(person) -> bool:
    return selectors.has_acknowledged_current(person)


def acknowledge(*, person, language: str):
    """Acknowledge the current version for `person` (idempotent); PolicyUnavailable if none."""
    if current_version() is None:
        raise PolicyUnavailable(_("There is no published social media policy to acknowledge yet."))
    return services.acknowledge(person=person, version=None, language=language)
