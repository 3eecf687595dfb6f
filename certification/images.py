"""Badge images: the Open Badges PNG with the signed credential baked in, and the small status
image for email signatures (it shows the status now, so a revoked credential stops advertising)."""

import io
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from core import branding
from core.fonts import FONT_DIRS

COLOURS = {
    "valid": ((30, 107, 52), (255, 255, 255)),
    "expired": ((110, 110, 110), (255, 255, 255)),
    "suspended": ((160, 90, 0), (255, 255, 255)),
    "revoked": ((161, 29, 29), (255, 255, 255)),
}


# collectstatic's hashed names: logo.1a2b3c4d5e6f.png -> logo.png
HASHED = re.compile(r"\.[0-9a-f]{12}(\.[^./]+)$")
RASTER = (".png", ".jpg", ".jpeg", ".gif", ".webp")
LOGO_SIZE = 52  # pixels of the logo on the badge
NAME_WIDTH = 200  # pixels the academy's name may take along the bottom of the badge


@lru_cache(maxsize=8)
def _font(size: int, bold: bool = False):
    from pathlib import Path

    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def is_own(url: str, base_url: str = "") -> bool:
    """Whether `url` points at this site (its base URL then or now, or a bare path)."""
    own = {urlsplit(base_url).netloc, urlsplit(settings.ACADEMY_BASE_URL).netloc, ""}
    return urlsplit(url).netloc in own


def local_static(url: str) -> Path | None:
    """The file behind a static URL of this site (hashed by collectstatic or not), if any."""
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.storage import staticfiles_storage

    path = urlsplit(url).path
    if not path.startswith(settings.STATIC_URL):
        return None
    name = unquote(path.removeprefix(settings.STATIC_URL))
    try:
        collected = Path(staticfiles_storage.path(name))
    except NotImplementedError:  # a remote storage
        collected = None
    if collected and collected.is_file():
        return collected
    found = finders.find(HASHED.sub(r"\1", name))
    return Path(found) if found else None


def badge_logo(url: str, base_url: str = "") -> Path | None:
    """The academy's own logo for the badge artwork: a raster file of this site; none for the
    built-in issuer logo, a drawing (SVG) or a logo elsewhere (drawing a badge fetches nothing)."""
    if not url or not is_own(url, base_url) or "certification/issuer-logo" in url:
        return None
    local = local_static(url)
    return local if local and local.suffix.lower() in RASTER else None


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def default_badge(
    title: str, level: int, *, colour: str = "", academy: str = "", logo: Path | None = None
) -> bytes:
    """A round badge in the academy's colour with the credential's title, the level as dots and
    the academy's name, for definitions without their own image."""
    from PIL import Image, ImageDraw

    brand = branding.current()
    colour = colour if branding.HEX_COLOUR.match(colour or "") else brand.primary
    # Higher levels are darker shades of the same colour, so the family reads as one.
    shade = branding.mix(colour, "#000000", min(0.12 * (max(level, 1) - 1), 0.45))
    fill = tuple(int(shade[i : i + 2], 16) for i in (1, 3, 5))
    size = 400
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=fill, outline=(255, 255, 255), width=10)
    draw.ellipse((36, 36, size - 36, size - 36), outline=(255, 255, 255, 160), width=3)
    dots = max(1, min(level, 5))
    for i in range(dots):
        x = size / 2 + (i - (dots - 1) / 2) * 22
        draw.ellipse((x - 6, 64, x + 6, 76), fill="white")
    font = _font(34, bold=True)
    lines = _wrap(draw, title, font, 270)[: 3 if logo else 4]
    y = size / 2 - len(lines) * 22
    if logo:
        # The logo on a white disc below the level dots; the title moves down to make room.
        from PIL import Image

        top = 88
        draw.ellipse(
            (size / 2 - 34, top, size / 2 + 34, top + 68), fill="white", outline=(255, 255, 255)
        )
        with Image.open(logo) as source:
            mark = source.convert("RGBA")
            mark.thumbnail((LOGO_SIZE, LOGO_SIZE))
            image.alpha_composite(
                mark, (int(size / 2 - mark.width / 2), int(top + 34 - mark.height / 2))
            )
        y = max(y, top + 80)
    for line in lines:
        draw.text((size / 2, y), line, font=font, fill="white", anchor="ma")
        y += 44
    # The academy's whole name along the bottom: smaller type for a long name, two lines at most.
    name = (academy or brand.name).upper()
    for points in (15, 14, 13, 12, 11):
        small = _font(points, bold=True)
        name_lines = _wrap(draw, name, small, NAME_WIDTH)
        if len(name_lines) == 1 or (points == 11 and len(name_lines) <= 2):
            break
    name_lines = name_lines[:2]
    y = size - 80 - (len(name_lines) - 1) * (points + 3)
    for line in name_lines:
        draw.text((size / 2, y), line, font=small, fill="white", anchor="ma")
        y += points + 3
    return _png(image)


def badge_base(
    definition,
    *,
    colour: str = "",
    academy: str = "",
    title: str = "",
    language: str = "en",
    logo: str | None = None,
) -> bytes:
    """The definition's own image, or the default artwork with `title` (else the title in
    `language`) and `logo` (an address; None: the academy's logo now)."""
    if definition.image:
        with definition.image.open("rb") as handle:
            data = handle.read()
        if data.startswith(b"\x89PNG"):
            return data
    if logo is None:  # the academy's logo now
        logo = getattr(settings, "ACADEMY_ISSUER_LOGO", "") or branding.current().logo_url
    return default_badge(
        title or definition.title(language),
        definition.level,
        colour=colour,
        academy=academy,
        logo=badge_logo(logo),
    )


def credential_artwork(credential) -> bytes:
    """The badge of an issued credential as it was issued: its colour, the title in the holder's
    language and the issuer's name (a later rebrand or rename leaves it be)."""
    snap = credential.snapshot
    return badge_base(
        credential.definition,
        colour=snap.get("brand_colour", ""),
        academy=snap.get("issuer_name", ""),
        title=credential.snapshot_text("title", credential.language),
        logo=(snap.get("issuer") or {}).get("image"),
    )


def baked_badge(credential) -> bytes:
    """The badge PNG with the signed Open Badges 3.0 credential (JSON) in its iTXt chunk."""
    import json

    from openbadgeslib import baking

    text = json.dumps(json.loads(credential.signed_json), ensure_ascii=False, separators=(",", ":"))
    return baking.bake_png(credential_artwork(credential), text, keyword=baking.ITXT_KEYWORD_OB3)


def signature_image(credential, title: str) -> bytes:
    """A 300x56 image: the signature title and the current status, in words and colour."""
    from PIL import Image, ImageDraw

    status = credential.current_status
    background, foreground = COLOURS[status]
    image = Image.new("RGB", (300, 56), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 299, 55), radius=8, fill=background)
    draw.text((12, 8), title[:34], font=_font(15, bold=True), fill=foreground)
    with translation.override(credential.language):
        label = _("Verified credential") if status == "valid" else credential.current_status_label
    draw.text((12, 31), f"{label} · {credential.serial}", font=_font(12), fill=foreground)
    return _png(image)
