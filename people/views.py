from django.conf import settings
from django.contrib import admin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from academy.numbers import parse_int

from . import permissions, scim, selectors
from .models import Unit


def _leads_or_programme(person) -> bool:
    return permissions.is_unit_lead(person) or permissions.is_programme_team(person)


@permissions.role_required(_leads_or_programme)
def unit_detail(request, slug: str):
    unit = get_object_or_404(Unit.objects.select_related("parent"), slug=slug)
    if not permissions.can_view_unit(request.user, unit):
        # Do not confirm that a unit exists to someone who may not see it.
        raise Http404(_("No such unit."))
    unit_ids = selectors.descendant_unit_ids([unit.id])
    page = Paginator(selectors.people_in_units(unit_ids), 25).get_page(
        parse_int(request.GET.get("page"))
    )
    return render(request, "people/unit_detail.html", {"unit": unit, "page": page})


@csrf_exempt
def scim_service(request, path: str | None = None):
    """The SCIM 2.0 service for the HR system; it authenticates with its own bearer token."""
    return scim.serve(request, path or "")


def admin_login(request):
    """The admin's login; with password login off, the company's single sign-on instead."""
    if settings.ACADEMY_PASSWORD_LOGIN:
        return admin.site.login(request)
    next_url = request.GET.get("next") or reverse("admin:index")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
