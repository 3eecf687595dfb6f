"""A module's page: its lessons and steps with what the person has done and where to resume."""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Sum,
)
from django.db.models.functions import Coalesce

from .. import permissions
from ..models import (
    Enrolment,
    Lesson,
    Lifecycle,
    Module,
    ProgrammeCompletion,
    Step,
    StepCompletion,
    TimeApproval,
)
from .progress import percent, resume_at
from .time_approvals import time_approval_for


def _kind_by_ctype() -> dict[int, type[Step]]:
    kinds = [model for model in apps.get_models() if issubclass(model, Step) and model is not Step]
    return {ctype.pk: model for model, ctype in ContentType.objects.get_for_models(*kinds).items()}


@dataclass
class OutlineStep:
    step: Step  # the base row (title, slug, position); load the kind with `step_for`
    kind: str
    kind_label: str
    done: bool
    is_next: bool = False


@dataclass
class OutlineLesson:
    lesson: Lesson
    steps: list[OutlineStep] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return bool(self.steps) and all(item.done for item in self.steps)


@dataclass
class Outline:
    module: Module
    enrolment: Enrolment | None
    lessons: list[OutlineLesson]
    missing_requirements: list[Module]
    next_step: Step | None  # where to resume (None when everything is done)

    @property
    def steps(self) -> list[OutlineStep]:
        return [item for lesson in self.lessons for item in lesson.steps]

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def done_count(self) -> int:
        return sum(item.done for item in self.steps)

    @property
    def percent(self) -> int:
        if self.enrolment is not None and self.enrolment.completed_at:
            return 100
        return percent(self.done_count, self.total)

    @property
    def is_complete(self) -> bool:
        return self.enrolment is not None and self.enrolment.completed_at is not None

    def neighbours(self, step) -> tuple[Step | None, Step | None]:
        """The steps before and after `step` in the module, for previous/next links."""
        order = [item.step for item in self.steps]
        ids = [s.pk for s in order]
        if step.pk not in ids:
            return None, None
        index = ids.index(step.pk)
        return (
            order[index - 1] if index > 0 else None,
            order[index + 1] if index + 1 < len(order) else None,
        )


def module_outline(module: Module, person) -> Outline:
    """Lessons and steps of `module` with what `person` has done and the step to resume at."""
    kinds = _kind_by_ctype()
    lessons = list(Lesson.objects.filter(module=module).order_by("position", "id"))
    steps = list(
        Step.objects.non_polymorphic()
        .filter(lesson__module=module)
        .only("id", "lesson_id", "slug", "position", "title_en", "title_nl", "polymorphic_ctype_id")
        .order_by("lesson__position", "lesson_id", "position", "id")
    )
    enrolment = Enrolment.objects.filter(person=person, module=module).first()
    done = (
        set(StepCompletion.objects.filter(enrolment=enrolment).values_list("step_id", flat=True))
        if enrolment
        else set()
    )
    requires = list(module.requires.only("id", "slug", "title_en", "title_nl"))
    completed = (
        set(
            Enrolment.objects.filter(
                person=person, module__in=requires, completed_at__isnull=False
            ).values_list("module_id", flat=True)
        )
        if requires
        else set()
    )
    by_lesson = {lesson.pk: OutlineLesson(lesson=lesson) for lesson in lessons}
    lesson_of = {lesson.pk: lesson for lesson in lessons}
    next_step = resume_at(steps, done, enrolment.last_step_id) if enrolment is not None else None
    for step in steps:
        step.lesson = lesson_of[step.lesson_id]
        kind = kinds.get(step.polymorphic_ctype_id, Step)
        by_lesson[step.lesson_id].steps.append(
            OutlineStep(
                step=step,
                kind=kind.kind,
                kind_label=str(kind._meta.verbose_name),
                done=step.pk in done,
                is_next=next_step is not None and step.pk == next_step.pk,
            )
        )
    return Outline(
        module=module,
        enrolment=enrolment,
        lessons=list(by_lesson.values()),
        missing_requirements=[m for m in requires if m.pk not in completed],
        next_step=next_step,
    )


def step_for(module: Module, *, lesson_slug: str, step_slug: str) -> Step | None:
    """The step (as its own kind) at module/lesson/step, with lesson and module loaded."""
    step = (
        Step.objects.filter(lesson__module=module, lesson__slug=lesson_slug, slug=step_slug)
        .select_related("lesson__module__programme")
        .first()
    )
    return step


def enrolment_in(person, module: Module) -> Enrolment | None:
    """The person's enrolment in `module`, if any (one query)."""
    return Enrolment.objects.filter(person=person, module=module).first()


@dataclass
class ModulePage:
    outline: Outline
    in_audience: bool
    time_approval: TimeApproval | None  # the latest request, when the programme asks for one
    programme_modules: int
    programme_minutes: int
    programme_completed_at: datetime.datetime | None

    @property
    def module(self) -> Module:
        return self.outline.module

    @property
    def programme_hours(self) -> float:
        return round(self.programme_minutes / 60, 1)

    @property
    def needs_time_approval(self) -> bool:
        """The programme wants the lead to approve the training time and has not yet."""
        return self.module.programme.requires_time_approval and (
            self.time_approval is None or self.time_approval.status != TimeApproval.Status.APPROVED
        )

    @property
    def can_enrol(self) -> bool:
        return (
            self.outline.enrolment is None
            and self.module.is_offered
            and self.in_audience
            and not self.outline.missing_requirements
            and not self.needs_time_approval
        )


def module_page(module: Module, person) -> ModulePage:
    """What the module page shows `person`: the outline with progress, whether the module is
    aimed at them, the time approval of its programme and whether they completed that."""
    programme = module.programme
    ancestors, roles = permissions.audience_facts(person)
    # Learners count the modules they can see; a preview counts what publishing would show.
    siblings = Module.objects.filter(programme=programme)
    siblings = (
        siblings.filter(status=Lifecycle.PUBLISHED)
        if module.is_offered
        else siblings.exclude(status=Lifecycle.RETIRED)
    )
    totals = siblings.aggregate(count=Count("id"), minutes=Coalesce(Sum("minutes"), 0))
    completion = (
        ProgrammeCompletion.objects.filter(person=person, programme=programme)
        .values_list("completed_at", flat=True)
        .first()
    )
    return ModulePage(
        outline=module_outline(module, person),
        in_audience=permissions.is_in_audience(
            person, module, ancestor_unit_ids=ancestors, roles=roles
        ),
        time_approval=time_approval_for(person, programme)
        if programme.requires_time_approval
        else None,
        programme_modules=totals["count"],
        programme_minutes=totals["minutes"],
        programme_completed_at=completion,
    )
