import datetime

import factory
from django.utils import timezone

from policies.models import Acknowledgement, Policy, PolicyVersion

BODY_EN = """## Say who you are

Always say that you work here, and use your own name.

## Talk about the firm

Talk about the firm, never on behalf of it.
"""
BODY_NL = """## Zeg wie je bent

Zeg altijd dat je hier werkt, en gebruik je eigen naam.

## Praat over het kantoor

Praat over het kantoor, nooit namens het kantoor.
"""


def the_policy() -> Policy:
    return Policy.objects.get_or_create(singleton=True)[0]


class PolicyVersionFactory(factory.django.DjangoModelFactory):
    """A published version (pass published_at=None for a draft)."""

    class Meta:
        model = PolicyVersion

    policy = factory.LazyFunction(the_policy)
    major = 1
    minor = 0
    body_en = BODY_EN
    body_nl = BODY_NL
    changes_en = "What changed."
    changes_nl = "Wat er veranderde."
    effective_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))
    published_at = factory.LazyFunction(timezone.now)


class AcknowledgementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Acknowledgement

    version = factory.SubFactory(PolicyVersionFactory)
    language = "en"


def draft(by, *, after: PolicyVersion | None = None, **fields) -> PolicyVersion:
    """A complete draft written by `by` (through the service): a minor change of `after` when
    given, else a new major version with the standard text."""
    from policies import services

    data = {
        "kind": services.MINOR if after else services.MAJOR,
        "body_en": (after.body_en + "\nBe kind.") if after else BODY_EN,
        "body_nl": (after.body_nl + "\nWees vriendelijk.") if after else BODY_NL,
        "changes_en": "Be kind.",
        "changes_nl": "Wees vriendelijk.",
        "effective_on": timezone.localdate(),
    }
    data.update(fields)
    return services.create_draft(by=by, **data)


def version(number: str, *, days_ago: int = 60, **fields) -> PolicyVersion:
    """A published version `number` ("2.0") that took effect `days_ago` days ago."""
    major, minor = (int(part) for part in number.split("."))
    return PolicyVersionFactory(
        major=major,
        minor=minor,
        effective_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        **fields,
    )
