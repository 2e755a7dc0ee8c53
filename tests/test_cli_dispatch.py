"""One command builds only its own module's parsers: the same help, parses and errors as the
whole command line, and the command table matches what the modules register."""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys

import pytest

from planner.cli import build_parser, command_of
from planner.commands import COMMANDS, MODULES, registrar
from planner.commands.context import ArgumentParser


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def test_the_command_table_is_what_each_module_registers() -> None:
    order: list[str] = []
    for module in MODULES:
        sub = ArgumentParser(prog="outreach").add_subparsers(parser_class=ArgumentParser)
        registrar(module)(sub)
        names = list(sub.choices)
        assert names == [c for c, m in COMMANDS.items() if m == module], module
        order += names
    assert list(_subparsers(build_parser()).choices) == order  # --help lists them in this order


def _run(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: object = vars(parser.parse_args(argv))
        except SystemExit as exc:
            result = ("exit", exc.code)
    return result, out.getvalue(), err.getvalue()


ARGVS = [
    ["check", "--help"],
    ["check", "--to", "Priya", "--text", "hi", "--on", "-3d", "--json"],
    ["--db", "x.json", "--today", "2026-11-26", "check", "--to", "c1", "--text", "hi"],
    ["--db=x.json", "--demo", "check", "--to", "c1", "--text-file", "-"],
    ["check", "--to", "c1"],  # no text: usage error
    ["check", "--text", "hi", "--text-file", "f"],  # exclusive
    ["check", "--to", "c1", "--text", "hi", "--bogus"],
    ["--db", "--demo", "check", "--to", "c1", "--text", "hi"],  # --db lacks its value
    ["due", "--help"],
    ["due", "--days", "7", "--json"],
    ["log", "--to", "Priya", "--text", "hi", "--channel", "bogus"],
    ["interaction", "edit", "--help"],
    ["occasion", "add", "--help"],
    ["config", "set", "daily-limit", "5"],
    ["import", "linkedin", "--help"],
    ["export", "vcard", "--help"],
]


@pytest.mark.parametrize("argv", ARGVS, ids=" ".join)
def test_one_command_parses_as_the_whole_command_line(argv: list[str]) -> None:
    command = command_of(argv)
    assert command is not None and command in argv
    assert _run(build_parser(command), argv) == _run(build_parser(), argv)


@pytest.mark.parametrize(
    "argv", [[], ["--demo"], ["--db", "x.json", "--today=2026-11-26", "--config", "c.toml"]]
)
def test_a_run_with_no_command_parses_the_same_without_any_command_parser(argv) -> None:
    assert command_of(argv) == ""
    assert _run(build_parser(""), argv) == _run(build_parser(), argv)


def test_every_command_has_the_same_help_either_way() -> None:
    whole = _subparsers(build_parser()).choices
    for command in COMMANDS:
        alone = _subparsers(build_parser(command)).choices[command]
        assert alone.format_help() == whole[command].format_help(), command


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["check", "--to", "c1"], "check"),
        (["--db", "check", "due"], "due"),  # "check" is the data file's name here
        (["--db=a", "--config", "b", "--today=2026-01-01", "--demo", "list"], "list"),
        ([], ""),  # no command: the TUI
        (["--db", "x.json", "--demo"], ""),
        (["--help", "check"], None),
        (["-h"], None),
        (["--version"], None),
        (["--tod", "2026-01-01", "check"], None),  # an abbreviation: argparse decides
        (["--", "check"], None),
        (["chek"], None),  # a typo: the whole parser names the choices
        (["--db"], None),
    ],
)
def test_command_of(argv: list[str], command: str | None) -> None:
    assert command_of(argv) == command


def test_outreach_help_still_lists_every_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "outreach", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for command in COMMANDS:
        assert f"    {command} " in out or f"    {command}\n" in out, command


def test_a_check_imports_no_other_command_module(tmp_path) -> None:
    code = (
        "import sys\n"
        "from planner.cli import main\n"
        f"main(['--db', {str(tmp_path / 'none.json')!r}, 'check', '--to', 'x', '--text', 'hi'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('planner.commands.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = eval(out.strip().splitlines()[-1])  # noqa: S307 - our own printed list
    assert "planner.commands.check" in loaded
    assert not {f"planner.commands.{m}" for m in MODULES if m != "check"} & set(loaded)
