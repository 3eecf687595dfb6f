"""The catalogue: programmes (tracks) made of modules, modules made of lessons."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.models import Unit

from .text import LANGUAGES, in_language

# Roles a module can be aimed at (everyone is a learner, so "learner" means everyone).
AUDIENCE_ROLES = ("trainer", "lead", "programme")
# Labels of the platforms the academy knows; any other tag is shown as it is written.
PLATFORM_LABELS = {
    "linkedin": "LinkedIn",
    "twitter": "X/Twitter",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "video": _("Video"),
    "blog": _("Blog"),
    "yammer": "Yammer",
}
MAX_MODULE_MINUTES = 24 * 60


class Lifecycle(models.TextChoices):
    """Where a programme or module is in its life (docs/decisions/0017-programme-lifecycle.md)."""

    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    RETIRED = "retired", _("retired")


class CatalogueQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Lifecycle.PUBLISHED)


class ModuleQuerySet(models.QuerySet):
    def offered(self):
        """Modules open for enrolment: published, in a published programme."""
        return self.filter(status=Lifecycle.PUBLISHED, programme__status=Lifecycle.PUBLISHED)


def _status_field():
    return models.CharField(
        _("status"),
        max_length=10,
        choices=Lifecycle.choices,
        default=Lifecycle.DRAFT,
        help_text=_(
            "Draft: only the programme team sees it. Published: in the catalogue. "
            "Retired: out of the catalogue; learners keep their progress and credentials."
        ),
    )


def default_languages() -> list[str]:
    return list(LANGUAGES)


MAX_COVER_BYTES = 2 * 1024 * 1024


def validate_cover(file) -> None:
    """A cover image is at most 2 MB (the image itself is checked by ImageField)."""
    if file and file.size > MAX_COVER_BYTES:
        raise ValidationError(_("The cover image is larger than 2 MB."))


class Programme(models.Model):
    """A track such as "Social Media Certified": an ordered set of modules."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    requires_time_approval = models.BooleanField(
        _("requires approval of training time"),
        default=False,
        help_text=_("The unit lead approves the training time before a learner starts."),
    )
    position = models.PositiveIntegerField(_("position"), default=100)
    status = _status_field()
    cover = models.ImageField(
        _("cover image"),
        upload_to="courses/covers/",
        blank=True,
        validators=[validate_cover],
        help_text=_(
            "Shown on the catalogue and the module page (about 1200 x 450 pixels, at most 2 MB). "
            "Empty: a cover is drawn in the academy's colours."
        ),
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["position", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Lifecycle.values), name="programme_status_known"
            )
        ]

    def __str__(self) -> str:
        return self.title()

    def title(self, language: str | None = None) -> str:
        return in_language(self, "title", language)

    def description(self, language: str | None = None) -> str:
        return in_language(self, "description", language)


class Module(models.Model):
    """About two hours of learning; its slug is unique everywhere (credential rules name it)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="modules"
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    status = _status_field()
    position = models.PositiveIntegerField(_("position"), default=0)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_nl = models.TextField(_("summary (Dutch)"), blank=True)
    minutes = models.PositiveIntegerField(
        _("minutes"),
        default=120,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MODULE_MINUTES)],
        help_text=_("The training time a learner needs, used for time approval."),
    )
    is_foundation = models.BooleanField(
        _("part of the foundation"),
        default=False,
        help_text=_(
            "The foundation every employee takes first; the adoption funnel counts who "
            "completed all foundation modules."
        ),
    )
    platforms = models.JSONField(
        _("platforms"), default=list, blank=True, help_text=_("Tags such as linkedin, twitter.")
    )
    cover = models.ImageField(
        _("cover image"),
        upload_to="courses/covers/",
        blank=True,
        validators=[validate_cover],
        help_text=_(
            "Shown on the catalogue and the module page (about 1200 x 450 pixels, at most 2 MB). "
            "Empty: a cover is drawn in the academy's colours."
        ),
    )

    languages = models.JSONField(
        _("languages"),
        default=default_languages,
        help_text=_('The languages the module is offered in, e.g. ["en", "nl"].'),
    )
    audience_units = models.ManyToManyField(
        Unit,
        verbose_name=_("for units"),
        blank=True,
        related_name="+",
        help_text=_("Empty: everyone. Otherwise people in these units and the units below them."),
    )
    audience_roles = models.JSONField(
        _("for roles"),
        default=list,
        blank=True,
        help_text=_("Empty: everyone. Otherwise any of: trainer, lead, programme."),
    )
    requires = models.ManyToManyField(
        "self",
        verbose_name=_("prerequisites"),
        symmetrical=False,
        blank=True,
        related_name="required_by",
        help_text=_("Modules a learner completes before enrolling in this one."),
    )

    objects = ModuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["programme__position", "programme__slug", "position", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Lifecycle.values), name="module_status_known"
            ),
            models.CheckConstraint(
                condition=Q(minutes__gt=0) & Q(minutes__lte=MAX_MODULE_MINUTES),
                name="module_minutes_positive",
                violation_error_message=_("A module takes between 1 minute and 24 hours."),
            ),
        ]

    def __str__(self) -> str:
        return self.title()

    def title(self, language: str | None = None) -> str:
        return in_language(self, "title", language)

    def summary(self, language: str | None = None) -> str:
        return in_language(self, "summary", language)

    @property
    def is_offered(self) -> bool:
        """Open for enrolment: published, in a published programme."""
        return self.status == Lifecycle.PUBLISHED and self.programme.status == Lifecycle.PUBLISHED

    @staticmethod
    def platform_labels_for(tags) -> list[str]:
        return [str(PLATFORM_LABELS.get(tag, tag)) for tag in tags]

    def platform_labels(self) -> list[str]:
        return self.platform_labels_for(self.platforms)

    def clean(self) -> None:
        errors = {}
        if not isinstance(self.languages, list) or not self.languages:
            errors["languages"] = _("List at least one language.")
        elif set(self.languages) - set(LANGUAGES):
            errors["languages"] = _("Use only these languages: %(languages)s.") % {
                "languages": ", ".join(LANGUAGES)
            }
        if not isinstance(self.audience_roles, list) or set(self.audience_roles) - set(
            AUDIENCE_ROLES
        ):
            errors["audience_roles"] = _("Use only these roles: %(roles)s.") % {
                "roles": ", ".join(AUDIENCE_ROLES)
            }
        if not isinstance(self.platforms, list) or not all(
            isinstance(tag, str) and tag for tag in self.platforms
        ):
            errors["platforms"] = _('List platform tags as text, e.g. ["linkedin"].')
        if errors:
            raise ValidationError(errors)


class Lesson(models.Model):
    """A part of a module, holding an ordered list of steps."""

    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.CASCADE, related_name="lessons"
    )
    slug = models.SlugField(_("slug"), max_length=80)
    position = models.PositiveIntegerField(_("position"), default=0)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["module", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "slug"],
                name="lesson_slug_unique_per_module",
                violation_error_message=_("This module already has a lesson with this slug."),
            )
        ]

    def __str__(self) -> str:
        return self.title()

    def title(self, language: str | None = None) -> str:
        return in_language(self, "title", language)


def find_cycle(start: str, edges: dict[str, list[str]]) -> list[str] | None:
    """A path start -> ... -> start through the prerequisites, if there is one."""
    stack = [(start, [start])]
    visited: set[str] = set()
    while stack:
        slug, path = stack.pop()
        for required in edges.get(slug, []):
            if required == start:
                return [*path, start]
            if required not in visited:
                visited.add(required)
                stack.append((required, [*path, required]))
    return None
