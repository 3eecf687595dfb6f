"""What the API says about each resource, and how it reads it from the apps' objects.

Texts come in one language: the one asked for (`language`), else the caller's.
"""

import datetime
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import field_validator

from certification import signing
from people import permissions

Language = Literal["en", "nl"]


class LanguageParams(Schema):
    language: Language | None = Field(
        None, description="Language of the texts; default: Accept-Language or your preference."
    )


# -- catalogue -------------------------------------------------------------------------------


class ProgrammeOut(Schema):
    slug: str
    title: str
    description: str
    requires_time_approval: bool
    module_count: int
    total_minutes: int


class ModuleRef(Schema):
    slug: str
    title: str


class ModuleOut(Schema):
    slug: str
    programme: str = Field(description="The programme's slug.")
    title: str
    summary: str
    minutes: int
    is_foundation: bool
    platforms: list[str]
    languages: list[str] = Field(description="Languages the module is offered in.")
    requires: list[ModuleRef]
    state: Literal["available", "in_progress", "completed", "locked"]
    progress_percent: int
    missing_requirements: list[ModuleRef]
    needs_time_approval: bool


class StepOut(Schema):
    slug: str
    title: str
    kind: str
    done: bool


class LessonOut(Schema):
    slug: str
    title: str
    steps: list[StepOut]


class ModuleDetailOut(ModuleOut):
    lessons: list[LessonOut]


class ProgrammeDetailOut(ProgrammeOut):
    modules: list[ModuleOut] = Field(description="Its modules meant for you.")


def programme_out(programme, language: str) -> dict:
    return {
        "slug": programme.slug,
        "title": programme.title(language),
        "description": programme.description(language),
        "requires_time_approval": programme.requires_time_approval,
        "module_count": programme.module_count,
        "total_minutes": programme.total_minutes,
    }


def module_ref(module, language: str) -> dict:
    return {"slug": module.slug, "title": module.title(language)}


def module_out(module, language: str) -> dict:
    """A module as `courses.selectors.catalogue_for` annotated it."""
    return {
        "slug": module.slug,
        "programme": module.programme.slug,
        "title": module.title(language),
        "summary": module.summary(language),
        "minutes": module.minutes,
        "is_foundation": module.is_foundation,
        "platforms": list(module.platforms or []),
        "languages": list(module.languages or []),
        "requires": [module_ref(m, language) for m in module.requires.all()],
        "state": module.state,
        "progress_percent": module.progress_percent,
        "missing_requirements": [module_ref(m, language) for m in module.missing_requirements],
        "needs_time_approval": module.needs_time_approval,
    }


def module_detail_out(module, outline, language: str) -> dict:
    return {
        **module_out(module, language),
        "lessons": [
            {
                "slug": item.lesson.slug,
                "title": item.lesson.title(language),
                "steps": [
                    {
                        "slug": step.step.slug,
                        "title": step.step.title(language),
                        "kind": step.kind,
                        "done": step.done,
                    }
                    for step in item.steps
                ],
            }
            for item in outline.lessons
        ],
    }


# -- me ----------------------------------------------------------------------------------------


class UnitRef(Schema):
    slug: str
    name: str


class MeOut(Schema):
    id: int
    email: str
    name: str
    language: Language
    unit: UnitRef | None
    roles: list[Literal["learner", "trainer", "lead", "programme"]]
    token_scope: Literal["read", "write"] | None = Field(
        description="The scope of the token used; null when signed in with a session."
    )


def me_out(person, token) -> dict:
    return {
        "id": person.pk,
        "email": person.email,
        "name": person.name,
        "language": person.language,
        "unit": {"slug": person.unit.slug, "name": person.unit.name} if person.unit else None,
        "roles": permissions.roles_of(person),
        "token_scope": token.scope if token is not None else None,
    }


class StepRef(Schema):
    lesson: str
    slug: str
    title: str


class EnrolmentOut(Schema):
    module: ModuleRef
    programme: str
    language: Language
    enrolled_at: datetime.datetime
    last_activity_at: datetime.datetime
    completed_at: datetime.datetime | None
    progress_percent: int
    next_step: StepRef | None = Field(description="Where to resume; null when complete.")


class EnrolIn(Schema):
    module: str = Field(description="The module's slug.", min_length=1, max_length=80)
    language: Language | None = Field(None, description="Default: your preferred language.")


def enrolment_out(item, language: str) -> dict:
    """An item of `courses.selectors.my_learning`."""
    enrolment, step = item.enrolment, item.next_step
    return {
        "module": module_ref(item.module, language),
        "programme": item.module.programme.slug,
        "language": enrolment.language,
        "enrolled_at": enrolment.enrolled_at,
        "last_activity_at": enrolment.last_activity_at,
        "completed_at": enrolment.completed_at,
        "progress_percent": item.percent,
        "next_step": {"lesson": step.lesson.slug, "slug": step.slug, "title": step.title(language)}
        if step is not None
        else None,
    }


class PolicyStandingOut(Schema):
    version: str | None = Field(description="The current version; null before the first.")
    acknowledged: bool
    acknowledged_version: str | None
    deadline: datetime.datetime | None = Field(
        description="Acknowledge before this date to keep credentials that need the policy."
    )
    overdue: bool


class AssignedTrainingOut(Schema):
    module: ModuleRef
    due_on: datetime.date = Field(description="The date by which to complete it.")
    overdue: bool
    progress_percent: int


class RequiredTrainingOut(Schema):
    policy: PolicyStandingOut
    foundation: list[ModuleOut] = Field(
        description="Foundation modules meant for you that you have not completed yet."
    )
    assigned: list[AssignedTrainingOut] = Field(
        default_factory=list,
        description=(
            "Modules required of you (by the programme team or your unit lead) that you have "
            "not completed yet, with their due dates, most urgent first."
        ),
    )


def standing_out(standing) -> dict:
    return {
        "version": standing.version.number if standing.version else None,
        "acknowledged": standing.acknowledged,
        "acknowledged_version": standing.last.version.number if standing.last else None,
        "deadline": standing.deadline,
        "overdue": standing.overdue,
    }


class AcknowledgeIn(Schema):
    language: Language = Field(description="The language in which you read the policy.")
    version: str | None = Field(
        None, description="The version you read, e.g. 2.0; default: the current one.", max_length=20
    )


class AcknowledgementOut(Schema):
    version: str
    language: Language
    acknowledged_at: datetime.datetime


# -- credentials -------------------------------------------------------------------------------

CredentialStatus = Literal["valid", "expired", "suspended", "revoked"]


class CredentialOut(Schema):
    serial: str
    definition: str = Field(description="The credential definition's slug.")
    title: str = Field(description="The title as issued (frozen at issue).")
    status: CredentialStatus
    status_reason: str = Field(description="Shown to the holder and staff.")
    issued_at: datetime.datetime
    expires_at: datetime.datetime | None
    status_changed_at: datetime.datetime | None
    verify_url: str


class HolderOut(Schema):
    id: int
    email: str
    name: str
    unit: str | None = Field(description="The unit's slug.")


class StaffCredentialOut(CredentialOut):
    holder: HolderOut
    awarded_by_hand: bool


def credential_out(credential, language: str) -> dict:
    return {
        "serial": credential.serial,
        "definition": credential.definition.slug,
        "title": credential.snapshot_text("title", language),
        "status": credential.current_status,
        "status_reason": credential.status_reason,
        "issued_at": credential.issued_at,
        "expires_at": credential.expires_at,
        "status_changed_at": credential.status_changed_at,
        "verify_url": signing.verify_url(credential),
    }


def staff_credential_out(credential, language: str) -> dict:
    person = credential.person
    return {
        **credential_out(credential, language),
        "holder": {
            "id": person.pk,
            "email": person.email,
            "name": credential.holder_name or person.name,
            "unit": person.unit.slug if person.unit else None,
        },
        "awarded_by_hand": credential.awarded_by_hand,
    }


class CredentialFilters(LanguageParams):
    status: CredentialStatus | None = None
    unit: str | None = Field(None, description="A unit's slug; includes the units below it.")
    definition: str | None = Field(None, description="A credential definition's slug.")
    expires_after: datetime.datetime | None = Field(
        None, description="Only credentials that expire after this moment."
    )
    expires_before: datetime.datetime | None = Field(
        None, description="Only credentials that expire at or before this moment."
    )

    @field_validator("expires_after", "expires_before")
    @classmethod
    def in_utc(cls, value: datetime.datetime | None) -> datetime.datetime | None:
        """A moment in UTC (no offset: UTC), so every database compares it the same way."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=datetime.UTC)
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError as error:
            raise ValueError(_("This moment is outside the calendar.")) from error


class AwardIn(Schema):
    definition: str = Field(description="The credential definition's slug.", max_length=80)
    person: str = Field(description="The holder's email address.", max_length=254)
    evidence: str = Field("", description="Why it is awarded by hand.", max_length=2000)


class ReasonIn(Schema):
    reason: str = Field(min_length=1, max_length=500)


class RevokeIn(ReasonIn):
    publish_reason: bool = Field(False, description="Show the reason on the public page.")


class ReinstateIn(Schema):
    reason: str = Field("", max_length=500)


# -- staff: people, units, adoption ------------------------------------------------------------


class PersonOut(Schema):
    id: int
    email: str
    name: str
    first_name: str
    last_name: str
    language: Language
    unit: UnitRef | None
    manager: str | None = Field(description="The manager's email address.")
    is_active: bool
    is_trainer: bool
    is_programme_team: bool
    leads: list[str] = Field(description="Slugs of the units this person leads.")
    external_id: str = Field(description="The person's id in the HR system.")


def person_out(person) -> dict:
    return {
        "id": person.pk,
        "email": person.email,
        "name": person.name,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "language": person.language,
        "unit": {"slug": person.unit.slug, "name": person.unit.name} if person.unit else None,
        "manager": person.manager.email if person.manager else None,
        "is_active": person.is_active,
        "is_trainer": person.is_trainer,
        "is_programme_team": person.is_staff,
        "leads": sorted(unit.slug for unit in person.led_units.all()),
        "external_id": person.external_id,
    }


class PeopleFilters(Schema):
    unit: str | None = Field(None, description="A unit's slug; includes the units below it.")
    q: str | None = Field(None, description="Words in the name or email address.")
    active: bool | None = None


class UnitOut(Schema):
    slug: str
    name: str
    kind: Literal["firm", "unit", "team"]
    parent: str | None = Field(description="The parent unit's slug.")
    headcount: int = Field(description="People in this unit itself (not the units below).")


def unit_out(unit) -> dict:
    return {
        "slug": unit.slug,
        "name": unit.name,
        "kind": unit.kind,
        "parent": unit.parent.slug if unit.parent else None,
        "headcount": unit.headcount,
    }


class ImportOut(Schema):
    created: list[str]
    updated: list[str]
    unchanged: list[str]


class AdoptionFilters(Schema):
    unit: str | None = Field(None, description="A unit's slug: that unit and those below it.")
    programme: str | None = Field(None, description="Count enrolment in this programme only.")
    language: Language | None = Field(None, description="Only people with this language.")


class StageOut(Schema):
    key: str
    label: str


class AdoptionRowOut(Schema):
    unit: UnitRef
    parent: str | None
    depth: int
    figures: dict[str, int] = Field(description="The unit and every unit below it.")


class AdoptionOut(Schema):
    stages: list[StageOut] = Field(description="The funnel's stages; their keys are in figures.")
    total: dict[str, int]
    units: list[AdoptionRowOut]
