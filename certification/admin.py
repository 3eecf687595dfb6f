from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from polymorphic.admin import PolymorphicInlineSupportMixin, StackedPolymorphicInline

from core.admin import HistoryInline

from .models import CredentialDefinition, IssuedCredential, Nomination, Rule


def _rule_child(kind: type[Rule]) -> type:
    return type(
        f"{kind.__name__}Inline",
        (StackedPolymorphicInline.Child,),
        {"model": kind, "fk_name": "definition"},
    )


class RuleInline(StackedPolymorphicInline):
    """Each rule kind with its own fields (the definition's rules, all of which must hold)."""

    model = Rule
    fk_name = "definition"
    child_inlines = tuple(_rule_child(kind) for kind in Rule.kinds().values())


@admin.register(CredentialDefinition)
class CredentialDefinitionAdmin(PolymorphicInlineSupportMixin, admin.ModelAdmin):
    """A credential with its rules inline; each English field beside its Dutch one."""

    list_display = ["slug", "title_en", "level", "valid_for_days", "is_active"]
    search_fields = ["slug", "title_en", "title_nl"]
    inlines = [RuleInline]
    readonly_fields = ["image_preview"]
    fieldsets = [
        (None, {"fields": ["slug", "level", "is_active", "programme_slug"]}),
        (
            _("Texts (English | Dutch)"),
            {
                "fields": [
                    ("title_en", "title_nl"),
                    ("description_en", "description_nl"),
                    ("criteria_en", "criteria_nl"),
                    ("signature_title_en", "signature_title_nl"),
                ]
            },
        ),
        (_("Badge image"), {"fields": [("image", "image_preview")]}),
        (
            _("Validity"),
            {"fields": ["valid_for_days", "renewal_window_days", "renewal_modules"]},
        ),
    ]

    @admin.display(description=_("preview"))
    def image_preview(self, definition):
        if not definition.image:
            return _("No image yet: upload a square PNG and save to see it here.")
        return format_html(
            '<img src="{}" alt="" width="96" height="96" style="object-fit: contain">',
            definition.image.url,
        )


@admin.register(IssuedCredential)
class IssuedCredentialAdmin(admin.ModelAdmin):
    """Read-only: status changes go through the services (CLI, pages), which audit them."""

    list_display = ["serial", "holder_name", "definition", "status", "issued_at", "expires_at"]
    list_filter = ["status", "definition"]
    search_fields = ["serial", "holder_name", "person__email"]
    inlines = [HistoryInline]
    exclude = ["signed_json", "signed_jwt", "code"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["person", "definition", "status", "nominated_by", "created_at"]
    list_filter = ["status"]
