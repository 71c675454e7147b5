"""docs/architecture.md tells the truth: each folder imports exactly what its row says.

The table's last column names, in backticks, the project's packages and the
outside libraries a folder may import (`storage.durable` counts as
`storage`); the standard library is always allowed. Every import in the
folder, also one made lazily inside a function, must be named there, and
every project package named there must really be imported, so the table
can neither hide a dependency nor keep a stale one.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
NOT_APP = {"tests", "benchmarks", "scripts", "docs", "assets"}
PACKAGES = sorted(p.name for p in ROOT.iterdir()
                  if (p / "__init__.py").exists() and p.name not in NOT_APP)


def table() -> dict[str, set[str]]:
    """folder -> the names in backticks of its row's last column."""
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        folder = cells[0].strip("`").rstrip("/")
        rows[folder] = {name.split(".")[0] for name in re.findall(r"`([A-Za-z_][\w.]*)`", cells[2])}
    return rows


def imports_of(folder: str) -> dict[str, set[str]]:
    """Top-level names imported by the folder (or main.py), outside the standard library and itself."""
    files = [ROOT / folder] if folder.endswith(".py") else sorted((ROOT / folder).rglob("*.py"))
    found: dict[str, set[str]] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in ("__future__", folder):
                    continue
                found.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    return found


def test_every_package_has_a_row() -> None:
    assert set(PACKAGES) | {"main.py"} <= set(table()), "a package without a row in docs/architecture.md"


@pytest.mark.parametrize("folder", [*PACKAGES, "main.py"])
def test_the_row_names_exactly_what_the_folder_imports(folder: str) -> None:
    allowed = table()[folder]
    found = imports_of(folder)
    hidden = {name: sorted(files) for name, files in found.items() if name not in allowed}
    assert hidden == {}, f"{folder} imports what its row in docs/architecture.md does not name"
    stale = {name for name in allowed if name in PACKAGES and name not in found}
    assert stale == set(), f"the row of {folder} names packages it never imports"


def test_screens_never_touch_storage() -> None:
    """Screens render and call services: no `storage` import, no `.store` reached through a service."""
    reached = []
    for path in sorted((ROOT / "screens").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "store":
                reached.append(f"{path.name}:{node.lineno} .store")
            elif isinstance(node, ast.Import) and any(a.name.split(".")[0] == "storage" for a in node.names):
                reached.append(f"{path.name}:{node.lineno} import storage")
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "storage":
                reached.append(f"{path.name}:{node.lineno} from {node.module}")
    assert reached == []


def test_screens_reach_reminders_only_through_their_page_service() -> None:
    """Screens ask `reminders.page.PageReminders` and `Services.reminder_port`; never the process's
    reminder loop behind them (`.hub`), nor build a port of their own (only where the app is
    put together: `serve.py` for the process, `services.py` for a page without reminders)."""
    reached = []
    for path in sorted((ROOT / "screens").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "hub":
                reached.append(f"{path.name}:{node.lineno} .hub")
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "PracticeReminderPort" \
                    and path.name not in ("services.py", "serve.py"):
                reached.append(f"{path.name}:{node.lineno} PracticeReminderPort(...)")
    assert reached == []


def test_no_test_module_imports_another() -> None:
    """Shared test code lives in tests/helpers/ or tests/browser/'s helper modules, never in a test module."""
    found = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tests."):
                if node.module.rsplit(".", 1)[-1].startswith("test_"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} from {node.module}")
    assert found == []
