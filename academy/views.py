"""Project-level pages: landing, the role-based home redirect, language switch, health check."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.i18n import set_language

from people import permissions, services

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


@permissions.role_required(lambda person: person.is_authenticated)
def learner_home(request):
    return render(request, "academy/learner_home.html")


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
