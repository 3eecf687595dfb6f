"""The notification centre, preferences, and (programme team) emails that could not be sent."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.numbers import parse_int
from people.permissions import is_programme_team, role_required

from . import selectors, services
from .forms import PreferencesForm

PER_PAGE = 25


@login_required
def notification_list(request):
    page = Paginator(selectors.notifications_of(request.user), PER_PAGE).get_page(
        parse_int(request.GET.get("page"))
    )
    return render(request, "notifications/list.html", {"page": page})


@login_required
def open_notification(request, pk: int):
    """Mark it read and go to what it is about."""
    notification = selectors.notification_of(request.user, pk)
    if notification is None:
        raise Http404(_("There is no notification with this number for you."))
    target = services.open_notification(person=request.user, notification=notification)
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        target = "notifications:list"
    return redirect(target)


@require_POST
@login_required
def mark_all_read(request):
    count = services.mark_all_read(person=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@login_required
def preferences(request):
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        current=selectors.preferences_of(request.user),
        person=request.user,
    )
    if request.method == "POST" and form.is_valid():
        services.set_preferences(person=request.user, wanted=form.wanted())
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@role_required(is_programme_team)
def failed_emails(request):
    page = Paginator(selectors.failed_emails(), PER_PAGE).get_page(
        parse_int(request.GET.get("page"))
    )
    context = {
        "page": page,
        "attempts": services.EMAIL_ATTEMPTS,
        # The task queue's own page of failed jobs exists with Redis Queue (academy/urls.py).
        "queue_url": "/programme/queue/" if settings.TASK_BACKEND == "rq" else "",
    }
    return render(request, "notifications/failed.html", context)


@require_POST
@role_required(is_programme_team)
def retry_email(request, pk: int):
    notification = selectors.failed_emails().filter(pk=pk).first()
    if notification is None:
        raise Http404(_("There is no failed email with this number."))
    services.retry_email(notification=notification)
    messages.success(
        request,
        _("The email to %(name)s is queued again.") % {"name": notification.recipient.name},
    )
    return redirect("notifications:failed")
