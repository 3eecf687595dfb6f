"""Public verification (no login), the holder's credentials, and nominations."""

import json

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.numbers import parse_int
from people import permissions as people_permissions

from . import (
    certificate,
    export,
    images,
    issuer,
    pages,
    selectors,
    services,
    sharing,
    signing,
    status_lists,
    wallet,
)
from .forms import DecisionForm, ExportForm, NominationForm
from .models import CredentialExport, Nomination
from .permissions import can_decide_nominations, may_nominate_anyone
from .ratelimit import rate_limited

# Status-bearing answers are cached briefly; signed, frozen documents for longer.
STATUS_MAX_AGE = 60
FROZEN_MAX_AGE = 3600
JSON_LD = ("application/ld+json", "application/json", "application/vc+ld+json")


def _cached(response, max_age: int):
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def _cached_page(request, response, max_age: int):
    """A public HTML page: cached by anyone only when it holds nothing of the visitor's own.

    A signed-in visitor's page shows their name, and any page with a form holds the visitor's
    CSRF token: a shared cache must not keep those for the next visitor.
    """
    if request.user.is_authenticated or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        patch_cache_control(response, private=True, max_age=max_age)
        return response
    return _cached(response, max_age)


def _public_file(response, max_age: int):
    """A machine-readable public file: cacheable, and readable by browser-based verifiers
    on any origin (CORS)."""
    response["Access-Control-Allow-Origin"] = "*"
    return _cached(response, max_age)


def _credential_or_404(code: str):
    credential = selectors.credential_by_code(code)
    if credential is None:
        raise Http404(_("No credential has this code."))
    return credential


def _signed(credential):
    # Signed when issued; only rows written in bulk without signing (academy seed) are
    # signed here, once.
    return signing.ensure_signed(credential, check=False)


def _language(request) -> str:
    requested = request.GET.get("lang", "")
    return requested if requested in dict(settings.LANGUAGES) else request.LANGUAGE_CODE


@rate_limited
def verify_page(request, code: str):
    credential = selectors.verification_by_code(code)
    if credential is None:
        raise Http404(_("No credential has this code."))
    context = pages.verification_context(credential, language=request.LANGUAGE_CODE)
    return _cached_page(
        request, render(request, "certification/verify.html", context), STATUS_MAX_AGE
    )


@rate_limited
def certificate_pdf(request, code: str):
    credential = _credential_or_404(code)
    language = request.GET.get("lang") or credential.language
    if language not in dict(settings.LANGUAGES):
        language = credential.language
    path = certificate.certificate_pdf(credential, language=language)
    name = f"{credential.serial}-{language}.pdf"
    response = FileResponse(path.open("rb"), content_type="application/pdf", filename=name)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return _cached(response, STATUS_MAX_AGE)


@rate_limited
def credential_json(request, code: str):
    credential = _signed(_credential_or_404(code))
    response = HttpResponse(credential.signed_json, content_type="application/ld+json")
    response["Content-Disposition"] = f'inline; filename="{credential.serial}.json"'
    return _public_file(response, FROZEN_MAX_AGE)


def _jwt_response(token: str):
    return _public_file(HttpResponse(token, content_type="application/vc+jwt"), FROZEN_MAX_AGE)


@rate_limited
def credential_jwt(request, code: str):
    return _jwt_response(_signed(_credential_or_404(code)).signed_jwt)


@rate_limited
def credential_jwt_eddsa(request, code: str):
    credential = _signed(_credential_or_404(code))
    if not credential.signed_jwt_eddsa:  # signed before EdDSA JWTs named their key
        raise Http404(_("This credential has no EdDSA VC-JWT yet."))
    return _jwt_response(credential.signed_jwt_eddsa)


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
    return _public_file(response, FROZEN_MAX_AGE)


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
    return _public_file(response, FROZEN_MAX_AGE)


def issuer_profile(request):
    response = JsonResponse(
        issuer.profile_document(_language(request)),
        content_type="application/ld+json",
        json_dumps_params={"ensure_ascii": False},
    )
    return _public_file(response, FROZEN_MAX_AGE)


@rate_limited
def status_list(request, purpose: str, number: int):
    if purpose not in status_lists.PURPOSES or not selectors.status_list_exists(number):
        raise Http404(_("No such status list."))
    response = HttpResponse(
        json.dumps(status_lists.signed_list(purpose, number)),
        content_type="application/vc+ld+json",
    )
    return _public_file(response, STATUS_MAX_AGE)


def _wants_json(request) -> bool:
    accepted = request.headers.get("Accept", "")
    if request.GET.get("format") == "json":
        return True
    best = next((t.split(";")[0].strip() for t in accepted.split(",") if t.strip()), "")
    return best in JSON_LD


@rate_limited
def achievement_page(request, slug: str):
    """The URL a credential's `achievement.id` names: HTML for people, the JSON-LD
    `Achievement` for machines (Accept: application/ld+json, or ?format=json)."""
    definition = selectors.definition_by_slug(slug)
    if definition is None:
        raise Http404(_("No credential has this name."))
    language = _language(request)
    if _wants_json(request):
        response = JsonResponse(
            pages.achievement_document(definition, language=language),
            content_type="application/ld+json",
            json_dumps_params={"ensure_ascii": False},
        )
        response["Vary"] = "Accept"
        return _public_file(response, STATUS_MAX_AGE)
    context = pages.achievement_context(definition, language=language)
    response = render(request, "certification/achievement.html", context)
    response["Vary"] = "Accept"
    return _cached_page(request, response, STATUS_MAX_AGE)


@rate_limited
def achievement_image(request, slug: str):
    definition = selectors.definition_by_slug(slug)
    if definition is None:
        raise Http404(_("No credential has this name."))
    response = HttpResponse(images.badge_base(definition), content_type="image/png")
    return _public_file(response, FROZEN_MAX_AGE)


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


@people_permissions.role_required(lambda person: person.is_authenticated)
def learner_record(request):
    """All of the holder's credentials as one signed CLR 2.0 credential (download)."""
    try:
        document = services.learner_record(person=request.user)
    except services.CredentialError as error:
        messages.error(request, str(error))
        return redirect("my_credentials")
    response = JsonResponse(
        document, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Disposition"] = 'attachment; filename="learner-record.json"'
    response["Cache-Control"] = "private, no-store"
    return response


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
    page = Paginator(selectors.pending_nominations(), 25).get_page(
        parse_int(request.GET.get("page"))
    )
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


# -- wallets (OpenID for Verifiable Credential Issuance) ------------------------------------


def _wallet_answer(data: dict, status: int = 200):
    response = JsonResponse(data, status=status)
    response["Cache-Control"] = "no-store"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _wallet_error(error: wallet.WalletError):
    response = _wallet_answer(error.as_dict(), status=error.status)
    if error.status == 401:
        response["WWW-Authenticate"] = f'Bearer error="{error.error}"'
    return response


def credential_issuer_metadata(request):
    return _public_file(JsonResponse(wallet.issuer_metadata(request.LANGUAGE_CODE)), STATUS_MAX_AGE)


def authorization_server_metadata(request):
    return _public_file(JsonResponse(wallet.authorization_server_metadata()), STATUS_MAX_AGE)


@csrf_exempt
@require_POST
@rate_limited
def wallet_token(request):
    try:
        answer = wallet.exchange_code(
            grant_type=request.POST.get("grant_type", ""),
            code=request.POST.get("pre-authorized_code", ""),
        )
    except wallet.WalletError as error:
        return _wallet_error(error)
    return _wallet_answer(answer)


@csrf_exempt
@require_POST
@rate_limited
def wallet_nonce(request):
    return _wallet_answer(wallet.new_nonce())


@csrf_exempt
@require_POST
@rate_limited
def wallet_credential(request):
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    try:
        answer = wallet.deliver(
            access_token=token.strip() if scheme.lower() == "bearer" else "",
            body=request.body,
        )
    except wallet.WalletError as error:
        return _wallet_error(error)
    return _wallet_answer(answer)


@require_POST
@people_permissions.role_required(lambda person: person.is_authenticated)
def wallet_offer(request, code: str):
    """The holder asks to add a credential to a wallet: a fresh single-use offer, as a QR code
    and an openid-credential-offer:// link."""
    credential = selectors.credential_by_code(code)
    if credential is None or credential.person_id != request.user.pk:
        raise Http404(_("No credential of yours has this code."))
    try:
        offer = wallet.create_offer(credential=credential, person=request.user)
    except wallet.WalletError as error:
        messages.error(request, error.description)
        return redirect("my_credentials")
    context = {
        "credential": credential,
        "offer": offer,
        "qr": certificate.qr_data_uri(offer["uri"]),
    }
    response = render(request, "certification/wallet_offer.html", context)
    response["Cache-Control"] = "no-store"
    return response


# -- bulk export (programme team) -----------------------------------------------------------


@people_permissions.role_required(people_permissions.is_programme_team)
def export_list(request):
    """Ask for a ZIP of certificates and credentials of the holders a filter selects, and
    follow the exports being made."""
    form = ExportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        job = export.request(
            person=request.user, filters=form.filters(), description=form.description()
        )
        messages.success(
            request,
            _("The export of %(count)d credentials is being made; this page shows its progress.")
            % {"count": job.total},
        )
        return redirect("credential_export_detail", pk=job.pk)
    return render(
        request, "certification/export_list.html", {"form": form, "exports": export.recent()}
    )


@people_permissions.role_required(people_permissions.is_programme_team)
def export_detail(request, pk: int):
    job = get_object_or_404(CredentialExport, pk=pk)
    template = (
        "certification/includes/export_progress.html"
        if request.htmx
        else "certification/export_detail.html"
    )
    response = render(request, template, {"job": job})
    response["Cache-Control"] = "no-store"
    return response


@people_permissions.role_required(people_permissions.is_programme_team)
def export_download(request, pk: int):
    job = get_object_or_404(CredentialExport, pk=pk)
    path = export.path_of(job)
    if path is None:
        raise Http404(_("This export is not ready."))
    response = FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
    response["Cache-Control"] = "private, no-store"
    return response
