"""The registry of step kinds: one `StepKind` per kind, registered once, asked by everyone.

The step page, the admin and course-as-code know no kind by name: they ask `kind_of(step)` or
`kind_named("quiz")` for the kind's template, form, state, service, admin and keys. A kind lives
in one module (the built-in ones in `courses/steps/<kind>.py`; see docs/architecture.md, "Adding a
step kind"); its model, a subclass of `courses.models.Step`, keeps the data and the completion
rule (`learner_marks_done`, `completion_met`, `completion_hint`, `has_progress`), because the
services below the pages need them.
"""

from django.core.exceptions import ImproperlyConfigured
from polymorphic.admin import StackedPolymorphicInline

from .. import dataspec
from ..admin_base import URL_FIELDS, StepChildAdmin
from ..models import Step


class StepKind:
    """One kind of step: what its page, its admin and its course-as-code keys need.

    Subclass it in the kind's module and `register()` an instance. Override what the kind has:
    a kind a learner only reads or watches needs `name`, `model`, `template_name` and `spec`.
    """

    name = ""  # the `kind:` of course-as-code and the step page's CSS class, e.g. "quiz"
    model: type[Step] = Step
    # Included by courses/learn/step.html with `step`, `state`, `form`, `enrolment` and `done`.
    template_name = ""
    # How a learner answers (a `courses.forms.StepAnswerForm`); None: nothing to post.
    form_class = None
    # Inlines on the kind's own admin page (a quiz's questions) and further models of the kind
    # with their admin class ({Question: QuestionAdmin}); both use `courses.admin_base`.
    admin_inlines: tuple = ()
    admin_models: dict = {}
    # Course-as-code: the kind's keys besides slug, kind and title (`courses.dataspec`), and the
    # keys `read` checks by itself (a quiz's `questions`).
    spec: dict = {}
    own_keys: tuple = ()

    # ------------------------------------------------------------------ the learner's page

    def state(self, person, step):
        """What the page shows of the person's work on `step` (a quiz's attempts), or None."""
        return None

    def form(self, step, state, data=None, files=None):
        """The learner's form for `step` given its `state`, bound when `data` is given."""
        if self.form_class is None:
            return None
        return self.form_class(data, files, step=step, **self.form_class.state_kwargs(state))

    def answer(self, *, person, form):
        """Call the kind's service with a valid form; the form's `outcome` reads what it returns."""
        raise NotImplementedError(f"the step kind '{self.name}' takes no answer")

    # ------------------------------------------------------------------ course-as-code

    def read(self, data: dict, here, *, extra: tuple = ()) -> dict:
        """Check the kind's keys of a step mapping (`extra`: keys the importer reads itself)."""
        return dataspec.check_mapping(data, here, self.spec, extra=(*extra, *self.own_keys))

    def write(self, step: Step, values: dict) -> None:
        """Set the checked `values` on the step before it is saved."""
        dataspec.apply_mapping(step, self.spec, values)

    def write_related(self, step: Step, values: dict) -> None:
        """Write what hangs off the saved step (a quiz's questions)."""

    def related_state(self, step: Step) -> list:
        """What hangs off the step, comparable before and after an import (to count changes)."""
        return []

    def dump(self, step: Step) -> dict:
        """The kind's keys of the step, as export writes them."""
        return dataspec.dump_mapping(step, self.spec)

    def schema(self) -> dict:
        """JSON Schema beyond `spec` (merged by courses/schema.py); `$defs` are shared."""
        return {}

    @property
    def description(self) -> str:
        return str(self.model.__doc__ or "").strip().splitlines()[0]

    # ------------------------------------------------------------------ the admin

    def admin_child(self) -> type:
        """The kind's part of the lesson's inline list of steps."""
        return type(
            f"{self.model.__name__}Inline",
            (StackedPolymorphicInline.Child,),
            {
                "model": self.model,
                "formfield_overrides": URL_FIELDS,
                "show_change_link": bool(self.admin_inlines),
            },
        )

    def admin_class(self) -> type:
        """The kind's own admin page (where its inlines are edited)."""
        return type(
            f"{self.model.__name__}Admin", (StepChildAdmin,), {"inlines": list(self.admin_inlines)}
        )


_kinds: dict[str, StepKind] = {}
_by_model: dict[type, StepKind] = {}


def register(kind: StepKind) -> StepKind:
    """Add a kind; its model learns its name (`step.kind`). Twice the same name is an error."""
    if not kind.name or kind.model is Step:
        raise ImproperlyConfigured(f"{type(kind).__name__} needs a name and a model")
    if kind.name in _kinds and _kinds[kind.name] is not kind:
        raise ImproperlyConfigured(f"the step kind '{kind.name}' is registered twice")
    _kinds[kind.name] = kind
    _by_model[kind.model] = kind
    kind.model.kind = kind.name
    return kind


def kinds() -> list[StepKind]:
    """Every kind, in the order registered (the built-in ones first)."""
    return list(_kinds.values())


def kind_named(name) -> StepKind | None:
    """The kind with this course-as-code name, or None."""
    return _kinds.get(name) if isinstance(name, str) else None


def kind_of(step: Step | type[Step]) -> StepKind:
    """The kind of a step (or of a step model); a base `Step` row is looked up by its type."""
    model = step if isinstance(step, type) else type(step)
    if model is Step:
        model = step.get_real_instance_class()
    return _by_model[model]
