"""Course-as-code: programmes as YAML files (docs/course-as-code.schema.json), imported and exported by slug.

A programme is one file, or a folder with `programme.yaml` and one file per module (the order
given by a `modules:` list of slugs in `programme.yaml`, else by file name). Every key is checked
before anything is written; a problem is reported as `file:line: path: what is wrong` and the
whole import (several files at once, too) is one transaction: all or nothing.

Higher apps own top-level sections of a programme file through `register_section` (certification
owns `credentials:`). The format is published as docs/course-as-code.schema.json.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from people.models import Unit

from . import dataspec, steps
from .dataspec import Here
from .models import (
    AUDIENCE_ROLES,
    LANGUAGES,
    Enrolment,
    Lesson,
    Module,
    Programme,
    Step,
)
from .models.catalogue import MAX_MODULE_MINUTES, find_cycle

FOLDER_PROGRAMME_FILE = "programme.yaml"
STEP_KEYS = ("slug", "kind", "title")


class CourseCodeError(dataspec.Problem):
    """A programme that cannot be imported: `problems` are every problem found (each one a
    CourseCodeError whose message is `file:line: path: what is wrong`), the message all of them,
    one per line."""

    def __init__(self, message: str = "", *, problems: list | None = None):
        self.problems = list(problems) if problems else [self]
        super().__init__(message or "\n".join(str(problem) for problem in self.problems))


@dataclass
class Section:
    check: Callable
    write: Callable
    dump: Callable


SECTIONS: dict[str, Section] = {}


def register_section(name: str, *, check: Callable, write: Callable, dump: Callable) -> None:
    """Let a higher app own the top-level key `name`: `check(data, here) -> checked` with the
    rest of the file (problems through `here.fail`, named by file and line), `write(programme,
    checked)` inside the import's transaction, `dump(programme) -> data | None` on export."""
    SECTIONS[name] = Section(check=check, write=write, dump=dump)


PROGRAMME_SPEC = dataspec.specs(
    dataspec.Slug("slug", required=True),
    dataspec.Text("title", required=True, max_length=200),
    dataspec.Text("description"),
    dataspec.Boolean("requires_time_approval", default=False),
    dataspec.Integer("position", minimum=0, maximum=100_000, default=100),
)
# Files exported before programmes had a lifecycle say `published: true`. They still import;
# the key is read and ignored: publishing is an act on the programme's page (or --publish).
LIFECYCLE_KEY = "published"
MODULE_SPEC = dataspec.specs(
    dataspec.Slug("slug", required=True),
    dataspec.Text("title", required=True, max_length=200),
    dataspec.Text("summary"),
    dataspec.Integer("minutes", minimum=1, maximum=MAX_MODULE_MINUTES, required=True),
    dataspec.Boolean("foundation", attr="is_foundation", default=False),
    dataspec.SlugList("platforms"),
)
LESSON_SPEC = dataspec.specs(
    dataspec.Slug("slug", required=True),
    dataspec.Text("title", required=True, max_length=200),
)
AUDIENCE_SPEC = dataspec.specs(
    dataspec.SlugList("units"),
    dataspec.SlugList("roles", choices=AUDIENCE_ROLES),
)


# --------------------------------------------------------------------------- reading YAML


class Source:
    """Where each value of a programme came from: `where(path)` gives "file:line".

    `path` is a tuple of keys from the top of the programme, e.g. ("modules", 2, "lessons", 0).
    A key that is not in the file (a missing field) names its nearest parent instead.
    """

    def __init__(self, label: str, root, module_files: list[tuple[str, object]] | None = None):
        self.label = label
        self.root = root
        self.module_files = module_files

    def where(self, path: Iterable) -> str:
        path = tuple(path)
        label, node = self.label, self.root
        if self.module_files is not None and len(path) >= 2 and path[0] == "modules":
            index = path[1]
            if isinstance(index, int) and 0 <= index < len(self.module_files):
                label, node = self.module_files[index]
                path = path[2:]
        return f"{label}:{_line(node, path)}"


def _line(node, path: tuple) -> int:
    mark = node.start_mark
    for key in path:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(key):
                    # Point at the key: a block value starts on the line below it.
                    mark, node = key_node.start_mark, value_node
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if not 0 <= key < len(node.value):
                break
            node = node.value[key]
            mark = node.start_mark
        else:
            break
    return mark.line + 1


def text_path(path: tuple) -> str:
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text


def _reporter(source: Source):
    def report(path: tuple, message: str) -> CourseCodeError:
        where = source.where(path)
        return CourseCodeError(
            f"{where}: {text_path(path)}: {message}" if path else f"{where}: {message}"
        )

    return report


def _decode(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CourseCodeError(f"{label}:{line}: " + _("the file is not UTF-8 encoded")) from None


# libyaml's parser when PyYAML has it (25 times faster); both give the line of every node.
FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, label: str):
    """(data, root node) of a YAML document; syntax errors and duplicate keys name their line."""
    loader = FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise CourseCodeError(f"{label}:1: " + _("the file is empty"))
        _refuse_duplicate_keys(node, label)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problem = error.problem or error.context or _("not valid YAML")
        raise CourseCodeError(
            f"{label}:{line}: " + _("not valid YAML: %(problem)s") % {"problem": problem}
        ) from None
    except yaml.YAMLError as error:
        raise CourseCodeError(
            f"{label}:1: " + _("not valid YAML: %(problem)s") % {"problem": error}
        ) from None
    except RecursionError:
        raise CourseCodeError(f"{label}:1: " + _("the document is nested too deeply")) from None
    finally:
        loader.dispose()
    return data, node


def _refuse_duplicate_keys(node, label: str) -> None:
    pending, seen_nodes = [node], set()
    while pending:
        current = pending.pop()
        if id(current) in seen_nodes:
            continue
        seen_nodes.add(id(current))
        if isinstance(current, yaml.MappingNode):
            keys: set = set()
            for key_node, value_node in current.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in keys:
                        raise CourseCodeError(
                            f"{label}:{key_node.start_mark.line + 1}: "
                            + _("the key '%(key)s' appears twice") % {"key": key_node.value}
                        )
                    keys.add(key_node.value)
                pending.extend([key_node, value_node])
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)


@dataclass
class Document:
    """One programme as read from a file or folder, before it is checked."""

    data: object
    source: Source


# A programme file (or one module file of a folder) is refused above this size, before it is read:
# parsing keeps the YAML's node tree for line numbers, about 20 times the file in memory, so a
# 63 MB file took 1.2 GB. Real programmes are well under 1 MB.
MAX_FILE_BYTES = 8 * 1024 * 1024


def _too_large(label: str) -> CourseCodeError:
    return CourseCodeError(
        f"{label}:1: "
        + _("the file is larger than %(mb)d MB; split the programme into one file per module")
        % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
    )


def parse_text(text: str, *, label: str = "programme.yaml") -> Document:
    if len(text) > MAX_FILE_BYTES:
        raise _too_large(label)
    data, node = _compose(text, label)
    return Document(data=data, source=Source(label, node))


def parse_file(path: Path | str, *, label: str | None = None) -> Document:
    """One YAML file; problems name it `label` (default: its path)."""
    path = Path(path)
    label = label or str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _too_large(label)
        raw = path.read_bytes()
    except OSError as error:
        raise CourseCodeError(f"{label}:1: {error.strerror or error}") from None
    return parse_text(_decode(raw, label), label=label)


def _module_files(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix in (".yaml", ".yml")
        and path.name != FOLDER_PROGRAMME_FILE
        and path.is_file()
    )


def parse_folder(folder: Path | str, *, label: str | None = None) -> Document:
    """A folder with programme.yaml and one file per module; problems name the files below
    `label` (default: the folder's path), e.g. `upload.zip/track/programme.yaml`."""
    folder = Path(folder)
    name = label or str(folder)

    def labelled(path: Path) -> str | None:
        return f"{name}/{path.name}" if label else None

    head = parse_file(folder / FOLDER_PROGRAMME_FILE, label=labelled(folder / FOLDER_PROGRAMME_FILE))
    label = head.source.label
    data = head.data
    if not isinstance(data, dict):
        raise CourseCodeError(f"{label}:1: " + _("must be a mapping of programme keys"))
    files = [parse_file(path, label=labelled(path)) for path in _module_files(folder)]
    by_slug = {}
    for document in files:
        slug = document.data.get("slug") if isinstance(document.data, dict) else None
        if isinstance(slug, str):
            by_slug.setdefault(slug, document)
    order = data.get("modules")
    if order is None:
        ordered = files
    else:
        here = Here(("modules",), _reporter(head.source), locate=head.source.where)
        slugs = dataspec.check_slug_list(order, here)
        for index, slug in enumerate(slugs):
            if slug not in by_slug:
                (here / index).fail(
                    _("no module file in %(folder)s has the slug '%(slug)s'")
                    % {"folder": name, "slug": slug}
                )
        listed = set(slugs)
        for document in files:
            if not isinstance(document.data, dict) or document.data.get("slug") not in listed:
                raise CourseCodeError(
                    f"{document.source.label}:1: "
                    + _("this module is not listed under modules: in %(file)s") % {"file": label}
                )
        ordered = [by_slug[slug] for slug in slugs]
    combined = {**data, "modules": [document.data for document in ordered]}
    module_files = [(d.source.label, d.source.root) for d in ordered]
    return Document(data=combined, source=Source(label, head.source.root, module_files))


def parse_path(path: Path | str) -> Document:
    path = Path(path)
    return parse_folder(path) if path.is_dir() else parse_file(path)


# --------------------------------------------------------------------------- checking


@dataclass
class CheckedStep:
    kind: steps.StepKind
    values: dict
    here: Here


@dataclass
class CheckedLesson:
    values: dict
    steps: list[CheckedStep]
    here: Here


@dataclass
class CheckedModule:
    values: dict
    languages: list[str]
    audience: dict
    requires: list[str]
    lessons: list[CheckedLesson]
    here: Here


@dataclass
class CheckedProgramme:
    values: dict
    modules: list[CheckedModule]
    sections: dict
    document: Document
    here: Here


def _languages(value, here: Here) -> list[str]:
    if value is None:
        return list(LANGUAGES)
    languages = dataspec.SlugList("languages", choices=LANGUAGES).load(value, here)
    if not languages:
        here.fail(_("list at least one language"))
    return languages


def _module_languages(raw_modules) -> set[str]:
    found = set()
    for module in raw_modules if isinstance(raw_modules, list) else []:
        languages = module.get("languages") if isinstance(module, dict) else None
        if languages is None:
            found.update(LANGUAGES)
        elif isinstance(languages, list):
            found.update(lang for lang in languages if lang in LANGUAGES)
    return found


def _unique(items: list, here: Here, what: str) -> None:
    seen: dict[str, Here] = {}
    for item in items:
        slug = item.values["slug"]
        if slug in seen:
            (item.here / "slug").note(
                _("the %(what)s slug '%(slug)s' is already used at %(where)s")
                % {"what": what, "slug": slug, "where": text_path(seen[slug].path)}
            )
        else:
            seen[slug] = item.here


def _list(value, here: Here, what: str) -> list:
    if not isinstance(value, list) or not value:
        here.fail(_("must be a list of at least one %(what)s") % {"what": what})
    return value


def _check_items(data: dict, key: str, here: Here, what: str, check) -> list | None:
    """The checked items of the list `data[key]` (None when the key is missing), each checked
    even when others have problems; slugs must be unique."""
    if key not in data:
        here.note(_("the key '%(key)s' is missing") % {"key": key})
        return None
    at = here / key
    items = at.each(_list(data[key], at, what), check)
    _unique(items, at, what)
    return items


def _mapping(data, here: Here) -> dict:
    if not isinstance(data, dict):
        here.fail(_("must be a mapping, not %(type)s") % {"type": dataspec.type_name(data)})
    return data


STEP_SPEC = dataspec.specs(
    dataspec.Slug("slug", required=True),
    dataspec.Text("title", required=True, max_length=200),
)


def _check_step(data, here: Here) -> CheckedStep:
    _mapping(data, here)
    if "kind" not in data:
        here.fail(_("the key 'kind' is missing"))
    kind = steps.kind_named(data["kind"])
    if kind is None:
        (here / "kind").fail(
            _("unknown step kind '%(kind)s' (use %(kinds)s)")
            % {"kind": data["kind"], "kinds": ", ".join(k.name for k in steps.kinds())}
        )
    mark = len(here.problems)
    common = {key: data[key] for key in ("slug", "title") if key in data}
    base = here.attempt(dataspec.check_mapping, common, here, STEP_SPEC)
    values = here.attempt(kind.read, data, here, extra=STEP_KEYS)
    here.settle(mark)
    return CheckedStep(kind=kind, values={**base, **values}, here=here)


def _check_lesson(data, here: Here) -> CheckedLesson:
    _mapping(data, here)
    mark = len(here.problems)
    values = here.attempt(dataspec.check_mapping, data, here, LESSON_SPEC, extra=("steps",))
    lesson_steps = here.attempt(_check_items, data, "steps", here, _("step"), _check_step)
    here.settle(mark)
    return CheckedLesson(values=values, steps=lesson_steps, here=here)


def _check_module(data, here: Here) -> CheckedModule:
    _mapping(data, here)
    mark = len(here.problems)
    languages = here.attempt(_languages, data.get("languages"), here / "languages")
    here = here.speaking(languages or ())
    extra = ("languages", "audience", "requires", "lessons")
    values = here.attempt(dataspec.check_mapping, data, here, MODULE_SPEC, extra=extra)
    audience = here.attempt(
        dataspec.check_mapping, data.get("audience", {}), here / "audience", AUDIENCE_SPEC
    )
    if audience is not None:
        known_units = set(
            Unit.objects.filter(slug__in=audience["units"]).values_list("slug", flat=True)
        )
        for index, slug in enumerate(audience["units"]):
            if slug not in known_units:
                (here / "audience" / "units" / index).note(
                    _("unknown unit '%(slug)s'") % {"slug": slug}
                )
    requires = here.attempt(dataspec.check_slug_list, data.get("requires", []), here / "requires")
    if values is not None and requires is not None and values["slug"] in requires:
        (here / "requires").note(_("a module cannot require itself"))
    lessons = here.attempt(_check_items, data, "lessons", here, _("lesson"), _check_lesson)
    here.settle(mark)
    return CheckedModule(
        values=values,
        languages=languages,
        audience=audience,
        requires=requires,
        lessons=lessons,
        here=here,
    )


def _check_programme(document: Document, here: Here) -> CheckedProgramme:
    data = document.data
    if not isinstance(data, dict):
        here.fail(
            _("must be a mapping of programme keys, not %(type)s")
            % {"type": dataspec.type_name(data)}
        )
    mark = len(here.problems)
    here = here.speaking(sorted(_module_languages(data.get("modules")) - {"en"}))
    extra = ("modules", *SECTIONS)
    values = here.attempt(
        dataspec.check_mapping,
        {key: value for key, value in data.items() if key != LIFECYCLE_KEY},
        here,
        PROGRAMME_SPEC,
        extra=extra,
    )
    if not isinstance(data.get(LIFECYCLE_KEY, True), bool):
        (here / LIFECYCLE_KEY).note(_("must be true or false"))
    modules = here.attempt(_check_items, data, "modules", here, _("module"), _check_module)
    sections = {
        name: here.attempt(SECTIONS[name].check, data[name], here / name)
        for name in SECTIONS
        if name in data
    }
    here.settle(mark)
    return CheckedProgramme(
        values=values, modules=modules, sections=sections, document=document, here=here
    )


def check_document(document: Document) -> CheckedProgramme:
    """Check every key and value of one programme; CourseCodeError lists every problem."""
    here = Here((), _reporter(document.source), locate=document.source.where)
    checked = here.attempt(_check_programme, document, here)
    if here.problems:
        raise CourseCodeError(problems=here.problems)
    return checked


def _check_together(programmes: list[CheckedProgramme]) -> None:
    """Checks across files and against the database: slugs, prerequisites and their cycles."""
    by_slug: dict[str, CheckedProgramme] = {}
    for programme in programmes:
        slug = programme.values["slug"]
        if slug in by_slug:
            (programme.here / "slug").note(
                _("the programme '%(slug)s' is also in %(file)s")
                % {"slug": slug, "file": by_slug[slug].document.source.label}
            )
        by_slug[slug] = programme
    in_files: dict[str, tuple[CheckedProgramme, CheckedModule]] = {}
    for programme in programmes:
        for module in programme.modules:
            slug = module.values["slug"]
            if slug in in_files:
                other = in_files[slug][1]
                (module.here / "slug").note(
                    _("the module slug '%(slug)s' is also used at %(where)s")
                    % {"slug": slug, "where": other.here.where()}
                )
            in_files[slug] = (programme, module)
    stored = {m["slug"]: m for m in Module.objects.values("id", "slug", "programme__slug")}
    for slug, (programme, module) in in_files.items():
        owner = stored.get(slug, {}).get("programme__slug")
        if owner and owner != programme.values["slug"] and owner not in by_slug:
            (module.here / "slug").note(
                _("the module '%(slug)s' belongs to the programme '%(owner)s'")
                % {"slug": slug, "owner": owner}
            )
    # The graph of prerequisites: the files' modules as written, the others as stored.
    edges: dict[str, list[str]] = {}
    stored_ids = {m["id"]: m["slug"] for m in stored.values()}
    # Modules of these programmes that the files no longer list are removed by this import.
    removed = {
        slug
        for slug, row in stored.items()
        if row["programme__slug"] in by_slug and slug not in in_files
    }
    for module_id, required_id in Module.requires.through.objects.values_list(
        "from_module_id", "to_module_id"
    ):
        slug = stored_ids[module_id]
        if slug not in in_files and slug not in removed:
            edges.setdefault(slug, []).append(stored_ids[required_id])
    for slug, (_programme, module) in in_files.items():
        edges[slug] = list(module.requires)
        for index, required in enumerate(module.requires):
            if required not in in_files and (required not in stored or required in removed):
                (module.here / "requires" / index).note(
                    _("unknown prerequisite '%(slug)s': no module has this slug")
                    % {"slug": required}
                )
    for slug, (_programme, module) in in_files.items():
        cycle = find_cycle(slug, edges)
        if cycle:
            (module.here / "requires").note(
                _("the prerequisites form a cycle: %(cycle)s") % {"cycle": " -> ".join(cycle)}
            )
            break  # one cycle is named once, not at each of its modules


# --------------------------------------------------------------------------- writing


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


def _problems(programmes: list[CheckedProgramme]) -> list:
    return [problem for programme in programmes for problem in programme.here.problems]


def check_documents(documents: list[Document]) -> list[CheckedProgramme]:
    """Check one or more programmes, also together and against the database; CourseCodeError
    lists every problem of every file."""
    problems, checked = [], []
    for document in documents:
        try:
            checked.append(check_document(document))
        except CourseCodeError as error:
            problems += error.problems
    if not problems:
        _check_together(checked)
        problems = _problems(checked)
    if problems:
        raise CourseCodeError(problems=problems)
    return checked


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
            if not _problems(checked):
                for programme in checked:
                    writer.requires(programme)
                for programme, checked_programme in stored:
                    for name, checked_section in checked_programme.sections.items():
                        SECTIONS[name].write(programme, checked_section)
            if _problems(checked):
                # Problems only the database shows (progress on a removed step): undo it all.
                raise CourseCodeError(problems=_problems(checked))
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


# --------------------------------------------------------------------------- writing YAML


def _module_data(module: Module) -> dict:
    data = dataspec.dump_mapping(module, MODULE_SPEC)
    data["languages"] = list(module.languages)
    data["audience"] = {
        "units": sorted(unit.slug for unit in module.audience_units.all()),
        "roles": list(module.audience_roles),
    }
    data["requires"] = [
        required.slug
        for required in module.requires.select_related("programme").order_by(
            "programme__position", "programme__slug", "position", "slug"
        )
    ]
    data["lessons"] = []
    for lesson in module.lessons.order_by("position", "id"):
        lesson_data = dataspec.dump_mapping(lesson, LESSON_SPEC)
        lesson_data["steps"] = []
        for step in lesson.steps.order_by("position", "id"):
            kind = steps.kind_of(step)
            step_data = {"slug": step.slug, "kind": kind.name}
            step_data["title"] = dataspec.Text("title").dump(step)
            step_data.update(kind.dump(step))
            lesson_data["steps"].append(step_data)
        data["lessons"].append(lesson_data)
    return data


def programme_data(programme: Programme) -> dict:
    """The programme as course-as-code data (what export writes), sections included."""
    data = dataspec.dump_mapping(programme, PROGRAMME_SPEC)
    data["modules"] = [
        _module_data(module) for module in programme.modules.order_by("position", "slug")
    ]
    for name, section in SECTIONS.items():
        value = section.dump(programme)
        if value is not None:
            data[name] = value
    return data


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _represent_text(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper, value: list):
    # Short lists of words (languages, platforms, prerequisites) read best on one line.
    flow = all(isinstance(item, str) and "\n" not in item and len(item) < 60 for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(list, _represent_list)


def to_yaml(data) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def export_text(slug: str) -> str:
    """One programme as a single YAML file; CourseCodeError when there is no such programme."""
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise CourseCodeError(_("there is no programme with the slug '%(slug)s'") % {"slug": slug})
    header = f"# Course-as-code: the programme {slug} (see docs/course-as-code.schema.json)\n"
    return header + to_yaml(programme_data(programme))


def export_folder(slug: str, folder: Path | str) -> list[Path]:
    """The programme as a folder: programme.yaml (modules listed by slug) and one file per module."""
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise CourseCodeError(_("there is no programme with the slug '%(slug)s'") % {"slug": slug})
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data = programme_data(programme)
    modules = data.pop("modules")
    head = {**{k: v for k, v in data.items() if k not in SECTIONS}}
    head["modules"] = [module["slug"] for module in modules]
    head.update({k: v for k, v in data.items() if k in SECTIONS})
    written = [folder / FOLDER_PROGRAMME_FILE]
    written[0].write_text(to_yaml(head), encoding="utf-8")
    for module in modules:
        path = folder / f"{module['slug']}.yaml"
        path.write_text(to_yaml(module), encoding="utf-8")
        written.append(path)
    return written
