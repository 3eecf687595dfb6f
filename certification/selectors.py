"""Reads about credentials for pages, the CLI and the other services."""

import datetime
from collections.abc import Iterable
from functools import cached_property

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone

from courses import selectors as course_selectors
from courses.models import Module
from policies import selectors as policy_selectors

from .models import (
    CredentialDefinition,
    IssuedCredential,
    ModulesCompletedRule,
    Nomination,
    NominationApprovedRule,
    Rule,
)
from .sources import approved_step_paths


class Facts:
    """What the academy knows about one person, as the rules check it (`Rule.is_satisfied_by`);
    each source is read at most once, and only when a rule asks."""

    def __init__(self, person):
        self.person = person

    @cached_property
    def completed_modules(self) -> set[str]:
        return set(course_selectors.completed_module_slugs(self.person))

    @cached_property
    def approved_steps(self) -> set[str]:
        """Approved assignment steps as `module/lesson/step` paths."""
        return approved_step_paths(self.person)

    @cached_property
    def policy_acknowledged(self) -> bool:
        return policy_selectors.has_acknowledged_current(self.person)

    @cached_property
    def held(self) -> set[int]:
        """Ids of the definitions the person holds a valid credential of."""
        return held_definition_ids(self.person)

    @cached_property
    def approved_nominations(self) -> set[int]:
        return set(
            Nomination.objects.filter(
                person=self.person, status=Nomination.Status.APPROVED
            ).values_list("definition_id", flat=True)
        )


def held_definition_ids(person) -> set[int]:
    """Definitions the person holds a valid (not suspended, revoked or expired) credential of."""
    now = timezone.now()
    return set(
        IssuedCredential.objects.filter(person=person, status=IssuedCredential.Status.VALID)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .values_list("definition_id", flat=True)
    )


def definitions_with_rules():
    """Active definitions, lowest level first, each with its rules (typed) prefetched."""
    return CredentialDefinition.objects.filter(is_active=True).prefetch_related(
        Prefetch("rules", queryset=Rule.objects.order_by("position", "id"))
    )


def credential_by_code(code: str) -> IssuedCredential | None:
    return (
        IssuedCredential.objects.select_related("definition", "replaced_by")
        .filter(code=code)
        .first()
    )


# What the public verification page shows; the signed documents are left out (they are large).
VERIFICATION_FIELDS = [
    "id",
    "code",
    "serial",
    "definition_id",
    "person_id",
    "holder_name",
    "language",
    "snapshot",
    "issued_at",
    "expires_at",
    "status",
    "status_changed_at",
    "status_reason",
    "publish_reason",
    "replaced_by_id",
]


def verification_by_code(code: str) -> IssuedCredential | None:
    """The credential behind a verification page: one indexed lookup of the shown columns."""
    try:
        return (
            IssuedCredential.objects.only(*VERIFICATION_FIELDS)
            .annotate(has_eddsa_jwt=~Q(signed_jwt_eddsa=""))
            .get(code=code)
        )
    except IssuedCredential.DoesNotExist:
        return None


def credential_by_serial(serial: str) -> IssuedCredential | None:
    return (
        IssuedCredential.objects.select_related("definition", "person")
        .filter(serial__iexact=serial.strip())
        .first()
    )


def credentials_of(person):
    """A person's credentials, newest first (active ones and their history)."""
    return IssuedCredential.objects.filter(person=person).select_related("definition")


def active_credential(person, definition) -> IssuedCredential | None:
    return IssuedCredential.objects.filter(
        person=person, definition=definition, status__in=IssuedCredential.ACTIVE
    ).first()


def status_list_bits(list_number: int) -> tuple[list[int], list[int]]:
    """Indices set in the revocation and in the suspension list of one list number: the
    revoked, and the suspended together with the revoked."""
    rows = IssuedCredential.objects.filter(
        status_list=list_number,
        status__in=[IssuedCredential.Status.REVOKED, IssuedCredential.Status.SUSPENDED],
    ).values_list("status", "status_index")
    revoked = [index for status, index in rows if status == IssuedCredential.Status.REVOKED]
    # The suspension list answers "may this credential be accepted now?": a revoked credential
    # never may, so its bit stays set there too (the one status entry; docs/decisions/0009).
    not_acceptable = [index for _status, index in rows]
    return revoked, not_acceptable


def pending_nominations():
    return Nomination.objects.filter(status=Nomination.Status.PENDING).select_related(
        "person", "person__unit", "definition", "nominated_by"
    )


def pending_nomination_count() -> int:
    return Nomination.objects.filter(status=Nomination.Status.PENDING).count()


def nominable_definitions():
    """Definitions awarded by nomination (they have a `nominated` rule)."""
    ids = NominationApprovedRule.objects.values_list("definition_id", flat=True)
    return CredentialDefinition.objects.filter(is_active=True, id__in=ids)


def skills_of(definition, language: str) -> list[str]:
    """What holding the credential shows someone can do: the titles of the modules its rules
    ask for, in rule order (Open Badges `tag`, the "skills" of the public pages)."""
    slugs: list[str] = []
    for rule in ModulesCompletedRule.objects.filter(definition=definition).order_by(
        "position", "id"
    ):
        slugs += [slug for slug in rule.modules if slug not in slugs]
    titles = {m.slug: m.title(language) for m in Module.objects.filter(slug__in=slugs)}
    return [titles[slug] for slug in slugs if slug in titles]


def status_list_exists(number: int) -> bool:
    """A status list is published once a credential has a position in it."""
    return IssuedCredential.objects.filter(status_list=number).exists()


def definition_by_slug(slug: str) -> CredentialDefinition | None:
    return (
        CredentialDefinition.objects.filter(slug=slug)
        .prefetch_related(Prefetch("rules", queryset=Rule.objects.order_by("position", "id")))
        .first()
    )


def credentials_for_staff(
    *,
    unit_ids: Iterable[int] | None,
    status: str | None = None,
    definition: str | None = None,
    expires_after: datetime.datetime | None = None,
    expires_before: datetime.datetime | None = None,
) -> QuerySet[IssuedCredential]:
    """Issued credentials of people in `unit_ids` (None: everyone), by status as a verifier
    sees it now (a valid credential past its date is expired), definition slug, and expiry
    window."""
    credentials = IssuedCredential.objects.select_related("definition", "person__unit")
    if unit_ids is not None:
        credentials = credentials.filter(person__unit_id__in=list(unit_ids))
    now = timezone.now()
    not_expired = Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    if status == IssuedCredential.Status.VALID:
        credentials = credentials.filter(not_expired, status=IssuedCredential.Status.VALID)
    elif status == IssuedCredential.Status.EXPIRED:
        credentials = credentials.filter(
            Q(status=IssuedCredential.Status.EXPIRED)
            | Q(status=IssuedCredential.Status.VALID, expires_at__lte=now)
        )
    elif status:
        credentials = credentials.filter(status=status)
    if definition:
        credentials = credentials.filter(definition__slug=definition)
    if expires_after is not None:
        credentials = credentials.filter(expires_at__gt=expires_after)
    if expires_before is not None:
        credentials = credentials.filter(expires_at__lte=expires_before)
    return credentials


def credentials_expiring(*, now, within_days: int):
    """Valid credentials of active people that expire after `now` and within `within_days`."""
    return (
        IssuedCredential.objects.filter(
            status=IssuedCredential.Status.VALID,
            person__is_active=True,
            expires_at__gt=now,
            expires_at__lte=now + datetime.timedelta(days=within_days),
        )
        .select_related("person", "definition")
        .order_by("expires_at", "id")
    )


# -- for the adoption figures (insights) ----------------------------------------------------------


def _valid_at(now) -> QuerySet[IssuedCredential]:
    return IssuedCredential.objects.filter(status=IssuedCredential.Status.VALID).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )


def active_definitions() -> QuerySet[CredentialDefinition]:
    """Definitions still awarded, lowest level first."""
    return CredentialDefinition.objects.filter(is_active=True).order_by("level", "slug")


def definitions_by_level() -> QuerySet[CredentialDefinition]:
    """Every definition, lowest level first (for a form's choices)."""
    return CredentialDefinition.objects.order_by("level", "slug")


def definition_by_id(definition_id) -> CredentialDefinition | None:
    return CredentialDefinition.objects.filter(pk=definition_id).first() if definition_id else None


def issued_credential(credential_id) -> IssuedCredential | None:
    return IssuedCredential.objects.filter(pk=credential_id).first()


def valid_credentials(now=None) -> QuerySet[IssuedCredential]:
    """Credentials valid and not expired at `now`, with their definition, lowest level first
    (to prefetch on people)."""
    return (
        _valid_at(now or timezone.now()).select_related("definition").order_by("definition__level")
    )


def valid_levels(*, now, person_id: int | None = None):
    """(person id, level, expires at) of the credentials valid at `now`: of one person, or
    (iterated in chunks) of everyone."""
    rows = _valid_at(now)
    if person_id is not None:
        return rows.filter(person_id=person_id).values_list(
            "person_id", "definition__level", "expires_at"
        )
    return rows.values_list("person_id", "definition__level", "expires_at").iterator(
        chunk_size=20000
    )


def active_credentials_of(definition_id: int, people) -> QuerySet[IssuedCredential]:
    """The valid or suspended credentials of one definition held by these people."""
    return IssuedCredential.objects.filter(
        definition_id=definition_id, person__in=people, status__in=IssuedCredential.ACTIVE
    )


def expiring_per_unit(
    unit_ids: Iterable[int] | None, *, language: str, now, windows: Iterable[int]
) -> dict[int, dict[str, int]]:
    """{unit id: {"expiring_<days>": n}}: valid credentials of active people in `unit_ids`
    (None: everyone; `language`: only people speaking it) that expire within each window."""
    windows = list(windows)
    credentials = IssuedCredential.objects.filter(
        status=IssuedCredential.Status.VALID,
        expires_at__gt=now,
        expires_at__lte=now + datetime.timedelta(days=max(windows)),
        person__is_active=True,
    )
    if unit_ids is not None:
        credentials = credentials.filter(person__unit_id__in=list(unit_ids))
    if language:
        credentials = credentials.filter(person__language=language)
    rows = credentials.values("person__unit_id").annotate(
        **{
            f"expiring_{days}": Count(
                "id", filter=Q(expires_at__lte=now + datetime.timedelta(days=days))
            )
            for days in windows
        }
    )
    return {row.pop("person__unit_id"): row for row in rows}


def issued_per_week():
    """Rows of `person__unit_id` (the holder's current unit), `week` and `n`: credentials
    issued per unit and week."""
    return IssuedCredential.objects.values("person__unit_id", week=TruncWeek("issued_at")).annotate(
        n=Count("id")
    )


def holders_issued_since(since) -> set[int]:
    """Ids of the people issued a credential since `since`."""
    return set(
        IssuedCredential.objects.filter(issued_at__gte=since).values_list("person_id", flat=True)
    )
