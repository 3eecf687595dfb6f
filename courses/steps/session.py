"""Session steps: attending an instructor-led session; a learner books a seat (or joins the
waitlist) and the trainer's attendance record completes the step."""

from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .. import dataspec, selectors, services
from ..admin_base import AuthoredInline
from ..forms import StepAnswerForm
from ..models import Booking, Session, SessionStep
from .registry import StepKind, register


@dataclass
class SessionState:
    step: SessionStep
    sessions: list[Session]
    booking: Booking | None  # the person's active booking of an upcoming or past session
    attended: bool


def session_state(person, step: SessionStep) -> SessionState:
    """Upcoming sessions of the step, the person's booking and whether they attended."""
    bookings = list(
        Booking.objects.filter(person=person, step=step)
        .exclude(status=Booking.Status.CANCELLED)
        .select_related("session")
        .order_by("-session__starts_at")
    )
    return SessionState(
        step=step,
        sessions=selectors.sessions_for(step, person=person),
        booking=bookings[0] if bookings else None,
        attended=any(b.attended for b in bookings),
    )


class BookingForm(StepAnswerForm):
    """Choose one of the upcoming sessions of a session step (from `selectors.sessions_for`)."""

    session = forms.TypedChoiceField(label=_("Session"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, step, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.sessions = {session.pk: session for session in sessions}
        self.fields["session"].choices = [(pk, str(s)) for pk, s in self.sessions.items()]

    def service_kwargs(self) -> dict:
        return {"session": self.sessions[self.cleaned_data["session"]]}

    @classmethod
    def state_kwargs(cls, state) -> dict:
        return {"sessions": state.sessions}

    def outcome(self, booking) -> tuple[int, str]:
        when = formats.date_format(timezone.localtime(booking.session.starts_at), "DATETIME_FORMAT")
        if booking.status == Booking.Status.WAITLISTED:
            return messages.WARNING, _(
                "The session on %(date)s is full: you are on its waitlist. When a seat frees, "
                "it is yours and we email you."
            ) % {"date": when}
        return messages.SUCCESS, _("You have a seat at the session on %(date)s.") % {"date": when}


class SessionInline(AuthoredInline, admin.TabularInline):
    model = Session
    fields = ["starts_at", "ends_at", "place", "online_url", "capacity", "language", "trainer"]
    extra = 0
    show_change_link = True
    autocomplete_fields = ["trainer"]


class SessionKind(StepKind):
    name = "session"
    model = SessionStep
    template_name = "courses/steps/session.html"
    form_class = BookingForm
    admin_inlines = (SessionInline,)
    spec = dataspec.specs(
        dataspec.Text("body"),
        dataspec.Integer("minutes", minimum=1, maximum=24 * 60, default=60),
    )

    def state(self, person, step):
        return session_state(person, step)

    def answer(self, *, person, form):
        return services.book_session(person=person, **form.service_kwargs())


register(SessionKind())
