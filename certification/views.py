"""Public verification (no login), the holder's credentials, and nominations."""

import json

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people import permissions as people_permissions

from . import certificate, images, selectors, services, sharing, signing, status_lists
from .forms import DecisionForm, NominationForm
from .models import Nomination
from .permissions import can_decide_nominations, may_nominate_anyone
from .ratelimit import rate_limited

# Status-bearing answers are cached briefly; signed, frozen documents for longer.
STATUS_MAX_AGE = 60
FROZEN_MAX_AGE = 3600


def _cached(response, max_age: int):
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def _credential_or_404(code: str):
    credential = selectors.credential_by_code(code)
    if credential is None:
        raise Http404(_("No credential has this code."))
    return credential


def _signed(credential):
    # Normally signed by the task right after issue; if not yet, sign it now (once).
    return signing.ensure_signed(credential, check=False)


@rate_limited
def verify_page(request, code: str):
    credential = _credential_or_404(code)
    url = request.build_absolute_uri()
    context = {
        "credential": credential,
        "title": credential.snapshot_text("title", request.LANGUAGE_CODE),
        "issuer_name": credential.snapshot.get("issuer_name", ""),
        "status": credential.current_status,
        "verify_url": url,
        "qr": certificate.qr_data_uri(signing.verify_url(credential)),
        "linkedin_share": "https://www.linkedin.com/sharing/share-offsite/?url="
        + signing.verify_url(credential),
    }
    return _cached(render(request, "certification/verify.html", context), STATUS_MAX_AGE)


@rate_limited
def certificate_pdf(request, code: str):
    credential = _credential_or_404(code)
    path = certificate.certificate_pdf(credential)
    response = FileResponse(
        path.open("rb"), content_type="application/pdf", filename=f"{credential.serial}.pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{credential.serial}.pdf"'
    return _cached(response, STATUS_MAX_AGE)


@rate_limited
def credential_json(request, code: str):
    credential = _signed(_credential_or_404(code))
    response = HttpResponse(credential.signed_json, content_type="application/ld+json")
    response["Content-Disposition"] = f'inline; filename="{credential.serial}.json"'
    return _cached(response, FROZEN_MAX_AGE)


@rate_limited
def credential_jwt(request, code: str):
    credential = _signed(_credential_or_404(code))
    return _cached(
        HttpResponse(credential.signed_jwt, content_type="application/vc+jwt"), FROZEN_MAX_AGE
    )


@rate_limited
def badge_png(request, code: str):
    credential = _signed(_credential_or_404(code))
    key = f"certification:badge:{credential.code}:{credential.signed_at.timestamp()}"
    data = cache.get(key)
    if data is None:
        data = images.baked_badge(credential)
        cache.set(key, data, FROZEN_MAX_AGE)
    response = HttpResponse(data, content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="{credential.serial}.png"'
    return _cached(response, FROZEN_MAX_AGE)


@rate_limited
def signature_png(request, code: str):
    credential = _credential_or_404(code)
    key = f"certification:signature:{credential.code}:{credential.current_status}"
    data = cache.get(key)
    if data is None:
        title = credential.snapshot_text("signature_title") or credential.title
        data = images.signature_image(credential, title)
        cache.set(key, data, FROZEN_MAX_AGE)
    return _cached(HttpResponse(data, content_type="image/png"), STATUS_MAX_AGE)


def did_json(request):
    response = JsonResponse(signing.did_document(), content_type="application/did+json")
    response["Access-Control-Allow-Origin"] = "*"
    return _cached(response, FROZEN_MAX_AGE)


@rate_limited
def status_list(request, purpose: str, number: int):
    if purpose not in status_lists.PURPOSES:
        raise Http404
    response = HttpResponse(
        json.dumps(status_lists.signed_list(purpose, number)),
        content_type="application/vc+ld+json",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return _cached(response, STATUS_MAX_AGE)


# -- the holder -----------------------------------------------------------------------------


@people_permissions.role_required(lambda person: person.is_authenticated)
def my_credentials(request):
    credentials = list(selectors.credentials_of(request.user))
    rows = [
        {
            "credential": c,
            "verify_url": signing.verify_url(c),
            "linkedin_url": sharing.linkedin_url(c) if c.is_valid else "",
            "linkedin_fields": sharing.linkedin_fields(c),
            "signature": sharing.signature_snippet(c),
            "is_new": c.seen_at is None,
        }
        for c in credentials
    ]
    services.mark_seen(person=request.user)
    return render(request, "certification/my_credentials.html", {"rows": rows})


# -- nominations ----------------------------------------------------------------------------


@people_permissions.role_required(may_nominate_anyone)
def nominate(request):
    definitions = selectors.nominable_definitions()
    form = NominationForm(request.POST or None, definitions=definitions)
    if request.method == "POST" and form.is_valid():
        try:
            services.nominate(
                definition=form.cleaned_data["definition"],
                person=form.cleaned_data["person"],
                nominated_by=request.user,
                motivation=form.cleaned_data["motivation"],
            )
        except services.CredentialError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Thank you: %(name)s is nominated. The programme team will decide.")
                % {"name": form.cleaned_data["person"].name},
            )
            return redirect("credential_nominate")
    return render(request, "certification/nominate.html", {"form": form})


@people_permissions.role_required(can_decide_nominations)
def nomination_queue(request):
    page = Paginator(selectors.pending_nominations(), 25).get_page(request.GET.get("page"))
    return render(request, "certification/nomination_queue.html", {"page": page})


@require_POST
@people_permissions.role_required(can_decide_nominations)
def decide_nomination(request, pk: int):
    nomination = get_object_or_404(Nomination, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        services.decide_nomination(
            nomination=nomination,
            decided_by=request.user,
            approve=approve,
            note=form.cleaned_data["note"],
        )
        messages.success(
            request,
            (_("Approved: %(name)s.") if approve else _("Declined: %(name)s."))
            % {"name": nomination.person.name},
        )
    return redirect("credential_nominations")
