from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryInline

from .models import Person, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(Person)
class PersonAdmin(UserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "unit",
        "is_trainer",
        "is_staff",
        "is_active",
    ]
    list_filter = ["is_trainer", "is_staff", "is_active", "language", "unit"]
    search_fields = ["email", "first_name", "last_name", "display_name"]
    autocomplete_fields = ["unit", "manager"]
    filter_horizontal = ["led_units", "groups", "user_permissions"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "display_name", "language"]}),
        (_("Organisation"), {"fields": ["unit", "manager", "led_units"]}),
        (_("Roles"), {"fields": ["is_active", "is_trainer", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    inlines = [HistoryInline]  # decisions about the person (bulk actions on the people lists)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Someone who may only look (the programme team) gets no link to the password form,
        # which would refuse them.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "password"]})
            for name, options in fieldsets
        ]
