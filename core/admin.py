from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

READ_ONLY = ("at", "action", "actor", "reason", "data")


class HistoryInline(GenericTabularInline):
    """An object's audit log on its admin page (read-only: entries are never edited)."""

    model = AuditEntry
    fields = READ_ONLY
    readonly_fields = READ_ONLY
    extra = 0
    can_delete = False
    verbose_name_plural = _("history")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "content_type", "object_id", "actor", "reason")
    list_filter = ("action", "content_type")
    search_fields = ("action", "reason", "actor__email")
    list_select_related = ("actor", "content_type")
    readonly_fields = ("content_type", "object_id", *READ_ONLY)
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
