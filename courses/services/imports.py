"""Importing course-as-code uploaded on the web: check it (every problem at once, the same
checker as `academy import-programme`), keep it while the programme team reads what it would
change, then import it on confirmation. New programmes and modules arrive as drafts.
"""

import io
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import log_action

from .. import coursecode
from ..models import Programme, ProgrammeUpload
from ..models.uploads import MAX_UPLOAD_BYTES
from ..permissions import is_programme_team

# A ZIP may hold at most this much once unpacked, and this many files (a programme folder has
# programme.yaml and one file per module).
MAX_UNPACKED_BYTES = 32 * 1024 * 1024
MAX_ZIP_FILES = 200
YAML_SUFFIXES = (".yaml", ".yml")


class UploadProblems(Exception):
    """The upload cannot be imported; `problems` are its lines, `file:line: what is wrong`."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _check(actor) -> None:
    if not is_programme_team(actor):
        raise PermissionDenied


def _unpack(filename: str, data: bytes, into: Path) -> Path:
    """Write the YAML files of a ZIP below `into`; the folder holding programme.yaml."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, ValueError):
        raise UploadProblems(
            [f"{filename}:1: " + _("this is not a ZIP file that can be read")]
        ) from None
    if len(members) > MAX_ZIP_FILES or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise UploadProblems(
            [f"{filename}:1: " + _("the ZIP file holds more than one programme folder would")]
        )
    heads = []
    for member in members:
        path = PurePosixPath(member.filename)
        if path.is_absolute() or ".." in path.parts or "\\" in member.filename:
            raise UploadProblems(
                [f"{filename}:1: " + _("the ZIP file names a path outside its own folder")]
            )
        if path.suffix not in YAML_SUFFIXES or path.name.startswith("."):
            continue  # READMEs, images, editors' files: not part of the programme
        target = into.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(archive.read(member))
        if path.name == coursecode.FOLDER_PROGRAMME_FILE:
            heads.append(target.parent)
    if len(heads) != 1:
        raise UploadProblems(
            [
                f"{filename}:1: "
                + _("the ZIP file must hold exactly one folder with a %(file)s")
                % {"file": coursecode.FOLDER_PROGRAMME_FILE}
            ]
        )
    return heads[0]


def _preview(filename: str, data: bytes, *, write: bool = False) -> coursecode.ImportResult:
    """What importing the upload would change (or, with `write`, import it)."""
    try:
        if filename.lower().endswith(".zip"):
            with tempfile.TemporaryDirectory() as folder:
                root = Path(folder)
                head = _unpack(filename, data, root)
                document = coursecode.parse_folder(head, label=_folder_label(filename, head, root))
                return coursecode.import_documents([document], dry_run=not write)
        if not filename.lower().endswith(YAML_SUFFIXES):
            raise UploadProblems(
                [
                    f"{filename}:1: "
                    + _("upload a programme as a .yaml file or a .zip of its folder")
                ]
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UploadProblems([f"{filename}:1: " + _("the file is not UTF-8 text")]) from None
        document = coursecode.parse_text(text, label=filename)
        return coursecode.import_documents([document], dry_run=not write)
    except coursecode.CourseCodeError as error:
        raise UploadProblems([str(problem) for problem in error.problems]) from None


def _folder_label(filename: str, head: Path, root: Path) -> str:
    """How problems name the folder inside the ZIP: `programme.zip/folder`."""
    inside = head.relative_to(root).as_posix()
    return filename if inside == "." else f"{filename}/{inside}"


def check_upload(*, actor, filename: str, data: bytes):
    """Check an uploaded YAML file or ZIP and keep it for confirmation; returns the upload and
    what importing it would change. UploadProblems lists every problem; nothing is kept."""
    _check(actor)
    filename = Path(filename or "programme.yaml").name
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadProblems(
            [
                f"{filename}:1: "
                + _("the file is larger than %(mb)d MB") % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
            ]
        )
    result = _preview(filename, data)
    upload = ProgrammeUpload.objects.create(
        uploaded_by=actor, filename=filename, content=data, programmes=result.programmes
    )
    return upload, result


def preview_upload(*, actor, upload: ProgrammeUpload) -> coursecode.ImportResult:
    """What the kept upload would change now (the academy may have changed since the check)."""
    _check(actor)
    return _preview(upload.filename, bytes(upload.content))


@transaction.atomic
def import_upload(*, actor, upload: ProgrammeUpload) -> coursecode.ImportResult:
    """Import a checked upload (once); new programmes and modules arrive as drafts."""
    _check(actor)
    upload = ProgrammeUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.imported_at is not None:
        raise UploadProblems(
            [f"{upload.filename}:1: " + _("this file was imported already; upload it again")]
        )
    result = _preview(upload.filename, bytes(upload.content), write=True)
    upload.imported_at = timezone.now()
    upload.save(update_fields=["imported_at"])
    for programme in Programme.objects.filter(slug__in=result.programmes):
        log_action(
            programme,
            "courses.programme.imported",
            actor=actor,
            data={"file": upload.filename, "changes": result.by_kind()},
        )
    return result
