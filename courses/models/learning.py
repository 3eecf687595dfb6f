"""Learning state: enrolments, completed steps, quiz attempts, submissions, time approvals."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.validators import validate_web_url
from people.models import Language

from .catalogue import Module, Programme
from .steps import AssignmentStep, QuizStep, Step

PERSON = settings.AUTH_USER_MODEL


class Enrolment(models.Model):
    """A person following a module (voluntary self-enrolment); one per person and module."""

    person = models.ForeignKey(
        PERSON, verbose_name=_("person"), on_delete=models.CASCADE, related_name="enrolments"
    )
    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.PROTECT, related_name="enrolments"
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text=_("The language the learner follows the module in."),
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    last_step = models.ForeignKey(
        Step,
        verbose_name=_("last step"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Denormalised count of completed steps, so "my learning" shows progress without counting.
    steps_completed = models.PositiveIntegerField(_("steps completed"), default=0)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-last_activity_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "module"],
                name="enrolment_one_per_person_module",
                violation_error_message=_("This person is already enrolled in this module."),
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(completed_at__gte=F("enrolled_at")),
                name="enrolment_completed_after_enrolled",
            ),
        ]
        indexes = [models.Index(fields=["completed_at", "last_activity_at"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.module}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class StepCompletion(models.Model):
    """One completed step of an enrolment."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="completions"
    )
    step = models.ForeignKey(
        Step, verbose_name=_("step"), on_delete=models.PROTECT, related_name="completions"
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    class Meta:
        verbose_name = _("completed step")
        verbose_name_plural = _("completed steps")
        ordering = ["completed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "step"], name="step_completion_one_per_enrolment_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} – {self.step}"


class ProgrammeCompletion(models.Model):
    """A person who completed every module of a programme."""

    person = models.ForeignKey(
        PERSON,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="programme_completions",
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="completions"
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    class Meta:
        verbose_name = _("completed programme")
        verbose_name_plural = _("completed programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "programme"], name="programme_completion_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.programme}"


class QuizAttempt(models.Model):
    """One submitted attempt at a quiz: the answers, the order shown, the score."""

    person = models.ForeignKey(
        PERSON, verbose_name=_("person"), on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    step = models.ForeignKey(
        QuizStep, verbose_name=_("quiz"), on_delete=models.PROTECT, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField(_("attempt"), validators=[MinValueValidator(1)])
    # {"<question id>": [<choice id>, ...]} and the order in which questions and choices were shown.
    answers = models.JSONField(_("answers"), default=dict)
    order = models.JSONField(_("order shown"), default=list)
    score = models.PositiveSmallIntegerField(
        _("score (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    passed = models.BooleanField(_("passed"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["person", "step", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "step", "number"], name="quiz_attempt_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(score__lte=100), name="quiz_attempt_number_and_score"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.step} #{self.number}"

    def chosen(self, question_id: int) -> set[int]:
        return {int(choice) for choice in self.answers.get(str(question_id), [])}


class Submission(models.Model):
    """One round of an assignment: what the learner handed in and the reviewer's verdict."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")

    person = models.ForeignKey(
        PERSON, verbose_name=_("person"), on_delete=models.CASCADE, related_name="submissions"
    )
    step = models.ForeignKey(
        AssignmentStep,
        verbose_name=_("assignment"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    text = models.TextField(_("text"), blank=True, max_length=20000)
    link = models.URLField(_("link"), blank=True, max_length=500, validators=[validate_web_url])
    file = models.FileField(_("file"), upload_to="courses/submissions/%Y/%m/", blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    reviewer = models.ForeignKey(
        PERSON,
        verbose_name=_("reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_submissions",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True, max_length=5000)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "step"],
                condition=Q(status="submitted"),
                name="submission_one_open_per_person_step",
                violation_error_message=_("There is already a submission waiting for review."),
            ),
            models.UniqueConstraint(
                fields=["person", "step", "round"], name="submission_round_unique"
            ),
            models.CheckConstraint(
                condition=Q(status="submitted", reviewed_at__isnull=True)
                | (~Q(status="submitted") & Q(reviewed_at__isnull=False)),
                name="submission_reviewed_when_decided",
            ),
            models.CheckConstraint(
                condition=~Q(status="changes_requested") | ~Q(feedback=""),
                name="submission_changes_need_feedback",
                violation_error_message=_("Say what to change."),
            ),
            models.CheckConstraint(
                condition=~Q(text="") | ~Q(link="") | ~Q(file=""),
                name="submission_not_empty",
                violation_error_message=_("A submission needs a text, a link or a file."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.step} ({self.round})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.SUBMITTED


class TimeApproval(models.Model):
    """A learner's request that their unit lead free the training time of a programme."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for your lead")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    person = models.ForeignKey(
        PERSON, verbose_name=_("person"), on_delete=models.CASCADE, related_name="time_approvals"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="time_approvals",
    )
    minutes = models.PositiveIntegerField(_("minutes"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        PERSON,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("time approval")
        verbose_name_plural = _("time approvals")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "programme"],
                condition=Q(status="requested"),
                name="time_approval_one_open_per_person_programme",
                violation_error_message=_("There is already a request waiting for a decision."),
            ),
            models.CheckConstraint(
                condition=Q(status="requested", decided_at__isnull=True)
                | (~Q(status="requested") & Q(decided_at__isnull=False)),
                name="time_approval_decided_when_not_requested",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(reason=""),
                name="time_approval_decline_has_reason",
                violation_error_message=_("Give a reason when declining."),
            ),
            models.CheckConstraint(condition=Q(minutes__gt=0), name="time_approval_minutes"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.programme} ({self.get_status_display()})"

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)
