"""Every page carries a Content-Security-Policy without inline script or style, and a
Permissions-Policy; no template needs an exception to them."""

import re
from pathlib import Path

import pytest

from academy.security import content_security_policy, origin_of

ROOT = Path(__file__).resolve().parents[2]
# Rendered to PDF by WeasyPrint on the server, never sent to a browser as a page.
PDF_TEMPLATES = {
    "certification/templates/certification/certificate.html",
    "policies/templates/policies/print.html",
}


def directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/policy/", "/status/"])
def test_public_pages_forbid_inline_and_foreign_scripts(client, db, path):
    policy = directives(client.get(path))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]


def test_signed_in_pages_carry_the_policy_too(client_for, learner):
    response = client_for(learner).get("/home/", follow=True)
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


def test_pages_deny_camera_microphone_and_location(client, db):
    header = client.get("/accounts/login/").headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in header


def test_video_hosts_are_the_only_frames_allowed():
    policy = content_security_policy(video_embed_hosts=["youtube-nocookie.com"])
    assert policy["frame-src"] == ["https://youtube-nocookie.com", "https://*.youtube-nocookie.com"]
    assert content_security_policy(video_embed_hosts=[])["frame-src"] == ["'none'"]


def test_object_storage_logo_and_sign_on_hosts_are_allowed_where_needed():
    policy = content_security_policy(
        video_embed_hosts=[],
        s3_bucket="academy",
        s3_endpoint_url="https://s3.example.net:9000/path",
        logo="https://cdn.example.com/logo.svg",
        sign_on_urls=["https://login.example.com/realms/staff", ""],
    )
    assert "https://s3.example.net:9000" in policy["img-src"]
    assert "https://s3.example.net:9000" in policy["media-src"]
    assert "https://cdn.example.com" in policy["img-src"]
    assert policy["form-action"] == ["'self'", "https://login.example.com"]
    assert "https://cdn.example.com" not in policy["script-src"]


def test_amazon_s3_without_an_endpoint_allows_amazon_hosts_for_media():
    policy = content_security_policy(video_embed_hosts=[], s3_bucket="academy")
    assert "https://*.amazonaws.com" in policy["img-src"]


def test_a_logo_path_under_static_files_adds_no_host():
    assert origin_of("academy/logo.svg") == ""
    assert origin_of("javascript:alert(1)") == ""
    policy = content_security_policy(video_embed_hosts=[], logo="academy/logo.svg")
    assert policy["img-src"] == ["'self'", "data:"]


INLINE = [
    (
        re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I),
        "inline script",
    ),
    (re.compile(r"<style\b", re.I), "style element"),
    (re.compile(r"""\sstyle=["'{]""", re.I), "style attribute"),
    (re.compile(r"""\son[a-z]+=["']""", re.I), "event-handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: address"),
]


def test_no_template_needs_inline_script_or_style():
    found = []
    for path in sorted(ROOT.glob("*/templates/**/*.html")):
        relative = path.relative_to(ROOT).as_posix()
        # PDFs and emails are never pages of the academy: email clients need inline styles.
        if relative in PDF_TEMPLATES or "/email/" in relative or relative.startswith(".venv"):
            continue
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{relative}:{line}: {what}")
    assert not found, "\n".join(found)
