"""Exceptions a trainer, champion or the programme team makes for one learner on one step."""

from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .steps import Step

PERSON = settings.AUTH_USER_MODEL


@dataclass(frozen=True)
class QuizAllowance:
    """How a learner's overrides change a quiz: attempts numbered up to `after_attempt` no
    longer count (a reset), and `extra` attempts come on top of the quiz's maximum."""

    after_attempt: int = 0
    extra: int = 0

    def limit(self, step) -> int | None:
        """How many attempts count for the learner (None: unlimited)."""
        return None if step.max_attempts is None else step.max_attempts + self.extra


class OverrideQuerySet(models.QuerySet):
    def quiz_allowance(self, person, step) -> QuizAllowance:
        """The effect of a person's overrides on one quiz (one query)."""
        after = extra = 0
        for kind, granted, reset_after in self.filter(person=person, step_id=step.pk).values_list(
            "kind", "extra_attempts", "after_attempt"
        ):
            if kind == Override.Kind.RESET:
                after, extra = reset_after, 0  # extra attempts granted before a reset are spent
            else:
                extra += granted
        return QuizAllowance(after_attempt=after, extra=extra)


class Override(models.Model):
    """One audited exception: extra quiz attempts, a reset step or a step marked complete.

    The learner sees every override of their steps on the step's page (who, when, why).
    """

    class Kind(models.TextChoices):
        EXTRA_ATTEMPTS = "extra_attempts", _("extra quiz attempts")
        RESET = "reset", _("step started again")
        MARKED_COMPLETE = "marked_complete", _("step marked complete")
        EXTENDED_DEADLINE = "extended_deadline", _("deadline extended")

    person = models.ForeignKey(
        PERSON, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="overrides"
    )
    step = models.ForeignKey(
        Step, verbose_name=_("step"), on_delete=models.CASCADE, related_name="overrides"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    extra_attempts = models.PositiveSmallIntegerField(
        _("extra attempts"), default=0, validators=[MaxValueValidator(20)]
    )
    # A reset: attempts numbered up to this one no longer count (they stay on record).
    after_attempt = models.PositiveSmallIntegerField(_("attempts before the reset"), default=0)
    # An extended deadline: the learner's new due date for the step's module (required training).
    due_on = models.DateField(_("new due date"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    granted_by = models.ForeignKey(
        PERSON,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("granted at"), default=timezone.now)

    objects = OverrideQuerySet.as_manager()

    class Meta:
        verbose_name = _("override")
        verbose_name_plural = _("overrides")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="extra_attempts", extra_attempts__gte=1)
                | (~Q(kind="extra_attempts") & Q(extra_attempts=0)),
                name="override_extra_attempts_only_when_granted",
            ),
            models.CheckConstraint(
                condition=~Q(kind="marked_complete") | ~Q(reason=""),
                name="override_marked_complete_has_reason",
                violation_error_message=_("Say why the step is marked complete."),
            ),
            models.CheckConstraint(
                condition=Q(kind="extended_deadline", due_on__isnull=False)
                | (~Q(kind="extended_deadline") & Q(due_on__isnull=True)),
                name="override_due_on_only_when_extended",
            ),
        ]
        indexes = [models.Index(fields=["person", "step"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.step} ({self.get_kind_display()})"


class HelpRequest(models.Model):
    """A learner stuck on a step asks the trainers and champions of their unit for help."""

    person = models.ForeignKey(
        PERSON, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="help_requests"
    )
    step = models.ForeignKey(
        Step, verbose_name=_("step"), on_delete=models.CASCADE, related_name="help_requests"
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        PERSON,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("request for help")
        verbose_name_plural = _("requests for help")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "step"],
                condition=Q(answered_at__isnull=True),
                name="help_request_one_open_per_person_step",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.step}"


__all__ = ["HelpRequest", "Override"]
