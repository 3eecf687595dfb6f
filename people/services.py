"""Writes about people: the rules for what the HR system says (roster import, SCIM, single
sign-on), account changes from outside, SCIM tokens and personal preferences."""

import csv
import hashlib
import io
import json
import logging
import secrets
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils.timezone import now
from django.utils.translation import gettext as _

from core.validators import control_character_problem, name_problem

from .models import Language, Person, ScimToken, Unit
from .permissions import PROGRAMME_TEAM_GROUP

accounts_log = logging.getLogger("academy.accounts")
SCIM_TOKEN_PREFIX = "scim_"  # noqa: S105 (a prefix that makes leaked tokens easy to spot)

ROSTER_COLUMNS = ["email", "first_name", "last_name", "unit", "role", "manager_email", "language"]
ROLES = {"learner", "trainer", "champion", "lead", "programme"}
ROSTER_ROLES = ROLES
MAX_REPORTED_ERRORS = 20
NAME_LIMIT = 150


class RosterError(Exception):
    """A roster file that cannot be imported; `errors` holds one message per problem."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(errors[0] if errors else "")


@dataclass
class StaffRecord:
    """What the HR system says about one person, checked by `check_staff_record`.

    The roster import, SCIM provisioning and single sign-on share these rules. A field that is
    None was not given: the person's current value stays as it is.
    """

    email: str
    first_name: str | None = None
    last_name: str | None = None
    unit: Unit | None = None
    roles: set[str] | None = None
    manager_email: str | None = None
    language: str | None = None
    display_name: str | None = None


@dataclass
class RosterRow(StaffRecord):
    line: int = 0


@dataclass
class RosterResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return _("created %(created)d, updated %(updated)d, unchanged %(unchanged)d, errors 0") % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
        }


class UnitLookup:
    """Units by slug and by name (case-insensitive), loaded in one query."""

    def __init__(self):
        self._units: dict[str, Unit | None] = {}
        for unit in Unit.objects.all():
            self._units[unit.slug.lower()] = unit
            key = unit.name.strip().lower()
            # A name shared by two units is ambiguous: it maps to None.
            self._units[key] = None if self._units.get(key, unit) != unit else unit

    def find(self, value: str) -> tuple[Unit | None, str | None]:
        """The unit a slug or name names, or None and why not."""
        key = value.strip().lower()
        if not key:
            return None, _("unit is empty")
        if key not in self._units:
            return None, _("unknown unit '%(unit)s'") % {"unit": value.strip()}
        unit = self._units[key]
        if unit is None:
            return None, _("unit '%(unit)s' is ambiguous: use its slug") % {"unit": value.strip()}
        return unit, None


def check_roles(values: Iterable[str]) -> tuple[set[str], str | None]:
    """Academy roles from role names; an unknown name is an error."""
    roles = {value.strip().lower() for value in values if value.strip()}
    unknown = roles - ROLES
    if unknown:
        return roles & ROLES, _("unknown role '%(role)s' (use %(roles)s)") % {
            "role": ", ".join(sorted(unknown)),
            "roles": ", ".join(sorted(ROLES)),
        }
    return roles, None


def check_language(value: str) -> tuple[str, str | None]:
    language = value.strip().lower() or Language.ENGLISH
    if language not in Language.values:
        return language, _("unknown language '%(language)s' (use en or nl)") % {
            "language": value.strip()
        }
    return language, None


def check_staff_record(
    values: Mapping[str, Any], *, units: UnitLookup, require_unit: bool = True
) -> tuple[StaffRecord | None, list[str]]:
    """Check what the HR system says about a person; return the record or the problems.

    `values` holds `email` and any of `first_name`, `last_name`, `display_name`, `unit` (slug or
    name), `roles` (role names), `manager_email` and `language`; a missing key leaves that part of
    the person as it is.
    """
    errors: list[str] = []
    # NUL and other control characters have no place in any column (PostgreSQL cannot even look
    # them up): refuse them before a unit, manager or language is searched for. Names get the
    # same check, and more, from name_problem below.
    unreadable = []
    for column, value in values.items():
        if column in ("first_name", "last_name", "display_name") or not isinstance(value, str):
            continue
        problem = control_character_problem(value)
        if problem:
            unreadable.append(_("%(column)s %(problem)s") % {"column": column, "problem": problem})
    if unreadable:
        return None, unreadable
    email = (values.get("email") or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        errors.append(
            _("'%(email)s' is not a valid email address")
            % {"email": (values.get("email") or "").strip()}
        )
    record = StaffRecord(email=email)
    names = {
        key: values[key].strip()
        for key in ("first_name", "last_name", "display_name")
        if values.get(key) is not None
    }
    names_given = "first_name" in values or "last_name" in values
    if names_given and not names.get("first_name") and not names.get("last_name"):
        errors.append(_("first_name and last_name are both empty"))
    for column, value in names.items():
        problem = name_problem(value)
        if problem:
            errors.append(_("%(column)s %(problem)s") % {"column": column, "problem": problem})
        if len(value) > NAME_LIMIT:
            errors.append(
                _("%(column)s is longer than %(limit)d characters")
                % {"column": column, "limit": NAME_LIMIT}
            )
        setattr(record, column, value)
    if values.get("unit") is not None and (values["unit"].strip() or require_unit):
        record.unit, problem = units.find(values["unit"])
        errors.extend([problem] if problem else [])
    elif require_unit:
        errors.append(_("unit is empty"))
    if values.get("roles") is not None:
        record.roles, problem = check_roles(values["roles"])
        errors.extend([problem] if problem else [])
    if values.get("language") is not None:
        record.language, problem = check_language(values["language"])
        errors.extend([problem] if problem else [])
    if values.get("manager_email") is not None:
        record.manager_email = values["manager_email"].strip().lower()
        if record.manager_email and record.manager_email == email:
            errors.append(_("a person cannot be their own manager"))
    return (None if errors else record), errors


def apply_staff_record(person: Person, record: StaffRecord) -> bool:
    """Write a checked record onto a person (saved or not) except the manager; True if changed.

    Roles: `trainer`/`champion` make a trainer, `programme` the programme team, `lead` leads their
    own unit (other units they lead stay as long as they are a lead).
    """
    created = person.pk is None
    wanted: dict[str, Any] = {
        name: getattr(record, name)
        for name in ("first_name", "last_name", "display_name", "language")
        if getattr(record, name) is not None
    }
    if record.unit is not None:
        wanted["unit_id"] = record.unit.id
    if record.roles is not None:
        wanted["is_trainer"] = bool(record.roles & {"trainer", "champion"})
        wanted["is_staff"] = "programme" in record.roles
    dirty = [name for name, value in wanted.items() if getattr(person, name) != value]
    for name in dirty:
        setattr(person, name, wanted[name])
    if created or dirty:
        # The table's check constraints and the unit's foreign key hold in the database (and the
        # unit was looked up by the check); checking them here too would cost a query each per
        # person, 85 % of a large import's time.
        person.full_clean(
            exclude=["password", "manager", "unit"],
            validate_unique=False,
            validate_constraints=False,
        )
        person.save()
    if record.roles is None:
        return created or bool(dirty)
    led = set() if created else {u.id for u in person.led_units.all()}
    wanted_led = ({person.unit_id} | led) - {None} if "lead" in record.roles else set()
    if wanted_led != led:
        person.led_units.set(wanted_led)
    return created or bool(dirty) or wanted_led != led


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RosterError(
            [
                _(
                    "line %(line)d: the file is not UTF-8 encoded; save it as 'CSV UTF-8' and try again"
                )
                % {"line": line}
            ]
        ) from error


def _at_line(line: int, problem: str) -> str:
    return _("line %(line)d: %(problem)s") % {"line": line, "problem": problem}


def parse_roster(data: bytes) -> list[RosterRow]:
    """Read and check a whole roster file; raise RosterError listing every bad line."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    errors: list[str] = []
    try:
        header = next(reader, None)
        if header is None:
            raise RosterError(
                [
                    _("line 1: the file is empty; expected the columns %(columns)s")
                    % {"columns": ",".join(ROSTER_COLUMNS)}
                ]
            )
        header = [column.strip().lower() for column in header]
        if header != ROSTER_COLUMNS:
            raise RosterError(
                [
                    _("line 1: expected the columns %(expected)s, found %(found)s")
                    % {"expected": ",".join(ROSTER_COLUMNS), "found": ",".join(header)}
                ]
            )
        units = UnitLookup()
        rows: list[RosterRow] = []
        first_seen: dict[str, int] = {}
        for fields in reader:
            line = reader.line_num
            if not any(value.strip() for value in fields):
                continue
            if len(fields) != len(ROSTER_COLUMNS):
                errors.append(
                    _("line %(line)d: expected %(expected)d fields, found %(found)d")
                    % {"line": line, "expected": len(ROSTER_COLUMNS), "found": len(fields)}
                )
                continue
            values: dict[str, Any] = dict(zip(ROSTER_COLUMNS, fields, strict=True))
            values["roles"] = values.pop("role").replace("+", ";").split(";")
            record, problems = check_staff_record(values, units=units)
            row_errors = [_at_line(line, problem) for problem in problems]
            if record is not None and record.email in first_seen:
                row_errors.append(
                    _("line %(line)d: %(email)s already appears on line %(first)d")
                    % {"line": line, "email": record.email, "first": first_seen[record.email]}
                )
            errors.extend(row_errors)
            if record is not None and not row_errors:
                first_seen[record.email] = line
                rows.append(RosterRow(**vars(record), line=line))
    except csv.Error as error:
        errors.append(_at_line(reader.line_num, str(error)))
    if not errors:
        errors.extend(_check_managers(rows))
    if errors:
        raise RosterError(errors[:MAX_REPORTED_ERRORS])
    if not rows:
        raise RosterError([_("line 2: the file has a header but no people")])
    return rows


def _check_managers(rows: list[RosterRow]) -> list[str]:
    in_file = {row.email for row in rows}
    wanted = {row.manager_email for row in rows if row.manager_email} - in_file
    known = set(Person.objects.filter(email__in=wanted).values_list("email", flat=True))
    return [
        _at_line(row.line, unknown_manager_message(row.manager_email, in_file=True))
        for row in rows
        if row.manager_email and row.manager_email not in in_file and row.manager_email not in known
    ]


def unknown_manager_message(manager: str, *, in_file: bool = False) -> str:
    if in_file:
        return _("manager %(email)s is neither in this file nor in the academy") % {
            "email": manager
        }
    return _("manager %(email)s is not in the academy") % {"email": manager}


def manager_circle_message(email: str) -> str:
    return _("managers form a circle through %(email)s") % {"email": email}


# People written per transaction by the roster import: each batch holds the write lock briefly,
# so that pages keep answering on SQLite while a file of 100,000 people is imported.
WRITE_BATCH = 200
SQLITE_PAUSE = 0.1


def _write_people(batch: list[RosterRow]) -> list[tuple[Person, bool, bool]]:
    """Create or update one batch of people in one transaction: (person, created, changed)."""
    written = []
    with transaction.atomic():
        existing = {
            p.email: p
            for p in Person.objects.filter(email__in=[r.email for r in batch]).prefetch_related(
                "led_units"
            )
        }
        for row in batch:
            person = existing.get(row.email)
            created = person is None
            if created:
                person = Person(email=row.email)
                person.set_unusable_password()
            written.append((person, created, apply_staff_record(person, row)))
    return written


def import_roster(*, data: bytes) -> RosterResult:
    """Upsert people by email from an HR roster CSV; the whole file is checked before any write.

    Writes go in short transactions of WRITE_BATCH people (then their managers), so a large file
    never holds the database for long. Everything that can be wrong with the file (a bad line, an
    unknown manager, a circle of managers) is found before the first write; running the same
    file again is safe and finishes an import that was interrupted.
    """
    rows = parse_roster(data)
    _refuse_manager_circles(rows)
    result = RosterResult()
    people: dict[str, Person] = {}
    changed: set[str] = set()
    for batch in _batches(rows):
        try:
            written = _write_people(batch)
        except IntegrityError:
            # Another import created some of these people between our read and our write: read
            # again and update them (the upsert by email makes the second try safe).
            written = _write_people(batch)
        for row, (person, created, was_changed) in zip(batch, written, strict=True):
            people[row.email] = person
            (result.created if created else result.updated).append(row.email)
            if was_changed:
                changed.add(row.email)
    for batch in _batches(rows):
        with transaction.atomic():
            managers = dict(
                Person.objects.filter(
                    email__in={r.manager_email for r in batch if r.manager_email}
                ).values_list("email", "id")
            )
            for row in batch:
                person = people[row.email]
                manager_id = managers.get(row.manager_email) if row.manager_email else None
                if person.manager_id != manager_id:
                    Person.objects.filter(pk=person.pk).update(
                        manager_id=manager_id, updated_at=now()
                    )
                    changed.add(row.email)
    result.updated = [email for email in result.updated if email in changed]
    result.unchanged = [row.email for row in rows if row.email not in changed]
    return result


def _batches(rows: list[RosterRow]):
    for first in range(0, len(rows), WRITE_BATCH):
        if first and connection.vendor == "sqlite":
            # SQLite has one writer at a time and its busy wait is not a queue: a page waiting to
            # write (a session, the cache) polls every 100 ms and would keep missing the moment
            # between two batches. A pause that long between batches lets it in.
            time.sleep(SQLITE_PAUSE)
        yield rows[first : first + WRITE_BATCH]


def _refuse_manager_circles(rows: list[RosterRow]) -> None:
    """Refuse a file whose managers, once imported, would form a circle (checked before writing)."""
    ids = dict(Person.objects.values_list("email", "id"))
    managers: dict[object, object] = {
        person_id: manager_id
        for person_id, manager_id in Person.objects.exclude(manager=None).values_list(
            "id", "manager_id"
        )
    }
    # People new in this file are known by their email until they have an id.
    key = {row.email: ids.get(row.email, row.email) for row in rows}
    for row in rows:
        manager = key.get(row.manager_email) or ids.get(row.manager_email)
        if manager is None:
            managers.pop(key[row.email], None)
        else:
            managers[key[row.email]] = manager
    start = first_in_circle(managers, [key[row.email] for row in rows])
    if start is not None:
        row = next(row for row in rows if key[row.email] == start)
        raise RosterError([_at_line(row.line, manager_circle_message(row.email))])


def first_in_circle(managers: Mapping, starts: Iterable) -> Any:
    """The first of `starts` whose chain of managers runs in a circle, or None.

    Linear in the number of people: each person is walked once, and a chain that reaches a
    person already known to lead to the top stops there (a 20,000-deep chain is one walk).
    """
    cleared: set[int] = set()
    for start in starts:
        path: list[int] = []
        on_path: set[int] = set()
        current: int | None = start
        while current is not None and current not in cleared:
            if current in on_path:
                return start
            path.append(current)
            on_path.add(current)
            current = managers.get(current)
        cleared.update(path)
    return None


def set_language(*, person: Person, language: str) -> None:
    """Remember a person's preferred language (used for pages, emails and certificates)."""
    if language not in Language.values:
        raise ValidationError(_("Unsupported language."))
    if person.language != language:
        person.language = language
        person.save(update_fields=["language"])


def set_trainer(*, person: Person, value: bool) -> None:
    """Grant or withdraw the trainer/champion role (used when a champion is approved or revoked)."""
    if person.is_trainer != value:
        person.is_trainer = value
        person.save(update_fields=["is_trainer"])


class StaffRecordError(ValueError):
    """What the HR system sent breaks a rule; `errors` holds one message per problem."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


class PersonConflict(ValueError):
    """Another person already has this email address or HR system id."""


def record_account_change(*, person: Person, action: str, source: str, data: dict) -> None:
    """The one place that records who changed a person's account from outside and how.

    Sources are `scim` (the HR system) and `sso` (single sign-on). Until the academy has a
    general audit log, the record goes to the `academy.accounts` logger.
    """
    accounts_log.info(
        "%s %s person=%s %s", source, action, person.pk, json.dumps(data, sort_keys=True)
    )


def _check_manager(person: Person | None, manager_id: int | None) -> Person | None:
    if manager_id is None:
        return None
    manager = Person.objects.filter(pk=manager_id).first()
    if manager is None:
        raise StaffRecordError([unknown_manager_message(str(manager_id))])
    if person is not None and person.pk is not None and _manages(person.pk, manager.pk):
        raise StaffRecordError([manager_circle_message(person.email)])
    return manager


def _manages(person_id: int, other_id: int) -> bool:
    """Whether `person_id` is `other_id` or above them in the chain of managers (one query).

    A recursive query walks the chain in the database however deep it is; UNION (not UNION ALL)
    drops a row seen before, so even a circle already stored ends the walk.
    """
    table = connection.ops.quote_name(Person._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE chain(id, manager_id) AS ("  # noqa: S608 - the table name is ours
            f" SELECT id, manager_id FROM {table} WHERE id = %s"
            f" UNION SELECT p.id, p.manager_id FROM {table} p JOIN chain c ON p.id = c.manager_id"
            f") SELECT COUNT(*) FROM chain WHERE id = %s",
            [other_id, person_id],
        )
        return cursor.fetchone()[0] > 0


def _provisioned_fields(person: Person, *, external_id: str | None, active: bool | None) -> None:
    if external_id is not None:
        person.external_id = external_id.strip()
    if active is not None:
        person.is_active = active
        person.deprovisioned_at = None


def _save_provisioned(person: Person, record: StaffRecord, manager_id: int | None) -> None:
    manager = _check_manager(person, manager_id)
    if manager is not None and manager.email == record.email:
        raise StaffRecordError([_("a person cannot be their own manager")])
    try:
        with transaction.atomic():
            apply_staff_record(person, record)
            person.save()
            if manager_id is not None and person.manager_id != manager_id:
                person.manager = manager
                person.save(update_fields=["manager", "updated_at"])
    except IntegrityError as error:
        raise PersonConflict(
            _("Another person already has the email address %(email)s or this HR system id.")
            % {"email": record.email}
        ) from error


@transaction.atomic
def provision_person(
    *,
    record: StaffRecord,
    external_id: str | None = None,
    active: bool | None = None,
    manager_id: int | None = None,
) -> Person:
    """Create a person for the HR system; a person it removed earlier comes back, same record."""
    person = (
        Person.objects.select_for_update()
        .filter(email=record.email, deprovisioned_at__isnull=False)
        .first()
    )
    revived = person is not None
    if person is None:
        person = Person(email=record.email)
        person.set_unusable_password()
    _provisioned_fields(person, external_id=external_id, active=True if active is None else active)
    _save_provisioned(person, record, manager_id)
    record_account_change(
        person=person,
        action="reinstated" if revived else "created",
        source="scim",
        data={"email": person.email, "active": person.is_active},
    )
    return person


@transaction.atomic
def update_provisioned_person(
    *,
    person: Person,
    record: StaffRecord,
    external_id: str | None = None,
    active: bool | None = None,
    manager_id: int | None = None,
) -> Person:
    """Apply what the HR system says now about a person; deactivating keeps everything else."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    was_active = person.is_active
    person.email = record.email
    _provisioned_fields(person, external_id=external_id, active=active)
    _save_provisioned(person, record, manager_id)
    if was_active != person.is_active:
        action = "activated" if person.is_active else "deactivated"
    else:
        action = "updated"
    record_account_change(person=person, action=action, source="scim", data={"email": person.email})
    return person


@transaction.atomic
def deprovision_person(*, person: Person) -> None:
    """The HR system removed a person: deactivate them; never delete, so credentials still verify."""
    Person.objects.filter(pk=person.pk).update(
        is_active=False, deprovisioned_at=now(), updated_at=now()
    )
    record_account_change(
        person=person, action="removed", source="scim", data={"email": person.email}
    )


def create_scim_token(*, name: str) -> tuple[ScimToken, str]:
    """A new SCIM bearer token; the secret is returned once and only its hash is kept."""
    name = name.strip()
    if not name:
        raise ValidationError(_("A SCIM token needs a name."))
    secret = SCIM_TOKEN_PREFIX + secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            token = ScimToken.objects.create(name=name, digest=scim_token_digest(secret))
    except IntegrityError as error:
        raise ValidationError(
            _("A SCIM token named '%(name)s' already exists.") % {"name": name}
        ) from error
    return token, secret


def revoke_scim_token(*, name: str) -> ScimToken:
    """Stop a SCIM token from working at once."""
    token = ScimToken.objects.filter(name=name.strip(), revoked_at__isnull=True).first()
    if token is None:
        raise ValidationError(_("No active SCIM token is named '%(name)s'.") % {"name": name})
    token.revoked_at = now()
    token.save(update_fields=["revoked_at"])
    return token


def scim_token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def use_scim_token(*, secret: str) -> ScimToken | None:
    """The active token with this secret, its last use recorded (at most once a minute)."""
    token = ScimToken.objects.filter(
        digest=scim_token_digest(secret), revoked_at__isnull=True
    ).first()
    if token is not None and (
        token.last_used_at is None or now() - token.last_used_at > timedelta(minutes=1)
    ):
        token.last_used_at = now()
        ScimToken.objects.filter(pk=token.pk).update(last_used_at=token.last_used_at)
    return token


def _claim_values(value: Any) -> list[str]:
    """A claim (OIDC) or attribute (SAML, always a list) as a list of strings."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(item).strip() for item in value if str(item).strip()]
    return [part.strip() for part in str(value).replace(",", " ").split() if part.strip()]


def apply_sso_claims(*, person: Person, claims: Mapping[str, Any]) -> bool:
    """Set a person's unit and roles from the claims of a single sign-on, where configured.

    The unit claim follows the roster's rule (a slug or name); values of the roles claim that
    are neither academy roles nor mapped to one (ACADEMY_SSO_ROLE_MAP) are ignored. A bad unit
    leaves the unit as it is and is logged: the person still signs in.
    """
    record = StaffRecord(email=person.email)
    problems: list[str] = []
    unit_claim, roles_claim = settings.ACADEMY_SSO_UNIT_CLAIM, settings.ACADEMY_SSO_ROLES_CLAIM
    if unit_claim and _claim_values(claims.get(unit_claim)):
        unit, problem = UnitLookup().find(_claim_values(claims[unit_claim])[0])
        record.unit = unit
        problems.extend([problem] if problem else [])
    if roles_claim and roles_claim in claims:
        mapping = {key.strip().lower(): role for key, role in settings.ACADEMY_SSO_ROLE_MAP.items()}
        wanted = [mapping.get(v.lower(), v) for v in _claim_values(claims[roles_claim])]
        record.roles, _unknown = check_roles(role for role in wanted if role.lower() in ROLES)
    if record.unit is None and record.roles is None:
        if problems:
            record_account_change(
                person=person, action="claims ignored", source="sso", data={"problems": problems}
            )
        return False
    with transaction.atomic():
        changed = apply_staff_record(person, record)
    if changed or problems:
        record_account_change(
            person=person,
            action="updated from claims",
            source="sso",
            data={
                "unit": record.unit.slug if record.unit else None,
                "roles": sorted(record.roles) if record.roles is not None else None,
                "problems": problems,
            },
        )
    return changed


# -- the programme team's model permissions ------------------------------------------------------


def programme_team_group(*, using: str = "default"):
    """The group that carries the programme team's model permissions (made when missing)."""
    from django.contrib.auth.models import Group

    return Group.objects.using(using).get_or_create(name=PROGRAMME_TEAM_GROUP)[0]


def sync_programme_team_membership(*, person: Person) -> None:
    """Put a person in the programme team's group exactly while they are `is_staff`."""
    if person.is_staff:
        person.groups.add(programme_team_group())
    else:
        # One statement, no lookup of the group: this runs on every save of every person.
        person.groups.through.objects.filter(
            person_id=person.pk, group__name=PROGRAMME_TEAM_GROUP
        ).delete()


@transaction.atomic
def sync_programme_team_permissions(*, app_label: str, using: str = "default") -> None:
    """Give the programme team's group the model permissions its table names for one app."""
    from django.contrib.auth.models import Permission

    from .permissions import PROGRAMME_TEAM_PERMISSIONS

    actions = PROGRAMME_TEAM_PERMISSIONS.get(app_label)
    if actions is None:
        return
    group = programme_team_group(using=using)
    permissions = Permission.objects.using(using).filter(content_type__app_label=app_label)
    wanted = [p for p in permissions if p.codename.split("_", 1)[0] in actions]
    # Exactly the table: a permission added to the group by hand goes again.
    group.permissions.remove(*[p for p in permissions if p not in wanted])
    group.permissions.add(*wanted)
