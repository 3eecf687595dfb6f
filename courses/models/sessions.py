"""Instructor-led sessions of a session step, and learners' bookings with attendance."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.validators import validate_web_url
from people.models import Language

from .steps import SessionStep

PERSON = settings.AUTH_USER_MODEL


class Session(models.Model):
    """One scheduled occurrence of a session step: when, where, how many, who teaches."""

    step = models.ForeignKey(
        SessionStep,
        verbose_name=_("session step"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(
        _("online link"), max_length=500, blank=True, validators=[validate_web_url]
    )
    capacity = models.PositiveIntegerField(_("capacity"), default=12)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    trainer = models.ForeignKey(
        PERSON,
        verbose_name=_("trainer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions_run",
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gt=0),
                name="session_capacity_positive",
                violation_error_message=_("A session has room for at least one person."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A session ends after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""),
                name="session_has_place_or_link",
                violation_error_message=_("Give a place, an online link, or both."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.step} – {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class Booking(models.Model):
    """A person's place at a session (or on its waitlist), and whether they attended."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (Status.BOOKED, Status.WAITLISTED)

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="bookings"
    )
    person = models.ForeignKey(
        PERSON, verbose_name=_("person"), on_delete=models.CASCADE, related_name="bookings"
    )
    # Denormalised from the session, so "attended this step" is one indexed lookup.
    step = models.ForeignKey(
        SessionStep,
        verbose_name=_("session step"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.BOOKED
    )
    created_at = models.DateTimeField(_("booked at"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    attendance_recorded_at = models.DateTimeField(
        _("attendance recorded at"), null=True, blank=True
    )
    attendance_recorded_by = models.ForeignKey(
        PERSON,
        verbose_name=_("attendance recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["session", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=Q(status__in=["booked", "waitlisted"]),
                name="booking_one_active_per_person_session",
                violation_error_message=_("This person already has a place or is on the waitlist."),
            ),
            models.CheckConstraint(
                condition=Q(attended__isnull=True) | Q(status="booked"),
                name="booking_attendance_only_when_booked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.session} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE
