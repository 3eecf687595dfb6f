"""Pages of the policies app: the public policy, acknowledging it, and the programme team's desk.

Views are thin: parse input with a form, call one service or selector, render.
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy.numbers import parse_int
from people.permissions import role_required

from . import forms, permissions, printing, selectors, services
from .models import PolicyVersion

manager_required = role_required(permissions.can_manage_policy)


def _language(request) -> str:
    return selectors.body_language(get_language(), request.GET.get("lang"))


def _other(language: str) -> str:
    return "en" if language == "nl" else "nl"


def _language_url(request, language: str) -> str:
    """This page with the policy text in `language` (other parameters kept)."""
    query = request.GET.copy()
    query["lang"] = language
    query.pop("page", None)
    return "?" + query.urlencode()


def _page(request, items, per_page: int = 25):
    return Paginator(items, per_page).get_page(parse_int(request.GET.get("page")))


# Public pages ----------------------------------------------------------------------------------


def _policy_page(request, version: PolicyVersion, *, current=None, form=None, status: int = 200):
    language = _language(request)
    current = current or selectors.current_version()
    is_current = current is not None and current.pk == version.pk
    context = {
        "version": version,
        "title": version.policy.title(language),
        "language": version.body_language(language),
        "changes": version.changes(language),
        "other_language": _other(language),
        "language_url": _language_url(request, _other(language)),
        "current": current,
        "is_current": is_current,
        "is_upcoming": version.effective_on > timezone.localdate(),
        "previous": selectors.previous_version(version),
        "upcoming": selectors.upcoming_version() if is_current else None,
        "grace_deadline": selectors.grace_deadline(selectors.major_version_of(version))
        if version.is_major or is_current
        else None,
    }
    user = request.user
    context["login_url"] = f"{reverse('account_login')}?{urlencode({'next': request.path})}"
    if user.is_authenticated:
        acknowledgement = selectors.acknowledgement_of(user, version)
        covered = acknowledgement is None and selectors.has_acknowledged_current(user)
        context["acknowledgement"] = acknowledgement
        context["covered_by_earlier"] = covered and is_current
        if (
            acknowledgement is None
            and not context["covered_by_earlier"]
            and (is_current or context["is_upcoming"])
        ):
            context["form"] = form or forms.AcknowledgeForm(
                version=version,
                initial={"version": version.number, "language": context["language"]},
            )
    return render(request, "policies/version.html", context, status=status)


def current(request):
    """The policy in effect today, in the reader's language (no login needed)."""
    version = selectors.current_version()
    if version is None:
        return render(request, "policies/none.html", status=404)
    return _policy_page(request, version, current=version)


def version_detail(request, number: str):
    version = selectors.published_version(number)
    if version is None:
        raise Http404
    return _policy_page(request, version)


def version_pdf(request, number: str):
    version = selectors.published_version(number)
    if version is None:
        raise Http404
    language = version.body_language(_language(request))
    path = printing.policy_pdf(version, language)
    filename = f"social-media-policy-{version.number}-{language}.pdf"
    response = FileResponse(path.open("rb"), content_type="application/pdf", filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def history(request):
    page = _page(request, selectors.published_versions())
    numbers = selectors.version_numbers()
    previous_of = dict(zip(numbers, numbers[1:], strict=False))
    current = selectors.current_version()
    today = timezone.localdate()
    rows = [
        {
            "version": version,
            "previous": previous_of.get(version.number),
            "in_effect": current is not None and version.pk == current.pk,
            "upcoming": version.effective_on > today,
        }
        for version in page.object_list
    ]
    context = {"page": page, "rows": rows, "language": _language(request), "numbers": numbers}
    return render(request, "policies/history.html", context)


def compare(request):
    """A word-level comparison of two published versions (default: the current one and the one
    before it)."""
    numbers = selectors.version_numbers()
    language = _language(request)
    context = {
        "language": language,
        "other_language": _other(language),
        "language_url": _language_url(request, _other(language)),
        "numbers": numbers,
    }
    if len(numbers) < 2:
        return render(request, "policies/compare.html", context)
    data = request.GET if "old" in request.GET or "new" in request.GET else None
    default = selectors.current_version() or selectors.latest_published()
    before = selectors.previous_version(default)
    initial = {"old": before.number if before else numbers[1], "new": default.number}
    form = forms.CompareForm(data, numbers=numbers, initial=initial)
    if data is None:
        chosen = initial
    elif form.is_valid():
        chosen = form.cleaned_data
    else:
        context["form"] = form
        return render(request, "policies/compare.html", context)
    old, new = (
        selectors.published_version(chosen["old"]),
        selectors.published_version(chosen["new"]),
    )
    if (old.major, old.minor) > (new.major, new.minor):
        old, new = new, old
    context.update(
        form=form,
        old=old,
        new=new,
        comparison=selectors.comparison(old, new, language),
        title=new.policy.title(language),
    )
    return render(request, "policies/compare.html", context)


@require_POST
@role_required(lambda person: person.is_authenticated)
def acknowledge(request):
    number = request.POST.get("version", "")
    version = selectors.published_version(number)
    if version is None:
        raise Http404
    form = forms.AcknowledgeForm(request.POST, version=version)
    if not form.is_valid():
        return _policy_page(request, version, form=form, status=400)
    try:
        services.acknowledge(
            person=request.user, version=version, language=form.cleaned_data["language"]
        )
    except services.PolicyError as error:
        messages.error(request, str(error))
        return redirect("policies:current")
    messages.success(
        request,
        _("Thank you: you acknowledged version %(number)s of the social media policy.")
        % {"number": version.number},
    )
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, request.is_secure()
    ):
        return redirect(next_url)
    return redirect("policies:current")


# Coverage (programme team and unit leads) --------------------------------------------------------


@role_required(permissions.can_see_coverage)
def coverage(request):
    rows = selectors.coverage_by_unit(permissions.coverage_unit_ids(request.user))
    version = selectors.current_version()
    context = {
        "page": _page(request, rows),
        "totals": selectors.coverage_totals(rows),
        "version": version,
        "deadline": selectors.grace_deadline(selectors.major_version_of(version))
        if version
        else None,
        "can_manage": permissions.can_manage_policy(request.user),
    }
    return render(request, "policies/coverage.html", context)


# The programme team's desk -----------------------------------------------------------------------


@manager_required
def manage(request):
    context = {
        "page": _page(request, selectors.all_versions()),
        "draft": selectors.draft(),
        "current": selectors.current_version(),
        "totals": selectors.organisation_coverage(),
    }
    return render(request, "policies/manage.html", context)


def _proposals() -> tuple[dict[str, str], bool]:
    numbers = {
        kind: "{}.{}".format(*services.next_number(kind))
        for kind in (services.MAJOR, services.MINOR)
    }
    return numbers, selectors.latest_published() is None


def _draft_page(request, form, *, version=None):
    context = {"form": form, "version": version, "title": _("New draft")}
    if version is not None:
        context["title"] = _("Edit draft %(number)s") % {"number": version.number}
    return render(request, "policies/draft_form.html", context)


@manager_required
def new_draft(request):
    existing = selectors.draft()
    if existing is not None:
        messages.info(request, _("There is a draft already: continue with it."))
        return redirect("policies:edit_draft", pk=existing.pk)
    proposals, first = _proposals()
    latest = selectors.latest_published()
    initial = {
        "kind": services.MAJOR if first else services.MINOR,
        "effective_on": timezone.localdate(),
    }
    if latest is not None:
        # A new version starts from the text of the latest one, so that the comparison shows
        # exactly what the programme team changed.
        initial.update(body_en=latest.body_en, body_nl=latest.body_nl)
    form = forms.DraftForm(request.POST or None, proposals=proposals, first=first, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.create_draft(by=request.user, **form.cleaned_data)
        except services.PolicyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Draft %(number)s is saved.") % {"number": version.number})
            return redirect("policies:preview", pk=version.pk)
    return _draft_page(request, form)


@manager_required
def edit_draft(request, pk: int):
    version = get_object_or_404(PolicyVersion, pk=pk)
    if version.is_published:
        messages.error(request, str(services.PublishedVersionIsImmutable(version)))
        return redirect("policies:preview", pk=version.pk)
    proposals, first = _proposals()
    initial = {
        "kind": services.MAJOR if version.is_major else services.MINOR,
        "effective_on": version.effective_on,
        "body_en": version.body_en,
        "body_nl": version.body_nl,
        "changes_en": version.changes_en,
        "changes_nl": version.changes_nl,
    }
    form = forms.DraftForm(request.POST or None, proposals=proposals, first=first, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.update_draft(version=version, by=request.user, **form.cleaned_data)
        except services.PolicyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Draft %(number)s is saved.") % {"number": version.number})
            return redirect("policies:preview", pk=version.pk)
    return _draft_page(request, form, version=version)


def _preview_page(request, version: PolicyVersion, *, form=None, status: int = 200):
    language = _language(request)
    latest = selectors.latest_published()
    against = latest if latest is not None and latest.pk != version.pk else None
    if version.is_published:
        against = selectors.previous_version(version)
    context = {
        "version": version,
        "language": version.body_language(language),
        "other_language": _other(language),
        "language_url": _language_url(request, _other(language)),
        "against": against,
        "comparison": selectors.comparison(against, version, language) if against else None,
        "problems": [] if version.is_published else services.publish_problems(version),
        "form": form or forms.PublishForm(version=version),
        "discard_form": forms.DiscardForm(),
        "grace_days": settings.ACADEMY_POLICY_GRACE_DAYS,
    }
    return render(request, "policies/preview.html", context, status=status)


@manager_required
def preview(request, pk: int):
    version = get_object_or_404(PolicyVersion.objects.select_related("policy", "created_by"), pk=pk)
    return _preview_page(request, version)


@require_POST
@manager_required
def publish(request, pk: int):
    version = get_object_or_404(PolicyVersion, pk=pk)
    form = forms.PublishForm(request.POST, version=version)
    if not form.is_valid():
        return _preview_page(request, version, form=form, status=400)
    try:
        version = services.publish(version=version, by=request.user)
    except services.PolicyError as error:
        messages.error(request, str(error))
        return redirect("policies:preview", pk=version.pk)
    messages.success(
        request,
        _("Version %(number)s is published. It takes effect on %(date)s.")
        % {"number": version.number, "date": date_format(version.effective_on, "DATE_FORMAT")},
    )
    return redirect("policies:manage")


@require_POST
@manager_required
def discard(request, pk: int):
    version = get_object_or_404(PolicyVersion, pk=pk)
    if not forms.DiscardForm(request.POST).is_valid():
        messages.error(request, _("Tick the box to confirm that you want to discard the draft."))
        return redirect("policies:preview", pk=version.pk)
    try:
        services.discard_draft(version=version, by=request.user)
    except services.PolicyError as error:
        messages.error(request, str(error))
        return redirect("policies:preview", pk=version.pk)
    messages.success(request, _("The draft is discarded."))
    return redirect(reverse("policies:manage"))
