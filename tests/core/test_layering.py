"""The shared library sits at the bottom of the app order: it imports no app of the project."""

import ast
from pathlib import Path

import core

PROJECT_APPS = {"academy", "people", "policies", "courses", "community", "certification"}
PROJECT_APPS |= {"notifications", "insights", "api"}


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.add(node.module)
    return found


def test_core_imports_no_app_of_the_project():
    root = Path(core.__file__).parent
    offenders = {
        f"{path.relative_to(root)}: {module}"
        for path in root.rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in PROJECT_APPS
    }
    assert offenders == set()
