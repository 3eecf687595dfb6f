"""What a holder shares: the LinkedIn "add to profile" link and the email-signature snippet."""

from urllib.parse import urlencode

from django.utils.html import escape
from django.utils.translation import gettext as _

from . import signing

LINKEDIN_ADD = "https://www.linkedin.com/profile/add"


def linkedin_fields(credential) -> dict:
    """The certification fields LinkedIn asks for, also shown for copying."""
    from . import issuer

    fields = {"name": credential.title}
    organization_id = issuer.linkedin_organization_id()
    if organization_id:
        fields["organizationId"] = organization_id
    fields |= {
        "organizationName": credential.snapshot.get("issuer_name", ""),
        "issueYear": credential.issued_at.year,
        "issueMonth": credential.issued_at.month,
    }
    if credential.expires_at:
        fields["expirationYear"] = credential.expires_at.year
        fields["expirationMonth"] = credential.expires_at.month
    fields["certUrl"] = signing.verify_url(credential)
    fields["certId"] = credential.serial
    return fields


def linkedin_url(credential) -> str:
    return f"{LINKEDIN_ADD}?" + urlencode(
        {"startTask": "CERTIFICATION_NAME", **linkedin_fields(credential)}
    )


def signature_snippet(credential) -> dict | None:
    """HTML and plain-text signature lines, only for a valid credential that offers a title."""
    title = credential.snapshot_text("signature_title")
    if not title or not credential.is_valid:
        return None
    url = signing.verify_url(credential)
    image = f"{url}signature.png"
    alt = _("%(title)s, verified credential %(serial)s") % {
        "title": title,
        "serial": credential.serial,
    }
    # border="0" rather than a style: email clients honour it, and the preview of this snippet on
    # the holder's page then needs no inline style (the Content-Security-Policy forbids one).
    html = (
        f"{escape(credential.holder_name)}<br>{escape(title)}<br>"
        f'<a href="{escape(url)}"><img src="{escape(image)}" width="300" height="56" '
        f'alt="{escape(alt)}" border="0"></a>'
    )
    text = f"{credential.holder_name}\n{title}\n{_('Verify')}: {url}"
    return {"title": title, "html": html, "text": text, "image": image}
