"""Checking: every key and value of one or more programmes, also together and against the
database, before anything is written; checking goes on after a problem so that every problem
is reported at once."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from people.models import Unit

from .. import dataspec, steps
from ..dataspec import Here
from ..models import (
    LANGUAGES,
    Module,
)
from ..models.catalogue import find_cycle
from .reading import Document, reporter, text_path
from .spec import (
    AUDIENCE_SPEC,
    LESSON_SPEC,
    LIFECYCLE_KEY,
    MODULE_SPEC,
    PROGRAMME_SPEC,
    SECTIONS,
    STEP_KEYS,
    STEP_SPEC,
    CourseCodeError,
)


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
    here = Here((), reporter(document.source), locate=document.source.where)
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


def problems_of(programmes: list[CheckedProgramme]) -> list:
    """Every problem noted while checking or writing these programmes."""
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
        problems = problems_of(checked)
    if problems:
        raise CourseCodeError(problems=problems)
    return checked
