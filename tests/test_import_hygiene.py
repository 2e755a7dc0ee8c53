"""planner/ is the domain: importing any of its modules must never load textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import planner


def _planner_modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.walk_packages(planner.__path__, prefix="planner.")
        if not m.name.endswith("__main__")
    ]


def test_planner_never_imports_textual() -> None:
    modules = _planner_modules()
    assert "planner.storage.store" in modules and "planner.cli" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from planner.cli import build_parser\n"
        "build_parser()\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(bad)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
