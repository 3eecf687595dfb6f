"""Writing: checked programmes into the database in one transaction (all or nothing), upsert by
slug, counting what was created, updated, removed and left unchanged."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from people.models import Unit

from .. import dataspec
from ..dataspec import Here
from ..models import (
    Enrolment,
    Lesson,
    Module,
    Programme,
    Step,
)
from .checking import (
    CheckedLesson,
    CheckedModule,
    CheckedProgramme,
    CheckedStep,
    check_documents,
    problems_of,
)
from .reading import Document, parse_path, parse_text
from .spec import LESSON_SPEC, MODULE_SPEC, PROGRAMME_SPEC, SECTIONS, CourseCodeError

OUTCOMES = ("created", "updated", "removed", "unchanged")


@dataclass
class ImportResult:
    programmes: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged_items: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> int:
        return len(self.unchanged_items)

    def by_kind(self) -> dict[str, dict[str, int]]:
        """{"step": {"created": 2, "updated": 0, "removed": 1, "unchanged": 9}, ...}"""
        counts: dict[str, dict[str, int]] = {}
        for outcome, labels in (
            ("created", self.created),
            ("updated", self.updated),
            ("removed", self.removed),
            ("unchanged", self.unchanged_items),
        ):
            for label in labels:
                kind = label.split(" ", 1)[0]
                counts.setdefault(kind, dict.fromkeys(OUTCOMES, 0))[outcome] += 1
        return counts

    def summary(self) -> str:
        return _(
            "%(programmes)s: created %(created)d, updated %(updated)d, removed %(removed)d, "
            "unchanged %(unchanged)d"
        ) % {
            "programmes": ", ".join(self.programmes),
            "created": len(self.created),
            "updated": len(self.updated),
            "removed": len(self.removed),
            "unchanged": self.unchanged,
        }


class _Writer:
    def __init__(self, result: ImportResult, claimed: set[str]):
        self.result = result
        self.claimed = claimed  # every module slug in this import (a module may change programme)

    def save(self, obj, before: dict | None, label: str, here: Here, *, exclude=()) -> None:
        try:
            obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            here.fail("; ".join(error.messages))
        if before is None:
            obj.save()
            self.result.created.append(label)
        elif dataspec.stored_state(obj) != before:
            obj.save()
            self.result.updated.append(label)
        else:
            self.result.unchanged_items.append(label)

    def programme(self, checked: CheckedProgramme) -> Programme:
        slug = checked.values["slug"]
        programme = Programme.objects.filter(slug=slug).first()
        before = dataspec.stored_state(programme) if programme else None
        programme = programme or Programme(slug=slug)
        dataspec.apply_mapping(programme, PROGRAMME_SPEC, checked.values)
        self.save(programme, before, f"programme {slug}", checked.here)
        modules = {m.slug: m for m in Module.objects.filter(programme=programme)}
        wanted = {m.values["slug"] for m in checked.modules}
        here = checked.here
        for slug_, module in modules.items():
            if slug_ not in wanted and slug_ not in self.claimed:
                here.attempt(self.remove_module, module, here / "modules")
        for position, module in enumerate(checked.modules):
            here.attempt(self.module, programme, module, position)
        return programme

    def remove_module(self, module: Module, here: Here) -> None:
        enrolled = Enrolment.objects.filter(module=module).count()
        if enrolled:
            here.fail(
                _(
                    "the module '%(slug)s' is no longer in the file, but %(count)d learner(s) "
                    "enrolled in it; keep it (or unpublish the programme)"
                )
                % {"slug": module.slug, "count": enrolled}
            )
        for lesson in module.lessons.all():
            self.remove_lesson(lesson, here)
        module.delete()
        self.result.removed.append(f"module {module.slug}")

    def module(self, programme: Programme, checked: CheckedModule, position: int) -> Module:
        slug = checked.values["slug"]
        module = Module.objects.filter(slug=slug).first()
        before = dataspec.stored_state(module) if module else None
        module = module or Module(slug=slug)
        module.programme = programme
        module.position = position
        dataspec.apply_mapping(module, MODULE_SPEC, checked.values)
        module.languages = checked.languages
        module.audience_roles = checked.audience["roles"]
        self.save(module, before, f"module {slug}", checked.here, exclude=["programme"])
        units = set(
            Unit.objects.filter(slug__in=checked.audience["units"]).values_list("pk", flat=True)
        )
        if set(module.audience_units.values_list("pk", flat=True)) != units:
            module.audience_units.set(units)
            if before is not None and f"module {slug}" not in self.result.updated:
                self.result.updated.append(f"module {slug}")
        lessons = {lesson.slug: lesson for lesson in module.lessons.all()}
        wanted = {lesson.values["slug"] for lesson in checked.lessons}
        for lesson_slug, lesson in lessons.items():
            if lesson_slug not in wanted:
                checked.here.attempt(self.remove_lesson, lesson, checked.here / "lessons")
        for index, lesson in enumerate(checked.lessons):
            checked.here.attempt(self.lesson, module, lesson, index)
        return module

    def remove_lesson(self, lesson: Lesson, here: Here) -> None:
        for step in lesson.steps.all():
            self.remove_step(step, here)
        lesson.delete()
        self.result.removed.append(f"lesson {lesson.module.slug}/{lesson.slug}")

    def lesson(self, module: Module, checked: CheckedLesson, position: int) -> None:
        slug = checked.values["slug"]
        lesson = Lesson.objects.filter(module=module, slug=slug).first()
        before = dataspec.stored_state(lesson) if lesson else None
        lesson = lesson or Lesson(module=module, slug=slug)
        lesson.position = position
        dataspec.apply_mapping(lesson, LESSON_SPEC, checked.values)
        self.save(lesson, before, f"lesson {module.slug}/{slug}", checked.here, exclude=["module"])
        steps = {step.slug: step for step in lesson.steps.all()}
        wanted = {step.values["slug"] for step in checked.steps}
        for step_slug, step in steps.items():
            if step_slug not in wanted:
                checked.here.attempt(self.remove_step, step, checked.here / "steps")
        for index, step in enumerate(checked.steps):
            checked.here.attempt(self.step, lesson, step, index, steps.get(step.values["slug"]))

    def remove_step(self, step: Step, here: Here) -> None:
        label = f"{step.lesson.module.slug}/{step.lesson.slug}/{step.slug}"
        if step.has_progress():
            here.fail(
                _(
                    "the step '%(step)s' is no longer in the file (or changed its kind), but "
                    "learners have progress on it; keep it as it is"
                )
                % {"step": label}
            )
        step.delete()
        self.result.removed.append(f"step {label}")

    def step(self, lesson: Lesson, checked: CheckedStep, position: int, step: Step | None) -> None:
        slug = checked.values["slug"]
        label = f"step {lesson.module.slug}/{lesson.slug}/{slug}"
        if step is not None and type(step) is not checked.kind.model:
            self.remove_step(step, checked.here / "kind")
            self.result.removed.pop()
            step = None
        before = dataspec.stored_state(step) if step else None
        kind = checked.kind
        step = step or kind.model(lesson=lesson, slug=slug)
        step.position = position
        step.title_en, step.title_nl = checked.values["title"]["en"], checked.values["title"]["nl"]
        kind.write(step, checked.values)
        self.save(step, before, label, checked.here, exclude=["lesson"])
        related_before = kind.related_state(step)
        kind.write_related(step, checked.values)
        changed = kind.related_state(step) != related_before
        if before is not None and label not in self.result.updated and changed:
            self.result.updated.append(label)
            self.result.unchanged_items.remove(label)

    def requires(self, programme: CheckedProgramme) -> None:
        for checked in programme.modules:
            module = Module.objects.get(slug=checked.values["slug"])
            wanted = set(
                Module.objects.filter(slug__in=checked.requires).values_list("pk", flat=True)
            )
            if set(module.requires.values_list("pk", flat=True)) != wanted:
                module.requires.set(wanted)
                label = f"module {module.slug}"
                if label not in self.result.updated and label not in self.result.created:
                    self.result.updated.append(label)


class _DryRun(Exception):
    """Undo a complete import that was only a rehearsal."""


def import_documents(documents: list[Document], *, dry_run: bool = False) -> ImportResult:
    """Check, then write, one or more programmes in one transaction (all or nothing);
    `dry_run` writes and undoes it, to tell what an import would change."""
    checked = check_documents(documents)
    result = ImportResult(programmes=[p.values["slug"] for p in checked])
    writer = _Writer(result, {m.values["slug"] for p in checked for m in p.modules})
    try:
        with transaction.atomic():
            stored = [(p.here.attempt(writer.programme, p), p) for p in checked]
            if not problems_of(checked):
                for programme in checked:
                    writer.requires(programme)
                for programme, checked_programme in stored:
                    for name, checked_section in checked_programme.sections.items():
                        SECTIONS[name].write(programme, checked_section)
            if problems_of(checked):
                # Problems only the database shows (progress on a removed step): undo it all.
                raise CourseCodeError(problems=problems_of(checked))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except DatabaseError as error:
        # A last line of defence: whatever the checks above missed is still reported, not raised.
        label = documents[0].source.label if documents else "?"
        raise CourseCodeError(
            f"{label}:1: " + _("could not be saved: %(error)s") % {"error": error}
        ) from None
    return result


def _document(source: Path | str, label: str) -> Document:
    return parse_path(source) if isinstance(source, Path) else parse_text(source, label=label)


def check(source: Path | str, *, label: str = "programme.yaml") -> list[CourseCodeError]:
    """Every problem of a programme (a `Path` to a file or folder, or its YAML text named
    `label`), each `file:line: path: what is wrong`; [] when it would import. Writes nothing."""
    try:
        import_documents([_document(source, label)], dry_run=True)
    except CourseCodeError as error:
        return error.problems
    return []


def preview(source: Path | str, *, label: str = "programme.yaml") -> ImportResult:
    """What importing the programme would create, update, remove and leave unchanged
    (`ImportResult.by_kind()`), without writing; CourseCodeError lists its problems."""
    return import_documents([_document(source, label)], dry_run=True)


def import_path(path: Path | str) -> ImportResult:
    """Import a programme from a YAML file or a folder (see the module docstring)."""
    return import_documents([parse_path(path)])


def import_paths(paths: Iterable[Path | str], *, dry_run: bool = False) -> ImportResult:
    """Import several programme files in one transaction (prerequisites may cross files)."""
    return import_documents([parse_path(path) for path in paths], dry_run=dry_run)
