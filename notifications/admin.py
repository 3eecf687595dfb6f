from django.contrib import admin

from .models import Notification

LEDGER = (
    "recipient",
    "kind",
    "subject_type",
    "subject_id",
    "occasion",
    "title",
    "body",
    "url",
    "created_at",
    "read_at",
    "email",
    "email_attempts",
    "email_error",
    "emailed_at",
)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The ledger, to look up what was sent to whom (read-only: it is a record)."""

    list_display = ("created_at", "kind", "recipient", "title", "email", "read_at")
    list_filter = ("kind", "email")
    search_fields = ("recipient__email", "title", "occasion")
    list_select_related = ("recipient",)
    readonly_fields = LEDGER

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
