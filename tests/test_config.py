"""The settings file: defaults, validation, atomic 0600 writes, --config and OUTREACH_CONFIG."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from planner import config
from planner.config import Settings


def test_tests_never_see_the_real_config(tmp_path: Path) -> None:
    """The autouse fixture points OUTREACH_CONFIG at a throwaway file."""
    path = config.config_path()
    assert "xdg-config" not in str(path) and path.name == "config.toml"
    assert not str(path).startswith(str(Path.home() / ".config"))


def test_missing_file_gives_defaults() -> None:
    assert config.load() == Settings(daily_limit=10, default_cadence=None, theme="textual-dark")


def test_set_get_list_round_trip(cli) -> None:
    assert cli("config", "set", "daily-limit", "25").out == "daily-limit = 25\n"
    assert cli("config", "set", "default-cadence", " 3M ").out == "default-cadence = 3m\n"
    assert cli("config", "set", "theme", "Nord").out == "theme = nord\n"
    assert cli("config", "get", "daily-limit").out == "25\n"
    assert cli("config", "get", "default-cadence").out == "3m\n"
    listed = cli("config", "list")
    assert "daily-limit = 25" in listed.out and "theme = nord" in listed.out
    assert str(config.config_path()) in listed.out
    assert config.load() == Settings(25, "3m", "nord")
    assert cli("config", "set", "default-cadence", "none").out == "default-cadence = none\n"
    assert config.load().default_cadence is None


def test_file_is_private_and_written_atomically() -> None:
    path = config.save(Settings(daily_limit=7))
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert config.load(path).daily_limit == 7


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("daily-limit", "0", "from 1 to"),
        ("daily-limit", "ten", "whole number"),
        ("daily-limit", "-3", "whole number"),
        ("default-cadence", "weekly", "unknown cadence"),
        ("theme", "hot-pink", "unknown theme"),
        ("colour", "red", "unknown setting 'colour'"),
    ],
)
def test_bad_values_are_refused_with_one_line(cli, key: str, value: str, says: str) -> None:
    before = cli("config", "list").out
    result = cli("config", "set", key, value)
    assert result.code == 2
    assert says in result.err and result.err.count("\n") == 1 and "Traceback" not in result.err
    assert cli("config", "list").out == before  # nothing written


def test_broken_file_is_named_in_the_error(cli) -> None:
    path = config.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("daily-limit = [oops\n")
    result = cli("config", "get", "daily-limit")
    assert result.code == 2 and str(path) in result.err and "not valid TOML" in result.err
    path.write_text('daily-limit = "lots"\n')
    result = cli("config", "get", "theme")
    assert result.code == 2 and "daily-limit must be" in result.err
    settings, problem = config.load_or_defaults()
    assert settings == Settings() and problem is not None and str(path) in problem


def test_config_option_and_env_override(cli, tmp_path: Path, monkeypatch) -> None:
    elsewhere = tmp_path / "other" / "settings.toml"
    assert cli("--config", str(elsewhere), "config", "set", "daily-limit", "3").code == 0
    assert config.load(elsewhere).daily_limit == 3
    assert cli("config", "get", "daily-limit").out == "10\n"  # the default file is untouched
    monkeypatch.setenv("OUTREACH_CONFIG", str(elsewhere))
    assert cli("config", "get", "daily-limit").out == "3\n"


def test_themes_are_textuals_builtin_themes() -> None:
    from textual.theme import BUILTIN_THEMES

    assert set(config.THEMES) == set(BUILTIN_THEMES)
