"""Writes of the api app: personal access tokens (the API's own domain; every other write the
API offers is a service of the app that owns it)."""

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import log_action

from .models import ApiToken

TOKEN_PREFIX = "sma_"  # noqa: S105 (a prefix that makes leaked tokens easy to spot)
MAX_EXPIRY_DAYS = 366 * 2
# Recording every use would write on every request; once a minute tells a person enough.
LAST_USE_RESOLUTION = datetime.timedelta(minutes=1)


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(
    *, person, name: str, scope: str, expires_in_days: int | None = None, by=None
) -> tuple[ApiToken, str]:
    """A new personal access token; the secret is returned once and only its hash is kept.

    `by` is who made it (the person on their page; None from the command line), for the audit log.
    """
    name = name.strip()
    errors = {}
    if not name:
        errors["name"] = _("Give the token a name, e.g. the tool that uses it.")
    elif len(name) > 100:
        errors["name"] = _("Keep the name under 100 characters.")
    if scope not in ApiToken.Scope.values:
        errors["scope"] = _("The scope is read or write.")
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_EXPIRY_DAYS:
        errors["expires_in_days"] = _("A token expires after 1 to %(days)d days.") % {
            "days": MAX_EXPIRY_DAYS
        }
    if not person.is_active:
        errors["person"] = _("A deactivated person cannot have API tokens.")
    if errors:
        raise ValidationError(errors)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        person=person,
        name=name,
        scope=scope,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        digest=token_digest(secret),
        created_at=now,
        expires_at=now + datetime.timedelta(days=expires_in_days) if expires_in_days else None,
    )
    log_action(
        token,
        "created",
        actor=by,
        data={
            "person": person.email,
            "name": name,
            "scope": scope,
            "expires_at": token.expires_at.isoformat() if token.expires_at else None,
        },
    )
    return token, secret


@transaction.atomic
def revoke_token(*, token: ApiToken, by=None) -> ApiToken:
    """Stop a token from working at once (idempotent)."""
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if updated:
        token.refresh_from_db(fields=["revoked_at"])
        log_action(token, "revoked", actor=by, data={"person": token.person.email})
    return token


def use_token(*, secret: str) -> ApiToken | None:
    """The active token with this secret (with its person), its last use recorded; else None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("person")
        .filter(digest=token_digest(secret), revoked_at__isnull=True, person__is_active=True)
        .first()
    )
    if token is None or (token.expires_at is not None and token.expires_at <= now):
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USE_RESOLUTION:
        token.last_used_at = now
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
