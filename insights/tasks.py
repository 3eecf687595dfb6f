"""Large exports are made in the background, with progress the page can show."""

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task


@task()
def make_export(export_id: int) -> None:
    """Write the export's file, updating its progress every 1,000 rows."""
    from . import services
    from .models import Export

    # Claim the export: of two workers given the same one (a retry), only one makes it.
    claimed = Export.objects.filter(pk=export_id, status=Export.Status.QUEUED).update(
        status=Export.Status.RUNNING
    )
    export = Export.objects.select_related("requested_by").filter(pk=export_id).first()
    if not claimed or export is None:
        return
    try:
        name, data = services.export_file(export)
    except Exception as error:  # noqa: BLE001 - any failure is shown to the person who asked
        Export.objects.filter(pk=export.pk).update(
            status=Export.Status.FAILED, error=str(error)[:300], finished_at=timezone.now()
        )
        raise
    export.refresh_from_db()
    export.file.save(name, ContentFile(data), save=False)
    export.status = Export.Status.DONE
    export.rows_done = export.rows_total
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "rows_done", "finished_at"])


@task()
def run_bulk_action(action_id: int) -> None:
    """Apply a large bulk action in the background; the page polls its progress."""
    from . import actions
    from .models import BulkAction

    action = BulkAction.objects.select_related("requested_by").filter(pk=action_id).first()
    if action is None:
        return
    try:
        actions.run(action)
    except Exception as error:  # noqa: BLE001 - any failure is shown to the person who asked
        BulkAction.objects.filter(pk=action_id).update(
            status=BulkAction.Status.FAILED, error=str(error)[:300], finished_at=timezone.now()
        )
        raise
