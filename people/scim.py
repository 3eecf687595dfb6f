"""SCIM 2.0 provisioning of people by the HR system (RFC 7643/7644), at /scim/v2/.

scim2-server speaks the protocol (routing, validation, PATCH, discovery, errors, ETags); this
module is its storage over `Person` and its authentication by SCIM token. Every write goes
through `people.services`, the same rules as the roster import.
"""

import hashlib
import json
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _
from scim2_models import (
    AuthenticationScheme,
    Bulk,
    ChangePassword,
    Email,
    EnterpriseUser,
    ETag,
    Filter,
    InvalidFilterException,
    InvalidValueException,
    Manager,
    Meta,
    Name,
    NotFoundException,
    Patch,
    PreconditionFailedException,
    ResourceType,
    Role,
    ScimProvider,
    SearchRequest,
    ServiceProviderConfig,
    Sort,
    UnauthorizedException,
    UniquenessException,
    User,
)
from scim2_models.path import (
    AttrPath,
    CompareOperator,
    Comparison,
    FilterNode,
    LogicalExpr,
    LogicalOperator,
    Not,
    Present,
)
from scim2_server.applications.wsgi import WSGIApplication
from scim2_server.requests import ScimRequest
from scim2_server.storage import ScimStorage, SearchPage

from core.numbers import parse_int

from . import services
from .models import Person

StaffUser = User[EnterpriseUser]
MAX_RESULTS = 200
URL_PREFIX = "/scim/v2"

CONFIG = ServiceProviderConfig(
    documentation_uri="https://datatracker.ietf.org/doc/html/rfc7644",
    patch=Patch(supported=True),
    bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
    filter=Filter(supported=True, max_results=MAX_RESULTS),
    change_password=ChangePassword(supported=False),
    sort=Sort(supported=False),
    etag=ETag(supported=True),
    authentication_schemes=[
        AuthenticationScheme(
            type=AuthenticationScheme.Type.oauthbearertoken,
            name="Bearer token",
            description=_("A SCIM token made with `academy scim-token NAME`."),
            primary=True,
        )
    ],
)
PROVIDER = ScimProvider(
    models=[User, EnterpriseUser],
    resource_types=[ResourceType.from_resource(StaffUser)],
    config=CONFIG,
)

# The attributes a filter may name, and the column each reads (case-insensitive unless exact).
FILTERABLE: dict[tuple[str, str], tuple[str, bool]] = {
    ("id", ""): ("pk", True),
    ("username", ""): ("email", False),
    ("externalid", ""): ("external_id", True),
    ("emails", ""): ("email", False),
    ("emails", "value"): ("email", False),
    ("displayname", ""): ("display_name", False),
    ("name", "givenname"): ("first_name", False),
    ("name", "familyname"): ("last_name", False),
    ("active", ""): ("is_active", True),
    ("meta", "created"): ("date_joined", True),
    ("meta", "lastmodified"): ("updated_at", True),
    ("department", ""): ("unit__slug", False),
}
LOOKUPS = {
    CompareOperator.eq: "exact",
    CompareOperator.co: "contains",
    CompareOperator.sw: "startswith",
    CompareOperator.ew: "endswith",
    CompareOperator.gt: "gt",
    CompareOperator.ge: "gte",
    CompareOperator.lt: "lt",
    CompareOperator.le: "lte",
}


def _column(attr_path: AttrPath) -> tuple[str, bool]:
    key = (attr_path.attr.lower(), (attr_path.sub_attr or "").lower())
    if key not in FILTERABLE:
        raise InvalidFilterException(
            detail=_("Filtering on %(attribute)s is not supported.") % {"attribute": attr_path}
        )
    return FILTERABLE[key]


def filter_to_q(node: FilterNode) -> Q:
    """Translate a SCIM filter into a database condition, or refuse it as invalidFilter."""
    if isinstance(node, LogicalExpr):
        combined = filter_to_q(node.terms[0])
        for term in node.terms[1:]:
            if node.op == LogicalOperator.and_:
                combined &= filter_to_q(term)
            else:
                combined |= filter_to_q(term)
        return combined
    if isinstance(node, Not):
        return ~filter_to_q(node.expr)
    if isinstance(node, Present):
        column, _exact = _column(node.attr_path)
        return ~Q(**{column: ""}) & Q(**{f"{column}__isnull": False})
    if isinstance(node, Comparison):
        column, exact = _column(node.attr_path)
        value = node.value
        if column == "pk":
            value = parse_int(str(value))
            if value is None:
                return Q(pk__in=[])
        if value is None:
            present = ~Q(**{column: ""}) & Q(**{f"{column}__isnull": False})
            return ~present if node.op == CompareOperator.eq else present
        if node.op == CompareOperator.ne:
            return ~Q(**{f"{column}__{'exact' if exact else 'iexact'}": value})
        lookup = LOOKUPS[node.op]
        if not exact and lookup in {"exact", "contains", "startswith", "endswith"}:
            lookup = f"i{lookup}"
        return Q(**{f"{column}__{lookup}": value})
    raise InvalidFilterException(
        detail=_("This filter is not supported: %(filter)s") % {"filter": node}
    )


def _roles_of(person: Person) -> list[str]:
    roles = []
    if person.is_trainer:
        roles.append("trainer")
    if person.unit_id is not None and person.unit_id in {u.id for u in person.led_units.all()}:
        roles.append("lead")
    if person.is_staff:
        roles.append("programme")
    return roles


def person_to_resource(person: Person) -> StaffUser:
    """The SCIM User a person is, with the enterprise extension (department = unit slug)."""
    roles = _roles_of(person)
    resource = StaffUser(
        id=str(person.pk),
        external_id=person.external_id or None,
        user_name=person.email,
        name=Name(
            given_name=person.first_name or None,
            family_name=person.last_name or None,
            formatted=person.get_full_name() or None,
        ),
        display_name=person.display_name or None,
        preferred_language=person.language,
        active=person.is_active,
        emails=[Email(value=person.email, type=Email.Type.work, primary=True)],
        roles=[Role(value=role, primary=None) for role in roles] or None,
    )
    enterprise = EnterpriseUser(
        department=person.unit.slug if person.unit_id else None,
        manager=Manager(value=str(person.manager_id)) if person.manager_id else None,
    )
    if enterprise.department or enterprise.manager:
        resource[EnterpriseUser] = enterprise
    content = resource.model_dump_json(by_alias=True, exclude_none=True)
    resource.meta = Meta(
        resource_type="User",
        created=person.date_joined,
        last_modified=person.updated_at,
        version=f'W/"{hashlib.sha256(content.encode()).hexdigest()[:20]}"',
    )
    return resource


def _values_of(resource: StaffUser) -> tuple[dict[str, Any], int | None]:
    """What a SCIM User says, as the values `services.check_staff_record` reads, and its manager."""
    values: dict[str, Any] = {"email": resource.user_name or ""}
    if resource.name is not None:
        values["first_name"] = resource.name.given_name or ""
        values["last_name"] = resource.name.family_name or ""
    if resource.display_name is not None:
        values["display_name"] = resource.display_name
    if resource.roles is not None:
        values["roles"] = [role.value or "" for role in resource.roles]
    if resource.preferred_language:
        values["language"] = resource.preferred_language.replace("_", "-").split("-")[0]
    manager_id = None
    enterprise = resource[EnterpriseUser]
    if enterprise is not None:
        if enterprise.department is not None:
            values["unit"] = enterprise.department
        if enterprise.manager is not None and enterprise.manager.value:
            manager_id = parse_int(enterprise.manager.value)
            if manager_id is None:
                raise InvalidValueException(
                    detail=services.unknown_manager_message(enterprise.manager.value)
                )
    return values, manager_id


def _checked(resource: StaffUser) -> tuple[services.StaffRecord, int | None]:
    values, manager_id = _values_of(resource)
    record, errors = services.check_staff_record(
        values, units=services.UnitLookup(), require_unit=False
    )
    if record is None:
        raise InvalidValueException(detail="; ".join(errors))
    return record, manager_id


def _people() -> QuerySet[Person]:
    """People the HR system sees: everyone but those it removed."""
    return (
        Person.objects.filter(deprovisioned_at__isnull=True)
        .select_related("unit")
        .prefetch_related("led_units")
    )


class PersonStorage(ScimStorage):
    """SCIM Users stored as people; removing one deactivates them instead of deleting."""

    def _person(self, resource_id: str) -> Person:
        pk = parse_int(resource_id)
        person = _people().filter(pk=pk).first() if pk is not None else None
        if person is None:
            raise NotFoundException(detail=_("No such user."))
        return person

    def get(self, resource_type, resource_id, *, response_parameters=None):
        return person_to_resource(self._person(resource_id))

    def search(self, resource_types, search_request: SearchRequest, *, position=None):
        people = _people().order_by("pk")
        if search_request.filter is not None:
            people = people.filter(filter_to_q(search_request.filter.ast))
        start = search_request.start_index_0 or 0
        count = MAX_RESULTS if search_request.count is None else search_request.count
        page = list(people[start : start + count]) if count else []
        return SearchPage(people.count(), [person_to_resource(p) for p in page])

    def create(self, resource_type, resource):
        record, manager_id = _checked(resource)
        try:
            person = services.provision_person(
                record=record,
                external_id=resource.external_id,
                active=resource.active,
                manager_id=manager_id,
            )
        except services.StaffRecordError as error:
            raise InvalidValueException(detail="; ".join(error.errors)) from error
        except services.PersonConflict as error:
            raise UniquenessException(detail=str(error)) from error
        return person_to_resource(_people().get(pk=person.pk))

    def _expect(self, person: Person, expected_version: str | None) -> None:
        current = person_to_resource(person).meta.version
        if expected_version is not None and expected_version != current:
            raise PreconditionFailedException(detail=_("The user changed meanwhile."))

    def update(self, resource_type, resource, *, expected_version=None):
        person = self._person(resource.id or "")
        self._expect(person, expected_version)
        record, manager_id = _checked(resource)
        try:
            services.update_provisioned_person(
                person=person,
                record=record,
                external_id=resource.external_id if resource.external_id is not None else "",
                active=resource.active,
                manager_id=manager_id,
            )
        except services.StaffRecordError as error:
            raise InvalidValueException(detail="; ".join(error.errors)) from error
        except services.PersonConflict as error:
            raise UniquenessException(detail=str(error)) from error
        return person_to_resource(_people().get(pk=person.pk))

    def delete(self, resource_type, resource_id, *, expected_version=None):
        person = self._person(resource_id)
        self._expect(person, expected_version)
        services.deprovision_person(person=person)


class AcademyScimApplication(WSGIApplication):
    """The SCIM service, authenticated by a SCIM token (`Authorization: Bearer ...`)."""

    def check_auth(self, request: ScimRequest) -> None:
        scheme, _space, secret = (request.header("Authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise UnauthorizedException(detail=_("A SCIM token is required."))
        token = services.use_scim_token(secret=secret.strip())
        if token is None:
            raise UnauthorizedException(detail=_("This SCIM token is unknown or revoked."))
        request.subject = token

    def get_subject(self, request: ScimRequest) -> Any:
        return request.subject


APPLICATION = AcademyScimApplication(PersonStorage(), PROVIDER)


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Answer a Django request to /scim/v2/<path> with the SCIM service."""
    headers = dict(request.headers.items())
    scim_request = ScimRequest(
        method=request.method or "GET",
        base_url=request.build_absolute_uri(URL_PREFIX),
        path=APPLICATION.split_path("/" + path),
        query={key: request.GET[key] for key in request.GET},
        headers=headers,
        body=request.body,
    )
    response = APPLICATION.serve(scim_request)
    body = "" if response.body is None else json.dumps(response.body)
    http = HttpResponse(body, status=response.status.value)
    for name, value in response.headers.items():
        # A Location echoes the requested path: percent-encode it, or Django folds a non-ASCII
        # one over two lines, which is no valid HTTP header.
        http[name] = iri_to_uri(value) if name.lower() == "location" else value
    return http
