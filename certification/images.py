"""Badge images: the Open Badges PNG with the signed credential baked in, and the small status
image for email signatures (it shows the status now, so a revoked credential stops advertising)."""

import io
from functools import lru_cache

from django.utils import translation
from django.utils.translation import gettext as _

from core.fonts import FONT_DIRS

COLOURS = {
    "valid": ((30, 107, 52), (255, 255, 255)),
    "expired": ((110, 110, 110), (255, 255, 255)),
    "suspended": ((160, 90, 0), (255, 255, 255)),
    "revoked": ((161, 29, 29), (255, 255, 255)),
}
LEVEL_COLOURS = [(31, 78, 121), (20, 110, 120), (120, 60, 140), (150, 100, 20)]


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


def default_badge(title: str, level: int) -> bytes:
    """A round badge with the credential's title, for definitions without their own image."""
    from PIL import Image, ImageDraw

    size = 400
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    colour = LEVEL_COLOURS[(level - 1) % len(LEVEL_COLOURS)]
    draw.ellipse((8, 8, size - 8, size - 8), fill=colour, outline=(255, 255, 255), width=10)
    draw.ellipse((36, 36, size - 36, size - 36), outline=(255, 255, 255, 160), width=3)
    font = _font(34, bold=True)
    lines = _wrap(draw, title, font, 270)[:4]
    y = size / 2 - len(lines) * 22
    for line in lines:
        draw.text((size / 2, y), line, font=font, fill="white", anchor="ma")
        y += 44
    return _png(image)


def badge_base(definition) -> bytes:
    if definition.image:
        with definition.image.open("rb") as handle:
            data = handle.read()
        if data.startswith(b"\x89PNG"):
            return data
    return default_badge(definition.title("en"), definition.level)


def baked_badge(credential) -> bytes:
    """The badge PNG with the signed Open Badges 3.0 credential (JSON) in its iTXt chunk."""
    import json

    from openbadgeslib import baking

    text = json.dumps(json.loads(credential.signed_json), ensure_ascii=False, separators=(",", ":"))
    return baking.bake_png(badge_base(credential.definition), text, keyword=baking.ITXT_KEYWORD_OB3)


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
