"""Cover images of programmes and modules: uploaded, or drawn in the academy's colours."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from courses.templatetags.covers import cover, generated_cover

from .factories import ModuleFactory

pytestmark = pytest.mark.django_db


def _png(size=(1200, 450)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 80, 160)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_module_without_an_upload_gets_a_cover_in_the_brand_colours(settings):
    settings.ACADEMY_PRIMARY_COLOUR = "#0f5132"
    html = generated_cover("Speaking as an employee", "speaking")
    assert html.startswith('<svg class="cover"') and 'aria-hidden="true"' in html
    assert ">SA</text>" in html
    assert html == generated_cover("Speaking as an employee", "speaking")  # stable per module
    assert html != generated_cover("Speaking as an employee", "other")


def test_an_uploaded_cover_is_shown_and_served_to_signed_in_people(client_for, learner, media):
    module = ModuleFactory(slug="linkedin")
    module.cover = SimpleUploadedFile("cover.png", _png(), content_type="image/png")
    module.full_clean()
    module.save()
    html = cover(module)
    assert html.startswith('<img class="cover" src="/learn/covers/module/linkedin?v=')
    url = reverse("courses:cover", args=["module", "linkedin"])
    response = client_for(learner).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert client_for(None).get(url).status_code == 302  # to the sign-in page


def test_a_module_falls_back_to_its_programmes_cover(media):
    module = ModuleFactory(slug="video")
    programme = module.programme
    programme.cover = SimpleUploadedFile("p.png", _png(), content_type="image/png")
    programme.save()
    assert f"/learn/covers/programme/{programme.slug}?v=" in cover(module, programme)


def test_a_cover_that_is_not_an_image_or_too_large_is_refused(media):
    from django.forms import modelform_factory

    module = ModuleFactory()
    form = modelform_factory(type(module), fields=["cover"])(
        data={},
        files={"cover": SimpleUploadedFile("cover.png", b"not an image")},
        instance=module,
    )
    assert not form.is_valid() and "cover" in form.errors  # what the admin uses
    module.cover = SimpleUploadedFile("big.png", b"x" * (2 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="larger than 2 MB"):
        module.full_clean()


def test_a_missing_cover_is_a_404(client_for, learner):
    ModuleFactory(slug="plain")
    client = client_for(learner)
    assert client.get(reverse("courses:cover", args=["module", "plain"])).status_code == 404
    assert client.get(reverse("courses:cover", args=["lesson", "plain"])).status_code == 404
