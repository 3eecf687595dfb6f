"""People and the organisation they work in: units (firm -> unit -> team) and persons."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from core.languages import CODES
from core.validators import validate_name


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    DUTCH = "nl", _("Dutch")


class Unit(models.Model):
    """A node of the organisation tree: the firm at the top, units below it, teams below those."""

    class Kind(models.TextChoices):
        FIRM = "firm", _("Firm")
        UNIT = "unit", _("Unit")
        TEAM = "team", _("Team")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.UNIT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="firm", parent__isnull=True)
                | (~Q(kind="firm") & Q(parent__isnull=False)),
                name="unit_firm_is_root_and_only_root",
                violation_error_message=_("A firm has no parent; every unit or team has one."),
            ),
            models.UniqueConstraint(fields=["parent", "name"], name="unit_name_unique_per_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class PersonManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields):
        if not email:
            raise ValueError("A person needs an email address.")
        person = self.model(email=self.normalize_email(email).lower(), **fields)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_user(self, email: str, password: str | None = None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)


class Person(AbstractUser):
    """Everyone in the academy is a learner; flags and led units add the other roles.

    `is_staff` marks the programme team (comms, HR, L&D), who also reach the admin.
    """

    username = None
    email = models.EmailField(_("email address"), unique=True)
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[validate_name]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[validate_name]
    )
    display_name = models.CharField(
        _("display name"),
        max_length=150,
        blank=True,
        validators=[validate_name],
        help_text=_("How the name is shown and printed; empty means first and last name."),
    )
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    is_trainer = models.BooleanField(
        _("trainer or champion"),
        default=False,
        help_text=_("Reviews assignments, runs sessions and nominates colleagues."),
    )
    led_units = models.ManyToManyField(
        Unit,
        verbose_name=_("leads units"),
        blank=True,
        related_name="leads",
        help_text=_("A unit lead approves training time and sees the progress of these units."),
    )

    external_id = models.CharField(
        _("HR system id"),
        max_length=255,
        blank=True,
        default="",
        db_default="",  # raw bulk writers (the synthetic-data generator) leave it out
        help_text=_(
            "The person's identifier in the HR system that provisions them (SCIM externalId)."
        ),
    )
    deprovisioned_at = models.DateTimeField(
        _("removed by the HR system"),
        null=True,
        blank=True,
        help_text=_(
            "When the HR system removed this person. They stay in the academy, deactivated, "
            "so that their credentials can still be verified."
        ),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_default=Now())

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = PersonManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(manager=models.F("id")),
                name="person_not_own_manager",
                violation_error_message=_("A person cannot be their own manager."),
            ),
            models.CheckConstraint(
                condition=Q(language__in=list(CODES)),
                name="person_language_supported",
            ),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="person_external_id_unique",
                violation_error_message=_("Another person already has this HR system id."),
            ),
            models.CheckConstraint(
                condition=Q(deprovisioned_at__isnull=True) | Q(is_active=False),
                name="person_deprovisioned_is_inactive",
                violation_error_message=_("A person removed by the HR system cannot be active."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.display_name or self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class ScimToken(models.Model):
    """A bearer token with which an HR system provisions people over SCIM; only its hash is kept."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    digest = models.CharField(_("SHA-256 of the token"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("SCIM token")
        verbose_name_plural = _("SCIM tokens")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
