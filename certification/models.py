"""Credentials the academy awards: definitions with their rules, and issued credentials.

An issued credential keeps a snapshot of what it said at issue (holder's name, title and
criteria, issuer); later edits to a person or a definition never change it.
"""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.storage import public_storage
from core.text import in_language

# The rule kinds are models of this app, defined in rules.py.
from .rules import (  # noqa: F401
    AssignmentApprovedRule,
    HoldsCredentialRule,
    ModulesCompletedRule,
    NominationApprovedRule,
    PolicyAcknowledgedRule,
    Rule,
)

# The W3C minimum list size (131,072 entries): a list this large hides who is revoked.
STATUS_LIST_SIZE = 131072


# Paths under /credentials/ that are not achievement pages (/credentials/<slug>/).
RESERVED_SLUGS = ("mine", "nominate", "nominations", "status", "issuer", "export", "wallet")


def validate_definition_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("%(slug)s is reserved for a page of the academy; choose another slug."),
            params={"slug": value},
        )


class CredentialDefinition(models.Model):
    """A credential people can earn, such as "Social Media Certified"."""

    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, validators=[validate_definition_slug]
    )
    title_en = models.CharField(_("title (English)"), max_length=150)
    title_nl = models.CharField(_("title (Dutch)"), max_length=150, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    criteria_en = models.TextField(_("criteria (English)"), blank=True)
    criteria_nl = models.TextField(_("criteria (Dutch)"), blank=True)
    image = models.FileField(
        _("badge image (PNG)"),
        upload_to="credentials/",
        storage=public_storage,
        blank=True,
        help_text=_("Square PNG."),
    )
    valid_for_days = models.PositiveIntegerField(
        _("valid for (days)"), null=True, blank=True, help_text=_("Empty: never expires.")
    )
    renewal_window_days = models.PositiveIntegerField(
        _("renewal window (days)"),
        default=90,
        help_text=_("How long before expiry completing a refresher module extends validity."),
    )
    renewal_modules = models.JSONField(
        _("refresher modules"),
        default=list,
        blank=True,
        help_text=_("Slugs of modules whose completion renews a credential about to expire."),
    )
    level = models.PositiveSmallIntegerField(
        _("level"), default=1, help_text=_("Order of the credentials, from entry level up.")
    )
    signature_title_en = models.CharField(
        _("email signature title (English)"),
        max_length=120,
        blank=True,
        help_text=_("When set, holders get an email-signature snippet with this title."),
    )
    signature_title_nl = models.CharField(
        _("email signature title (Dutch)"), max_length=120, blank=True
    )
    programme_slug = models.SlugField(
        _("defined by programme"),
        max_length=80,
        blank=True,
        help_text=_("The course-as-code programme that defines this credential, if any."),
    )
    is_active = models.BooleanField(_("awarded"), default=True)

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        ordering = ["level", "slug"]

    def __str__(self) -> str:
        return self.title()

    def title(self, language: str | None = None) -> str:
        return in_language(self, "title", language)

    def description(self, language: str | None = None) -> str:
        return in_language(self, "description", language)

    def criteria(self, language: str | None = None) -> str:
        return in_language(self, "criteria", language)

    def signature_title(self, language: str | None = None) -> str:
        return in_language(self, "signature_title", language)


def new_public_code() -> str:
    # 24 random bytes = 192 bits, URL-safe: unguessable (at least 128 bits are needed).
    return secrets.token_urlsafe(24)


class IssuedCredential(models.Model):
    """A credential awarded to one person, with what it said frozen at issue."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    class Suspension(models.TextChoices):
        NONE = "", _("Not suspended")
        MANUAL = "manual", _("By the programme team")
        POLICY = "policy", _("Policy not acknowledged in time")

    ACTIVE = (Status.VALID, Status.SUSPENDED)

    definition = models.ForeignKey(
        CredentialDefinition, on_delete=models.PROTECT, related_name="issued"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="credentials"
    )
    serial = models.CharField(_("serial"), max_length=32, unique=True)
    code = models.CharField(_("public code"), max_length=64, unique=True, default=new_public_code)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VALID
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    publish_reason = models.BooleanField(
        _("show the reason on the verification page"), default=False
    )
    suspension = models.CharField(
        _("suspended because"), max_length=10, choices=Suspension.choices, blank=True, default=""
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
    )
    evidence = models.TextField(_("evidence"), blank=True)
    awarded_by_hand = models.BooleanField(_("awarded by hand"), default=False)
    # The frozen snapshot: what was issued never changes afterwards.
    holder_name = models.CharField(_("name as printed"), max_length=200)
    language = models.CharField(_("language"), max_length=2, default="en")
    snapshot = models.JSONField(_("what it said at issue"), default=dict)
    # Bitstring Status List position, the same index in the revocation and suspension lists.
    status_list = models.PositiveIntegerField(default=0)
    status_index = models.PositiveIntegerField()
    # The signed forms, made when the credential is issued, in the same transaction, and then
    # never changed (a renewal signs the new validity again; `academy credentials-upgrade`
    # re-signs forms of an older `signed_format`).
    signed_json = models.TextField(blank=True)
    signed_jwt = models.TextField(blank=True)
    signed_jwt_eddsa = models.TextField(blank=True, db_default="")
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_format = models.PositiveSmallIntegerField(default=0, db_default=0)
    # Whether the person has looked at it since it was issued (the "new credential" highlight).
    seen_at = models.DateTimeField(null=True, blank=True)
    # Every change, who made it, when and why: entries of the shared audit log.
    history = GenericRelation("core.AuditEntry")

    class Meta:
        verbose_name = _("issued credential")
        verbose_name_plural = _("issued credentials")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "definition"],
                condition=Q(status__in=["valid", "suspended"]),
                name="one_active_credential_per_person_and_definition",
                violation_error_message=_("This person already holds this credential."),
            ),
            models.UniqueConstraint(
                fields=["status_list", "status_index"], name="one_credential_per_status_bit"
            ),
            models.CheckConstraint(
                condition=Q(status_index__lt=STATUS_LIST_SIZE), name="status_index_in_list"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("issued_at")),
                name="credential_expires_after_issue",
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.serial} {self.title}"

    @property
    def title(self) -> str:
        return self.snapshot_text("title")

    def snapshot_text(self, key: str, language: str | None = None) -> str:
        """A frozen text in the given language (the holder's by default)."""
        texts = self.snapshot.get(key) or {}
        if isinstance(texts, str):
            return texts
        return texts.get(language or self.language) or texts.get(self.language) or ""

    @property
    def current_status(self) -> str:
        """The status as a verifier sees it now: a valid credential past its date is expired."""
        if (
            self.status == self.Status.VALID
            and self.expires_at is not None
            and self.expires_at <= timezone.now()
        ):
            return self.Status.EXPIRED
        return self.status

    @property
    def current_status_label(self) -> str:
        return self.Status(self.current_status).label

    @property
    def is_valid(self) -> bool:
        return self.current_status == self.Status.VALID

    @property
    def status_date(self):
        if self.current_status == self.Status.EXPIRED:
            return self.expires_at
        if self.current_status == self.Status.VALID:
            return self.issued_at
        return self.status_changed_at


class CredentialAction(models.TextChoices):
    """What the audit log (`core.AuditEntry`) records about an issued credential."""

    ISSUED = "issued", _("Issued")
    AWARDED = "awarded", _("Awarded by hand")
    REVOKED = "revoked", _("Revoked")
    SUSPENDED = "suspended", _("Suspended")
    REINSTATED = "reinstated", _("Reinstated")
    RENEWED = "renewed", _("Renewed")
    EXPIRED = "expired", _("Expired")
    REPLACED = "replaced", _("Replaced")
    SIGNED = "signed", _("Signed")
    UPGRADED = "upgraded", _("Signed again in the current format")
    WALLET = "wallet", _("Delivered to a wallet")


class Nomination(models.Model):
    """A champion or lead proposes someone for an invitation-only credential (Spokesperson)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    definition = models.ForeignKey(
        CredentialDefinition, on_delete=models.PROTECT, related_name="nominations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nominations"
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    motivation = models.TextField(_("why this person"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "definition"],
                condition=Q(status__in=["pending", "approved"]),
                name="one_open_nomination_per_person_and_definition",
                violation_error_message=_("This person is already nominated."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.definition}"


class WalletOffer(models.Model):
    """One offer of an issued credential to its holder's wallet (OpenID for Verifiable
    Credential Issuance, pre-authorised code flow). Codes and tokens are stored as SHA-256
    digests only; a code is used once, a token lives minutes."""

    class State(models.TextChoices):
        OFFERED = "offered", _("Offered")
        REDEEMED = "redeemed", _("Code exchanged for a token")
        ISSUED = "issued", _("Delivered")
        INVALIDATED = "invalidated", _("Withdrawn")

    credential = models.ForeignKey(
        IssuedCredential, on_delete=models.CASCADE, related_name="wallet_offers"
    )
    code_id = models.CharField(max_length=64, unique=True)
    token_id = models.CharField(max_length=64, unique=True, null=True, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.OFFERED)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    token_expires_at = models.DateTimeField(null=True, blank=True)
    # The wallet's key (RFC 7638 thumbprints, hashed) and DID, once delivered.
    fingerprint = models.CharField(max_length=64, blank=True)
    holder_id = models.CharField(max_length=2000, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("wallet offer")
        verbose_name_plural = _("wallet offers")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.credential_id} {self.state}"


class WalletNonce(models.Model):
    """A spent `c_nonce` of a wallet's key proof, kept until it would have expired anyway: the
    primary key makes spending it twice impossible, in every process."""

    nonce_id = models.CharField(max_length=64, primary_key=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.nonce_id


class CredentialExport(models.Model):
    """A ZIP of the certificates (PDF) and credentials (JSON) of a filtered set of holders, made
    in the background for the programme team; `done` of `total` is its progress."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    filters = models.JSONField(default=dict, blank=True)
    description = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file_name = models.CharField(max_length=200, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("credential export")
        verbose_name_plural = _("credential exports")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done__lte=models.F("total")), name="export_done_le_total"
            )
        ]

    def __str__(self) -> str:
        return f"{self.pk} {self.state} {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(self.done * 100 / self.total)
