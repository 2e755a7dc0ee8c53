"""Shared fixtures. Every test runs with its own data file: the developer's data is never used."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from planner.cli import main


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point OUTREACH_DB, OUTREACH_CONFIG, the summary cache and the XDG folders at throwaway
    places: the developer's own data and settings are never read."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("OUTREACH_DB", str(home / "data.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
    monkeypatch.setenv("OUTREACH_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("OUTREACH_CONFIG", str(home / "config.toml"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A data file path that does not exist yet."""
    return tmp_path / "data.json"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run ``outreach --db db_path --today 2026-11-26 ARGS...`` in-process."""

    def run(*args: str, today: str | None = "2026-11-26", stdin: str | None = None) -> Result:
        argv = ["--db", str(db_path)]
        if today:
            argv += ["--today", today]
        if stdin is not None:
            import sys

            old = sys.stdin
            sys.stdin = io.StringIO(stdin)
        try:
            try:
                code = main([*argv, *args])
            except SystemExit as exc:  # argparse errors, --help, --version
                code = int(exc.code or 0)
        finally:
            if stdin is not None:
                sys.stdin = old
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
