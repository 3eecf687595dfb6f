"""Required training: a programme or a module that people in some units and/or roles must
complete by a date (absolute, or a number of days after they joined)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Unit

from .catalogue import AUDIENCE_ROLES, Module, Programme

# Roles a requirement can name; "learner" is everyone, like an empty list.
REQUIREMENT_ROLES = ("learner", *AUDIENCE_ROLES)


class Requirement(models.Model):
    """Training that people must complete by a due date; the programme team sets it for any
    units, a unit lead for the units they lead."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="requirements",
    )
    module = models.ForeignKey(
        Module,
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="requirements",
    )
    units = models.ManyToManyField(
        Unit,
        verbose_name=_("units"),
        blank=True,
        related_name="+",
        help_text=_("Empty: everyone. Otherwise people in these units and the units below them."),
    )
    roles = models.JSONField(
        _("roles"),
        default=list,
        blank=True,
        help_text=_("Empty: everyone. Otherwise any of: trainer, lead, programme."),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    due_after_days = models.PositiveIntegerField(
        _("due days after joining"),
        null=True,
        blank=True,
        help_text=_("For newcomers: the number of days after the date they joined (HR roster)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("set at"), default=timezone.now)

    class Meta:
        verbose_name = _("required training")
        verbose_name_plural = _("required training")
        ordering = ["due_on", "due_after_days", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(programme__isnull=True, module__isnull=False)
                | Q(programme__isnull=False, module__isnull=True),
                name="requirement_programme_or_module",
                violation_error_message=_("Choose a programme or a module, not both."),
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True, due_after_days__isnull=False)
                | Q(due_on__isnull=False, due_after_days__isnull=True),
                name="requirement_one_kind_of_due_date",
                violation_error_message=_(
                    "Give a due date or a number of days after joining, not both."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.module or self.programme)

    def due_for(self, joined: datetime.datetime) -> datetime.date:
        """The due date for someone who joined at `joined`."""
        if self.due_on is not None:
            return self.due_on
        return timezone.localdate(joined) + datetime.timedelta(days=self.due_after_days or 0)

    def clean(self) -> None:
        if not isinstance(self.roles, list) or set(self.roles) - set(REQUIREMENT_ROLES):
            raise ValidationError(
                {
                    "roles": _("Use only these roles: %(roles)s.")
                    % {"roles": ", ".join(REQUIREMENT_ROLES)}
                }
            )
