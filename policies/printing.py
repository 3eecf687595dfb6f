"""The policy as a PDF (WeasyPrint, A4), one file per published version and language.

A published version never changes, so each PDF is rendered once and kept in the data folder;
the layout number in the file name lets a new layout replace old files.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from core.fonts import font_urls

from .models import PolicyVersion

LAYOUT = 1


def policy_html(version: PolicyVersion, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "policies/print.html",
            {
                "version": version,
                "language": version.body_language(language),
                "title": version.policy.title(language),
                "fonts": font_urls(),
                "base_url": settings.ACADEMY_BASE_URL,
            },
        )


def policy_pdf(version: PolicyVersion, language: str) -> Path:
    """The PDF of a published version in `language`: from the data folder, or rendered now."""
    if not version.is_published:
        raise ValueError("Only published versions are printed.")
    folder = Path(settings.DATA_DIR) / "policies"
    path = (
        folder
        / f"policy-{version.number}-{language}-{int(version.published_at.timestamp())}-v{LAYOUT}.pdf"
    )
    if path.exists():
        return path
    from weasyprint import HTML

    folder.mkdir(parents=True, exist_ok=True)
    data = HTML(string=policy_html(version, language), base_url=str(settings.BASE_DIR)).write_pdf()
    # Write then rename, so that a concurrent reader never sees half a file.
    handle, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(tmp, path)
    return path
