# Credential events move into the shared audit log (core.AuditEntry), then their table goes.

from django.db import migrations


def events_to_audit_log(apps, schema_editor):
    CredentialEvent = apps.get_model("certification", "CredentialEvent")
    if not CredentialEvent.objects.exists():
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("core", "AuditEntry")
    credential_type, _created = ContentType.objects.get_or_create(
        app_label="certification", model="issuedcredential"
    )
    entries = (
        AuditEntry(
            content_type_id=credential_type.pk,
            object_id=event.credential_id,
            action=event.action,
            actor_id=event.actor_id,
            at=event.at,
            reason=event.reason,
            data=event.data,
        )
        for event in CredentialEvent.objects.order_by("at", "id").iterator()
    )
    AuditEntry.objects.bulk_create(entries, batch_size=1000)


def audit_log_to_events(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("core", "AuditEntry")
    CredentialEvent = apps.get_model("certification", "CredentialEvent")
    credential_type = ContentType.objects.filter(
        app_label="certification", model="issuedcredential"
    ).first()
    if credential_type is None:
        return
    entries = AuditEntry.objects.filter(content_type_id=credential_type.pk)
    CredentialEvent.objects.bulk_create(
        CredentialEvent(
            credential_id=entry.object_id,
            action=entry.action,
            actor_id=entry.actor_id,
            at=entry.at,
            reason=entry.reason,
            data=entry.data,
        )
        for entry in entries.order_by("at", "id").iterator()
    )
    entries.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("certification", "0002_interop"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(events_to_audit_log, audit_log_to_events),
        migrations.DeleteModel(name="CredentialEvent"),
    ]
