"""The design system: branding from settings, one form renderer, branded error pages, the
status page for people and the component page."""

import os
from pathlib import Path

import pytest
from django.core import mail
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from core import branding
from core.checks import branding_is_readable
from core.templatetags.academy_design import avatar, initials, progress_ring

SKIPPED = {"node_modules", "var", "__pycache__"}


@pytest.fixture
def rebranded(settings):
    settings.ACADEMY_NAME = "Brightwater Academy"
    settings.ACADEMY_PRIMARY_COLOUR = "#0f5132"
    settings.ACADEMY_LOGO = "https://cdn.example/brightwater.svg"
    return settings


def test_pages_carry_the_academy_name_logo_and_colour_from_settings(client, db, rebranded):
    page = client.get("/").content.decode()
    assert "<title>Welcome · Brightwater Academy</title>" in page
    assert 'src="https://cdn.example/brightwater.svg"' in page
    assert 'href="/brand.css?v=0f5132"' in page
    css = client.get("/brand.css").content.decode()
    assert "--brand:#0f5132" in css and "--on-brand:#ffffff" in css


def test_the_landing_page_welcomes_with_the_academy_name_and_a_sign_in(client, db, rebranded):
    page = client.get("/").content.decode()
    assert '<h1 id="landing-title">Brightwater Academy</h1>' in page
    assert 'href="/accounts/login/"' in page
    assert "How it works" in page


def test_the_default_colour_needs_no_extra_stylesheet(client, db):
    page = client.get("/").content.decode()
    assert "/brand.css" not in page
    assert "Social Media Academy" in page


def test_a_light_brand_colour_gets_dark_text_on_buttons_and_a_warning(settings):
    settings.ACADEMY_PRIMARY_COLOUR = "#ffd966"
    assert branding.current().on_primary == "#161a23"
    assert [w.id for w in branding_is_readable(None)] == ["core.W005"]


def test_a_malformed_brand_colour_falls_back_to_the_default_with_a_warning(settings):
    settings.ACADEMY_PRIMARY_COLOUR = "teal; } body { display:none"
    assert branding.current().primary == branding.DEFAULT_PRIMARY
    assert [w.id for w in branding_is_readable(None)] == ["core.W004"]


def test_emails_are_signed_with_the_academy_name(db, rebranded, learner):
    from community.models import Nudge
    from community.tasks import send_nudge
    from tests.factories import PersonFactory

    champion = PersonFactory(unit=learner.unit, is_trainer=True)
    nudge = Nudge.objects.create(learner=learner, champion=champion)
    send_nudge.call(nudge.pk)
    assert "Brightwater Academy" in mail.outbox[0].subject
    assert mail.outbox[0].body.rstrip().endswith("Brightwater Academy")


def test_the_certificate_uses_the_colour_frozen_at_issue(rebranded):
    from certification.certificate import _colour

    assert _colour("#123456") == "#123456"
    assert _colour("") == "#0f5132"
    assert _colour("red;}") == "#0f5132"


def test_badge_artwork_is_drawn_in_the_brand_colour(rebranded):
    import io

    from PIL import Image

    from certification.images import default_badge

    image = Image.open(io.BytesIO(default_badge("Social Media Certified", 1))).convert("RGB")
    assert image.getpixel((30, 200)) == (0x0F, 0x51, 0x32)
    other = Image.open(io.BytesIO(default_badge("Certified", 1, colour="#7a1f5c"))).convert("RGB")
    assert other.getpixel((30, 200)) == (0x7A, 0x1F, 0x5C)


def test_login_shows_remember_me_beside_its_checkbox_without_a_colon(client, db):
    page = client.get("/accounts/login/").content.decode()
    start = page.index('<div class="field check')
    block = page[start : page.index("</div>", start)]
    assert 'type="checkbox"' in block
    assert block.index('type="checkbox"') < block.index("<label")
    assert "Remember Me:" not in page and "Remember Me" in block


def test_the_awareness_session_form_renders_like_every_other_form(client_for, programme):
    page = client_for(programme).get("/awareness/new/").content.decode()
    assert page.count('<div class="field') >= 5
    assert "<fieldset" in page  # the attendees, as a group with a legend
    assert "<p><label" not in page  # not Django's default as_p layout


def test_a_form_error_is_linked_to_its_field(client_for, programme):
    response = client_for(programme).post("/awareness/new/", {"title": ""})
    page = response.content.decode()
    assert 'class="field has-error"' in page
    assert 'aria-invalid="true"' in page


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Page not found"), ("nl", "Pagina niet gevonden")]
)
def test_the_404_page_is_branded_and_translated(client, db, language, heading):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert 'class="site-header"' in page


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "You cannot open this page"), ("nl", "Je kunt deze pagina niet openen")],
)
def test_the_403_page_is_branded_and_translated(client_for, learner, language, heading):
    learner.language = language  # a signed-in person reads pages in their own language
    learner.save(update_fields=["language"])
    response = client_for(learner).get("/programme/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 403
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_the_500_page_renders_without_a_request_context(db, rebranded):
    with translation.override("en"):
        response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in page and "Brightwater Academy" in page


def test_the_footer_status_link_opens_a_page_for_people(client, db):
    assert 'href="/status/"' in client.get("/").content.decode()
    response = client.get("/status/")
    assert response.status_code == 200
    assert "All systems are working." in response.content.decode()


def test_the_status_page_says_when_something_is_broken(client, db, forgetful_cache):
    response = client.get("/status/")
    assert response.status_code == 503
    assert "Not working" in response.content.decode()


def test_the_component_page_shows_every_component(client, db):
    page = client.get("/design/").content.decode()
    for component in (
        "swatches",
        "button",
        "card",
        "badge ok",
        "table-wrap",
        "stacked",
        "stat-value",
        "tabs",
        "alert",
        "empty",
        "ring",
        "avatar",
        "field has-error",
    ):
        assert component in page, component


def test_avatars_show_initials_and_stay_decorative():
    assert initials("Sam de Vries") == "SV"
    assert initials("Madonna") == "MA"
    assert initials("") == "?"
    html = avatar("Sam de Vries")
    assert 'aria-hidden="true"' in html and ">SV<" in html
    assert avatar("Sam de Vries") == avatar("Sam de Vries")  # the same colour every time


def test_a_progress_ring_says_its_percentage_in_words():
    html = progress_ring(3, 4)
    assert 'aria-label="75% complete"' in html and 'stroke-dasharray="75 25"' in html
    assert "complete" in progress_ring(4, 4).split('"')[1]
    assert 'aria-label="0% complete"' in progress_ring(0, 0)


def test_no_source_file_keeps_a_merge_conflict_marker():
    # A marker left in the stylesheet silently drops the rules around it.
    root = Path(__file__).resolve().parents[2]
    suffixes = (".py", ".html", ".css", ".js", ".txt", ".po", ".yaml", ".toml")
    marked = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [s for s in subfolders if not s.startswith(".") and s not in SKIPPED]
        for name in files:
            if name.endswith(suffixes):
                lines = (Path(folder) / name).read_text(errors="ignore").splitlines()
                if any(line.startswith(("<<<<<<< ", ">>>>>>> ")) for line in lines):
                    marked.append(name)
    assert not marked


def test_badge_artwork_shows_the_whole_academy_name():
    from certification.images import default_badge

    whole = default_badge("Certified", 1, academy="Brightwater Social Media Academy")
    # A name too long for one line is drawn smaller or on two lines, never cut short.
    assert whole != default_badge("Certified", 1, academy="Brightwater Social Media")


def test_an_issued_badge_keeps_its_title_in_the_holders_language_colour_and_issuer(
    db, rebranded, learner, tmp_path
):
    rebranded.DATA_DIR = tmp_path  # the issuer's key
    from certification import services
    from certification.images import credential_artwork, default_badge
    from tests.certification.factories import DefinitionFactory

    learner.language = "nl"
    learner.save()
    definition = DefinitionFactory(title_en="Certified", title_nl="Gecertificeerd", level=1)
    credential = services.issue(person=learner, definition=definition)
    rebranded.ACADEMY_PRIMARY_COLOUR = "#7a1f5c"  # a later rebrand changes nothing issued
    rebranded.ACADEMY_NAME = "Another Academy"
    expected = default_badge(
        "Gecertificeerd", 1, colour="#0f5132", academy=credential.snapshot["issuer_name"]
    )
    assert credential_artwork(credential) == expected
    assert credential.snapshot["issuer_name"] == "Brightwater Academy"


def test_badge_artwork_carries_the_academy_logo_when_it_is_a_picture_of_this_site(
    db, rebranded, tmp_path
):
    import io

    from PIL import Image

    from certification.images import badge_base
    from tests.certification.factories import DefinitionFactory

    Image.new("RGB", (64, 64), (255, 0, 0)).save(tmp_path / "logo.png")
    rebranded.STATICFILES_DIRS = [tmp_path]
    rebranded.ACADEMY_LOGO = "logo.png"
    definition = DefinitionFactory(title_en="Certified", level=1)
    drawn = Image.open(io.BytesIO(badge_base(definition))).convert("RGB")
    assert drawn.getpixel((200, 122)) == (255, 0, 0)  # the middle of the logo
    rebranded.ACADEMY_LOGO = "https://cdn.example/brightwater.svg"  # nothing is fetched
    drawn = Image.open(io.BytesIO(badge_base(definition))).convert("RGB")
    assert drawn.getpixel((200, 122)) != (255, 0, 0)
