"""Video steps: an uploaded file or an embed from the allow-list, with a transcript."""

from django.utils.translation import gettext as _

from .. import dataspec
from ..models import VideoStep
from .registry import StepKind, register


class VideoKind(StepKind):
    name = "video"
    model = VideoStep
    template_name = "courses/steps/video.html"
    spec = dataspec.specs(
        dataspec.EmbedUrl("embed_url"),
        dataspec.StoredFile("video_file", attr="video"),
        dataspec.Text("transcript"),
    )

    def read(self, data: dict, here, *, extra: tuple = ()) -> dict:
        values = super().read(data, here, extra=extra)
        if not values["embed_url"] and not values["video_file"]:
            here.fail(str(_("a video needs an embed_url or a video_file")))
        return values

    def schema(self) -> dict:
        return {
            "anyOf": [
                {"required": ["embed_url"], "properties": {"embed_url": {"minLength": 1}}},
                {"required": ["video_file"], "properties": {"video_file": {"minLength": 1}}},
            ]
        }


register(VideoKind())
