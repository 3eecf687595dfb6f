"""Where uploaded and generated files live: private files apart from public media.

Private files (assignment submissions, exports of people's data) are kept in
`PRIVATE_MEDIA_ROOT` (`ACADEMY_DATA_DIR/private`), the default storage. They have no URL: only
views that check permission hand them out. Public media (video files of video steps, badge
images) lives in `MEDIA_ROOT` (`ACADEMY_DATA_DIR/media`) and is served at `MEDIA_URL`.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    """Files handed out only by permission-checked views: they have no URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("A private file has no URL; a view that checks permission serves it.")


def public_storage():
    """The storage of media anyone may download by URL (video files, badge images)."""
    return storages["public"]


def move_to_private(folder: str):
    """A migration step: move `folder` (e.g. "exports") from public media to private storage.

    Installations from before the split kept private files under MEDIA_ROOT; the stored names
    stay the same, only the folder they are found in changes.
    """

    def forwards(apps, schema_editor):
        import shutil
        from pathlib import Path

        source = Path(settings.MEDIA_ROOT) / folder
        if not source.is_dir():
            return
        target = Path(settings.PRIVATE_MEDIA_ROOT) / folder
        target.mkdir(parents=True, exist_ok=True)
        for item in source.iterdir():
            shutil.move(str(item), str(target / item.name))
        source.rmdir()

    return forwards
