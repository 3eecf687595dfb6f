"""Background work of the courses app: emails about waitlists, reviews and time approval."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from people.models import Person

from .calendar import booking_ics, ics_filename
from .models import Booking, Submission, TimeApproval
from .permissions import audience_facts


def _url(name: str) -> str:
    return settings.ACADEMY_BASE_URL.rstrip("/") + reverse(name)


def _send(
    *, to, subject: str, template: str, context: dict, attachments=(), home: str = "learner_home"
) -> None:
    message = EmailMessage(
        subject=subject,
        body=render_to_string(template, {**context, "url": _url(home)}),
        to=[to.email],
    )
    for attachment in attachments:
        message.attach(*attachment)
    message.send()


@task()
def send_waitlist_promotion(booking_id: int) -> None:
    """Tell someone on the waitlist that a seat freed up and is now theirs (with the .ics)."""
    booking = (
        Booking.objects.select_related("person", "session__step__lesson__module")
        .filter(pk=booking_id, status=Booking.Status.BOOKED)
        .first()
    )
    if booking is None or not booking.person.email:
        return
    with translation.override(booking.person.language):
        _send(
            to=booking.person,
            subject=_("A seat is free: you are booked for %(session)s")
            % {"session": booking.session.step.title()},
            template="courses/email/waitlist_promotion.txt",
            context={"booking": booking, "session": booking.session},
            attachments=[(ics_filename(booking), booking_ics(booking), "text/calendar")],
        )


@task()
def send_review_result(submission_id: int) -> None:
    """Tell the learner their assignment was approved or needs changes, with the feedback."""
    submission = (
        Submission.objects.select_related("person", "reviewer", "step")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None or submission.is_open or not submission.person.email:
        return
    with translation.override(submission.person.language):
        subject = (
            _("Your assignment %(title)s is approved")
            if submission.status == Submission.Status.APPROVED
            else _("Your assignment %(title)s needs a few changes")
        ) % {"title": submission.step.title()}
        _send(
            to=submission.person,
            subject=subject,
            template="courses/email/review_result.txt",
            context={"submission": submission, "approved": submission.status == "approved"},
        )


@task()
def send_time_approval_request(approval_id: int) -> None:
    """Ask the leads of the learner's unit (and the units above it) to decide on the training time."""
    approval = (
        TimeApproval.objects.select_related("person", "programme")
        .filter(pk=approval_id, status=TimeApproval.Status.REQUESTED)
        .first()
    )
    if approval is None:
        return
    units, _roles = audience_facts(approval.person)
    leads = Person.objects.filter(led_units__in=units, is_active=True).exclude(
        pk=approval.person_id
    )
    for lead in leads.distinct():
        with translation.override(lead.language):
            _send(
                to=lead,
                subject=_("%(name)s asks you to approve training time")
                % {"name": approval.person.name},
                template="courses/email/time_approval_request.txt",
                context={"approval": approval, "lead": lead},
                home="lead_home",
            )


@task()
def send_time_approval_decision(approval_id: int) -> None:
    """Tell the learner whether their training time was approved (and why not)."""
    approval = (
        TimeApproval.objects.select_related("person", "programme", "decided_by")
        .filter(pk=approval_id)
        .exclude(status=TimeApproval.Status.REQUESTED)
        .first()
    )
    if approval is None:
        return
    with translation.override(approval.person.language):
        subject = (
            _("Your training time for %(programme)s is approved")
            if approval.status == TimeApproval.Status.APPROVED
            else _("Your training time for %(programme)s was declined")
        ) % {"programme": approval.programme.title()}
        _send(
            to=approval.person,
            subject=subject,
            template="courses/email/time_approval_decision.txt",
            context={"approval": approval, "approved": approval.status == "approved"},
        )
