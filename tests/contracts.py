"""An import-linter contract type that the built-in ones cannot express: some *names* of a
module (``flask.request``) are forbidden where the module itself is allowed (``flask_babel``,
``flask.current_app``). Read from the source, so ``import flask; flask.g`` is caught too."""
from __future__ import annotations

import ast
import importlib.util

from importlinter import Contract, ContractCheck, fields, output


def _origin(module: str) -> str | None:
    spec = importlib.util.find_spec(module)
    return spec.origin if spec is not None and spec.origin and spec.origin.endswith(".py") else None


def used_names(source: str) -> set[str]:
    """``package.name`` for every ``from package import name`` and every ``package.name``
    attribute read through ``import package`` (aliases followed)."""
    tree = ast.parse(source)
    aliases: dict[str, str] = {}
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                aliases[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else \
                    alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            found.add(f"{aliases[node.value.id]}.{node.attr}")
    return found


class ForbiddenNamesContract(Contract):
    """Modules under ``containers`` (less ``ignore``) may not use any of ``forbidden_names``."""

    type_name = "forbidden_names"
    containers = fields.ListField(subfield=fields.StringField())
    ignore = fields.ListField(subfield=fields.StringField(), required=False)
    forbidden_names = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        ignored = tuple(str(name) for name in (self.ignore or []))
        forbidden = {str(name) for name in self.forbidden_names}
        offences = []
        for container in self.containers:
            for module in sorted(graph.find_descendants(str(container)) | {str(container)}):
                if any(module == name or module.startswith(name + ".") for name in ignored):
                    continue
                origin = _origin(module)
                if origin is None:
                    continue
                with open(origin, encoding="utf-8") as source:
                    names = used_names(source.read()) & forbidden
                offences += [(module, name) for name in sorted(names)]
        return ContractCheck(kept=not offences, metadata={"offences": offences})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for module, name in check.metadata["offences"]:
            output.print_error(f"{module} uses {name}", bold=False)
            output.new_line()
