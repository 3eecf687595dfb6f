"""Rollups behind the adoption dashboards, kept up to date as progress changes.

At 100,000 staff a funnel counted from raw progress rows takes seconds; these small tables are
updated by receivers of the lower apps' domain signals (receivers.py) and can be rebuilt from the
source tables at any time (`academy insights-rebuild`, services.rebuild). Figures that are cheap
to read from their own app (reach, segments, review backlog, sessions) are not copied here.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PersonFact(models.Model):
    """One row per person who has done anything in the academy: what the funnel counts."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="insight_fact",
    )
    enrolled_at = models.DateTimeField(_("first enrolled"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last active"), null=True, blank=True)
    modules_completed = models.PositiveIntegerField(_("modules completed"), default=0)
    minutes_completed = models.PositiveIntegerField(_("minutes of modules completed"), default=0)
    foundation_completed_at = models.DateTimeField(_("foundation completed"), null=True, blank=True)
    approved_minutes = models.PositiveIntegerField(_("training time approved"), default=0)
    waiting_for_approval = models.BooleanField(_("waiting for time approval"), default=False)
    # Bit n set: holds a valid credential of level n (Certified 1, Professional 2, ...).
    credential_levels = models.PositiveIntegerField(_("credential levels held"), default=0)
    # Earliest expiry among the valid credentials held, for "expiring in 30/60/90 days".
    next_expiry_at = models.DateTimeField(_("next expiry"), null=True, blank=True)
    # The highest major policy version acknowledged: the current policy is acknowledged when
    # this is at least the current version's major number.
    acknowledged_major = models.PositiveIntegerField(
        _("policy version acknowledged"), null=True, blank=True
    )
    reached = models.BooleanField(_("attended an awareness session"), default=False)
    segment = models.CharField(_("segment"), max_length=12, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person's figures")
        verbose_name_plural = _("people's figures")
        indexes = [models.Index(fields=["last_activity_at"])]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.modules_completed} modules"


class ProgrammeFact(models.Model):
    """A person's learning in one programme, for the dashboards filtered by programme."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_facts"
    )
    programme = models.ForeignKey("courses.Programme", on_delete=models.CASCADE, related_name="+")
    enrolled_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    modules_completed = models.PositiveIntegerField(default=0)
    minutes_completed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("person's figures in a programme")
        verbose_name_plural = _("people's figures in programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "programme"], name="one_fact_per_person_and_programme"
            )
        ]
        indexes = [models.Index(fields=["programme", "person"])]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.programme_id}: {self.modules_completed} modules"


# WeeklyActivity.programme_id for the rows that count every programme (and credentials).
ALL_PROGRAMMES = 0


class WeeklyActivity(models.Model):
    """What happened in one unit in one week (Monday), for the trend charts: one row for all
    programmes (programme_id 0) and one per programme."""

    unit = models.ForeignKey("people.Unit", on_delete=models.CASCADE, related_name="+")
    week = models.DateField(_("week"))
    # Not a foreign key: 0 stands for all programmes, which keeps the unique constraint simple.
    programme_id = models.PositiveIntegerField(default=ALL_PROGRAMMES)
    enrolments = models.PositiveIntegerField(default=0)
    module_completions = models.PositiveIntegerField(default=0)
    minutes_completed = models.PositiveIntegerField(default=0)
    credentials_issued = models.PositiveIntegerField(default=0)
    active_learners = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("weekly activity")
        verbose_name_plural = _("weekly activity")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "week", "programme_id"], name="one_activity_row_per_unit_week"
            )
        ]
        indexes = [models.Index(fields=["programme_id", "week"])]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.week:%Y-%m-%d} ({self.programme_id})"


def export_file_name(export, name: str) -> str:
    """exports/<unguessable>/<name>: the name a person downloads, in a folder nobody can guess."""
    return f"exports/{secrets.token_urlsafe(16)}/{name}"


class Export(models.Model):
    """A dashboard export made in the background, with its progress, for large downloads."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    table = models.CharField(_("table"), max_length=40)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=export_file_name, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rows_done__lte=models.F("rows_total")) | Q(rows_total=0),
                name="export_progress_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"{self.table}.{self.format} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0


class BulkAction(models.Model):
    """One action applied to everyone a people list shows (remind, enrol, approve time, award,
    revoke), with its progress; the same action for the same people is one row, run once."""

    class Kind(models.TextChoices):
        REMIND = "remind", _("Send a reminder")
        ENROL = "enrol", _("Enrol in a module")
        APPROVE_TIME = "approve_time", _("Approve waiting training time")
        AWARD = "award", _("Award a credential")
        REVOKE = "revoke", _("Revoke a credential")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("action"), max_length=16, choices=Kind.choices)
    # {"module": id} / {"definition": id} and the reason, as chosen on the page.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    person_ids = models.JSONField(_("people"), default=list)
    # SHA-256 of kind, parameters, reason and people: asking twice finds the first request.
    key = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bulk action")
        verbose_name_plural = _("bulk actions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done__lte=models.F("total")), name="bulk_action_progress_within_total"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.total})"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 100


def week_of(moment: datetime.datetime | datetime.date) -> datetime.date:
    """The Monday of the week the moment falls in (in the academy's time zone): the `week` of
    `WeeklyActivity`."""
    day = timezone.localdate(moment) if isinstance(moment, datetime.datetime) else moment
    return day - datetime.timedelta(days=day.weekday())
