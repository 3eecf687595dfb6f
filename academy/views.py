"""Project-level pages: landing, the role-based home redirect, language switch, health check."""

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.i18n import set_language

from academy.numbers import parse_int
from people import permissions, selectors, services

from .home import sections_for

HOME_BY_ROLE = {
    permissions.PROGRAMME: "programme_home",
    permissions.LEAD: "lead_home",
    permissions.TRAINER: "trainer_home",
    permissions.LEARNER: "learner_home",
}


def landing(request):
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "academy/landing.html")


@permissions.role_required(lambda person: person.is_authenticated)
def home(request):
    """Send each person to the home of their most responsible role."""
    roles = permissions.roles_of(request.user)
    return redirect(HOME_BY_ROLE[roles[-1]])


def _render_home(request, role: str, template: str, context: dict | None = None):
    return render(request, template, {**(context or {}), "sections": sections_for(role, request)})


@permissions.role_required(lambda person: person.is_authenticated)
def learner_home(request):
    return _render_home(request, "learner", "academy/learner_home.html")


@permissions.role_required(permissions.is_trainer)
def trainer_home(request):
    """A trainer or champion: their tasks, and the colleagues in their unit they help along."""
    colleagues = Paginator(selectors.colleagues_of(request.user), 25).get_page(
        parse_int(request.GET.get("page"))
    )
    return _render_home(
        request,
        "trainer",
        "academy/trainer_home.html",
        {"page": colleagues, "unit": request.user.unit},
    )


@permissions.role_required(permissions.is_unit_lead)
def lead_home(request):
    units = selectors.unit_tree(permissions.led_unit_ids(request.user))
    return _render_home(request, "lead", "academy/lead_home.html", {"units": units})


@permissions.role_required(permissions.is_programme_team)
def programme_home(request):
    context = {"units": selectors.unit_tree(), "counts": selectors.organisation_counts()}
    return _render_home(request, "programme", "academy/programme_home.html", context)


def switch_language(request):
    """Django's set_language, which also remembers the choice on the signed-in person."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.set_language(person=request.user, language=language)
    response = set_language(request)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        response["Location"] = "/"
    return response


@never_cache
def healthz(request):
    status = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy
        status["database"] = f"error: {error.__class__.__name__}"
    try:
        cache.set("healthz", "1", 5)
        if cache.get("healthz") != "1":
            status["cache"] = "error: value not kept"
    except Exception as error:  # noqa: BLE001
        status["cache"] = f"error: {error.__class__.__name__}"
    healthy = all(value == "ok" for value in status.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **status}, status=200 if healthy else 503
    )
