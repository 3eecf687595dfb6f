"""What the programme team does with programmes on the web: the list with each one's status,
a programme's page (preview, publish, retire, export, history) and importing course-as-code
(upload, every problem at once, what would change, confirm).

Publishing, retiring and importing go through `courses.services` (audited); reading through
`courses.selectors`. Everyone else gets a 403 (people.permissions.role_required).
"""

import io
import tempfile
import zipfile
from pathlib import Path

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from core.numbers import parse_int
from people.permissions import is_programme_team, role_required

from .. import coursecode, selectors, services
from ..forms import LifecycleForm, ProgrammeUploadForm

programme_team = role_required(is_programme_team)
PER_PAGE = 25
# What an import changes, by the kinds course-as-code names them.
KIND_LABELS = {
    "programme": _lazy("Programmes"),
    "module": _lazy("Modules"),
    "lesson": _lazy("Lessons"),
    "step": _lazy("Steps"),
}


def _programme_or_404(slug: str):
    programme = selectors.programme_to_author(slug)
    if programme is None:
        raise Http404(_("There is no such programme."))
    return programme


@programme_team
def programmes(request):
    """Every programme with its status and modules, drafts first."""
    page = Paginator(selectors.programmes_to_author(), PER_PAGE).get_page(
        parse_int(request.GET.get("page"))
    )
    return render(request, "courses/staff/programmes.html", {"page": page})


@programme_team
def programme(request, slug: str):
    """A programme's status, its modules, the acts that change them, exports and history."""
    programme = _programme_or_404(slug)
    context = {
        "programme": programme,
        "modules": selectors.modules_to_author(programme),
        "history": selectors.authoring_history(programme),
        "form": LifecycleForm(),
    }
    return render(request, "courses/staff/programme.html", context)


def _lifecycle(request, slug: str, act, success: str, *, module_slug: str | None = None):
    programme = _programme_or_404(slug)
    subject = programme
    if module_slug is not None:
        subject = next((m for m in programme.modules.all() if m.slug == module_slug), None)
        if subject is None:
            raise Http404(_("There is no such module."))
    form = LifecycleForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    target = {"module": subject} if module_slug is not None else {"programme": subject}
    try:
        act(actor=request.user, reason=reason, **target)
    except services.CourseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success % {"title": subject.title()})
    return redirect("courses:programme", slug)


@require_POST
@programme_team
def publish(request, slug: str):
    return _lifecycle(
        request,
        slug,
        services.publish_programme,
        _("“%(title)s” is published: everyone it is meant for sees it in the catalogue."),
    )


@require_POST
@programme_team
def retire(request, slug: str):
    return _lifecycle(
        request,
        slug,
        services.retire_programme,
        _("“%(title)s” is retired: it left the catalogue; learners keep their progress."),
    )


@require_POST
@programme_team
def publish_module(request, slug: str, module: str):
    return _lifecycle(
        request,
        slug,
        services.publish_module,
        _("The module “%(title)s” is published."),
        module_slug=module,
    )


@require_POST
@programme_team
def retire_module(request, slug: str, module: str):
    return _lifecycle(
        request,
        slug,
        services.retire_module,
        _("The module “%(title)s” is retired; whoever is enrolled keeps it."),
        module_slug=module,
    )


@programme_team
def export(request, slug: str):
    """The programme as course-as-code: one YAML file, or (?as=zip) a ZIP of the folder form."""
    programme = _programme_or_404(slug)
    if request.GET.get("as") == "zip":
        buffer = io.BytesIO()
        with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(buffer, "w") as archive:
            for path in coursecode.export_folder(programme.slug, Path(folder) / programme.slug):
                archive.write(path, f"{programme.slug}/{path.name}")
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{programme.slug}.zip"'
        return response
    response = HttpResponse(
        coursecode.export_text(programme.slug), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}.yaml"'
    return response


@programme_team
def import_programme(request):
    """Upload a YAML file or a ZIP of the folder form; every problem is listed at once."""
    form = ProgrammeUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            checked, _result = services.check_upload(
                actor=request.user, filename=upload.name, data=upload.read()
            )
        except services.UploadProblems as error:
            problems = error.problems
        else:
            return redirect("courses:import_review", checked.pk)
    status = 400 if problems or form.errors else 200
    context = {"form": form, "problems": problems}
    return render(request, "courses/staff/import.html", context, status=status)


@programme_team
def import_review(request, pk):
    """What the checked upload would create, update, remove; POST imports it."""
    upload = selectors.upload_of(request.user, pk)
    if upload is None:
        raise Http404(_("There is no such upload."))
    problems: list[str] = []
    result = None
    try:
        if request.method == "POST" and upload.imported_at is None:
            result = services.import_upload(actor=request.user, upload=upload)
            slug = result.programmes[0]
            messages.success(
                request,
                _(
                    "Imported. New programmes and modules are drafts: preview them, then "
                    "publish when they are ready."
                ),
            )
            return redirect("courses:programme", slug)
        if upload.imported_at is None:
            result = services.preview_upload(actor=request.user, upload=upload)
    except services.UploadProblems as error:
        problems = error.problems
    programmes = selectors.programmes_by_slug(upload.programmes)
    context = {
        "upload": upload,
        "result": result,
        "by_kind": [
            (KIND_LABELS.get(kind, kind), counts)
            for kind, counts in (result.by_kind() if result else {}).items()
        ],
        "targets": [(slug, programmes.get(slug)) for slug in upload.programmes],
        "programmes": programmes,
        "problems": problems,
    }
    return render(
        request, "courses/staff/import_review.html", context, status=400 if problems else 200
    )
