"""Authoring in the admin: programmes -> modules -> lessons -> steps (one admin per step kind,
built from the kinds' registry: a kind declares its inlines in courses/steps/<kind>.py).

The programme team (`is_staff`) may edit content here without further Django permissions.
Learning state (enrolments, attempts, submissions, bookings) is read-only: it changes only
through the services, which keep counts, signals and the waitlist right.
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from polymorphic.admin import (
    PolymorphicChildModelFilter,
    PolymorphicInlineSupportMixin,
    PolymorphicParentModelAdmin,
    StackedPolymorphicInline,
)

from core.admin import HistoryInline
from people.models import Language

from . import selectors, services, steps
from .admin_base import AuthoredAdmin, AuthoredInline, ReadOnlyInline, RecordAdmin
from .dataspec import SLUG
from .models import (
    Booking,
    Enrolment,
    HelpRequest,
    Lesson,
    Module,
    Override,
    Programme,
    ProgrammeCompletion,
    QuizAttempt,
    Session,
    Step,
    StepCompletion,
    Submission,
    TimeApproval,
)

# --------------------------------------------------------------------------- catalogue


class ModuleInline(AuthoredInline, admin.TabularInline):
    model = Module
    fields = ["position", "title_en", "slug", "minutes", "status"]
    readonly_fields = ["status"]
    extra = 0
    show_change_link = True
    ordering = ["position"]


@admin.register(Programme)
class ProgrammeAdmin(AuthoredAdmin):
    list_display = ["title_en", "slug", "position", "status", "requires_time_approval"]
    list_editable = ["position"]
    list_filter = ["status"]
    # Publishing and retiring are audited acts on the programme's page (/programme/programmes/).
    readonly_fields = ["status"]
    search_fields = ["slug", "title_en", "title_nl"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [ModuleInline]
    fieldsets = [
        (
            None,
            {"fields": ["slug", "position", "status", "requires_time_approval", "cover"]},
        ),
        (_("English"), {"fields": ["title_en", "description_en"]}),
        (_("Dutch"), {"fields": ["title_nl", "description_nl"]}),
    ]


class LessonInline(AuthoredInline, admin.TabularInline):
    model = Lesson
    fields = ["position", "title_en", "title_nl", "slug"]
    extra = 0
    show_change_link = True
    ordering = ["position"]


class ModuleForm(forms.ModelForm):
    """Languages and roles as checkboxes, platforms as a comma-separated list of tags."""

    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages the module is offered in."),
    )
    audience_roles = forms.MultipleChoiceField(
        label=_("for roles"),
        required=False,
        choices=[
            ("trainer", _("Trainers and champions")),
            ("lead", _("Unit leads")),
            ("programme", _("The programme team")),
        ],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: everyone."),
    )
    platforms = forms.CharField(
        label=_("platforms"),
        required=False,
        help_text=_("Tags separated by commas, e.g. linkedin, twitter, video."),
    )

    class Meta:
        model = Module
        fields = [
            "programme",
            "slug",
            "position",
            "minutes",
            "is_foundation",
            "platforms",
            "languages",
            "title_en",
            "summary_en",
            "title_nl",
            "summary_nl",
            "audience_units",
            "audience_roles",
            "requires",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["platforms"] = ", ".join(self.instance.platforms)

    def clean_platforms(self) -> list[str]:
        tags = [tag.strip().lower() for tag in self.cleaned_data["platforms"].split(",")]
        tags = [tag for tag in tags if tag]
        for tag in tags:
            if not SLUG.match(tag):
                raise forms.ValidationError(
                    _("'%(tag)s' is not a tag: use lower-case letters, digits and hyphens.")
                    % {"tag": tag}
                )
        return list(dict.fromkeys(tags))

    def clean(self):
        cleaned = super().clean()
        requires = cleaned.get("requires")
        slug = cleaned.get("slug")
        if requires is not None and slug:
            probe = Module(slug=slug)
            if any(required.slug == slug for required in requires):
                self.add_error("requires", _("A module cannot require itself."))
            else:
                cycle = selectors.prerequisite_cycle(probe, requires)
                if cycle:
                    self.add_error(
                        "requires",
                        _("These prerequisites would form a cycle: %(cycle)s")
                        % {"cycle": " → ".join(cycle)},
                    )
        return cleaned


@admin.register(Module)
class ModuleAdmin(AuthoredAdmin):
    form = ModuleForm
    list_display = [
        "title_en",
        "programme",
        "status",
        "position",
        "minutes",
        "is_foundation",
        "slug",
    ]
    list_filter = ["programme", "status", "is_foundation"]
    readonly_fields = ["status"]
    search_fields = ["slug", "title_en", "title_nl"]
    prepopulated_fields = {"slug": ["title_en"]}
    filter_horizontal = ["requires", "audience_units"]
    list_select_related = ["programme"]
    inlines = [LessonInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "programme",
                    "slug",
                    "status",
                    "position",
                    "minutes",
                    "is_foundation",
                    "platforms",
                    "languages",
                    "cover",
                ]
            },
        ),
        (_("English"), {"fields": ["title_en", "summary_en"]}),
        (_("Dutch"), {"fields": ["title_nl", "summary_nl"]}),
        (
            _("Audience and prerequisites"),
            {"fields": ["audience_units", "audience_roles", "requires"]},
        ),
    ]


class StepInline(AuthoredInline, StackedPolymorphicInline):
    """The lesson's steps, each kind with its own fields, ordered by position."""

    model = Step
    ordering = ["position"]
    child_inlines = tuple(kind.admin_child() for kind in steps.kinds())


@admin.register(Lesson)
class LessonAdmin(PolymorphicInlineSupportMixin, AuthoredAdmin):
    list_display = ["title_en", "module", "position", "slug"]
    list_filter = ["module__programme", "module"]
    search_fields = ["slug", "title_en", "title_nl", "module__slug"]
    list_select_related = ["module"]
    inlines = [StepInline]


# --------------------------------------------------------------------------- steps

for kind in steps.kinds():
    admin.site.register(kind.model, kind.admin_class())
    for model, model_admin in kind.admin_models.items():
        admin.site.register(model, model_admin)


@admin.register(Step)
class StepAdmin(AuthoredAdmin, PolymorphicParentModelAdmin):
    base_model = Step
    child_models = tuple(kind.model for kind in steps.kinds())
    list_display = ["title_en", "kind_label", "lesson", "position", "slug"]
    list_filter = [PolymorphicChildModelFilter, "lesson__module"]
    search_fields = ["slug", "title_en", "title_nl"]
    list_select_related = ["lesson", "polymorphic_ctype"]

    @admin.display(description=_("kind"))
    def kind_label(self, obj):
        return obj.polymorphic_ctype.name


# --------------------------------------------------------------------------- sessions


class BookingInline(ReadOnlyInline, admin.TabularInline):
    model = Booking
    fields = ["person", "status", "created_at", "attended", "attendance_recorded_by"]
    readonly_fields = fields
    ordering = ["-status", "created_at"]


@admin.register(Session)
class SessionAdmin(AuthoredAdmin):
    list_display = ["step", "starts_at", "place", "capacity", "trainer", "language"]
    list_filter = ["language", "step"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["trainer"]
    list_select_related = ["step", "trainer"]
    inlines = [BookingInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.bookings.exists():
            return ["step"]  # bookings point at the step too; move people by cancelling
        return []

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            services.fill_from_waitlist(session=obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.bookings.exists():
            return False  # bookings and attendance are kept; cancel them instead
        return super().has_delete_permission(request, obj)


# --------------------------------------------------------------------------- learning state


class StepCompletionInline(ReadOnlyInline, admin.TabularInline):
    model = StepCompletion
    fields = ["step", "completed_at"]
    readonly_fields = fields


@admin.register(Enrolment)
class EnrolmentAdmin(RecordAdmin):
    list_display = ["person", "module", "enrolled_at", "steps_completed", "completed_at"]
    list_filter = ["module__programme", "module"]
    search_fields = ["person__email", "person__last_name", "module__slug"]
    list_select_related = ["person", "module"]
    inlines = [StepCompletionInline]


@admin.register(ProgrammeCompletion)
class ProgrammeCompletionAdmin(RecordAdmin):
    list_display = ["person", "programme", "completed_at"]
    list_filter = ["programme"]
    search_fields = ["person__email", "person__last_name"]
    list_select_related = ["person", "programme"]


@admin.register(QuizAttempt)
class QuizAttemptAdmin(RecordAdmin):
    list_display = ["person", "step", "number", "score", "passed", "submitted_at"]
    list_filter = ["passed"]
    search_fields = ["person__email", "person__last_name"]
    list_select_related = ["person", "step"]


@admin.register(Submission)
class SubmissionAdmin(RecordAdmin):
    list_display = ["person", "step", "round", "status", "submitted_at", "reviewer"]
    list_filter = ["status"]
    search_fields = ["person__email", "person__last_name"]
    list_select_related = ["person", "step", "reviewer"]
    inlines = [HistoryInline]  # the audit log of its decisions
    # A handed-in file is private (no URL): it is linked through the permission-checked view.
    exclude = ["file"]
    readonly_fields = ["handed_in_file"]

    @admin.display(description=_("file"))
    def handed_in_file(self, submission):
        if not submission.file:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("courses:submission_file", args=[submission.pk]),
            submission.file.name.rsplit("/", 1)[-1],
        )


@admin.register(TimeApproval)
class TimeApprovalAdmin(RecordAdmin):
    list_display = ["person", "programme", "minutes", "status", "requested_at", "decided_by"]
    list_filter = ["status", "programme"]
    search_fields = ["person__email", "person__last_name"]
    list_select_related = ["person", "programme", "decided_by"]
    inlines = [HistoryInline]  # the audit log of its decisions


@admin.register(Override)
class OverrideAdmin(RecordAdmin):
    """Overrides are made on the trainer desk (audited there); the admin shows them."""

    list_display = ["person", "step", "kind", "extra_attempts", "granted_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["person__email", "person__last_name", "reason"]
    list_select_related = ["person", "step", "granted_by"]
    inlines = [HistoryInline]  # the audit log of its decisions


@admin.register(HelpRequest)
class HelpRequestAdmin(RecordAdmin):
    list_display = ["person", "step", "created_at", "answered_at", "answered_by"]
    search_fields = ["person__email", "person__last_name"]
    list_select_related = ["person", "step", "answered_by"]
