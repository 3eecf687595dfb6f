"""Programmes and modules: the published catalogue as the caller sees it (their audience)."""

from django.http import HttpRequest
from ninja import Query, Router

from courses import selectors as courses

from .language import language_of
from .pagination import PageParams, page_of, paginate_list, paginate_queryset
from .problems import ERRORS, not_found
from .schemas import (
    LanguageParams,
    ModuleDetailOut,
    ModuleOut,
    ProgrammeDetailOut,
    ProgrammeOut,
    module_detail_out,
    module_out,
    programme_out,
)

router = Router(tags=["catalogue"])


def _catalogue_order(module) -> tuple:
    return (module.programme.position, module.programme.slug, module.position, module.slug)


class ModuleFilters(LanguageParams):
    programme: str | None = None
    platform: str | None = None
    offered_in: str | None = None
    q: str | None = None


@router.get("/programmes", response={200: page_of(ProgrammeOut), **ERRORS})
def list_programmes(request: HttpRequest, page: Query[PageParams], options: Query[LanguageParams]):
    """Published programmes in catalogue order."""
    language = language_of(request, options.language)
    found = paginate_queryset(courses.programmes(), page, ordering=("position", "slug"))
    return {
        "items": [programme_out(p, language) for p in found.items],
        "next_cursor": found.next_cursor,
    }


@router.get("/programmes/{slug}", response={200: ProgrammeDetailOut, **ERRORS})
def get_programme(request: HttpRequest, slug: str, options: Query[LanguageParams]):
    """A published programme with its modules meant for you."""
    language = language_of(request, options.language)
    programme = courses.programmes().filter(slug=slug).first()
    if programme is None:
        raise not_found()
    modules = [m for m in courses.catalogue_for(request.user) if m.programme_id == programme.pk]
    return {
        **programme_out(programme, language),
        "modules": [module_out(m, language) for m in sorted(modules, key=_catalogue_order)],
    }


@router.get("/modules", response={200: page_of(ModuleOut), **ERRORS})
def list_modules(request: HttpRequest, page: Query[PageParams], filters: Query[ModuleFilters]):
    """Published modules meant for you, with your state in each; filter by programme, platform,
    the language a module is offered in, or words (`q`)."""
    language = language_of(request, filters.language)
    modules = courses.catalogue_for(
        request.user,
        language=filters.offered_in or None,
        platform=filters.platform or None,
        query=filters.q or None,
    )
    if filters.programme:
        modules = [m for m in modules if m.programme.slug == filters.programme]
    found = paginate_list(modules, page, key=_catalogue_order)
    return {
        "items": [module_out(m, language) for m in found.items],
        "next_cursor": found.next_cursor,
    }


@router.get("/modules/{slug}", response={200: ModuleDetailOut, **ERRORS})
def get_module(request: HttpRequest, slug: str, options: Query[LanguageParams]):
    """A module meant for you, with its lessons and steps and what you have done of them."""
    language = language_of(request, options.language)
    module = next((m for m in courses.catalogue_for(request.user) if m.slug == slug), None)
    if module is None:
        raise not_found()
    return module_detail_out(module, courses.module_outline(module, request.user), language)
