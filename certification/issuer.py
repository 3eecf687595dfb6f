"""The issuer as credentials and public pages present it: name, logo, web site, email,
description and LinkedIn organisation, from settings (README "Configuration"), and its Open
Badges 3.0 `Profile`, served at /credentials/issuer.json."""

from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.utils.translation import override

from core import branding as core_branding


def name() -> str:
    """ACADEMY_ISSUER_NAME, else the academy's name (ACADEMY_NAME), else "<firm> Social Media
    Academy", else "Social Media Academy"."""
    configured = getattr(settings, "ACADEMY_ISSUER_NAME", "") or getattr(
        settings, "ACADEMY_NAME", ""
    )
    if configured:
        return configured
    from people.models import Unit

    firm = Unit.objects.filter(kind=Unit.Kind.FIRM).order_by("id").first()
    return f"{firm.name} Social Media Academy" if firm else "Social Media Academy"


def _absolute(url: str) -> str:
    return url if "://" in url else settings.ACADEMY_BASE_URL + url


def branding(language: str | None = None, *, issuer_name: str | None = None) -> dict:
    """What the issuer is called and shows, now (credentials freeze it at issue)."""
    with override(language):
        description = getattr(settings, "ACADEMY_ISSUER_DESCRIPTION", "") or _(
            "%(name)s trains the firm's employees to speak for the firm on social media, and "
            "certifies them."
        ) % {"name": issuer_name or name()}
    return {
        "name": issuer_name or name(),
        "url": getattr(settings, "ACADEMY_ISSUER_URL", "") or settings.ACADEMY_BASE_URL + "/",
        "email": getattr(settings, "ACADEMY_ISSUER_EMAIL", "") or settings.DEFAULT_FROM_EMAIL,
        "image": _absolute(
            getattr(settings, "ACADEMY_ISSUER_LOGO", "")
            or core_branding.current().logo_url
            or static("certification/issuer-logo.png")
        ),
        "description": description,
    }


def linkedin_organization_id() -> str:
    return str(getattr(settings, "ACADEMY_LINKEDIN_ORGANIZATION_ID", "") or "")


def profile_document(language: str | None = None) -> dict:
    """The issuer's Open Badges 3.0 Profile (JSON-LD), validated against 1EdTech's schema."""
    from . import signing

    data = branding(language)
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": signing.issuer_did(),
        "type": ["Profile"],
        "name": data["name"],
        "url": data["url"],
        "email": data["email"],
        "description": data["description"],
        "image": {"id": data["image"], "type": "Image"},
    }
