"""Writing YAML: a programme as course-as-code (export), one file or a folder with one file per
module, in the form an import reads back unchanged."""

from pathlib import Path

import yaml
from django.utils.translation import gettext as _

from .. import dataspec, steps
from ..models import (
    Module,
    Programme,
)
from .spec import (
    FOLDER_PROGRAMME_FILE,
    LESSON_SPEC,
    MODULE_SPEC,
    PROGRAMME_SPEC,
    SECTIONS,
    CourseCodeError,
)


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
