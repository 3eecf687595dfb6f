"""For the programme team and unit leads: people, units, adoption figures, and the roster import.

A lead sees the units they lead and everything below them; anything outside is "not found".
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Query, Router
from ninja.errors import ValidationError
from ninja.files import UploadedFile

from courses import selectors as courses
from courses.models import Lifecycle
from insights import selectors as insights
from insights.permissions import can_see_insights
from people import permissions
from people import selectors as people
from people import services as people_services
from people.models import Unit

from .auth import writes
from .pagination import PageParams, page_of, paginate_queryset
from .problems import ERRORS, not_found
from .schemas import (
    AdoptionFilters,
    AdoptionOut,
    ImportOut,
    PeopleFilters,
    PersonOut,
    UnitOut,
    person_out,
    unit_out,
)

router = Router(tags=["staff"])
MAX_ROSTER_BYTES = 5 * 1024 * 1024


def require_staff(person) -> None:
    """The programme team or a unit lead; anyone else is refused whatever they ask for."""
    if not (permissions.is_programme_team(person) or permissions.is_unit_lead(person)):
        raise PermissionDenied(_("Only the programme team and unit leads may do this."))


def require_programme_team(person) -> None:
    if not permissions.is_programme_team(person):
        raise PermissionDenied(_("Only the programme team may do this."))


def visible_unit(viewer, slug: str | None, *, field: str = "unit") -> Unit | None:
    """The unit a filter names, if the viewer may see it; else a field error that says the
    same for a unit that does not exist and one that is not theirs."""
    if not slug:
        return None
    unit = people.units_for_staff(viewer).filter(slug=slug).first()
    if unit is None:
        raise ValidationError(
            [{"loc": ("query", field), "msg": _("No unit you may see has this slug.")}]
        )
    return unit


@router.get("/people", response={200: page_of(PersonOut), **ERRORS})
def list_people(request: HttpRequest, page: Query[PageParams], filters: Query[PeopleFilters]):
    """People you may see: everyone for the programme team, your units for a lead."""
    require_staff(request.user)
    found = paginate_queryset(
        people.people_for_staff(
            request.user,
            unit=visible_unit(request.user, filters.unit),
            query=filters.q or "",
            active=filters.active,
        ),
        page,
        ordering=("last_name", "first_name", "email"),
    )
    return {"items": [person_out(p) for p in found.items], "next_cursor": found.next_cursor}


@router.post("/people/import", response={200: ImportOut, **ERRORS})
@writes
def import_people(request: HttpRequest, file: File[UploadedFile]):
    """Upsert people by email from an HR roster CSV (columns email, first_name, last_name,
    unit, role, manager_email, language); a bad row fails the whole file, with its line."""
    require_programme_team(request.user)
    if file.size > MAX_ROSTER_BYTES:
        raise ValidationError(
            [{"loc": ("file", "file"), "msg": _("The file is larger than 5 MB.")}]
        )
    result = people_services.import_roster(data=file.read())
    return {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}


@router.get("/people/{person_id}", response={200: PersonOut, **ERRORS})
def get_person(request: HttpRequest, person_id: int):
    require_staff(request.user)
    person = people.people_for_staff(request.user).filter(pk=person_id).first()
    if person is None:
        raise not_found()
    return person_out(person)


@router.get("/units", response={200: page_of(UnitOut), **ERRORS})
def list_units(request: HttpRequest, page: Query[PageParams]):
    """Units you may see, by name, with their own headcount."""
    require_staff(request.user)
    found = paginate_queryset(people.units_for_staff(request.user), page, ordering=("name", "id"))
    return {"items": [unit_out(u) for u in found.items], "next_cursor": found.next_cursor}


@router.get("/units/{slug}", response={200: UnitOut, **ERRORS})
def get_unit(request: HttpRequest, slug: str):
    require_staff(request.user)
    unit = people.units_for_staff(request.user).filter(slug=slug).first()
    if unit is None:
        raise not_found()
    return unit_out(unit)


@router.get("/adoption", response={200: AdoptionOut, **ERRORS})
def get_adoption(request: HttpRequest, filters: Query[AdoptionFilters]):
    """The adoption funnel per unit, the same figures as the adoption dashboard: each unit
    counts itself and every unit below it; `total` counts everyone in view once."""
    if not can_see_insights(request.user):
        raise PermissionDenied(_("Only the programme team and unit leads may do this."))
    programme = None
    if filters.programme:
        programme = courses.programme_by_slug(filters.programme)
        if programme is None or programme.status == Lifecycle.DRAFT:
            raise ValidationError(
                [{"loc": ("query", "programme"), "msg": _("No programme has this slug.")}]
            )
    chosen = insights.Filters(
        unit=visible_unit(request.user, filters.unit),
        programme=programme,
        language=filters.language or "",
    )
    funnel = insights.funnel(insights.scope_for(request.user, chosen), chosen)
    slugs = {row.unit.pk: row.unit.slug for row in funnel.rows}
    return {
        "stages": [{"key": stage.key, "label": str(stage.label)} for stage in funnel.stages],
        "total": funnel.total.values,
        "units": [
            {
                "unit": {"slug": row.unit.slug, "name": row.unit.name},
                "parent": slugs.get(row.unit.parent_id),
                "depth": row.depth,
                "figures": row.values,
            }
            for row in funnel.rows
        ],
    }
