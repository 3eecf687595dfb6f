from django.contrib import admin
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
    list_display = ["slug", "title_en", "level", "valid_for_days", "is_active"]
    search_fields = ["slug", "title_en", "title_nl"]
    inlines = [RuleInline]


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
