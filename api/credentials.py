"""Issued credentials for staff: the programme team sees all, a lead those of their units; only
the programme team awards, revokes, suspends and reinstates (each audited by the service)."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import ValidationError

from certification import selectors as certification
from certification import services as certification_services
from people import selectors as people

from .auth import writes
from .language import language_of
from .pagination import PageParams, page_of, paginate_queryset
from .problems import ERRORS, not_found
from .schemas import (
    AwardIn,
    CredentialFilters,
    LanguageParams,
    ReasonIn,
    ReinstateIn,
    RevokeIn,
    StaffCredentialOut,
    staff_credential_out,
)
from .staff import require_programme_team, require_staff, visible_unit

router = Router(tags=["credentials"])


def _visible_credential(viewer, serial: str):
    """The credential with this serial if the viewer may see it; else the same 404 as for none."""
    credential = certification.credential_by_serial(serial)
    allowed = people.visible_unit_ids(viewer)
    if credential is None or (allowed is not None and credential.person.unit_id not in allowed):
        raise not_found()
    return credential


@router.get("/credentials", response={200: page_of(StaffCredentialOut), **ERRORS})
def list_credentials(
    request: HttpRequest, page: Query[PageParams], filters: Query[CredentialFilters]
):
    """Issued credentials you may see, newest first; filter by status (as a verifier sees it
    now), unit, definition and expiry window."""
    require_staff(request.user)
    language = language_of(request, filters.language)
    unit = visible_unit(request.user, filters.unit)
    unit_ids = people.visible_unit_ids(request.user)
    if unit is not None:
        unit_ids = people.descendant_unit_ids([unit.pk])
    found = paginate_queryset(
        certification.credentials_for_staff(
            unit_ids=unit_ids,
            status=filters.status,
            definition=filters.definition,
            expires_after=filters.expires_after,
            expires_before=filters.expires_before,
        ),
        page,
        ordering=("-issued_at", "-id"),
    )
    return {
        "items": [staff_credential_out(c, language) for c in found.items],
        "next_cursor": found.next_cursor,
    }


@router.get("/credentials/{serial}", response={200: StaffCredentialOut, **ERRORS})
def get_credential(request: HttpRequest, serial: str, options: Query[LanguageParams]):
    require_staff(request.user)
    credential = _visible_credential(request.user, serial)
    return staff_credential_out(credential, language_of(request, options.language))


@router.post("/credentials", response={200: StaffCredentialOut, 201: StaffCredentialOut, **ERRORS})
@writes
def award_credential(request: HttpRequest, payload: AwardIn, options: Query[LanguageParams]):
    """Award a credential by hand, bypassing its rules (201); a holder who already has an
    active one of this definition keeps it (200)."""
    require_programme_team(request.user)
    definition = certification.definition_by_slug(payload.definition)
    person = people.people_for_staff(request.user).filter(email=payload.person.strip().lower())
    person = person.first()
    errors = []
    if definition is None:
        errors.append(
            {"loc": ("body", "payload", "definition"), "msg": _("No credential has this slug.")}
        )
    if person is None:
        errors.append(
            {"loc": ("body", "payload", "person"), "msg": _("No person has this email address.")}
        )
    if errors:
        raise ValidationError(errors)
    credential, created = certification_services.award(
        definition=definition, person=person, actor=request.user, evidence=payload.evidence.strip()
    )
    credential = certification.credential_by_serial(credential.serial)
    return Status(
        201 if created else 200,
        staff_credential_out(credential, language_of(request, options.language)),
    )


def _status_change(request, serial: str, change, options, **arguments):
    require_programme_team(request.user)
    credential = _visible_credential(request.user, serial)
    change(credential=credential, actor=request.user, **arguments)
    credential = certification.credential_by_serial(serial)
    return staff_credential_out(credential, language_of(request, options.language))


@router.post("/credentials/{serial}/revoke", response={200: StaffCredentialOut, **ERRORS})
@writes
def revoke_credential(
    request: HttpRequest, serial: str, payload: RevokeIn, options: Query[LanguageParams]
):
    """Revoke for good; its status list bit flips at once (idempotent)."""
    return _status_change(
        request,
        serial,
        certification_services.revoke,
        options,
        reason=payload.reason,
        publish_reason=payload.publish_reason,
    )


@router.post("/credentials/{serial}/suspend", response={200: StaffCredentialOut, **ERRORS})
@writes
def suspend_credential(
    request: HttpRequest, serial: str, payload: ReasonIn, options: Query[LanguageParams]
):
    """Suspend a valid credential until it is reinstated (idempotent)."""
    return _status_change(
        request, serial, certification_services.suspend, options, reason=payload.reason
    )


@router.post("/credentials/{serial}/reinstate", response={200: StaffCredentialOut, **ERRORS})
@writes
def reinstate_credential(
    request: HttpRequest, serial: str, payload: ReinstateIn, options: Query[LanguageParams]
):
    """Lift a suspension (idempotent)."""
    return _status_change(
        request, serial, certification_services.reinstate, options, reason=payload.reason
    )
