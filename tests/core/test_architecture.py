"""The rules of direction in ARCHITECTURE.md that import-linter cannot see (the import rules
themselves are its contracts in pyproject.toml, proven in ``test_import_contracts``): how the
domains react to each other, and who writes stock."""
import ast
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from marketplace.catalog.events import listing_changed
from marketplace.inventory.events import stock_changed
from marketplace.moderation import services as moderation
from marketplace.moderation import subjects
from marketplace.moderation.events import review_decided
from marketplace.moderation.models import TASK_KINDS
from marketplace.money.events import rates_changed

ROOT = Path(__file__).resolve().parents[2]


def python_files(folder: str):
    return sorted((ROOT / folder).rglob("*.py"))


def calls_and_names(path: Path):
    """Every dotted name the file uses (``event.listens_for``, ``StockLevel``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            yield f"{node.value.id}.{node.attr}"
        elif isinstance(node, ast.Name):
            yield node.id


def test_every_review_kind_has_a_subject_loader_and_a_decision_handler(app):
    assert subjects.registered_kinds() == set(TASK_KINDS)
    for kind in TASK_KINDS:
        assert moderation.has_decision_handler(kind), kind


def test_a_decision_nobody_receives_is_an_error_not_a_warning(app, monkeypatch):
    monkeypatch.setattr(moderation, "has_decision_handler", lambda kind: False)
    task = type("Task", (), {"kind": "listing", "id": 1, "subject_id": 1})()
    decision = moderation.Decision(task=task, decision="approve", reasons=[], note=None, reviewer=None,
                                   now=None)
    with pytest.raises(moderation.NoDecisionHandler):
        moderation.apply_decision(decision)


def test_the_signals_are_connected_by_the_app_factory(app):
    for signal in (listing_changed, stock_changed, rates_changed):
        assert signal.receivers, signal.name
    assert set(review_decided.receivers_for("listing"))
    assert set(review_decided.receivers_for("buyer_application"))


def test_session_events_are_installed_in_one_place():
    """No module registers a session event as a side effect of being imported."""
    offences = [f"{path.relative_to(ROOT)}" for path in python_files("marketplace")
                if "event.listens_for" in set(calls_and_names(path))
                and path.relative_to(ROOT).as_posix() not in ("marketplace/core/sqlite.py",
                                                              "marketplace/search/ddl.py")]
    assert offences == []
    listening = [path.relative_to(ROOT).as_posix() for path in python_files("marketplace")
                 if "event.listen" in set(calls_and_names(path))]
    assert listening == ["marketplace/core/session_events.py"]


def test_the_app_factory_installs_the_session_events(app):
    from marketplace.catalog import changes
    from marketplace.jobs import outbox
    from marketplace.shops import tenancy

    for module in (outbox, tenancy, changes):
        for name, listener in module.SESSION_EVENTS:
            assert event.contains(Session, name, listener), (module.__name__, name)


def test_only_inventory_writes_stock_rows():
    """Stock rows are written by ``marketplace.inventory`` alone (reads elsewhere are fine)."""
    offences = []
    for path in python_files("marketplace"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("marketplace/inventory/"):
            continue
        source = path.read_text(encoding="utf-8")
        if any(pattern in source for pattern in ("StockLevel(", "update(StockLevel", "insert(StockLevel",
                                                 "delete(StockLevel", "StockLevel.__table__")):
            offences.append(relative)
    assert offences == []


def test_the_checks_see_the_code():
    """Guard against the rules passing because they read nothing."""
    assert len(python_files("marketplace")) >= 100
    assert "event.listen" in set(calls_and_names(ROOT / "marketplace/core/session_events.py"))
    assert "StockLevel(" in (ROOT / "marketplace/inventory/services.py").read_text(encoding="utf-8")
