"""The Content-Security-Policy the academy sends with every response (django-csp applies it).

Scripts, styles and fonts come only from the academy itself: no page has an inline script, an
inline style or an event-handler attribute (tests/academy/test_security_headers.py keeps it so),
and htmx's own inline indicator style is switched off in base.html. Images and media may also come
from object storage (uploads on S3 are handed out as signed addresses there) and the branding
logo's host; frames only from the video hosts a video step may embed; forms post only to the
academy and to the single sign-on provider it hands a sign-in over to.
"""

from urllib.parse import urlsplit

from csp.constants import NONE, SELF


def origin_of(url: str) -> str:
    """scheme://host[:port] of an absolute http(s) address, or "" for anything else."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(
    *,
    video_embed_hosts: list[str],
    s3_bucket: str = "",
    s3_endpoint_url: str = "",
    logo: str = "",
    sign_on_urls: list[str] = (),
) -> dict[str, list[str]]:
    """The policy's directives for this configuration."""
    storage = []
    if s3_bucket:
        storage = [origin_of(s3_endpoint_url) or "https://*.amazonaws.com"]
    logo_origin = [origin_of(logo)] if origin_of(logo) else []
    sign_on = [origin for origin in map(origin_of, sign_on_urls) if origin]
    frames = [
        source for host in video_embed_hosts for source in (f"https://{host}", f"https://*.{host}")
    ]
    return {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *storage, *logo_origin],
        "media-src": [SELF, *storage],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": frames or [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF, *sign_on],
        "frame-ancestors": [NONE],
    }
