"""Writes about people: the HR roster import and personal preferences."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Language, Person, Unit

ROSTER_COLUMNS = ["email", "first_name", "last_name", "unit", "role", "manager_email", "language"]
ROSTER_ROLES = {"learner", "trainer", "champion", "lead", "programme"}
MAX_REPORTED_ERRORS = 20


class RosterError(Exception):
    """A roster file that cannot be imported; `errors` holds one message per problem."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(errors[0] if errors else "")


@dataclass
class RosterRow:
    line: int
    email: str
    first_name: str
    last_name: str
    unit: Unit
    roles: set[str]
    manager_email: str
    language: str


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


def _unit_lookup() -> dict[str, Unit | None]:
    """Units by slug and by lower-cased name; a name shared by two units maps to None (ambiguous)."""
    lookup: dict[str, Unit | None] = {}
    for unit in Unit.objects.all():
        lookup[unit.slug.lower()] = unit
        key = unit.name.strip().lower()
        lookup[key] = None if key in lookup and lookup[key] != unit else unit
    return lookup


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
        units = _unit_lookup()
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
            row, row_errors = _check_row(
                line, dict(zip(ROSTER_COLUMNS, fields, strict=True)), units
            )
            if row is not None and row.email in first_seen:
                row_errors.append(
                    _("line %(line)d: %(email)s already appears on line %(first)d")
                    % {"line": line, "email": row.email, "first": first_seen[row.email]}
                )
            errors.extend(row_errors)
            if row is not None and not row_errors:
                first_seen[row.email] = line
                rows.append(row)
    except csv.Error as error:
        errors.append(_("line %(line)d: %(problem)s") % {"line": reader.line_num, "problem": error})
    if not errors:
        errors.extend(_check_managers(rows))
    if errors:
        raise RosterError(errors[:MAX_REPORTED_ERRORS])
    if not rows:
        raise RosterError([_("line 2: the file has a header but no people")])
    return rows


def _check_row(line: int, values: dict[str, str], units: dict[str, Unit | None]):
    errors: list[str] = []
    email = values["email"].strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        errors.append(
            _("line %(line)d: '%(email)s' is not a valid email address")
            % {"line": line, "email": values["email"].strip()}
        )
    first_name, last_name = values["first_name"].strip(), values["last_name"].strip()
    if not first_name and not last_name:
        errors.append(_("line %(line)d: first_name and last_name are both empty") % {"line": line})
    for column, value, limit in (("first_name", first_name, 150), ("last_name", last_name, 150)):
        if len(value) > limit:
            errors.append(
                _("line %(line)d: %(column)s is longer than %(limit)d characters")
                % {"line": line, "column": column, "limit": limit}
            )
    unit_key = values["unit"].strip().lower()
    unit = units.get(unit_key)
    if not unit_key:
        errors.append(_("line %(line)d: unit is empty") % {"line": line})
    elif unit_key in units and unit is None:
        errors.append(
            _("line %(line)d: unit '%(unit)s' is ambiguous: use its slug")
            % {"line": line, "unit": values["unit"].strip()}
        )
    elif unit is None:
        errors.append(
            _("line %(line)d: unknown unit '%(unit)s'")
            % {"line": line, "unit": values["unit"].strip()}
        )
    roles = {
        role.strip().lower() for role in values["role"].replace("+", ";").split(";") if role.strip()
    }
    unknown = roles - ROSTER_ROLES
    if unknown:
        errors.append(
            _("line %(line)d: unknown role '%(role)s' (use %(roles)s)")
            % {
                "line": line,
                "role": ", ".join(sorted(unknown)),
                "roles": ", ".join(sorted(ROSTER_ROLES)),
            }
        )
    language = values["language"].strip().lower() or Language.ENGLISH
    if language not in Language.values:
        errors.append(
            _("line %(line)d: unknown language '%(language)s' (use en or nl)")
            % {"line": line, "language": values["language"].strip()}
        )
    manager_email = values["manager_email"].strip().lower()
    if manager_email and manager_email == email:
        errors.append(_("line %(line)d: a person cannot be their own manager") % {"line": line})
    if errors:
        return None, errors
    return RosterRow(
        line, email, first_name, last_name, unit, roles, manager_email, language
    ), errors


def _check_managers(rows: list[RosterRow]) -> list[str]:
    in_file = {row.email for row in rows}
    wanted = {row.manager_email for row in rows if row.manager_email} - in_file
    known = set(Person.objects.filter(email__in=wanted).values_list("email", flat=True))
    return [
        _("line %(line)d: manager %(email)s is neither in this file nor in the academy")
        % {"line": row.line, "email": row.manager_email}
        for row in rows
        if row.manager_email and row.manager_email not in in_file and row.manager_email not in known
    ]


@transaction.atomic
def import_roster(*, data: bytes) -> RosterResult:
    """Upsert people by email from an HR roster CSV; all or nothing."""
    rows = parse_roster(data)
    existing = {
        p.email: p
        for p in Person.objects.filter(email__in=[r.email for r in rows]).prefetch_related(
            "led_units"
        )
    }
    result = RosterResult()
    people: dict[str, Person] = {}
    changed: set[str] = set()
    for row in rows:
        person = existing.get(row.email)
        created = person is None
        if created:
            person = Person(email=row.email)
            person.set_unusable_password()
        wanted = {
            "first_name": row.first_name,
            "last_name": row.last_name,
            "unit_id": row.unit.id,
            "language": row.language,
            "is_trainer": bool(row.roles & {"trainer", "champion"}),
            "is_staff": "programme" in row.roles,
        }
        dirty = [name for name, value in wanted.items() if getattr(person, name) != value]
        for name in dirty:
            setattr(person, name, wanted[name])
        if created or dirty:
            person.full_clean(exclude=["password", "manager"], validate_unique=False)
            person.save()
            changed.add(row.email)
        led = {u.id for u in person.led_units.all()} if not created else set()
        wanted_led = {row.unit.id} | led if "lead" in row.roles else set()
        if wanted_led != led:
            person.led_units.set(wanted_led)
            changed.add(row.email)
        people[row.email] = person
        (result.created if created else result.updated).append(row.email)
    managers = {
        p.email: p
        for p in Person.objects.filter(email__in={r.manager_email for r in rows if r.manager_email})
    }
    for row in rows:
        person = people[row.email]
        manager = managers.get(row.manager_email) if row.manager_email else None
        manager_id = manager.id if manager else None
        if person.manager_id != manager_id:
            Person.objects.filter(pk=person.pk).update(manager_id=manager_id)
            changed.add(row.email)
    _refuse_manager_cycles({p.id for p in people.values()}, rows)
    result.updated = [email for email in result.updated if email in changed]
    result.unchanged = [row.email for row in rows if row.email not in changed]
    return result


def _refuse_manager_cycles(person_ids: set[int], rows: list[RosterRow]) -> None:
    managers = dict(Person.objects.exclude(manager=None).values_list("id", "manager_id"))
    lines = {r.email: r.line for r in rows}
    emails = dict(Person.objects.filter(id__in=person_ids).values_list("id", "email"))
    for start in person_ids:
        seen = {start}
        current = managers.get(start)
        while current is not None:
            if current in seen:
                raise RosterError(
                    [
                        _("line %(line)d: managers form a circle through %(email)s")
                        % {"line": lines.get(emails[start], 0), "email": emails[start]}
                    ]
                )
            seen.add(current)
            current = managers.get(current)


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
