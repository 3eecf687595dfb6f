"""What the public pages show: the verification page of an issued credential and the page of
an achievement (the URL a credential's `achievement.id` names), and its JSON-LD form."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from . import certificate, issuer, sharing, signing

OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
LINKEDIN_POST = "https://www.linkedin.com/sharing/share-offsite/"


def _issuer_of(credential) -> dict:
    """The issuer as frozen in the credential, with today's logo for credentials issued
    before the issuer's details were frozen."""
    current = issuer.branding(
        credential.language, issuer_name=credential.snapshot.get("issuer_name")
    )
    return {**current, **(credential.snapshot.get("issuer") or {})}


def verification_context(credential, *, language: str) -> dict:
    """Everything the public verification page shows, in the visitor's language where the
    credential was frozen in it."""
    snap = credential.snapshot
    url = signing.verify_url(credential)
    title = credential.snapshot_text("title", language)
    holder = credential.holder_name
    description = credential.snapshot_text("description", language)
    status = credential.current_status
    slug = snap.get("definition") or credential.definition.slug
    image = snap.get("achievement_image") or signing.achievement_image_url(slug)
    share_text = _("%(name)s holds %(title)s") % {"name": holder, "title": title}
    return {
        "credential": credential,
        "title": title,
        "description": description,
        "criteria": credential.snapshot_text("criteria", language),
        "skills": (snap.get("skills") or {}).get(language) or [],
        "issuer": _issuer_of(credential),
        "status": status,
        "verify_url": url,
        "image_url": image,
        "achievement_url": snap.get("achievement_id") or signing.achievement_url(slug),
        "qr": certificate.verify_qr(credential.code, url),
        "share_text": share_text,
        "og_description": description or credential.snapshot_text("criteria", language),
        "linkedin_add": sharing.linkedin_url(credential) if credential.is_valid else "",
        "linkedin_post": f"{LINKEDIN_POST}?{urlencode({'url': url})}",
        "email_share": "mailto:?"
        + urlencode({"subject": share_text, "body": f"{share_text}: {url}"}, quote_via=_quote),
        "pdf_languages": [
            (code, name, reverse("credential_pdf", args=[credential.code]) + f"?lang={code}")
            for code, name in settings.LANGUAGES
        ],
    }


def _quote(text, safe="", encoding=None, errors=None):
    # mailto: wants %20 for spaces, not "+".
    from urllib.parse import quote

    return quote(text, safe=safe, encoding=encoding, errors=errors)


def _rules(definition, language: str) -> list[str]:
    return [rule.describe(language) for rule in definition.rules.all()]


def achievement_context(definition, *, language: str) -> dict:
    from .selectors import skills_of

    return {
        "definition": definition,
        "title": definition.title(language),
        "description": definition.description(language),
        "criteria": definition.criteria(language),
        "rules": _rules(definition, language),
        "skills": skills_of(definition, language),
        "issuer": issuer.branding(language),
        "image_url": signing.achievement_image_url(definition.slug),
        "url": signing.achievement_url(definition.slug),
        "jsonld": _script_json(achievement_document(definition, language=language)),
    }


def _script_json(document: dict) -> str:
    """JSON safe inside a <script> element (as Django's json_script escapes it)."""
    import json

    from django.utils.safestring import mark_safe

    text = json.dumps(document, ensure_ascii=False)
    escaped = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(escaped)  # noqa: S308 - escaped above


def achievement_document(definition, *, language: str) -> dict:
    """The Open Badges 3.0 `Achievement` (JSON-LD) a credential's `achievement.id` names."""
    from .selectors import skills_of

    url = signing.achievement_url(definition.slug)
    title = definition.title(language)
    profile = issuer.profile_document(language)
    document = {
        "@context": OB3_CONTEXT,
        "id": url,
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": title,
        "description": definition.description(language) or title,
        "criteria": {"id": url, "narrative": definition.criteria(language) or title},
        "image": {"id": signing.achievement_image_url(definition.slug), "type": "Image"},
        "creator": {key: value for key, value in profile.items() if key != "@context"},
        "inLanguage": language,
    }
    skills = skills_of(definition, language)
    if skills:
        document["tag"] = skills
    return document
