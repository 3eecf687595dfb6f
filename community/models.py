"""Champions, recognition, audience segments and the topic calendar."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import in_language
from core.validators import is_web_url, validate_web_links
from people.models import Unit

PERSON = settings.AUTH_USER_MODEL


class Champion(models.Model):
    """A social business champion who lights fires in one unit; the programme team approves."""

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")

    person = models.ForeignKey(
        PERSON, verbose_name=_("person"), on_delete=models.CASCADE, related_name="championships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="champions"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NOMINATED
    )
    motivation = models.TextField(_("motivation"), max_length=1000, blank=True)
    nominated_by = models.ForeignKey(
        PERSON,
        verbose_name=_("nominated by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    nominated_at = models.DateTimeField(_("nominated at"), default=timezone.now)
    decided_by = models.ForeignKey(
        PERSON,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # True when approving this championship is what made the person a trainer, so that
    # revoking it withdraws the role only from those who had it through championship alone.
    granted_trainer = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("champion")
        verbose_name_plural = _("champions")
        ordering = ["unit__name", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "unit"],
                condition=Q(status__in=["nominated", "approved"]),
                name="champion_one_open_per_person_unit",
                violation_error_message=_("This person is already nominated or champion here."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.unit})"


class AwarenessSession(models.Model):
    """A session in which a champion shows colleagues what social media does for the firm."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")
        LUNCH = "lunch", _("Lunch talk")

    title = models.CharField(_("title"), max_length=160)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="awareness_sessions"
    )
    held_on = models.DateField(_("date"))
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON
    )
    champion = models.ForeignKey(
        PERSON, verbose_name=_("champion"), on_delete=models.PROTECT, related_name="+"
    )
    attendees = models.ManyToManyField(
        PERSON, verbose_name=_("attendees"), blank=True, related_name="awareness_sessions"
    )
    head_count = models.PositiveIntegerField(
        _("head count"),
        null=True,
        blank=True,
        help_text=_("When you did not take names: how many people came."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("awareness session")
        verbose_name_plural = _("awareness sessions")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"


class Kudos(models.Model):
    """A pat on the back from one colleague to another, shown on the wall unless hidden."""

    class Category(models.TextChoices):
        HELPED_ME = "helped_me", _("Helped me")
        GREAT_POST = "great_post", _("Great post")
        ANSWERED_CLIENT = "answered_client", _("Answered a client")
        SHARED_KNOWLEDGE = "shared_knowledge", _("Shared knowledge")
        BRAVE_FIRST = "brave_first", _("Brave first step")

    giver = models.ForeignKey(
        PERSON, verbose_name=_("from"), on_delete=models.CASCADE, related_name="kudos_given"
    )
    receiver = models.ForeignKey(
        PERSON, verbose_name=_("to"), on_delete=models.CASCADE, related_name="kudos_received"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    message = models.CharField(_("message"), max_length=280)
    created_at = models.DateTimeField(_("given at"), default=timezone.now, db_index=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)

    class Meta:
        verbose_name = _("kudos")
        verbose_name_plural = _("kudos")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(giver=F("receiver")),
                name="kudos_not_to_oneself",
                violation_error_message=_("You cannot give kudos to yourself."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.giver} -> {self.receiver}: {self.message[:40]}"


class KudosModeration(models.Model):
    """Audit trail of hiding and restoring kudos: who, when, why."""

    class Action(models.TextChoices):
        HIDDEN = "hidden", _("Hidden")
        RESTORED = "restored", _("Restored")

    kudos = models.ForeignKey(Kudos, on_delete=models.CASCADE, related_name="moderations")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    moderator = models.ForeignKey(
        PERSON, verbose_name=_("moderator"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=280)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("kudos moderation")
        verbose_name_plural = _("kudos moderations")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.kudos_id}"


class FeaturedContributor(models.Model):
    """The colleague of the month, chosen by the programme team and shown on every home page."""

    month = models.DateField(_("month"), unique=True, help_text=_("The first day of the month."))
    person = models.ForeignKey(
        PERSON, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("why"), max_length=280)
    chosen_by = models.ForeignKey(
        PERSON, verbose_name=_("chosen by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("featured contributor")
        verbose_name_plural = _("featured contributors")
        ordering = ["-month"]
        constraints = [
            models.CheckConstraint(condition=Q(month__day=1), name="featured_month_starts_on_first")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.month:%Y-%m})"


class Segment(models.TextChoices):
    ENTHUSIAST = "enthusiast", _("Enthusiast")
    WAIT_AND_SEE = "wait_and_see", _("Wait-and-see")
    CYNIC = "cynic", _("Cynic")


class SurveyQuestion(models.Model):
    """One statement of the intake survey, answered on a 1-5 agree scale.

    A negative weight scores a statement in reverse ("Social media is a waste of my time").
    """

    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text_en = models.CharField(_("statement (English)"), max_length=240)
    text_nl = models.CharField(_("statement (Dutch)"), max_length=240)
    weight = models.SmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(-5), MaxValueValidator(5)],
        help_text=_("-5 to 5; negative scores the statement in reverse; 0 is not counted."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text_en

    @property
    def text(self) -> str:
        return in_language(self, "text")


class SurveyAnswer(models.Model):
    """A person's answer: private, only ever shown to others as an aggregate."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="survey_answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "question"], name="survey_answer_once"),
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=5), name="survey_answer_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.question_id} = {self.value}"


class SegmentResult(models.Model):
    """Where the intake survey places a person (one row per person, updated on re-answer)."""

    person = models.OneToOneField(PERSON, on_delete=models.CASCADE, related_name="segment_result")
    segment = models.CharField(_("segment"), max_length=12, choices=Segment.choices)
    score = models.FloatField(_("score"))
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("segment result")
        verbose_name_plural = _("segment results")

    def __str__(self) -> str:
        return f"{self.person}: {self.get_segment_display()}"


class Topic(models.Model):
    """A topic the company wants to put forward in a given week or month."""

    class Cadence(models.TextChoices):
        WEEK = "week", _("Week")
        MONTH = "month", _("Month")

    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    cadence = models.CharField(
        _("planned for a"), max_length=5, choices=Cadence.choices, default=Cadence.WEEK
    )
    title_en = models.CharField(_("title (English)"), max_length=160)
    title_nl = models.CharField(_("title (Dutch)"), max_length=160, blank=True)
    messages_en = models.TextField(_("key messages (English)"), blank=True)
    messages_nl = models.TextField(_("key messages (Dutch)"), blank=True)
    hashtags = models.CharField(
        _("suggested hashtags"), max_length=240, blank=True, help_text=_("Separated by spaces.")
    )
    links = models.TextField(
        _("links"),
        blank=True,
        validators=[validate_web_links],
        help_text=_("One address per line, starting with http:// or https://."),
    )
    audiences = models.CharField(
        _("audiences"),
        max_length=240,
        blank=True,
        help_text=_("Who should share this, e.g. 'Advisory, recruiters'; empty means everyone."),
    )
    created_by = models.ForeignKey(PERSON, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="topic_ends_after_start",
                violation_error_message=_("A topic cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return in_language(self, "title")

    @property
    def key_messages(self) -> str:
        return in_language(self, "messages")

    @property
    def hashtag_list(self) -> list[str]:
        return [t if t.startswith("#") else f"#{t}" for t in self.hashtags.split() if t.strip("#")]

    @property
    def link_list(self) -> list[str]:
        # Only web addresses become links, also if older data holds something else.
        return [line.strip() for line in self.links.splitlines() if is_web_url(line.strip())]


class AudienceWorksheet(models.Model):
    """The MCMT model (People, Content, Means, Time) filled in by one person."""

    person = models.OneToOneField(PERSON, on_delete=models.CASCADE, related_name="worksheet")
    who = models.TextField(_("Who is your audience?"), blank=True)
    concerns = models.TextField(_("What occupies them?"), blank=True)
    where_online = models.TextField(_("Where are they online?"), blank=True)
    why = models.TextField(_("Why would they listen to you?"), blank=True)
    when = models.TextField(_("When are they online?"), blank=True)
    content = models.TextField(_("What content will you share?"), blank=True)
    means = models.TextField(_("Which means (platforms) will you use?"), blank=True)
    minutes_per_week = models.PositiveIntegerField(
        _("Time: minutes per week"),
        default=0,
        validators=[MaxValueValidator(60 * 40)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("audience worksheet")
        verbose_name_plural = _("audience worksheets")

    def __str__(self) -> str:
        return str(self.person)


class Nudge(models.Model):
    """A reminder email a champion sent to a stuck learner (also the rate-limit record)."""

    learner = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="nudges_received")
    champion = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.champion} -> {self.learner} ({self.sent_at:%Y-%m-%d})"
