"""Reading YAML: a programme file or folder into a `Document` that knows the file and line of
every value; syntax errors, duplicate keys and oversized files are refused here."""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

from .. import dataspec
from ..dataspec import Here
from .spec import FOLDER_PROGRAMME_FILE, CourseCodeError


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


def reporter(source: Source):
    """A function that makes the error for a problem at a path: `file:line: path: what`."""

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

    head = parse_file(
        folder / FOLDER_PROGRAMME_FILE, label=labelled(folder / FOLDER_PROGRAMME_FILE)
    )
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
        here = Here(("modules",), reporter(head.source), locate=head.source.where)
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
