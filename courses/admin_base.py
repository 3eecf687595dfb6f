"""Who may do what in the courses admin: the base classes every courses admin page uses.

Apart from `courses/admin.py` so that each step kind (`courses/steps/`) can declare its own
admin inlines with the same permissions.
"""

from django.contrib import admin
from django.db import models
from polymorphic.admin import PolymorphicChildModelAdmin

from .models import Step
from .permissions import can_author

# Web addresses typed without a scheme are https (Django 6's default, without the warning).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class AuthoredAdmin(admin.ModelAdmin):
    """Content the programme team authors: full access for them."""

    formfield_overrides = URL_FIELDS

    def has_module_permission(self, request):
        return can_author(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return can_author(request.user) or super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return can_author(request.user) or super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return can_author(request.user) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return can_author(request.user) or super().has_delete_permission(request, obj)


class RecordAdmin(admin.ModelAdmin):
    """Learning state: the programme team looks; only the services change it."""

    def has_module_permission(self, request):
        return can_author(request.user)

    def has_view_permission(self, request, obj=None):
        return can_author(request.user)

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuthoredInline:
    formfield_overrides = URL_FIELDS

    def has_view_permission(self, request, obj=None):
        return can_author(request.user)

    def has_add_permission(self, request, obj=None):
        return can_author(request.user)

    def has_change_permission(self, request, obj=None):
        return can_author(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_author(request.user)


class ReadOnlyInline:
    extra = 0
    can_delete = False

    def has_view_permission(self, request, obj=None):
        return can_author(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StepChildAdmin(AuthoredAdmin, PolymorphicChildModelAdmin):
    """The admin page of one step kind (reached from its lesson, not from the index)."""

    base_model = Step
    show_in_index = False
