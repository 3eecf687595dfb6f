"""A step kind added from this one module: a reflection a learner writes (at least N words).

Everything the academy needs of a kind is here: the model (a `courses.models.Step`) with its
completion rule, the learner's record, the service, the form, the state, the course-as-code keys
and the admin inline, registered with `courses.steps.register`. Its template is
templates/stepkinds/reflection.html.
"""

from django import forms
from django.contrib import admin, messages
from django.db import models, transaction

from core.text import render_markdown
from courses import dataspec, services
from courses.admin_base import ReadOnlyInline
from courses.forms import StepAnswerForm
from courses.models import Step
from courses.models.text import in_language
from courses.steps import StepKind, register


class ReflectionStep(Step):
    """A reflection the learner writes; writing enough words completes the step."""

    prompt_en = models.TextField("prompt (English, markdown)")
    prompt_nl = models.TextField("prompt (Dutch, markdown)", blank=True)
    min_words = models.PositiveSmallIntegerField("minimum words", default=20)

    class Meta:
        verbose_name = "reflection"
        verbose_name_plural = "reflections"

    def prompt_html(self, language: str | None = None):
        return render_markdown(in_language(self, "prompt", language))

    def completion_hint(self) -> str:
        return f"Write a reflection of at least {self.min_words} words."

    def completion_met(self, person) -> bool:
        return self.reflections.filter(person=person).exists()

    def has_progress(self) -> bool:
        return super().has_progress() or self.reflections.exists()


class Reflection(models.Model):
    step = models.ForeignKey(ReflectionStep, on_delete=models.CASCADE, related_name="reflections")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE)
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["step", "person"], name="one_reflection_per_person")
        ]

    def __str__(self) -> str:
        return self.text[:60]


@transaction.atomic
def write_reflection(*, person, step: ReflectionStep, text: str) -> Reflection:
    """Keep the person's reflection (the latest replaces the earlier) and complete the step."""
    if len(text.split()) < step.min_words:
        raise services.CourseError(f"Write at least {step.min_words} words.")
    reflection, _created = Reflection.objects.update_or_create(
        step=step, person=person, defaults={"text": text}
    )
    services.complete_step(person=person, step=step)
    return reflection


class ReflectionForm(StepAnswerForm):
    text = forms.CharField(label="Your reflection", widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, step, earlier=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        if earlier is not None:
            self.initial["text"] = earlier.text

    @classmethod
    def state_kwargs(cls, state) -> dict:
        return {"earlier": state}

    def service_kwargs(self) -> dict:
        return {"step": self.step, "text": self.cleaned_data["text"]}

    def outcome(self, reflection) -> tuple[int, str]:
        return messages.SUCCESS, "Thank you: your reflection is kept."


class ReflectionInline(ReadOnlyInline, admin.TabularInline):
    model = Reflection
    fields = ["person", "text"]
    readonly_fields = fields


class ReflectionKind(StepKind):
    name = "reflection"
    model = ReflectionStep
    template_name = "stepkinds/reflection.html"
    form_class = ReflectionForm
    admin_inlines = (ReflectionInline,)
    spec = dataspec.specs(
        dataspec.Text("prompt", required=True),
        dataspec.Integer("min_words", minimum=1, maximum=1000, default=20),
    )

    def state(self, person, step):
        return Reflection.objects.filter(person=person, step=step).first()

    def answer(self, *, person, form):
        return write_reflection(person=person, **form.service_kwargs())


register(ReflectionKind())
