"""The launcher chooses the CLI or the TUI; ``planner`` alone is the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import outreach
from planner.commands.context import Context

ROOT = Path(__file__).resolve().parents[1]


def test_outreach_with_no_command_opens_the_tui(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Context] = []

    def fake_tui(ctx: Context) -> int:
        opened.append(ctx)
        return 0

    monkeypatch.setattr(outreach, "run_tui", fake_tui)
    assert outreach.main(["--db", str(db_path), "--today", "2026-11-26"]) == 0
    (ctx,) = opened
    assert ctx.db_path == db_path and ctx.today.isoformat() == "2026-11-26"
    assert not db_path.exists()  # opening the TUI is the TUI's business, not the CLI's


def test_outreach_demo_opens_the_tui_on_a_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Context] = []
    monkeypatch.setattr(outreach, "run_tui", lambda ctx: opened.append(ctx) or 0)
    assert outreach.main(["--demo"]) == 0
    (ctx,) = opened
    assert ctx.demo and ctx.db_path.exists()


def test_outreach_with_a_command_runs_the_cli(db_path: Path, capsys) -> None:
    assert outreach.main(["--db", str(db_path), "add", "--name", "Ana Silva"]) == 0
    assert outreach.main(["--db", str(db_path), "list"]) == 0
    assert "Ana Silva" in capsys.readouterr().out


def test_the_cli_alone_has_no_tui_and_says_where_it_is(db_path: Path, capsys) -> None:
    from planner.cli import main

    assert main(["--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'outreach'" in err and not db_path.exists()


@pytest.mark.parametrize("module", ["outreach", "planner"])
def test_python_m_runs_the_cli(tmp_path: Path, module: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", module, "--db", str(tmp_path / "d.json"), "add", "--name", "Bo"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
