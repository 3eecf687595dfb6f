"""The adoption dashboards, the people table and their exports."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.numbers import parse_int
from people import permissions as people_permissions

from . import actions, charts, selectors, services, tables
from .exports import Table, csv_lines, xlsx_bytes
from .forms import BulkActionForm, FilterForm, PeopleForm
from .models import BulkAction, Export
from .permissions import can_download, can_see_insights

PEOPLE_PER_PAGE = 50
insights_required = people_permissions.role_required(can_see_insights)


def _dashboard_data(request):
    form = FilterForm(request.GET or None, viewer=request.user)
    filters = form.filters()
    scope = selectors.scope_for(request.user, filters)
    funnel = selectors.funnel(scope, filters)
    trend = selectors.trend(scope, filters)
    return form, filters, scope, funnel, trend


@insights_required
def dashboard(request):
    """The adoption dashboard: the whole firm for the programme team, own units for a lead."""
    form, filters, scope, funnel, trend = _dashboard_data(request)
    funnel_columns = tables.funnel_columns(funnel)
    activity_columns = tables.activity_columns()
    funnel_rows, funnel_total = tables.unit_rows(funnel, funnel_columns)
    activity_rows, activity_total = tables.unit_rows(funnel, activity_columns)
    focus = funnel.total
    # The funnel as rows that link to the people behind each stage; a later stage larger than
    # the one before (credentials awarded by hand need no foundation) gets an explanation.
    stages = []
    for index, stage in enumerate(funnel.stages):
        previous = funnel.stages[index - 1].key if index > 1 else None
        stages.append(
            {
                "key": stage.key,
                "label": stage.label,
                "value": focus[stage.key],
                "percent": focus.percent(stage.key) if stage.key != "headcount" else 100,
                "larger": previous is not None and focus[stage.key] > focus[previous],
            }
        )
    series_labels = tables.trend_series_labels()
    week_labels = [week.strftime("%d-%m") for week in trend.weeks]
    context = {
        "form": form,
        "filters": filters,
        "query": filters.as_query(),
        "is_programme_team": people_permissions.is_programme_team(request.user),
        "funnel": funnel,
        "funnel_stages": stages,
        "funnel_is_monotonic": not any(stage["larger"] for stage in stages),
        "people_query": {k: v for k, v in filters.as_query().items() if k in ("unit", "language")},
        "unit_tables": [
            {
                "id": "units-funnel",
                "caption": _("Adoption funnel per unit"),
                "columns": funnel_columns,
                "rows": funnel_rows,
                "total": funnel_total,
            },
            {
                "id": "units-activity",
                "caption": _("Activity, time, policy and expiring credentials per unit"),
                "columns": activity_columns,
                "rows": activity_rows,
                "total": activity_total,
            },
        ],
        "trend": trend,
        "trend_rows": [
            (week, [trend.series[key][i] for key in series_labels])
            for i, week in enumerate(trend.weeks)
        ],
        "trend_labels": list(series_labels.values()),
        "trend_chart": charts.line_chart(
            week_labels,
            [
                charts.Series(series_labels[key], trend.series[key])
                for key in ("enrolments", "module_completions", "active_learners")
            ],
            title=_("Weekly activity"),
        ),
        "backlog": selectors.review_backlog(scope),
        "kudos": selectors.kudos_activity(scope, filters),
        "sessions": selectors.sessions(scope, filters),
        "segments": selectors.segments(scope),
        "policy_version": selectors.policy_version(),
        "policy": {
            "acknowledged": focus["acknowledged"],
            "headcount": focus["headcount"],
            "percent": focus.percent("acknowledged"),
        },
        "scope_is_empty": not scope.units,
    }
    return render(request, "insights/dashboard.html", context)


def _people_page_data(request):
    form = PeopleForm(request.GET or None, viewer=request.user)
    filters = form.filters()
    scope = selectors.scope_for(request.user, filters)
    people = selectors.people_table(scope, filters, **form.options())
    return form, people


@insights_required
def people(request):
    """Everyone in the viewer's units: progress, credentials, expiry, time approval."""
    form, people = _people_page_data(request)
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(parse_int(request.GET.get("page")))
    rows = [{**tables.person_values(person), "pk": person.pk} for person in page.object_list]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "active_filters": _active_filters(form),
        "bulk_form": BulkActionForm(viewer=request.user),
    }
    return render(request, "insights/people.html", context)


@require_POST
@insights_required
def bulk_action(request):
    """Apply an action to the people ticked in the list, or (none ticked) to everyone the list
    shows with the filters it was shown with. Ticked people outside the list are ignored."""
    query = request.GET
    form = PeopleForm(query or None, viewer=request.user)
    people = selectors.people_table(
        selectors.scope_for(request.user, form.filters()), form.filters(), **form.options()
    )
    bulk = BulkActionForm(request.POST, viewer=request.user)
    back = reverse("insights:people") + (f"?{query.urlencode()}" if query else "")
    if not bulk.is_valid():
        for errors in bulk.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(back)
    ids = list(people.order_by().values_list("pk", flat=True))
    ticked = {int(pk) for pk in request.POST.getlist("person") if pk.isdigit()}
    if ticked:
        ids = [pk for pk in ids if pk in ticked]
        if not ids:
            messages.error(request, _("None of the people you ticked is in this list."))
            return redirect(back)
    try:
        action = actions.request_bulk_action(
            actor=request.user, person_ids=ids, **bulk.service_kwargs()
        )
    except actions.BulkActionError as error:
        messages.error(request, str(error))
        return redirect(back)
    return redirect("insights:bulk_status", pk=action.pk)


@insights_required
def bulk_status(request, pk: int):
    """Progress of a bulk action; htmx polls it while it runs."""
    action = get_object_or_404(BulkAction, pk=pk, requested_by=request.user)
    template = (
        "insights/includes/bulk_progress.html" if request.htmx else "insights/bulk_action.html"
    )
    return render(request, template, {"action": action})


def _active_filters(form) -> list[str]:
    """The filters in use, in words, for the table's caption (e.g. the stage drilled into)."""
    if not form.is_bound or not form.is_valid():
        return []
    labels = []
    for name in ("unit", "stage", "state", "language"):
        value = form.cleaned_data.get(name)
        if value:
            choices = dict(form.fields[name].choices) if name != "unit" else {}
            labels.append(str(value.name if name == "unit" else choices.get(value, value)))
    return labels


def _csv_response(table: Table) -> StreamingHttpResponse:
    # The language is read now: the rows stream after the view has returned.
    lines = csv_lines(table, language=translation.get_language())
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(table.name, "csv")}"'
    return response


def _xlsx_response(table: Table) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes([table]),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name(table.name, "xlsx")}"'
    return response


def _file_name(name: str, extension: str) -> str:
    return f"{name}-{timezone.localdate():%Y-%m-%d}.{extension}"


@insights_required
def export(request, table: str, fmt: str):
    """A table of the dashboard as CSV (streamed) or XLSX, with the filters of the page."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if table in ("units", "trends"):
        _form, _filters, _scope, funnel, trend = _dashboard_data(request)
        data = tables.units_table(funnel) if table == "units" else tables.trends_table(trend)
    elif table == "people":
        form, people = _people_page_data(request)
        if fmt == "xlsx":
            total = people.count()
            if total > services.XLSX_INLINE_ROWS:
                job = services.request_export(viewer=request.user, query=request.GET.dict())
                return redirect("insights:export_status", pk=job.pk)
            return _xlsx_response(tables.people_table(people, total))
        data = tables.people_table(people)
    else:
        raise Http404
    return _csv_response(data) if fmt == "csv" else _xlsx_response(data)


@insights_required
def export_status(request, pk: int):
    """Progress of a background export; htmx polls this until the file is ready."""
    job = get_object_or_404(Export, pk=pk)
    if not can_download(request.user, job):
        raise Http404
    template = "insights/includes/export_progress.html" if request.htmx else "insights/export.html"
    return render(request, template, {"job": job})


@require_POST
@insights_required
def export_retry(request, pk: int):
    """Make a failed export again (only the person who asked for it)."""
    job = get_object_or_404(Export, pk=pk, status=Export.Status.FAILED)
    if not can_download(request.user, job):
        raise Http404
    services.retry_export(export=job)
    return redirect("insights:export_status", pk=job.pk)


@insights_required
def export_download(request, pk: int):
    job = get_object_or_404(Export, pk=pk, status=Export.Status.DONE)
    if not can_download(request.user, job):
        raise Http404
    return FileResponse(
        job.file.open("rb"), as_attachment=True, filename=job.file.name.split("/")[-1]
    )
