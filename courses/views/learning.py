"""What a learner does: the catalogue, modules, steps of every kind, bookings.

Each view parses input with a form, calls one service or selector and renders or redirects
(post/redirect/get). A step page knows no kinds: it asks the step's kind (courses/steps/) for
its template, state, form and service.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.numbers import parse_int
from people.permissions import role_required

from .. import calendar, forms, selectors, services, steps
from ..models import Module, Programme, TimeApproval
from ..steps.quiz import QuizState

signed_in = role_required(lambda person: person.is_authenticated)
PAGE_SIZE = 20


def _module_or_404(request, slug: str):
    module = selectors.module_by_slug(slug, request.user)
    if module is None:
        raise Http404(_("There is no such module."))
    return module


def _step_or_404(request, slug: str, lesson: str, step: str):
    module = _module_or_404(request, slug)
    found = selectors.step_for(module, lesson_slug=lesson, step_slug=step)
    if found is None:
        raise Http404(_("There is no such step."))
    return module, found


def step_url(module, step) -> str:
    return reverse("courses:step", args=[module.slug, step.lesson.slug, step.slug])


def _next_url(request, default: str) -> str:
    """The `next` field of a form when it points into this site, else `default`."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return default


def _page(request, items):
    return Paginator(items, PAGE_SIZE).get_page(parse_int(request.GET.get("page")))


def _finished_module(request, module, *, was_complete: bool) -> bool:
    """Tell the learner when what they just did completed the module (the module page then
    shows the moment, and the programme's when that completed too)."""
    enrolment = selectors.enrolment_in(request.user, module)
    if was_complete or enrolment is None or enrolment.completed_at is None:
        return False
    messages.success(
        request, _("Well done: you completed the module “%(module)s”.") % {"module": module}
    )
    return True


# Catalogue and modules -------------------------------------------------------------------------


@signed_in
def catalogue(request):
    """Modules aimed at the learner, with their state, filtered by search, language, platform."""
    form = forms.CatalogueFilterForm(request.GET or None, platforms=selectors.catalogue_platforms())
    wanted = form.selector_kwargs()
    modules = selectors.catalogue_for(request.user, **wanted)
    context = {"form": form, "page": _page(request, modules), "filtered": any(wanted.values())}
    return render(request, "courses/learn/catalogue.html", context)


@signed_in
def module(request, slug: str):
    """Summary, outline with progress, and what stands between the learner and enrolling."""
    module = _module_or_404(request, slug)
    page = selectors.module_page(module, request.user)
    enrol_form = (
        forms.EnrolForm(module=module, preferred=request.LANGUAGE_CODE) if page.can_enrol else None
    )
    context = {
        "module": module,
        "page": page,
        "outline": page.outline,
        "enrol_form": enrol_form,
        "preview": selectors.is_preview(module, request.user),
    }
    return render(request, "courses/learn/module.html", context)


@signed_in
@require_POST
def enrol(request, slug: str):
    module = _module_or_404(request, slug)
    form = forms.EnrolForm(request.POST, module=module, preferred=request.LANGUAGE_CODE)
    if not form.is_valid():
        messages.error(request, _("Choose one of the languages the module is offered in."))
        return redirect("courses:module", slug)
    try:
        services.enrol(person=request.user, **form.service_kwargs())
    except services.CourseError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You are enrolled in “%(module)s”. Start now or whenever it suits you.")
            % {"module": module},
        )
    return redirect("courses:module", slug)


@signed_in
@require_POST
def request_time_approval(request, slug: str):
    programme = selectors.programme_by_slug(slug)
    if programme is None:
        raise Http404(_("There is no such programme."))
    back = _next_url(request, reverse("courses:catalogue"))
    try:
        approval = services.request_time_approval(person=request.user, programme=programme)
    except services.CourseError as error:
        messages.error(request, str(error))
        return redirect(back)
    values = {"programme": programme, "hours": floatformat(approval.hours, -1)}
    if approval.status == TimeApproval.Status.APPROVED:
        text = _("Your training time for “%(programme)s” is already approved.")
    else:
        text = _(
            "Your unit lead is asked to approve %(hours)s hours of training time for "
            "“%(programme)s”. Their decision shows here, and we email it to you."
        )
    messages.success(request, text % values)
    return redirect(back)


# Steps -----------------------------------------------------------------------------------------


@signed_in
def step(request, slug: str, lesson: str, step: str):
    """One step through its own template; POST answers it through the step's own form."""
    module, found = _step_or_404(request, slug, lesson, step)
    kind = steps.kind_of(found)
    posted = request.method == "POST"
    takes_answer = kind.form_class is not None
    if request.method not in ("GET", "HEAD", "POST") or (posted and not takes_answer):
        return HttpResponseNotAllowed(["GET", "POST"] if takes_answer else ["GET"])
    if posted:
        enrolment = selectors.enrolment_in(request.user, module)
    else:
        enrolment = services.visit_step(person=request.user, step=found)  # resume here later
    # The programme team previews a step learners do not see yet, as a learner would: the
    # same page, unanswered, writing nothing.
    previewing = enrolment is None and not posted and selectors.is_preview(module, request.user)
    if enrolment is None and not previewing:
        messages.error(request, _("Enrol in the module to open its steps."))
        return redirect("courses:module", slug)
    state = kind.state(request.user, found)
    form = kind.form(
        found, state, request.POST if posted else None, request.FILES if posted else None
    )
    if posted and form.is_valid():
        try:
            result = kind.answer(person=request.user, form=form)
        except services.CourseError as error:
            form.add_error(None, str(error))
        else:
            messages.add_message(request, *form.outcome(result))
            if _finished_module(request, module, was_complete=enrolment.is_complete):
                return redirect("courses:module", slug)
            return redirect(step_url(module, found))
    outline = selectors.module_outline(module, request.user)
    # Out of quiz attempts: the page shows who can help and a button to ask.
    stuck = isinstance(state, QuizState) and not (state.passed or state.can_attempt)
    order = [item.step.pk for item in outline.steps]
    previous, following = outline.neighbours(found)
    context = {
        "module": module,
        "step": found,
        "kind": kind,
        "lesson": found.lesson,
        "outline": outline,
        "enrolment": outline.enrolment,
        "state": state,
        "form": form,
        "done": any(item.done for item in outline.steps if item.step.pk == found.pk),
        "number": order.index(found.pk) + 1 if found.pk in order else None,
        "previous": previous,
        "following": following,
        "language": request.LANGUAGE_CODE,
        "overrides": selectors.learner_step_overrides(request.user, found),
        "helpers": selectors.helpers_of(request.user) if stuck else [],
        "help_request": selectors.open_help_request(request.user, found) if stuck else None,
        "preview": previewing,
    }
    return render(request, "courses/learn/step.html", context)


@signed_in
@require_POST
def ask_for_help(request, slug: str, lesson: str, step: str):
    """A learner stuck on a step asks the trainers and champions of their unit for help."""
    module, found = _step_or_404(request, slug, lesson, step)
    try:
        services.request_help(person=request.user, step=found)
    except services.CourseError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your request for help is with the trainers and champions of your unit."),
        )
    return redirect(step_url(module, found))


@signed_in
@require_POST
def step_done(request, slug: str, lesson: str, step: str):
    """Mark a text or video step as done and go on to the next step."""
    module, found = _step_or_404(request, slug, lesson, step)
    before = selectors.enrolment_in(request.user, module)
    try:
        services.mark_step_done(person=request.user, step=found)
    except services.CourseError as error:
        messages.error(request, str(error))
        if before is None:
            return redirect("courses:module", slug)
        return redirect(step_url(module, found))
    if _finished_module(request, module, was_complete=before.is_complete):
        return redirect("courses:module", slug)
    _previous, following = selectors.module_outline(module, request.user).neighbours(found)
    if following is None:
        return redirect("courses:module", slug)
    return redirect(step_url(module, following))


# Sessions and submitted files ------------------------------------------------------------------


@signed_in
def bookings(request):
    """The learner's places (and waitlist entries) at sessions that have not ended."""
    context = {"page": _page(request, selectors.bookings_of(request.user))}
    return render(request, "courses/learn/bookings.html", context)


def _own_booking_or_404(request, pk: int):
    booking = selectors.booking_of(request.user, pk)
    if booking is None:
        raise Http404(_("There is no such booking."))
    return booking


@signed_in
@require_POST
def cancel_booking(request, pk: int):
    booking = _own_booking_or_404(request, pk)
    back = _next_url(request, reverse("courses:bookings"))
    try:
        services.cancel_booking(booking=booking, by=request.user)
    except services.CourseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Cancelled. Your seat goes to the first on the waitlist."))
    return redirect(back)


@signed_in
@never_cache
def booking_ics(request, pk: int):
    """The booked session as a calendar file (.ics)."""
    booking = _own_booking_or_404(request, pk)
    response = HttpResponse(
        calendar.booking_ics(booking, language=request.LANGUAGE_CODE),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{calendar.ics_filename(booking)}"'
    return response


@signed_in
@never_cache
def submission_file(request, pk: int):
    """A file handed in for an assignment: for the learner who did, and who may review it."""
    submission = selectors.submission_file_for(request.user, pk)
    if submission is None:
        raise Http404(_("There is no such file."))
    try:
        handle = submission.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("There is no such file.")) from None
    return FileResponse(
        handle, as_attachment=True, filename=submission.file.name.rsplit("/", 1)[-1]
    )


@signed_in
def cover(request, kind: str, slug: str):
    """An uploaded cover image of a module or programme (the catalogue is for signed-in people)."""
    model = {"module": Module, "programme": Programme}.get(kind)
    if model is None:
        raise Http404
    item = get_object_or_404(model, slug=slug)
    if not item.cover:
        raise Http404
    response = FileResponse(item.cover.open("rb"))
    response["Cache-Control"] = "private, max-age=86400"  # the URL changes with the file
    response["X-Content-Type-Options"] = "nosniff"
    return response
