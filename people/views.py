from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from . import permissions, selectors
from .models import Unit

PAGE_SIZE = 25


def _page(request, items):
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


@permissions.role_required(permissions.is_trainer)
def trainer_home(request):
    """A trainer or champion sees the colleagues in their unit they help along."""
    return render(
        request,
        "people/trainer_home.html",
        {"page": _page(request, selectors.colleagues_of(request.user)), "unit": request.user.unit},
    )


@permissions.role_required(permissions.is_unit_lead)
def lead_home(request):
    return render(
        request,
        "people/lead_home.html",
        {"units": selectors.unit_tree(permissions.led_unit_ids(request.user))},
    )


@permissions.role_required(permissions.is_programme_team)
def programme_home(request):
    return render(
        request,
        "people/programme_home.html",
        {"units": selectors.unit_tree(), "counts": selectors.organisation_counts()},
    )


@permissions.role_required(
    lambda person: permissions.is_unit_lead(person) or permissions.is_programme_team(person)
)
def unit_detail(request, slug: str):
    unit = get_object_or_404(Unit.objects.select_related("parent"), slug=slug)
    if not permissions.can_view_unit(request.user, unit):
        # Do not confirm that a unit exists to someone who may not see it.
        raise Http404(_("No such unit."))
    unit_ids = selectors.descendant_unit_ids([unit.id])
    return render(
        request,
        "people/unit_detail.html",
        {"unit": unit, "page": _page(request, selectors.people_in_units(unit_ids))},
    )
