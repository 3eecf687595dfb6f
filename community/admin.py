from django.contrib import admin

from .models import (
    AudienceWorksheet,
    AwarenessSession,
    Champion,
    FeaturedContributor,
    Kudos,
    KudosModeration,
    SurveyQuestion,
    Topic,
)


@admin.register(SurveyQuestion)
class SurveyQuestionAdmin(admin.ModelAdmin):
    list_display = ["position", "text_en", "text_nl", "weight", "active"]
    list_editable = ["weight", "active"]
    list_display_links = ["text_en"]


@admin.register(Champion)
class ChampionAdmin(admin.ModelAdmin):
    list_display = ["person", "unit", "status", "nominated_by", "decided_at"]
    list_filter = ["status", "unit"]
    raw_id_fields = ["person", "nominated_by", "decided_by"]
    readonly_fields = ["status", "decided_by", "decided_at"]


@admin.register(AwarenessSession)
class AwarenessSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "held_on", "format", "champion", "head_count"]
    list_filter = ["unit", "format"]
    raw_id_fields = ["champion", "attendees"]


@admin.register(Kudos)
class KudosAdmin(admin.ModelAdmin):
    list_display = ["created_at", "giver", "receiver", "category", "hidden_at"]
    list_filter = ["category"]
    raw_id_fields = ["giver", "receiver"]
    # Hiding goes through the wall's moderation so that it is always logged.
    readonly_fields = ["hidden_at"]


@admin.register(KudosModeration)
class KudosModerationAdmin(admin.ModelAdmin):
    list_display = ["at", "moderator", "action", "reason"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


admin.site.register(FeaturedContributor, raw_id_fields=["person", "chosen_by"])
admin.site.register(Topic, list_display=["starts_on", "ends_on", "title_en", "cadence"])
admin.site.register(AudienceWorksheet, raw_id_fields=["person"])
