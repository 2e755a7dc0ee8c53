"""The people commands' contract: add, edit, list, show, log, and the exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from planner.storage import Store

ROOT = Path(__file__).resolve().parents[1]


def test_add_prints_the_id_and_show_json_has_the_contract_fields(cli) -> None:
    r = cli(
        "add", "--name", "Priya Nair", "--how", "PyCon 2024 sprint", "--company", "Acme",
        "--position", "CTO", "--email", "priya@example.com", "--url", "https://x.example/priya",
        "--birthday", "02-29", "--every", "3m", "--tag", "client", "--tag", "pycon",
        "--no-bulk", "--connected", "2024-05-01",
    )  # fmt: skip
    assert r.code == 0 and r.out.strip() == "c1"
    shown = cli("show", "priya nair", "--json")
    doc = json.loads(shown.out)
    assert doc["id"] == "c1"
    assert doc["name"] == "Priya Nair"
    assert (doc["first_name"], doc["last_name"]) == ("Priya", "Nair")
    assert doc["company"] == "Acme" and doc["position"] == "CTO"
    assert doc["email"] == "priya@example.com" and doc["url"] == "https://x.example/priya"
    assert doc["how_we_know"] == "PyCon 2024 sprint"
    assert doc["connected_on"] == "2024-05-01"
    assert doc["birthday"] == "--02-29"
    assert doc["cadence"] == "3m"
    assert doc["tags"] == ["client", "pycon"]
    assert doc["no_bulk"] is True
    assert doc["last_contacted"] is None


def test_edit_changes_only_the_given_fields(cli) -> None:
    cli("add", "--name", "Ben Ode", "--company", "Old Co", "--how", "college", "--every", "1m")
    assert cli("edit", "BEN ODE", "--company", "New Co").code == 0
    doc = json.loads(cli("show", "c1", "--json").out)
    assert doc["company"] == "New Co"
    assert doc["how_we_know"] == "college" and doc["cadence"] == "1m"
    assert cli("edit", "c1", "--every", "none").code == 0
    assert json.loads(cli("show", "c1", "--json").out)["cadence"] is None


def test_log_records_one_interaction_per_recipient_and_sets_last_contacted(cli) -> None:
    cli("add", "--name", "Ana Lima")
    cli("add", "--name", "Ben Ode")
    r = cli("log", "--to", "Ana Lima", "--to", "c2", "--text", "Coffee?", "--on", "2026-11-20")
    assert r.code == 0
    cli("log", "--to", "Ana Lima", "--text", "Sure!", "--received", "--channel", "email")
    people = {p["name"]: p for p in json.loads(cli("list", "--json").out)}
    assert people["Ana Lima"]["last_contacted"] == "2026-11-26"
    assert people["Ben Ode"]["last_contacted"] == "2026-11-20"
    ana = json.loads(cli("show", "Ana Lima", "--json").out)
    assert [(i["direction"], i["channel"]) for i in ana["interactions"]] == [
        ("sent", "linkedin"),
        ("received", "email"),
    ]


def test_list_filters_by_tag(cli) -> None:
    cli("add", "--name", "Ana Lima", "--tag", "client")
    cli("add", "--name", "Ben Ode", "--tag", "friend")
    names = [p["name"] for p in json.loads(cli("list", "--tag", "client", "--json").out)]
    assert names == ["Ana Lima"]


def test_unknown_and_ambiguous_names_exit_2_with_candidates(cli) -> None:
    cli("add", "--name", "Robert Smith", "--company", "A")
    cli("add", "--name", "Robert Smith", "--company", "B", "--force")  # a second Robert Smith
    r = cli("show", "robert smith")
    assert r.code == 2
    assert "c1" in r.err and "c2" in r.err and r.err.count("\n") == 1
    r = cli("log", "--to", "Roberta", "--text", "hi")
    assert r.code == 2 and "no connection called 'Roberta'" in r.err


def test_invalid_values_exit_2_and_save_nothing(cli, db_path: Path) -> None:
    for args in (
        ("add", "--name", "  "),
        ("add", "--name", "X Y", "--every", "fortnightly"),
        ("add", "--name", "X Y", "--birthday", "1990-02-30"),
        ("add", "--name", "X Y", "--connected", "yesterdayish"),
        ("add",),
    ):
        r = cli(*args)
        assert r.code == 2, args
        assert r.err.strip() and r.err.count("\n") == 1 and "Traceback" not in r.err
    assert not db_path.exists() or Store.open(db_path).connections == {}


def test_markup_and_escape_codes_print_literally(cli) -> None:
    cli("add", "--name", "[/] Robert [bold", "--how", "met at \x1b[31mred\x1b[0m party")
    out = cli("list").out
    assert "[/] Robert [bold" in out
    shown = cli("show", "c1").out
    assert "\x1b" not in shown and "\\x1b[31mred" in shown


def test_version_and_help_exit_0() -> None:
    for flag in ("--version", "--help"):
        proc = subprocess.run(
            [sys.executable, "-m", "planner", flag], capture_output=True, text=True, cwd=ROOT
        )
        assert proc.returncode == 0 and "outreach" in proc.stdout


def test_data_file_location_precedence(tmp_path: Path, monkeypatch) -> None:
    from planner.cli import main

    env_db = tmp_path / "env.json"
    flag_db = tmp_path / "flag.json"
    monkeypatch.setenv("OUTREACH_DB", str(env_db))
    assert main(["add", "--name", "Env Person"]) == 0
    assert main(["--db", str(flag_db), "add", "--name", "Flag Person"]) == 0
    assert [c.name for c in Store.open(env_db).connections.values()] == ["Env Person"]
    assert [c.name for c in Store.open(flag_db).connections.values()] == ["Flag Person"]
    monkeypatch.delenv("OUTREACH_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert main(["add", "--name", "Default Person"]) == 0
    assert (tmp_path / "xdg" / "outreach" / "data.json").exists()


def test_list_columns_stay_aligned_with_wide_characters(cli) -> None:
    from planner.text import cell_width

    cli("add", "--name", "Kai Brandt 🚀", "--company", "Launchpad")
    cli("add", "--name", "Ann Lee", "--company", "A very long company name that will not fit here")
    rows = cli("list").out.splitlines()[:2]
    assert len({cell_width(r.split(" last ")[0]) for r in rows}) == 1
    assert "…" in rows[0] or "…" in rows[1]
