"""The DejaVu fonts WeasyPrint embeds (subset) in the PDFs: certificates and printed policies."""

from functools import lru_cache
from pathlib import Path

FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu"]


@lru_cache(maxsize=1)
def font_urls() -> dict[str, str]:
    """file:// URLs of DejaVu Sans (regular, bold) and Serif; empty where they are missing."""
    for folder in FONT_DIRS:
        regular = Path(folder) / "DejaVuSans.ttf"
        if regular.exists():
            return {
                "regular": regular.as_uri(),
                "bold": (Path(folder) / "DejaVuSans-Bold.ttf").as_uri(),
                "serif": (Path(folder) / "DejaVuSerif.ttf").as_uri(),
            }
    return {}
