"""Reads about the social media policy, for pages and for the apps above (docs/apis.md).

"Acknowledged the current policy" means: acknowledged a published version at or after the latest
major version effective at `as_of` (2.0 still counts once 2.1 is out; 1.3 no longer does once 2.0
is out). Each check is one query, for one person or for many.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet, Subquery
from django.utils import timezone

from core.languages import CODES
from core.numbers import parse_version
from core.trees import in_tree_order
from people.models import Person, Unit

from . import diff
from .models import Acknowledgement, Policy, PolicyVersion

LANGUAGES = CODES
DIFF_LAYOUT = 1  # raise when diff.py changes its output, so cached comparisons are redone


def _as_of(as_of: datetime.datetime | None) -> datetime.datetime:
    return as_of or timezone.now()


def _effective(as_of: datetime.datetime | None) -> QuerySet[PolicyVersion]:
    """Published versions in effect at `as_of` (their effective date has come)."""
    return PolicyVersion.objects.published().filter(
        effective_on__lte=timezone.localdate(_as_of(as_of))
    )


def the_policy() -> Policy | None:
    return Policy.objects.first()


def current_version(as_of: datetime.datetime | None = None) -> PolicyVersion | None:
    """The latest published version effective at `as_of` (default now), or None."""
    return _effective(as_of).select_related("policy").order_by("-major", "-minor").first()


def upcoming_version(as_of: datetime.datetime | None = None) -> PolicyVersion | None:
    """The next published version that is not in effect yet (announced ahead), or None."""
    return (
        PolicyVersion.objects.published()
        .filter(effective_on__gt=timezone.localdate(_as_of(as_of)))
        .order_by("major", "minor")
        .first()
    )


def major_version_of(version: PolicyVersion) -> PolicyVersion:
    """The x.0 version that started the major version `version` belongs to."""
    if version.is_major:
        return version
    started = (
        PolicyVersion.objects.published()
        .filter(policy_id=version.policy_id, major=version.major, minor=0)
        .first()
    )
    return started or version


def _current_major(as_of: datetime.datetime | None) -> Subquery:
    """The major number of the current version, as a subquery (NULL when there is none)."""
    return Subquery(_effective(as_of).order_by("-major").values("major")[:1])


def _current_acknowledgements(as_of: datetime.datetime | None) -> QuerySet[Acknowledgement]:
    acknowledgements = Acknowledgement.objects.filter(
        version__published_at__isnull=False, version__major__gte=_current_major(as_of)
    )
    if as_of is not None:
        acknowledgements = acknowledgements.filter(acknowledged_at__lte=as_of)
    return acknowledgements


def has_acknowledged_current(person, as_of: datetime.datetime | None = None) -> bool:
    """Has `person` acknowledged the current policy (as of `as_of`)? One query."""
    if person is None or not getattr(person, "pk", None):
        return False
    return _current_acknowledgements(as_of).filter(person_id=person.pk).exists()


def acknowledged_current_ids(
    person_ids: Iterable[int], as_of: datetime.datetime | None = None
) -> set[int]:
    """Of `person_ids`, those who acknowledged the current policy (as of `as_of`). One query."""
    ids = list(person_ids)
    if not ids:
        return set()
    return set(
        _current_acknowledgements(as_of)
        .filter(person_id__in=ids)
        .values_list("person_id", flat=True)
        .distinct()
    )


def grace_deadline(version: PolicyVersion) -> datetime.datetime:
    """When the grace period for `version` ends: its effective date plus the grace days."""
    day = version.effective_on + datetime.timedelta(days=settings.ACADEMY_POLICY_GRACE_DAYS)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def comparison(old: PolicyVersion, new: PolicyVersion, language: str) -> diff.Comparison:
    """The word-level difference between two versions' texts in `language`.

    Kept in the cache for a day when both are published, since those never change.
    """
    if not (old.is_published and new.is_published):
        return diff.compare(old.body(language), new.body(language))
    key = f"policies:diff:v{DIFF_LAYOUT}:{old.pk}:{new.pk}:{language}"
    return cache.get_or_set(
        key, lambda: diff.compare(old.body(language), new.body(language)), timeout=86400
    )


def body_for(version: PolicyVersion, language: str) -> str:
    """The markdown text of `version` in `language`, falling back to English."""
    return version.body(language)


def body_language(request_language: str | None, asked: str | None = None) -> str:
    """The language a policy text is shown in: `?lang=` when valid, else the page's language."""
    if asked in LANGUAGES:
        return asked
    return "nl" if (request_language or "").startswith("nl") else "en"


# Pages ------------------------------------------------------------------------------------------


def published_versions() -> QuerySet[PolicyVersion]:
    """Every published version, newest first (the version history)."""
    return (
        PolicyVersion.objects.published()
        .select_related("published_by")
        .order_by("-major", "-minor")
    )


def published_version(number: str) -> PolicyVersion | None:
    """The published version with this number ("2.0"), or None."""
    parsed = parse_version(number)
    if parsed is None:
        return None
    major, minor = parsed
    return (
        PolicyVersion.objects.published()
        .select_related("policy", "published_by")
        .filter(major=major, minor=minor)
        .first()
    )


def previous_version(version: PolicyVersion) -> PolicyVersion | None:
    """The published version just before `version`."""
    return (
        PolicyVersion.objects.published()
        .filter(Q(major__lt=version.major) | Q(major=version.major, minor__lt=version.minor))
        .order_by("-major", "-minor")
        .first()
    )


def version_numbers() -> list[str]:
    """Numbers of all published versions, newest first (for choosing two to compare)."""
    return [
        f"{major}.{minor}"
        for major, minor in PolicyVersion.objects.published()
        .order_by("-major", "-minor")
        .values_list("major", "minor")
    ]


def all_versions() -> QuerySet[PolicyVersion]:
    """Drafts and published versions, for the programme team, the draft first."""
    return (
        PolicyVersion.objects.select_related("published_by", "created_by")
        .annotate(acknowledged=Count("acknowledgements"))
        .order_by("-major", "-minor")
    )


def draft() -> PolicyVersion | None:
    return PolicyVersion.objects.drafts().select_related("policy", "created_by").first()


def latest_published() -> PolicyVersion | None:
    """The highest published number, whether in effect yet or not."""
    return PolicyVersion.objects.published().order_by("-major", "-minor").first()


def acknowledgement_of(person, version: PolicyVersion) -> Acknowledgement | None:
    if not person.is_authenticated:
        return None
    return Acknowledgement.objects.filter(person=person, version=version).first()


@dataclass
class Standing:
    """Where one person stands with the current policy (for the home banner)."""

    version: PolicyVersion | None
    acknowledged: bool
    last: Acknowledgement | None
    deadline: datetime.datetime | None

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline <= timezone.now()

    @property
    def is_new_major(self) -> bool:
        """They acknowledged an earlier major version: this one asks them again."""
        return self.last is not None and not self.acknowledged


def standing_of(person) -> Standing:
    """The current version, whether `person` acknowledged it, and their latest acknowledgement.

    Three queries at most, whatever the number of versions or acknowledgements.
    """
    version = current_version()
    if version is None:
        return Standing(None, False, None, None)
    last = (
        Acknowledgement.objects.filter(person_id=person.pk, version__published_at__isnull=False)
        .select_related("version")
        .order_by("-version__major", "-version__minor")
        .first()
    )
    acknowledged = last is not None and last.version.major >= version.major
    deadline = None if acknowledged else grace_deadline(major_version_of(version))
    return Standing(version, acknowledged, last, deadline)


# Coverage ---------------------------------------------------------------------------------------


@dataclass
class UnitCoverage:
    unit: Unit
    depth: int
    headcount: int
    acknowledged: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.acknowledged / self.headcount) if self.headcount else None

    @property
    def missing(self) -> int:
        return self.headcount - self.acknowledged


def coverage_by_unit(
    unit_ids: Iterable[int] | None = None, *, as_of: datetime.datetime | None = None
) -> list[UnitCoverage]:
    """Per unit (tree order): active members, and how many acknowledged the current policy.

    Members are counted in their own unit only (a unit's row does not include its teams). One
    query.
    """
    acknowledged_ids = _current_acknowledgements(as_of).values("person_id")
    active = Q(members__is_active=True)
    units = Unit.objects.annotate(
        headcount=Count("members", filter=active, distinct=True),
        acknowledged=Count(
            "members", filter=active & Q(members__id__in=acknowledged_ids), distinct=True
        ),
    )
    if unit_ids is not None:
        units = units.filter(id__in=list(unit_ids))
    return [
        UnitCoverage(unit, depth, unit.headcount, unit.acknowledged)
        for unit, depth in in_tree_order(units)
    ]


@dataclass
class Totals:
    headcount: int
    acknowledged: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.acknowledged / self.headcount) if self.headcount else None


def coverage_totals(rows: list[UnitCoverage]) -> Totals:
    return Totals(sum(r.headcount for r in rows), sum(r.acknowledged for r in rows))


def organisation_coverage(as_of: datetime.datetime | None = None) -> Totals:
    """Everyone active: headcount and how many acknowledged the current policy. One query."""
    counts = Person.objects.filter(is_active=True).aggregate(
        headcount=Count("id"),
        acknowledged=Count(
            "id", filter=Q(id__in=_current_acknowledgements(as_of).values("person_id"))
        ),
    )
    return Totals(counts["headcount"], counts["acknowledged"])


# -- for the adoption figures (insights) ----------------------------------------------------------


def acknowledged_major(person_id: int) -> int | None:
    """The highest major version the person acknowledged (None: none)."""
    return Acknowledgement.objects.filter(person_id=person_id).aggregate(
        major=Max("version__major")
    )["major"]


def acknowledged_majors():
    """(person id, highest major version acknowledged) of everyone who acknowledged one."""
    return (
        Acknowledgement.objects.values("person_id")
        .annotate(major=Max("version__major"))
        .values_list("person_id", "major")
        .iterator(chunk_size=20000)
    )
