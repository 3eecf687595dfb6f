"""The apps import one way (docs/architecture.md): `core` at the bottom imports no app, no app
imports one above it, and no import hides inside a function to dodge a circle of imports."""

import ast
import re
from pathlib import Path

import core

ROOT = Path(core.__file__).resolve().parents[1]
# The order of the apps: each may import those before it (the API serves insights' adoption
# figures too); academy (the project) wires them all.
ORDER = [
    "core",
    "people",
    "policies",
    "courses",
    "community",
    "certification",
    "notifications",
    "insights",
    "api",
]
LEVEL = {app: level for level, app in enumerate(ORDER)}
PROJECT_APPS = {*LEVEL, "academy"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    module_name(path): path
    for app in PROJECT_APPS
    for path in (ROOT / app).rglob("*.py")
    if "migrations" not in path.parts
}


def _targets(module: str, path: Path, node) -> list[str]:
    """The project modules an import statement in `module` loads."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        base = node.module or ""
    else:
        parts = module.split(".")[: None if path.name == "__init__.py" else -1]
        parts = parts[: len(parts) - node.level + 1]
        base = ".".join([*parts, *([node.module] if node.module else [])])
    return [
        f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
        for alias in node.names
    ]


def imports(module: str) -> tuple[set[str], list[tuple[str, int]]]:
    """(project modules imported at module level, [(module, line)] imported inside functions)."""
    path = MODULES[module]
    top: set[str] = set()
    inner: list[tuple[str, int]] = []

    def visit(node, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                for target in _targets(module, path, child):
                    if target.split(".")[0] in PROJECT_APPS:
                        if in_function:
                            inner.append((target, child.lineno))
                        else:
                            top.add(target)
            visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    visit(ast.parse(path.read_text()), False)
    return top, inner


IMPORTS = {module: imports(module) for module in MODULES}


def loaded_by(module: str) -> set[str]:
    """Every project module that importing `module` loads (its packages too)."""
    seen: set[str] = set()
    pending = [module]
    while pending:
        for target in IMPORTS.get(pending.pop(), (set(), []))[0]:
            parts = target.split(".")
            for end in range(1, len(parts) + 1):
                name = ".".join(parts[:end])
                if name in MODULES and name not in seen:
                    seen.add(name)
                    pending.append(name)
    return seen


def test_core_imports_no_app_of_the_project():
    offenders = {
        f"{module}: {target}"
        for module, (top, inner) in IMPORTS.items()
        if module.split(".")[0] == "core"
        for target in [*top, *(target for target, _line in inner)]
        if target.split(".")[0] != "core"
    }
    assert offenders == set()


def test_no_app_imports_an_app_above_it():
    offenders = set()
    for module, (top, inner) in IMPORTS.items():
        app = module.split(".")[0]
        if app == "academy":
            continue
        for target in [*top, *(target for target, _line in inner)]:
            other = target.split(".")[0]
            if other == "academy" or (other != app and LEVEL[other] >= LEVEL[app]):
                offenders.add(f"{module}: {target}")
    assert offenders == set()


def test_no_import_inside_a_function_dodges_a_circle():
    # An import inside a function of A that loads B, while B (through its own imports) loads A,
    # hides a circle that moving the import to the top would show.
    dodges = {
        f"{MODULES[module].relative_to(ROOT)}:{line}: {target}"
        for module, (_top, inner) in IMPORTS.items()
        for target, line in inner
        if target in MODULES and module in loaded_by(target)
    }
    assert dodges == set()


def test_insights_reads_other_apps_only_through_their_selectors_and_services():
    # The adoption figures read each app through the functions it publishes (selectors,
    # services, signals), so an app can change its tables without breaking the dashboards.
    offenders = {
        f"{module}: {target}"
        for module, (top, inner) in IMPORTS.items()
        if module.split(".")[0] == "insights"
        for target in [*top, *(target for target, _line in inner)]
        if target.split(".")[0] not in ("insights", "core") and target.split(".")[1:2] == ["models"]
    }
    assert offenders == set()


def test_app_templates_load_tag_libraries_of_their_own_app_or_below():
    # A template is part of its app: a tag library of the project (academy) or of a higher
    # app would be an import against the order that the import graph cannot see.
    from django.template.backends.django import get_installed_libraries

    owner = {name: module.split(".")[0] for name, module in get_installed_libraries().items()}
    offenders = set()
    for app in LEVEL:
        for path in (ROOT / app).glob("templates/**/*.html"):
            for names in re.findall(r"{%\s*load\s+([^%]+?)\s*%}", path.read_text()):
                for name in names.split():
                    other = owner.get(name, "")
                    if other == "academy" or (other in LEVEL and LEVEL[other] > LEVEL[app]):
                        offenders.add(f"{path.relative_to(ROOT)}: {name} ({other})")
    assert offenders == set()


def lines_matching(pattern: re.Pattern, *, skip) -> set[str]:
    """`file:line` of every line of the project's modules (but those `skip` names) that
    `pattern` finds."""
    return {
        f"{path.relative_to(ROOT)}:{number}"
        for module, path in MODULES.items()
        if not skip(module)
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if pattern.search(line)
    }


def test_no_code_finds_a_function_by_its_name():
    # A reader follows a call to its definition: no dispatch through strings (each step and
    # rule kind is a class found in a registry; a view maps a choice to a service itself).
    pattern = re.compile(r"globals\(\)\[|import_string\(|getattr\(\s*services\b")
    # The project's CLI loads each app's demo loader by name.
    assert lines_matching(pattern, skip=lambda module: module.split(".")[0] == "academy") == set()


def test_every_domain_signal_is_sent_after_commit_and_robustly():
    # One way to tell other apps (core.signals.send_after_commit): a plain .send() would let a
    # failing receiver turn a saved action into an error and skip the other receivers.
    sends = re.compile(r"\bsignals?\.\w+\.send(_robust)?\(")
    assert lines_matching(sends, skip=lambda module: module == "core.signals") == set()
