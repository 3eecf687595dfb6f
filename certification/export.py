"""Bulk export for the programme team: the certificates (PDF, in each holder's language) and the
signed credentials (JSON) of a filtered set of holders as one ZIP, made in a background task
that reports its progress, kept in ACADEMY_DATA_DIR/exports and served only to the programme
team."""

import csv
import io
import os
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from . import certificate, signing
from .models import CredentialExport, IssuedCredential

PROGRESS_EVERY = 10


def folder() -> Path:
    return Path(settings.DATA_DIR) / "exports"


def selected(filters: dict):
    """The credentials a filter selects: definition slug, status as verifiers see it, unit
    (with the units below it)."""
    from people.selectors import descendant_unit_ids

    credentials = IssuedCredential.objects.select_related("definition", "person").order_by("id")
    if filters.get("definition"):
        credentials = credentials.filter(definition__slug=filters["definition"])
    status = filters.get("status")
    now = timezone.now()
    if status == IssuedCredential.Status.VALID:
        credentials = credentials.filter(status=status).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )
    elif status == IssuedCredential.Status.EXPIRED:
        credentials = credentials.filter(
            Q(status=status) | Q(status=IssuedCredential.Status.VALID, expires_at__lte=now)
        )
    elif status:
        credentials = credentials.filter(status=status)
    if filters.get("unit"):
        credentials = credentials.filter(
            person__unit_id__in=descendant_unit_ids([int(filters["unit"])])
        )
    return credentials


def request(*, person, filters: dict, description: str) -> CredentialExport:
    """Queue an export; the task makes the ZIP after the transaction commits."""
    from . import tasks

    with transaction.atomic():
        export = CredentialExport.objects.create(
            requested_by=person,
            filters=filters,
            description=description,
            total=selected(filters).count(),
        )
        transaction.on_commit(lambda: tasks.build_export.enqueue(export.pk))
    return export


def retry_stale(*, started_before) -> int:
    """Queue again the exports still running that began before `started_before` (their worker
    died): the ZIP is made afresh."""
    from . import tasks

    stale = list(
        CredentialExport.objects.filter(
            state=CredentialExport.State.RUNNING, created_at__lt=started_before
        ).values_list("pk", flat=True)
    )
    for pk in stale:
        with transaction.atomic():
            CredentialExport.objects.filter(pk=pk).update(
                state=CredentialExport.State.QUEUED, done=0
            )
            transaction.on_commit(lambda pk=pk: tasks.build_export.enqueue(pk))
    return len(stale)


def _entry_name(credential) -> str:
    return f"{credential.serial}-{slugify(credential.holder_name) or 'holder'}"


def build(export: CredentialExport) -> None:
    """Write the ZIP, counting progress as it goes; a failure is recorded, not raised."""
    CredentialExport.objects.filter(pk=export.pk).update(
        state=CredentialExport.State.RUNNING, done=0
    )
    out = folder()
    out.mkdir(parents=True, exist_ok=True)
    name = f"credentials-{export.pk}-{export.created_at:%Y%m%d-%H%M%S}.zip"
    handle, temporary = tempfile.mkstemp(dir=out, suffix=".part")
    try:
        credentials = list(selected(export.filters))
        total = len(credentials)
        listing = io.StringIO()
        rows = csv.writer(listing)
        rows.writerow(["serial", "holder", "credential", "status", "issued", "expires", "files"])
        with os.fdopen(handle, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
            for done, credential in enumerate(credentials, start=1):
                credential = signing.ensure_signed(credential)
                entry = _entry_name(credential)
                zf.write(certificate.certificate_pdf(credential), f"{entry}.pdf")
                zf.writestr(f"{entry}.json", credential.signed_json)
                rows.writerow(
                    [
                        credential.serial,
                        credential.holder_name,
                        credential.title,
                        credential.current_status,
                        credential.issued_at.date().isoformat(),
                        credential.expires_at.date().isoformat() if credential.expires_at else "",
                        f"{entry}.pdf {entry}.json",
                    ]
                )
                if done % PROGRESS_EVERY == 0 or done == total:
                    CredentialExport.objects.filter(pk=export.pk).update(done=done, total=total)
            zf.writestr("credentials.csv", listing.getvalue())
        os.replace(temporary, out / name)
    except Exception as error:  # recorded for the person who asked, then re-raised for logs
        Path(temporary).unlink(missing_ok=True)
        CredentialExport.objects.filter(pk=export.pk).update(
            state=CredentialExport.State.FAILED, error=str(error)[:500], finished_at=timezone.now()
        )
        raise
    CredentialExport.objects.filter(pk=export.pk).update(
        state=CredentialExport.State.DONE, file_name=name, finished_at=timezone.now()
    )


def path_of(export: CredentialExport) -> Path | None:
    if export.state != CredentialExport.State.DONE or not export.file_name:
        return None
    path = folder() / export.file_name
    return path if path.exists() else None


def recent(limit: int = 20):
    return CredentialExport.objects.select_related("requested_by")[:limit]
