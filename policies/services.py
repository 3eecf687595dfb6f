"""Writes of the policies app: drafts, publishing, acknowledging (docs/apis.md).

Publishing and draft edits lock the one `Policy` row, so two programme-team members cannot
publish or number versions at the same moment; acknowledging relies on the unique constraint
on (person, version).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.signals import send_after_commit
from people.permissions import is_programme_team

from . import selectors, signals
from .models import Acknowledgement, Policy, PolicyError, PolicyVersion, PublishedVersionIsImmutable

__all__ = [
    "MAJOR",
    "MINOR",
    "PolicyError",
    "PublishedVersionIsImmutable",
    "acknowledge",
    "create_draft",
    "discard_draft",
    "next_number",
    "publish",
    "publish_problems",
    "update_draft",
]

MAJOR = "major"
MINOR = "minor"


def next_number(kind: str) -> tuple[int, int]:
    """The number a new version of this kind gets: after the latest published one (1.0 first)."""
    latest = selectors.latest_published()
    if latest is None:
        return (1, 0)
    if kind == MAJOR:
        return (latest.major + 1, 0)
    return (latest.major, latest.minor + 1)


def _lock_policy() -> Policy:
    policy, _created = Policy.objects.select_for_update().get_or_create(singleton=True)
    return policy


def _lock_draft(version: PolicyVersion) -> PolicyVersion:
    locked = PolicyVersion.objects.select_for_update().get(pk=version.pk)
    if locked.is_published:
        raise PublishedVersionIsImmutable(locked)
    return locked


def _require_programme_team(person) -> None:
    if not is_programme_team(person):
        raise PermissionDenied


def _save(version: PolicyVersion) -> PolicyVersion:
    try:
        version.full_clean()
    except ValidationError as error:
        raise PolicyError(" ".join(error.messages)) from error
    version.save()
    return version


def _fill(version: PolicyVersion, *, kind, body_en, body_nl, changes_en, changes_nl, effective_on):
    version.major, version.minor = next_number(kind)
    version.body_en = body_en.strip()
    version.body_nl = body_nl.strip()
    version.changes_en = changes_en.strip()
    version.changes_nl = changes_nl.strip()
    version.effective_on = effective_on


@transaction.atomic
def create_draft(
    *,
    by,
    kind: str,
    body_en: str,
    body_nl: str = "",
    changes_en: str = "",
    changes_nl: str = "",
    effective_on: datetime.date,
) -> PolicyVersion:
    """Start the next version as a draft (one draft at a time), numbered by its kind."""
    _require_programme_team(by)
    policy = _lock_policy()
    existing = PolicyVersion.objects.drafts().first()
    if existing is not None:
        raise PolicyError(
            _("There is already a draft (version %(number)s): edit or discard it first.")
            % {"number": existing.number}
        )
    version = PolicyVersion(policy=policy, created_by=by)
    _fill(
        version,
        kind=kind,
        body_en=body_en,
        body_nl=body_nl,
        changes_en=changes_en,
        changes_nl=changes_nl,
        effective_on=effective_on,
    )
    return _save(version)


@transaction.atomic
def update_draft(
    *,
    version: PolicyVersion,
    by,
    kind: str,
    body_en: str,
    body_nl: str = "",
    changes_en: str = "",
    changes_nl: str = "",
    effective_on: datetime.date,
) -> PolicyVersion:
    """Change a draft's text, summary, date or kind (which renumbers it). Published: refused."""
    _require_programme_team(by)
    _lock_policy()
    draft = _lock_draft(version)
    _fill(
        draft,
        kind=kind,
        body_en=body_en,
        body_nl=body_nl,
        changes_en=changes_en,
        changes_nl=changes_nl,
        effective_on=effective_on,
    )
    return _save(draft)


@transaction.atomic
def discard_draft(*, version: PolicyVersion, by) -> None:
    """Delete a draft that will not be published. Published versions stay forever."""
    _require_programme_team(by)
    _lock_draft(version).delete()


def publish_problems(version: PolicyVersion, *, today: datetime.date | None = None) -> list[str]:
    """What still stands in the way of publishing `version` (empty: it can be published)."""
    today = today or timezone.localdate()
    problems = []
    if not version.body_en.strip() or not version.body_nl.strip():
        problems.append(_("Write the text in English and in Dutch before publishing."))
    latest = selectors.latest_published()
    if latest is not None and not (version.changes_en.strip() and version.changes_nl.strip()):
        problems.append(_("Summarise the changes in English and in Dutch before publishing."))
    if (version.major, version.minor) not in {next_number(MAJOR), next_number(MINOR)}:
        problems.append(
            _(
                "Version %(number)s no longer follows the latest published version: save the draft again."
            )
            % {"number": version.number}
        )
    if version.effective_on < today:
        problems.append(_("The effective date is in the past: choose today or a later date."))
    if latest is not None and version.effective_on < latest.effective_on:
        problems.append(
            _("Version %(number)s takes effect on %(date)s; a newer version cannot start earlier.")
            % {"number": latest.number, "date": date_format(latest.effective_on, "DATE_FORMAT")}
        )
    return problems


@transaction.atomic
def publish(*, version: PolicyVersion, by, now: datetime.datetime | None = None) -> PolicyVersion:
    """Publish a draft; from then on it is immutable. Publishing it again changes nothing."""
    _require_programme_team(by)
    now = now or timezone.now()
    _lock_policy()
    locked = PolicyVersion.objects.select_for_update().get(pk=version.pk)
    if locked.is_published:
        return locked
    problems = publish_problems(locked, today=timezone.localdate(now))
    if problems:
        raise PolicyError(problems[0])
    locked.published_at = now
    locked.published_by = by
    locked.save()
    send_after_commit(signals.version_published, sender=PolicyVersion, version=locked)
    return locked


@transaction.atomic
def acknowledge(
    *,
    person,
    version: PolicyVersion | None = None,
    language: str,
    now: datetime.datetime | None = None,
) -> Acknowledgement:
    """Record that `person` read `version` (default: the current one) in `language` and agrees.

    Idempotent: acknowledging the same version again returns the first acknowledgement.
    """
    if language not in selectors.LANGUAGES:
        raise PolicyError(_("The policy is available in English and Dutch only."))
    if version is None:
        version = selectors.current_version(now)
        if version is None:
            raise PolicyError(_("No social media policy has been published yet."))
    elif not PolicyVersion.objects.published().filter(pk=version.pk).exists():
        raise PolicyError(_("Only a published version of the policy can be acknowledged."))
    acknowledgement, created = Acknowledgement.objects.get_or_create(
        person=person,
        version=version,
        defaults={"language": language, "acknowledged_at": now or timezone.now()},
    )
    if created:
        send_after_commit(
            signals.policy_acknowledged, sender=Acknowledgement, person=person, version=version
        )
    return acknowledgement
