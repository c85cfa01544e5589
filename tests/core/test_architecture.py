"""The rules of direction in ARCHITECTURE.md, checked on the source: a broken rule fails here."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRONT_DOORS = ("buyers_portal", "consumer_site", "review_queue")
# The web edge of the core: these read the request by design.
WEB_EDGE = ("marketplace/api", "marketplace/web", "marketplace/ops")
REQUEST_NAMES = {"request", "session", "g", "current_user"}


def python_files(folder: str):
    return sorted((ROOT / folder).rglob("*.py"))


def imports(path: Path):
    """(module, name) for every import in the file; name is None for ``import module``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                yield node.module, alias.name


def domain_files():
    for path in python_files("marketplace"):
        relative = path.relative_to(ROOT).as_posix()
        if not relative.startswith(WEB_EDGE):
            yield path


@pytest.mark.parametrize("door", FRONT_DOORS)
def test_front_doors_never_import_each_other(door):
    others = [other for other in FRONT_DOORS if other != door]
    offences = [f"{path.relative_to(ROOT)}: {module}" for path in python_files(door)
                for module, _ in imports(path) if module.split(".")[0] in others]
    assert offences == []


def test_the_core_never_imports_a_front_door():
    offences = [f"{path.relative_to(ROOT)}: {module}" for path in python_files("marketplace")
                for module, _ in imports(path) if module.split(".")[0] in FRONT_DOORS
                and path.name != "__init__.py"]
    assert offences == []


def test_domain_code_never_reads_the_request():
    offences = []
    for path in domain_files():
        for module, name in imports(path):
            if module in {"flask", "flask_login"} and name in REQUEST_NAMES:
                offences.append(f"{path.relative_to(ROOT)}: from {module} import {name}")
            web_edge = module.startswith(("marketplace.web", "marketplace.api", "marketplace.ops"))
            if web_edge and path.relative_to(ROOT).as_posix() != "marketplace/__init__.py":
                offences.append(f"{path.relative_to(ROOT)}: {module}")
    assert offences == []


def test_the_checks_see_the_code():
    """Guard against the rules passing because they read nothing."""
    assert len(list(domain_files())) >= 20
    assert any(module == "flask" for path in python_files("marketplace/web") for module, _ in imports(path))
