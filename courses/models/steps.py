"""Steps: one base model and a subclass per kind (django-polymorphic).

Each kind owns its behaviour (no `if kind ==` chains): how it is rendered
(`template_name`, `*_html`), how a learner answers it (`form_class_path`), how it completes
(`learner_marks_done`, `completion_met`, `completion_hint`) and its course-as-code keys
(`data_spec`, `to_data`, `apply_data`).
"""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from polymorphic.models import PolymorphicModel

from core.storage import public_storage
from core.text import render_markdown

from .. import dataspec
from .catalogue import Lesson
from .text import in_language

VIDEO_EXTENSIONS = ["mp4", "webm", "m4v", "ogv"]


class Step(PolymorphicModel):
    """One thing a learner does in a lesson; the subclass says what and when it is done."""

    kind = ""
    # Text and video are done when the learner says so; the others complete by what they do.
    learner_marks_done = False
    template_name = ""
    # The form (in courses.forms) with which a learner answers this kind, if it takes input.
    form_class_path = ""
    # The selector (in courses.selectors) giving a person's state for this kind, if any.
    state_selector = ""
    data_spec: dict = {}

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

    def get_form_class(self):
        from django.utils.module_loading import import_string

        return import_string(self.form_class_path) if self.form_class_path else None

    # Course-as-code: the keys of this kind besides slug, kind and title.
    def to_data(self) -> dict:
        return dataspec.dump_mapping(self, self.data_spec)

    def apply_data(self, cleaned: dict) -> None:
        dataspec.apply_mapping(self, self.data_spec, cleaned)

    @classmethod
    def load_data(cls, data: dict, here, *, extra: tuple = ()) -> dict:
        """Check the kind's own keys of a step mapping (`extra`: the keys the importer reads)."""
        return dataspec.check_mapping(data, here, cls.data_spec, extra=extra)

    def save_related_data(self, cleaned: dict) -> None:
        """Write what hangs off the step (quiz questions); the step itself is saved."""

    @classmethod
    def data_schema(cls) -> dict:
        """JSON Schema for this kind beyond its `data_spec` keys (merged by courses/schema.py)."""
        return {}

    def has_progress(self) -> bool:
        """Whether learners did anything on this step (then import does not delete it)."""
        return self.completions.exists()


def step_kinds() -> dict[str, type[Step]]:
    """Every step kind by its course-as-code name, e.g. {"text": TextStep, ...}."""
    found: dict[str, type[Step]] = {}
    pending = list(Step.__subclasses__())
    while pending:
        cls = pending.pop(0)
        if cls.kind:
            found[cls.kind] = cls
        pending.extend(cls.__subclasses__())
    return found


class TextStep(Step):
    """Reading: markdown, sanitised when rendered."""

    kind = "text"
    learner_marks_done = True
    template_name = "courses/steps/text.html"
    data_spec = dataspec.specs(dataspec.Text("body", required=True))

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

    kind = "video"
    learner_marks_done = True
    template_name = "courses/steps/video.html"
    data_spec = dataspec.specs(
        dataspec.EmbedUrl("embed_url"),
        dataspec.StoredFile("video_file", attr="video"),
        dataspec.Text("transcript"),
    )

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

    @classmethod
    def data_schema(cls) -> dict:
        return {
            "anyOf": [
                {"required": ["embed_url"], "properties": {"embed_url": {"minLength": 1}}},
                {"required": ["video_file"], "properties": {"video_file": {"minLength": 1}}},
            ]
        }

    def transcript(self, language: str | None = None) -> str:
        return in_language(self, "transcript", language)

    def transcript_html(self, language: str | None = None):
        return render_markdown(self.transcript(language))

    def completion_hint(self) -> str:
        return str(_("Watch the video (or read the transcript) and mark it as done."))

    def completion_met(self, person) -> bool:
        return True

    @classmethod
    def load_data(cls, data: dict, here, *, extra: tuple = ()) -> dict:
        cleaned = super().load_data(data, here, extra=extra)
        if not cleaned["embed_url"] and not cleaned["video_file"]:
            here.fail(str(_("a video needs an embed_url or a video_file")))
        return cleaned


class QuizStep(Step):
    """Questions with single or multiple choice; passing an attempt completes the step."""

    kind = "quiz"
    template_name = "courses/steps/quiz.html"
    form_class_path = "courses.forms.QuizForm"
    state_selector = "quiz_state"
    data_spec = dataspec.specs(
        dataspec.Integer("pass_mark", minimum=1, maximum=100, default=80),
        dataspec.Integer("max_attempts", minimum=1, maximum=100, nullable=True, default=None),
        dataspec.Boolean("shuffle", default=False),
    )

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

    @classmethod
    def load_data(cls, data: dict, here, *, extra: tuple = ()) -> dict:
        cleaned = super().load_data(data, here, extra=(*extra, "questions"))
        if "questions" not in data:
            here.fail(str(_("the key 'questions' is missing")))
        cleaned["questions"] = Question.load_list(data["questions"], here / "questions")
        return cleaned

    @classmethod
    def data_schema(cls) -> dict:
        questions = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/question"}}
        return {"properties": {"questions": questions}, "required": ["questions"]}

    def to_data(self) -> dict:
        data = super().to_data()
        data["questions"] = [question.to_data() for question in self.questions.all()]
        return data

    def save_related_data(self, cleaned: dict) -> None:
        Question.save_list(self, cleaned["questions"])


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

    data_spec = dataspec.specs(
        dataspec.Text("prompt", required=True, max_length=2000),
        dataspec.Boolean("multiple", default=False),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["quiz", "position", "id"]

    def __str__(self) -> str:
        return self.prompt()

    def prompt(self, language: str | None = None) -> str:
        return in_language(self, "prompt", language)

    def to_data(self) -> dict:
        data = dataspec.dump_mapping(self, self.data_spec)
        data["choices"] = [choice.to_data() for choice in self.choices.all()]
        return data

    @classmethod
    def load_list(cls, value, here) -> list[dict]:
        if not isinstance(value, list) or not value:
            here.fail(str(_("must be a list of at least one question")))
        questions = []
        for index, item in enumerate(value):
            at = here / index
            cleaned = dataspec.check_mapping(item, at, cls.data_spec, extra=("choices",))
            if "choices" not in item:
                at.fail(str(_("the key 'choices' is missing")))
            cleaned["choices"] = Choice.load_list(item["choices"], at / "choices")
            right = sum(1 for choice in cleaned["choices"] if choice["correct"])
            if right == 0:
                (at / "choices").fail(str(_("no choice is marked correct: true")))
            if right > 1 and not cleaned["multiple"]:
                (at / "choices").fail(
                    str(
                        _("%(count)d choices are correct; set multiple: true or mark one")
                        % {"count": right}
                    )
                )
            questions.append(cleaned)
        return questions

    @classmethod
    def save_list(cls, quiz: QuizStep, questions: list[dict]) -> None:
        # Matched by position so that stored attempts keep pointing at the same question.
        existing = {question.position: question for question in quiz.questions.all()}
        for position, cleaned in enumerate(questions):
            question = existing.pop(position, None) or cls(quiz=quiz, position=position)
            dataspec.apply_mapping(question, cls.data_spec, cleaned)
            question.full_clean(exclude=["quiz"])
            question.save()
            Choice.save_list(question, cleaned["choices"])
        for question in existing.values():
            question.delete()


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

    data_spec = dataspec.specs(
        dataspec.Text("text", required=True, max_length=500),
        dataspec.Boolean("correct", required=True),
        dataspec.Text("feedback", max_length=2000),
    )

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

    def to_data(self) -> dict:
        return dataspec.dump_mapping(self, self.data_spec)

    @classmethod
    def load_list(cls, value, here) -> list[dict]:
        if not isinstance(value, list) or len(value) < 2:
            here.fail(str(_("must be a list of at least two choices")))
        return [
            dataspec.check_mapping(item, here / index, cls.data_spec)
            for index, item in enumerate(value)
        ]

    @classmethod
    def save_list(cls, question: Question, choices: list[dict]) -> None:
        existing = {choice.position: choice for choice in question.choices.all()}
        for position, cleaned in enumerate(choices):
            choice = existing.pop(position, None) or cls(question=question, position=position)
            dataspec.apply_mapping(choice, cls.data_spec, cleaned)
            choice.full_clean(exclude=["question"])
            choice.save()
        for choice in existing.values():
            choice.delete()


class AssignmentStep(Step):
    """A practical assignment the learner submits; a trainer or champion approves it."""

    class Submission(models.TextChoices):
        TEXT = "text", _("Text")
        LINK = "link", _("Link")
        FILE = "file", _("File")

    kind = "assignment"
    template_name = "courses/steps/assignment.html"
    form_class_path = "courses.forms.SubmissionForm"
    state_selector = "assignment_state"
    data_spec = dataspec.specs(
        dataspec.Text("instructions", required=True),
        dataspec.Choice(
            "submission", attr="submission_kind", choices=tuple(Submission.values), default="text"
        ),
    )

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

    kind = "policy"
    template_name = "courses/steps/policy.html"
    form_class_path = "courses.forms.PolicyAcknowledgementForm"
    state_selector = "policy_state"
    data_spec = dataspec.specs(dataspec.Text("body"))

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
        from .. import policy

        return policy.has_acknowledged_current(person)


class SessionStep(Step):
    """Attending an instructor-led session; the trainer's attendance record completes it."""

    kind = "session"
    template_name = "courses/steps/session.html"
    form_class_path = "courses.forms.BookingForm"
    state_selector = "session_state"
    data_spec = dataspec.specs(
        dataspec.Text("body"),
        dataspec.Integer("minutes", minimum=1, maximum=24 * 60, default=60),
    )

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
