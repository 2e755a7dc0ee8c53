"""Attacks on the command line's input handling (issue 16): dates near the calendar's end
(break 10), export targets (break 8) and values that start with ``-``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.storage import Store


@pytest.fixture
def person(cli) -> str:
    r = cli("add", "--name", "Aisha Bello", "--every", "1m", "--birthday", "12-31")
    assert r.code == 0
    return r.out.strip()


@pytest.mark.parametrize(
    "args",
    [
        ("log", "--to", "c1", "--text", "hi", "--on", "9999-12-30", "--follow-up", "7d"),
        ("log", "--to", "c1", "--text", "hi", "--on", "9998-12-30", "--follow-up", "7d"),
        ("plan", "--to", "c1", "--text", "hello there", "--on", "9999-12-31", "--yearly"),
        ("snooze", "p1", "--until", "9999-06-01"),
        ("edit", "c1", "--connected", "9999-01-01"),
        ("log", "--to", "c1", "--text", "hi", "--on", "+9999y"),
    ],
)
def test_dates_past_9998_are_a_clear_usage_error(cli, person: str, args: tuple[str, ...]) -> None:
    cli("plan", "--to", "c1", "--text", "hello there", "--on", "+1d", "--yes")
    r = cli(*args)
    assert r.code == 2, (r.out, r.err)
    assert "Traceback" not in r.err and "OverflowError" not in r.err
    assert "9998-12-31" in r.err  # says which days are accepted
    assert len(r.err.strip().splitlines()) == 1


def test_today_9999_is_refused_and_the_last_day_works(cli, person: str) -> None:
    r = cli("due", today="9999-12-31")
    assert r.code == 2 and "--today" in r.err and "9998-12-31" in r.err
    last = cli("due", "--days", "400", today="9998-12-31")
    assert last.code == 0, last.err
    assert "to 9998-12-31" in last.out and "Aisha Bello" in last.out


def test_a_yearly_plan_on_the_last_day_ends_instead_of_overflowing(cli, person: str) -> None:
    r = cli("plan", "--to", "c1", "--text", "Happy new year", "--on", "9998-12-31", "--yearly",
            "--yes", today="9998-12-01")  # fmt: skip
    assert r.code == 0, r.err
    done = cli("done", "p1", "--on", "9998-12-31", today="9998-12-31")
    assert done.code == 0, done.err
    assert "p1 done" in done.out  # no next year within the calendar: the plan is finished


def test_long_lead_time_near_the_end_does_not_overflow(cli, person: str) -> None:
    r = cli("occasion", "add", "c1", "--label", "anniv", "--date", "12-31", "--lead", "9999d")
    assert r.code == 0
    for today in ("9998-12-20", "0001-01-01"):
        r = cli("due", "--json", today=today)
        assert r.code == 0, r.err
        json.loads(r.out)


def test_a_file_with_a_date_past_9998_is_named_not_a_traceback(
    cli, db_path: Path, person: str
) -> None:
    data = json.loads(db_path.read_text())
    data["connections"]["1"]["connected_on"] = "9999-12-31"
    db_path.write_text(json.dumps(data))
    r = cli("list")
    assert r.code == 3 and "connections record 1" in r.err and "9998-12-31" in r.err


def test_values_starting_with_a_dash_are_values(cli, person: str) -> None:
    assert cli("edit", "c1", "--how", "-2+3").code == 0
    assert cli("log", "--to", "c1", "--text", "hello", "--on", "-3d").code == 0
    shown = json.loads(cli("show", "c1", "--json").out)
    assert shown["how_we_know"] == "-2+3"
    assert shown["interactions"][0]["date"] == "2026-11-23"
    unknown = cli("list", "--jsn")
    assert unknown.code == 2 and "unrecognized arguments: --jsn" in unknown.err


def test_export_never_clobbers_without_force(cli, tmp_path: Path, person: str) -> None:
    target = tmp_path / "people.csv"
    target.write_text("precious\n")
    r = cli("export", "csv", "-o", str(target))
    assert r.code == 2 and "--force" in r.err and "exists" in r.err
    assert target.read_text() == "precious\n"
    forced = cli("export", "csv", "-o", str(target), "--force")
    assert forced.code == 0 and "Aisha,Bello" in target.read_text()
    assert (target.stat().st_mode & 0o777) == 0o600


def test_export_refuses_the_data_files_own_files_even_with_force(
    cli, db_path: Path, person: str
) -> None:
    store = Store.open(db_path)
    store.put(store.connections["c1"].updated(notes="pending edit"))
    store.save(journal=True)  # a pending edit lives in the journal
    journal = db_path.with_name(db_path.name + ".journal")
    assert journal.exists()
    before = journal.read_bytes()
    link = db_path.with_name("innocent.json")
    link.symlink_to(db_path)
    backup = db_path.with_name(db_path.name + ".before-restore.bak")
    backup.write_text("{}")
    for target in (db_path, journal, db_path.with_name(db_path.name + ".lock"), backup, link):
        for extra in ((), ("--force",)):
            r = cli("export", "json", "-o", str(target), *extra)
            assert r.code == 2, (target, r.out)
            assert "choose another path" in r.err
    assert journal.read_bytes() == before
    assert Store.open(db_path).connections["c1"].notes == "pending edit"
