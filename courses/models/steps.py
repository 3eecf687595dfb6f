"""Steps: one base model and a subclass per kind (django-polymorphic).

A model holds the kind's data and how it completes (`learner_marks_done`, `completion_met`,
`completion_hint`, `has_progress`: the services need these). Everything else about a kind, its
page, form, state, service, admin and course-as-code keys, is its `StepKind` in
courses/steps/<kind>.py, which also gives the model its `kind` name when it registers.
"""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from polymorphic.models import PolymorphicModel

from core.storage import public_storage
from core.text import render_markdown

from .. import dataspec, policy
from .catalogue import Lesson
from .text import in_language

VIDEO_EXTENSIONS = ["mp4", "webm", "m4v", "ogv"]


class Step(PolymorphicModel):
    """One thing a learner does in a lesson; the subclass says what and when it is done."""

    kind = ""  # the course-as-code name, set when the kind registers (courses.steps.registry)
    # Text and video are done when the learner says so; the others complete by what they do.
    learner_marks_done = False

    lesson = models.ForeignKey(
        Lesson, verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="steps"
    )
    slug = models.SlugField(_("slug"), max_length=80)
    position = models.PositiveIntegerField(_("position"), default=0)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["lesson", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "slug"],
                name="step_slug_unique_per_lesson",
                violation_error_message=_("This lesson already has a step with this slug."),
            )
        ]

    def __str__(self) -> str:
        return self.title()

    def title(self, language: str | None = None) -> str:
        return in_language(self, "title", language)

    @property
    def kind_label(self) -> str:
        return str(self._meta.verbose_name)

    def completion_hint(self) -> str:  # pragma: no cover - every kind overrides
        raise NotImplementedError

    def completion_met(self, person) -> bool:  # pragma: no cover - every kind overrides
        """Whether `person` has done what this kind asks (the completion is recorded apart)."""
        raise NotImplementedError

    def is_complete_for(self, person) -> bool:
        """Whether the step is recorded as done for `person` (one query)."""
        return self.completions.filter(enrolment__person=person).exists()

    def has_progress(self) -> bool:
        """Whether learners did anything on this step (then import does not delete it)."""
        return self.completions.exists()


class TextStep(Step):
    """Reading: markdown, sanitised when rendered."""

    learner_marks_done = True

    body_en = models.TextField(_("text (English, markdown)"))
    body_nl = models.TextField(_("text (Dutch, markdown)"), blank=True)

    class Meta:
        verbose_name = _("text")
        verbose_name_plural = _("texts")

    def body(self, language: str | None = None) -> str:
        return in_language(self, "body", language)

    def body_html(self, language: str | None = None):
        return render_markdown(self.body(language))

    def completion_hint(self) -> str:
        return str(_("Read the text and mark it as done."))

    def completion_met(self, person) -> bool:
        return True


def validate_embed_url(url: str) -> None:
    problem = dataspec.embed_url_problem(url) if url else None
    if problem:
        raise ValidationError(problem)


class VideoStep(Step):
    """A video: an uploaded file or an embed URL from the allow-list, with a transcript."""

    learner_marks_done = True

    embed_url = models.URLField(
        _("embed URL"),
        max_length=500,
        blank=True,
        validators=[validate_embed_url],
        help_text=_("From a host on the allow-list (ACADEMY_VIDEO_EMBED_HOSTS)."),
    )
    video = models.FileField(
        _("video file"),
        upload_to="courses/videos/",
        storage=public_storage,
        blank=True,
        validators=[FileExtensionValidator(VIDEO_EXTENSIONS)],
    )
    transcript_en = models.TextField(_("transcript (English, markdown)"), blank=True)
    transcript_nl = models.TextField(_("transcript (Dutch, markdown)"), blank=True)

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        constraints = [
            models.CheckConstraint(
                condition=~Q(embed_url="") | ~Q(video=""),
                name="video_step_has_a_source",
                violation_error_message=_("Upload a video file or give an embed URL."),
            )
        ]

    def transcript(self, language: str | None = None) -> str:
        return in_language(self, "transcript", language)

    def transcript_html(self, language: str | None = None):
        return render_markdown(self.transcript(language))

    def completion_hint(self) -> str:
        return str(_("Watch the video (or read the transcript) and mark it as done."))

    def completion_met(self, person) -> bool:
        return True


class QuizStep(Step):
    """Questions with single or multiple choice; passing an attempt completes the step."""

    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty: unlimited."),
    )
    shuffle = models.BooleanField(
        _("shuffle"),
        default=False,
        help_text=_("Questions and choices in a new order each attempt."),
    )

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_mark__gte=1, pass_mark__lte=100),
                name="quiz_pass_mark_1_to_100",
                violation_error_message=_("The pass mark is a percentage from 1 to 100."),
            ),
            models.CheckConstraint(
                condition=Q(max_attempts__isnull=True) | Q(max_attempts__gte=1),
                name="quiz_max_attempts_at_least_one",
                violation_error_message=_("Allow at least one attempt, or leave it empty."),
            ),
        ]

    def completion_hint(self) -> str:
        return str(_("Score at least %(mark)d%% in the quiz.") % {"mark": self.pass_mark})

    def completion_met(self, person) -> bool:
        return self.attempts.filter(person=person, passed=True).exists()

    def has_progress(self) -> bool:
        return super().has_progress() or self.attempts.exists()


class Question(models.Model):
    quiz = models.ForeignKey(
        QuizStep, verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    prompt_en = models.TextField(_("question (English)"))
    prompt_nl = models.TextField(_("question (Dutch)"), blank=True)
    multiple = models.BooleanField(
        _("multiple answers"), default=False, help_text=_("Learners select every right answer.")
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["quiz", "position", "id"]

    def __str__(self) -> str:
        return self.prompt()

    def prompt(self, language: str | None = None) -> str:
        return in_language(self, "prompt", language)


class Choice(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    text_en = models.CharField(_("answer (English)"), max_length=500)
    text_nl = models.CharField(_("answer (Dutch)"), max_length=500, blank=True)
    correct = models.BooleanField(_("correct"), default=False)
    feedback_en = models.TextField(_("feedback (English)"), blank=True)
    feedback_nl = models.TextField(_("feedback (Dutch)"), blank=True)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "position", "id"]

    def __str__(self) -> str:
        return self.text()

    def text(self, language: str | None = None) -> str:
        return in_language(self, "text", language)

    def feedback(self, language: str | None = None) -> str:
        return in_language(self, "feedback", language)


class AssignmentStep(Step):
    """A practical assignment the learner submits; a trainer or champion approves it."""

    class Submission(models.TextChoices):
        TEXT = "text", _("Text")
        LINK = "link", _("Link")
        FILE = "file", _("File")

    instructions_en = models.TextField(_("instructions (English, markdown)"))
    instructions_nl = models.TextField(_("instructions (Dutch, markdown)"), blank=True)
    submission_kind = models.CharField(
        _("learners submit"), max_length=8, choices=Submission.choices, default=Submission.TEXT
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(submission_kind__in=["text", "link", "file"]),
                name="assignment_submission_kind_known",
            )
        ]

    def instructions(self, language: str | None = None) -> str:
        return in_language(self, "instructions", language)

    def instructions_html(self, language: str | None = None):
        return render_markdown(self.instructions(language))

    def completion_hint(self) -> str:
        return str(_("Submit your work; a trainer or champion approves it."))

    def completion_met(self, person) -> bool:
        return self.submissions.filter(person=person, status="approved").exists()

    def has_progress(self) -> bool:
        return super().has_progress() or self.submissions.exists()


class PolicyStep(Step):
    """Acknowledging the current social media policy (the policies app keeps the record)."""

    body_en = models.TextField(_("introduction (English, markdown)"), blank=True)
    body_nl = models.TextField(_("introduction (Dutch, markdown)"), blank=True)

    class Meta:
        verbose_name = _("policy acknowledgement")
        verbose_name_plural = _("policy acknowledgements")

    def body(self, language: str | None = None) -> str:
        return in_language(self, "body", language)

    def body_html(self, language: str | None = None):
        return render_markdown(self.body(language))

    def completion_hint(self) -> str:
        return str(_("Read and acknowledge the current social media policy."))

    def completion_met(self, person) -> bool:
        return policy.has_acknowledged_current(person)


class SessionStep(Step):
    """Attending an instructor-led session; the trainer's attendance record completes it."""

    body_en = models.TextField(_("description (English, markdown)"), blank=True)
    body_nl = models.TextField(_("description (Dutch, markdown)"), blank=True)
    minutes = models.PositiveIntegerField(
        _("minutes"), default=60, validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )

    class Meta:
        verbose_name = _("instructor-led session")
        verbose_name_plural = _("instructor-led sessions")
        constraints = [
            models.CheckConstraint(condition=Q(minutes__gt=0), name="session_step_minutes_positive")
        ]

    def body(self, language: str | None = None) -> str:
        return in_language(self, "body", language)

    def body_html(self, language: str | None = None):
        return render_markdown(self.body(language))

    def completion_hint(self) -> str:
        return str(_("Book a session and attend it; the trainer records your attendance."))

    def completion_met(self, person) -> bool:
        return self.bookings.filter(person=person, attended=True).exists()

    def has_progress(self) -> bool:
        return super().has_progress() or self.sessions.exists()
