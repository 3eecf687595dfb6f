"""Errors as RFC 9457 problem details (`application/problem+json`), with field errors.

Every error the API answers goes through `problem()`: the same shape for a missing token, a
refused role, an unknown object, bad input and a refusal by a service.
"""

from http import HTTPStatus

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from certification.services import CredentialError
from courses.services import CourseError
from people.services import RosterError, StaffRecordError
from policies.services import PolicyError

MEDIA_TYPE = "application/problem+json"


class FieldError(Schema):
    field: str
    detail: str


class Problem(Schema):
    """An RFC 9457 problem: `title` names the kind, `detail` says what happened here."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    errors: list[FieldError] = []


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(retry_after)


def problem(
    status: int, detail: str = "", *, errors: list[dict] | None = None, headers=None
) -> JsonResponse:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": str(detail),
        "errors": errors or [],
    }
    response = JsonResponse(body, status=status, content_type=MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def not_found() -> Http404:
    """The one answer for something missing and for something the caller may not see."""
    return Http404(_("Nothing was found at this address, or you may not see it."))


def _location(loc) -> str:
    # ninja reports ("query", "limit") or ("body", "payload", "reason"): the part the caller
    # wrote is what follows the source and the name of the body parameter.
    parts = [str(part) for part in loc]
    if parts and parts[0] == "body" and len(parts) > 2:
        parts = parts[2:]
    elif parts and parts[0] in {"body", "query", "path", "header", "cookie", "form", "file"}:
        parts = parts[1:] or parts
    return ".".join(parts)


def _validation(request, exc: NinjaValidationError):
    errors = [
        {"field": _location(error.get("loc", ())), "detail": str(error.get("msg", ""))}
        for error in exc.errors
    ]
    return problem(422, _("The request has invalid values."), errors=errors)


def _django_validation(request, exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": name, "detail": message}
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": "", "detail": message} for message in exc.messages]
    return problem(422, errors[0]["detail"] if errors else "", errors=errors)


def _refused(request, exc: Exception):
    return problem(422, str(exc))


def _roster(request, exc: RosterError | StaffRecordError):
    errors = [{"field": "file", "detail": message} for message in exc.errors]
    return problem(422, _("Nothing was imported."), errors=errors)


def _http_error(request, exc: HttpError):
    if isinstance(exc, AuthenticationError):
        return _unauthenticated(request, exc)
    return problem(exc.status_code, str(exc))


def _unauthenticated(request, exc):
    return problem(
        401,
        _("Sign in, or send a personal access token as 'Authorization: Bearer <token>'."),
        headers={"WWW-Authenticate": 'Bearer realm="api"'},
    )


def _forbidden(request, exc):
    return problem(403, str(exc) or _("Your role does not allow this."))


def _not_found(request, exc):
    return problem(404, str(not_found()))


def _rate_limited(request, exc: RateLimited):
    return problem(
        429,
        _("Too many requests; try again in %(seconds)d seconds.") % {"seconds": exc.retry_after},
        headers={"Retry-After": str(exc.retry_after)},
    )


HANDLERS = [
    (NinjaValidationError, _validation),
    (DjangoValidationError, _django_validation),
    (CourseError, _refused),
    (CredentialError, _refused),
    (PolicyError, _refused),
    (RosterError, _roster),
    (StaffRecordError, _roster),
    (AuthenticationError, _unauthenticated),
    (HttpError, _http_error),
    (PermissionDenied, _forbidden),
    (Http404, _not_found),
    (ObjectDoesNotExist, _not_found),
    (RateLimited, _rate_limited),
]

# The error answers every operation documents.
ERRORS = {status: Problem for status in (400, 401, 403, 404, 422, 429)}
