"""What trainers, champions and unit leads do: reviews, sessions and attendance, time approvals.

Every page reads through `courses.selectors` and writes through `courses.services`; object-level
permission lives in the selectors that fetch one object (`submission_for_review`,
`session_to_run`, `time_approval_to_decide`): what someone may not handle is a 404 to them.
"""

from pathlib import Path

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.numbers import parse_int
from people.permissions import role_required

from .. import permissions, selectors, services
from ..forms import (
    AttendanceForm,
    OverrideForm,
    RequirementForm,
    ReviewForm,
    ReviewQueueFilterForm,
    TimeApprovalDecisionForm,
)

PER_PAGE = 25


def _decides_time(person) -> bool:
    return permissions.is_unit_lead(person) or permissions.is_programme_team(person)


def _posted(request):
    """The POST data to bind a form to (even when empty, as an all-unticked form is), or None."""
    return request.POST if request.method == "POST" else None


def _page(items, number):
    return Paginator(items, PER_PAGE).get_page(parse_int(number))


# -- assignment reviews ---------------------------------------------------------------------


@role_required(permissions.is_trainer)
def review_queue(request):
    form = ReviewQueueFilterForm(
        request.GET or None,
        units=selectors.review_units(request.user),
        modules=selectors.review_modules(request.user),
    )
    submissions = selectors.review_queue(request.user, **form.selector_kwargs())
    context = {
        "form": form,
        "page": _page(submissions, request.GET.get("page")),
        "filtered": bool(form.selector_kwargs()),
    }
    return render(request, "courses/staff/review_queue.html", context)


def _submission_or_404(request, pk: int):
    submission = selectors.submission_for_review(request.user, pk)
    if submission is None:
        raise Http404(_("There is no submission with this number that you may review."))
    return submission


@role_required(permissions.is_trainer)
def review(request, pk: int):
    submission = _submission_or_404(request, pk)
    form = ReviewForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.review_submission(
                submission=submission, by=request.user, **form.service_kwargs()
            )
        except services.CourseError as error:
            # Someone else decided first: show the page as it now stands.
            messages.error(request, str(error))
            return redirect("courses:review", pk=pk)
        names = {"name": submission.person.name, "step": submission.step.title()}
        messages.success(
            request,
            (
                _("You approved “%(step)s” by %(name)s; they get an email.")
                if form.approve
                else _("You asked %(name)s for changes to “%(step)s”; they get your feedback.")
            )
            % names,
        )
        return redirect("courses:review_queue")
    for shown in [submission, *submission.earlier_rounds]:
        shown.file_name = Path(shown.file.name).name if shown.file else ""
    return render(request, "courses/staff/review.html", {"submission": submission, "form": form})


@role_required(permissions.is_trainer)
def review_file(request, pk: int):
    """The file a learner handed in, as a download, only to someone who may review it."""
    submission = _submission_or_404(request, pk)
    if not submission.file:
        raise Http404(_("This submission has no file."))
    try:
        handle = submission.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file of this submission is missing.")) from None
    return FileResponse(handle, as_attachment=True, filename=Path(submission.file.name).name)


# -- sessions and attendance ----------------------------------------------------------------


@role_required(permissions.is_trainer)
def my_sessions(request):
    context = {
        "upcoming": _page(
            selectors.trainer_sessions(request.user, upcoming=True), request.GET.get("page")
        ),
        "past": _page(
            selectors.trainer_sessions(request.user, upcoming=False), request.GET.get("past")
        ),
        "all_sessions": permissions.is_programme_team(request.user),
    }
    return render(request, "courses/staff/my_sessions.html", context)


@role_required(permissions.is_trainer)
def session_roster(request, pk: int):
    session = selectors.session_to_run(request.user, pk)
    if session is None:
        raise Http404(_("There is no session with this number that you run."))
    bookings = list(selectors.session_roster(session))
    form = AttendanceForm(_posted(request), bookings=bookings) if session.has_started else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Attendance is recorded once the session has started."))
            return redirect("courses:session_roster", pk=pk)
        if form.is_valid():
            try:
                # One roster, one decision: a refused line leaves every line as it was.
                with transaction.atomic():
                    for booking, attended in form.decisions():
                        services.record_attendance(
                            booking=booking, by=request.user, attended=attended
                        )
            except services.CourseError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Attendance is saved."))
                return redirect("courses:session_roster", pk=pk)
    context = {
        "session": session,
        "booked": [b for b in bookings if b.status == b.Status.BOOKED],
        "waitlisted": [b for b in bookings if b.status == b.Status.WAITLISTED],
        "form": form,
    }
    return render(request, "courses/staff/session_roster.html", context)


# -- training time --------------------------------------------------------------------------


def _decision_form(approval, data=None) -> TimeApprovalDecisionForm:
    return TimeApprovalDecisionForm(data, prefix=f"approval-{approval.pk}")


def _time_approvals_page(request, *, invalid=None):
    """The lead's page; `invalid` is a (approval id, bound form) whose errors are shown."""
    waiting = _page(selectors.time_approvals_for_lead(request.user), request.GET.get("page"))
    for approval in selectors.with_history(waiting):
        bound = invalid is not None and invalid[0] == approval.pk
        approval.decision_form = invalid[1] if bound else _decision_form(approval)
    decided = _page(
        selectors.decided_time_approvals_for_lead(request.user), request.GET.get("decided")
    )
    selectors.with_history(decided)
    context = {"waiting": waiting, "decided": decided}
    return render(request, "courses/staff/time_approvals.html", context)


@role_required(_decides_time)
def time_approvals(request):
    return _time_approvals_page(request)


@require_POST
@role_required(_decides_time)
def decide_time_approval(request, pk: int):
    approval = selectors.time_approval_to_decide(request.user, pk)
    if approval is None:
        raise Http404(_("There is no request with this number that you may decide."))
    form = _decision_form(approval, request.POST)
    if not form.is_valid():
        return _time_approvals_page(request, invalid=(approval.pk, form))
    try:
        services.decide_time_approval(approval=approval, by=request.user, **form.service_kwargs())
    except services.CourseError as error:
        messages.error(request, str(error))
    else:
        names = {"name": approval.person.name, "programme": approval.programme.title()}
        messages.success(
            request,
            (
                _("You approved the training time of %(name)s for %(programme)s.")
                if form.approve
                else _("You declined the training time of %(name)s for %(programme)s.")
            )
            % names,
        )
    return redirect(reverse("courses:time_approvals") + _keep_page(request))


def _keep_page(request) -> str:
    """The lead's place in the list (the form posts it along), for the redirect back."""
    page = parse_int(request.GET.get("page"), minimum=1)
    return f"?page={page}" if page else ""


# -- required training -------------------------------------------------------------------------


@role_required(_decides_time)
def requirements(request):
    """Required training the person manages, and a form to set more."""
    form = RequirementForm(
        _posted(request),
        programmes=selectors.programmes_to_require(),
        units=selectors.units_to_require_for(request.user),
        everyone=permissions.is_programme_team(request.user),
    )
    if request.method == "POST" and form.is_valid():
        requirement = services.set_requirement(by=request.user, **form.service_kwargs())
        messages.success(
            request, _("%(training)s is now required.") % {"training": str(requirement)}
        )
        return redirect("courses:requirements")
    context = {
        "form": form,
        "page": _page(selectors.managed_requirements(request.user), request.GET.get("page")),
    }
    return render(
        request, "courses/staff/requirements.html", context, status=400 if form.errors else 200
    )


@require_POST
@role_required(_decides_time)
def remove_requirement(request, pk: int):
    requirement = next(
        (r for r in selectors.managed_requirements(request.user) if r.pk == pk), None
    )
    if requirement is None:
        raise Http404(_("There is no required training with this number that you may change."))
    name = str(requirement)
    services.remove_requirement(by=request.user, requirement=requirement)
    messages.success(request, _("%(training)s is no longer required.") % {"training": name})
    return redirect("courses:requirements")


# -- help and overrides ---------------------------------------------------------------------


@role_required(permissions.is_trainer)
def help_queue(request):
    """Learners of the helper's units who asked for help on a step, oldest first."""
    requests = selectors.help_queue(request.user)
    return render(
        request,
        "courses/staff/help_queue.html",
        {"page": _page(requests, request.GET.get("page"))},
    )


# The service behind each choice of the override form.
OVERRIDES = {
    OverrideForm.EXTRA_ATTEMPTS: services.grant_quiz_attempts,
    OverrideForm.RESET: services.reset_step,
    OverrideForm.MARK_COMPLETE: services.mark_step_complete,
    OverrideForm.EXTEND_DEADLINE: services.extend_deadline,
}


@role_required(permissions.is_trainer)
def learner_on_step(request, person: int, step: int):
    """One learner on one step: their attempts and overrides, and a form to make one."""
    found = selectors.learner_on_step(request.user, person, step)
    if found is None:
        raise Http404(_("There is no learner on this step whom you may help."))
    form = OverrideForm(_posted(request), is_quiz=found.is_quiz, has_deadline=found.due is not None)
    if request.method == "POST" and form.is_valid():
        make = OVERRIDES[form.cleaned_data["action"]]
        try:
            make(actor=request.user, person=found.person, step=found.step, **form.service_kwargs())
        except services.CourseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Done: %(name)s sees it on the step's page.") % {"name": found.person.name},
            )
            return redirect("courses:learner_on_step", person=person, step=step)
    return render(request, "courses/staff/learner_on_step.html", {"found": found, "form": form})
