"""Project-level pages: landing, the role-based home redirect, language switch, health check."""

import mimetypes
import re

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.core.paginator import Paginator
from django.db import connection
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.i18n import set_language

from core import branding
from core.home import sections_for
from core.numbers import parse_int
from core.storage import public_storage
from people import permissions, selectors, services

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


def _health() -> dict:
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
    return status


@never_cache
def healthz(request):
    status = _health()
    healthy = all(value == "ok" for value in status.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **status}, status=200 if healthy else 503
    )


@never_cache
def status_page(request):
    """The health check for people: is the academy working, in words (/healthz is for machines)."""
    status = _health()
    checks = [
        (_("Database"), status["database"] == "ok"),
        (_("Cache"), status["cache"] == "ok"),
    ]
    healthy = all(ok for _label, ok in checks)
    return render(
        request,
        "academy/status.html",
        {"checks": checks, "healthy": healthy},
        status=200 if healthy else 503,
    )


@cache_control(max_age=86400, public=True)
def brand_css(request):
    """The configured primary colour as CSS custom properties (no inline styles under CSP)."""
    return HttpResponse(branding.current().stylesheet(), content_type="text/css; charset=utf-8")


class ComponentSampleForm(forms.Form):
    """A form with every kind of field, shown on the component page."""

    name = forms.CharField(label=_("Name"), help_text=_("As colleagues know you."))
    email = forms.EmailField(label=_("Email"))
    unit = forms.ChoiceField(
        label=_("Unit"), choices=[("", "—"), ("sales", _("Sales")), ("hr", _("HR"))]
    )
    platforms = forms.MultipleChoiceField(
        label=_("Platforms you use for work, with a label long enough to wrap on a phone"),
        choices=[("linkedin", "LinkedIn"), ("x", "X"), ("video", _("Video"))],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    remember = forms.BooleanField(label=_("Remember me"), required=False)


def design(request):
    """The component page for developers: every token and component of academy.css."""
    form = ComponentSampleForm(data={"name": "Sam de Vries", "email": "not-an-address"})
    form.is_valid()
    return render(request, "academy/design.html", {"form": form})


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@cache_control(public=True, max_age=3600)
def public_media(request, path: str):
    """A file of the public media (video files, covers, badge images) in every mode.

    Private files (submissions, exports) live in another storage and never resolve here. A single
    byte range is honoured so that a video can be sought without downloading it whole.
    """
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    storage = public_storage()
    try:
        if not path or path.endswith("/") or not storage.exists(path):
            raise Http404
        size = storage.size(path)
    except (SuspiciousFileOperation, OSError, ValueError):
        raise Http404 from None
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    match = _RANGE.match(request.headers.get("Range", ""))
    if match and size and (match[1] or match[2]):
        if match[1]:
            start = int(match[1])
            end = min(int(match[2]), size - 1) if match[2] else size - 1
        else:
            start, end = max(size - int(match[2]), 0), size - 1
        if start > end or start >= size:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        with storage.open(path) as file:
            file.seek(start)
            response = HttpResponse(
                file.read(end - start + 1), status=206, content_type=content_type
            )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = FileResponse(storage.open(path), content_type=content_type)
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    return response
