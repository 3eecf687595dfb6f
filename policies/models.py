"""The social media policy: one policy, numbered versions (drafts and published), acknowledgements.

A published version is immutable: the services refuse to change it, `save()`, `delete()` and
the queryset's `update()`/`delete()` refuse too, the admin shows it read-only, and the database
keeps numbers unique and well-formed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.languages import CODES
from core.text import in_language
from people.models import Language


class PolicyError(Exception):
    """A request about the policy that is refused, with a message for the person who made it."""


class PublishedVersionIsImmutable(PolicyError):
    """Raised when code tries to change or delete a published policy version."""

    def __init__(self, version=None):
        if version is None:
            message = gettext("A published version can no longer be changed.")
        else:
            message = gettext("Version %(number)s is published and can no longer be changed.") % {
                "number": version.number
            }
        super().__init__(message)


class Policy(models.Model):
    """The academy's social media policy. There is exactly one (a database constraint says so)."""

    # Always True, unique: the database allows one row only.
    singleton = models.BooleanField(default=True, editable=False)
    title_en = models.CharField(_("title (English)"), max_length=120, default="Social media policy")
    title_nl = models.CharField(_("title (Dutch)"), max_length=120, default="Socialemediabeleid")

    class Meta:
        verbose_name = _("social media policy")
        verbose_name_plural = _("social media policy")
        constraints = [
            models.UniqueConstraint(fields=["singleton"], name="policy_only_one"),
            models.CheckConstraint(condition=Q(singleton=True), name="policy_singleton_true"),
        ]

    def __str__(self) -> str:
        return self.title("en")

    def title(self, language: str) -> str:
        return in_language(self, "title", language)


class PolicyVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def drafts(self):
        return self.filter(published_at__isnull=True)

    def update(self, **kwargs):
        if self.published().exists():
            raise PublishedVersionIsImmutable()
        return super().update(**kwargs)

    def delete(self):
        if self.published().exists():
            raise PublishedVersionIsImmutable()
        return super().delete()


class PolicyVersion(models.Model):
    """One numbered text of the policy (major.minor) in English and Dutch.

    A major version (x.0) asks everyone to acknowledge again; a minor one does not.
    """

    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.PROTECT, related_name="versions"
    )
    major = models.PositiveIntegerField(_("major number"))
    minor = models.PositiveIntegerField(_("minor number"), default=0)
    body_en = models.TextField(_("text (English)"), help_text=_("Markdown."))
    body_nl = models.TextField(_("text (Dutch)"), blank=True, help_text=_("Markdown."))
    changes_en = models.TextField(_("summary of changes (English)"), blank=True)
    changes_nl = models.TextField(_("summary of changes (Dutch)"), blank=True)
    effective_on = models.DateField(_("effective date"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["-major", "-minor"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "major", "minor"],
                name="policy_version_number_unique",
                violation_error_message=_("This version number exists already."),
            ),
            models.CheckConstraint(
                condition=Q(major__gte=1) & Q(minor__gte=0),
                name="policy_version_number_valid",
                violation_error_message=_("Version numbers start at 1.0."),
            ),
            models.UniqueConstraint(
                fields=["policy"],
                condition=Q(published_at__isnull=True),
                name="policy_one_draft",
                violation_error_message=_("There is already a draft; edit or discard it first."),
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | (~Q(body_en="") & ~Q(body_nl="")),
                name="policy_version_published_has_both_texts",
                violation_error_message=_("A published version has its text in both languages."),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs):
        if getattr(self, "_published_when_loaded", False):
            raise PublishedVersionIsImmutable(self)
        super().save(*args, **kwargs)
        self._published_when_loaded = self.published_at is not None

    def delete(self, *args, **kwargs):
        if self.is_published:
            raise PublishedVersionIsImmutable(self)
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        version = super().from_db(db, field_names, values)
        # Remember what the row was when read, so that save() can refuse to change a published one.
        version._published_when_loaded = version.published_at is not None
        return version

    @property
    def number(self) -> str:
        return f"{self.major}.{self.minor}"

    @property
    def is_major(self) -> bool:
        return self.minor == 0

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def body(self, language: str) -> str:
        """The text in `language`, falling back to English when there is no Dutch text."""
        return in_language(self, "body", language)

    def body_language(self, language: str) -> str:
        """The language `body(language)` is actually written in."""
        return "nl" if language == "nl" and self.body_nl else "en"

    def changes(self, language: str) -> str:
        return in_language(self, "changes", language)


class Acknowledgement(models.Model):
    """A person read a specific version, in the language shown, and agreed to follow it."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="policy_acknowledgements",
    )
    version = models.ForeignKey(
        PolicyVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="acknowledgements",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), default=timezone.now)
    language = models.CharField(
        _("language shown"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "version"],
                name="acknowledgement_once_per_person_version",
                violation_error_message=_("This person acknowledged this version already."),
            ),
            models.CheckConstraint(
                condition=Q(language__in=list(CODES)), name="acknowledgement_language_supported"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.version}"
