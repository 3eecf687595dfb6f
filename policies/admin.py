"""The policy in the admin: drafts editable through the services, published versions read-only.

New versions start on the policy pages (/policy/manage/), which number them; the admin can edit
a draft, publish it with an action, and shows everything else read-only.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Acknowledgement, Policy, PolicyVersion

DRAFT_FIELDS = ["body_en", "body_nl", "changes_en", "changes_nl", "effective_on"]


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ["title_en", "title_nl"]

    def has_add_permission(self, request):
        return not Policy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "effective_on", "published_at", "published_by"]
    list_filter = [("published_at", admin.EmptyFieldListFilter)]
    fields = [
        "policy",
        "major",
        "minor",
        "effective_on",
        "body_en",
        "body_nl",
        "changes_en",
        "changes_nl",
        "created_by",
        "created_at",
        "published_at",
        "published_by",
    ]
    actions = ["publish_selected"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_published:
            return self.fields
        return [f for f in self.fields if f not in DRAFT_FIELDS]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # A published version opens view-only; saving it is refused (403).
        return super().has_change_permission(request, obj) and (obj is None or not obj.is_published)

    def has_delete_permission(self, request, obj=None):
        return (
            super().has_delete_permission(request, obj) and obj is not None and not obj.is_published
        )

    def save_model(self, request, obj, form, change):
        # Only drafts reach here (published ones have no editable field); keep the draft's kind.
        services.update_draft(
            version=obj,
            by=request.user,
            kind=services.MAJOR if obj.is_major else services.MINOR,
            **{name: form.cleaned_data[name] for name in DRAFT_FIELDS},
        )

    def delete_model(self, request, obj):
        services.discard_draft(version=obj, by=request.user)

    @admin.action(description=_("Publish the selected draft"))
    def publish_selected(self, request, queryset):
        for version in queryset.drafts():
            try:
                services.publish(version=version, by=request.user)
            except services.PolicyError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request, _("Version %(number)s is published.") % {"number": version.number}
                )


@admin.register(Acknowledgement)
class AcknowledgementAdmin(admin.ModelAdmin):
    list_display = ["person", "version", "acknowledged_at", "language"]
    list_filter = ["version", "language"]
    search_fields = ["person__email", "person__first_name", "person__last_name"]
    list_select_related = ["person", "version"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
