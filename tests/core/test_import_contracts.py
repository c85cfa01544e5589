"""The import-linter contracts in pyproject.toml, proven to bite: violations planted in a
throw-away copy of the code must break the contract that names them, and the tree as it is
must keep every one."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("marketplace", "buyers_portal", "consumer_site", "review_queue")

# (file, code added to it, contract expected broken, text the report must contain)
PLANTED = [
    ("marketplace/core/planted_up.py", "from marketplace.catalog import models\n", "layers",
     "marketplace.core.planted_up -> marketplace.catalog.models"),
    ("marketplace/money/planted_hidden.py", "def later():\n    from marketplace.search import services\n",
     "layers", "marketplace.money.planted_hidden -> marketplace.search.services"),
    ("marketplace/web/planted_relative.py", "from ..api import routing\n", "layers",
     "marketplace.web.planted_relative -> marketplace.api.routing"),
    ("marketplace/customs/__init__.py", "from marketplace.catalog import models\n", "layers",
     "marketplace.customs -> marketplace.catalog.models"),
    ("marketplace/catalog/planted_g.py", "import flask\n\n\ndef actor():\n    return flask.g.actor\n",
     "no-request-in-domains", "marketplace.catalog.planted_g uses flask.g"),
    ("marketplace/inventory/planted_user.py", "from flask_login import current_user\n",
     "no-request-in-domains", "marketplace.inventory.planted_user uses flask_login.current_user"),
    ("consumer_site/planted_door.py", "import buyers_portal\n", "front-doors",
     "consumer_site.planted_door -> buyers_portal"),
    ("review_queue/planted_ops.py", "from marketplace import ops\n", "front-doors-edge",
     "review_queue.planted_ops -> marketplace.ops"),
    ("marketplace/search/planted_door.py", "from consumer_site import views\n", "core-below-doors",
     "marketplace.search.planted_door -> consumer_site.views"),
]


def lint(folder: Path, *contracts: str) -> subprocess.CompletedProcess:
    if not LINT.exists():
        pytest.fail(f"{LINT} is missing: import-linter is a dev dependency")
    arguments = [str(LINT), "--no-cache", "--no-logo", *(f"--contract={name}" for name in contracts)]
    return subprocess.run(arguments, cwd=folder, env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> subprocess.CompletedProcess:
    copy = tmp_path_factory.mktemp("planted")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "__init__.py", copy / "tests")
    shutil.copy(ROOT / "tests" / "contracts.py", copy / "tests")
    shutil.copy(ROOT / "pyproject.toml", copy)
    for path, code, _, _ in PLANTED:
        with open(copy / path, "a", encoding="utf-8") as planted_file:
            planted_file.write("\n" + code)
    return lint(copy)


def test_the_tree_keeps_every_contract():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout and "5 kept" in result.stdout


def test_the_linter_fails_on_the_planted_copy(planted):
    assert planted.returncode != 0
    assert "5 broken" in planted.stdout, planted.stdout + planted.stderr


@pytest.mark.parametrize("path, code, contract, report", PLANTED, ids=[row[0] for row in PLANTED])
def test_each_planted_violation_is_reported(planted, path, code, contract, report):
    assert report in planted.stdout, planted.stdout
