"""The PDF certificate (WeasyPrint, A4 landscape), in the holder's language, with a QR code to
the verification page. Rendered once per status and kept in the data folder."""

import base64
import mimetypes
import os
import tempfile
import zlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from core import branding
from core.fonts import font_urls

from . import images, issuer, signing

QR_CACHE_SECONDS = 30 * 24 * 3600


@lru_cache(maxsize=2048)
def qr_data_uri(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=0)


def _colour(frozen: str) -> str:
    """The colour the credential was issued under; older credentials take today's."""
    return frozen if branding.HEX_COLOUR.match(frozen or "") else branding.current().primary


def verify_qr(code: str, url: str) -> str:
    """The QR code of a credential's verification page, drawn once per credential: drawing it
    costs more than the rest of the page, and the cache keeps it for every web process."""
    # The address is in the key too: a new ACADEMY_BASE_URL draws new codes.
    key = f"certification:qr:{code}:{zlib.crc32(url.encode())}"
    data = cache.get(key)
    if data is None:
        data = qr_data_uri(url)
        cache.set(key, data, QR_CACHE_SECONDS)
    return data


def logo_source(url: str, base_url: str) -> str:
    """The issuer's logo for WeasyPrint: a static file of this site read from disk (as a data
    URI, so no request goes to the site itself), any other address as it is."""
    if images.is_own(url, base_url):
        local = images.local_static(url)
        if local is None:
            return ""
        kind = mimetypes.guess_type(local.name)[0] or "application/octet-stream"
        return f"data:{kind};base64," + base64.b64encode(local.read_bytes()).decode()
    return url


def _logo(credential) -> str:
    frozen = (credential.snapshot.get("issuer") or {}).get("image")
    url = frozen or issuer.branding(credential.language)["image"]
    return logo_source(url, credential.snapshot.get("base_url") or settings.ACADEMY_BASE_URL)


def certificate_html(credential, language: str | None = None) -> str:
    """The certificate's HTML in `language` (the holder's by default): the frozen texts in that
    language, the labels translated."""
    language = language or credential.language
    url = signing.verify_url(credential, credential.snapshot.get("base_url"))
    with translation.override(language):
        return render_to_string(
            "certification/certificate.html",
            {
                "credential": credential,
                "title": credential.snapshot_text("title", language),
                "criteria": credential.snapshot_text("criteria", language),
                "issuer_name": credential.snapshot.get("issuer_name", ""),
                "logo": _logo(credential),
                "badge": "data:image/png;base64,"
                + base64.b64encode(images.credential_artwork(credential)).decode(),
                "brand_colour": _colour(credential.snapshot.get("brand_colour", "")),
                "status": credential.current_status,
                "status_label": credential.current_status_label,
                "verify_url": url,
                "qr": qr_data_uri(url),
                "fonts": font_urls(),
                "language": language,
            },
        )


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _folder() -> Path:
    return Path(settings.DATA_DIR) / "certificates"


def _name(credential, language: str) -> str:
    expires = int(credential.expires_at.timestamp()) if credential.expires_at else 0
    return f"{credential.code}-{credential.current_status}-{expires}-{language}.pdf"


def certificate_pdf(credential, language: str | None = None) -> Path:
    """The certificate as it is now, in `language` (the holder's by default): from the cache
    folder, or rendered and stored."""
    language = language or credential.language
    folder = _folder()
    path = folder / _name(credential, language)
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    data = render_pdf(certificate_html(credential, language))
    # Write then rename, so a reader never sees half a file; drop older renderings.
    handle, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(tmp, path)
    # Drop renderings of an older status or expiry (other languages of this one stay).
    for old in folder.glob(f"{credential.code}-*.pdf"):
        if old != path and not old.name.startswith(path.name.rsplit("-", 1)[0] + "-"):
            old.unlink(missing_ok=True)
    return path
