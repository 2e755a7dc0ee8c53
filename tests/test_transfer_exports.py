"""iCalendar, JSON backup/restore and CSV exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from planner.models import Birthday, Connection, Interaction, Occasion, Plan
from planner.storage import Store

FIX = Path(__file__).parent / "fixtures" / "transfer"


def seed(db_path: Path) -> Store:
    """A small network with a 29 February birthday, occasions, plans and history."""
    store = Store.open(db_path, lock=True)
    leap = Connection("c1", "Priya", "Nair", birthday=Birthday(2, 29), how_we_know="PyCon")
    born = Connection("c2", "Tom", "Hardy", birthday=Birthday(7, 4, 1980), company="Globex")
    plain = Connection("c3", "=HYPERLINK(\"http://evil\")", "Smith", company="+1 Corp",
                       notes="@SUM(A1)", position="-2+3", how_we_know="\tcmd")  # fmt: skip
    store.put_many([leap, born, plain])
    store.put_many(
        [
            Interaction("i1", "c1", date(2026, 1, 5), "sent", "linkedin", "hi", ref="li:abc"),
            Occasion("o1", "c2", "started at Globex", month=2, day=29, year=2016, lead_days=3),
            Occasion("o2", "c1", "Thanksgiving", rrule="FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"),
            Plan("p1", ["c1", "c2"], date(2026, 12, 24), "Merry Christmas!", "FREQ=YEARLY"),
            Plan("p2", ["c3"], date(2026, 12, 1), "", label="season's greeting"),
            Plan("p3", ["c2"], date(2026, 1, 1), "old", status="done"),
        ]
    )
    store.save()
    store.close()
    return Store.open(db_path)


def events(ics: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(ics)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def occurrences(event, start: datetime, end: datetime) -> list[date]:
    dtstart = datetime.combine(event.decoded("DTSTART"), datetime.min.time())
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=dtstart)
    return [d.date() for d in rule.between(start, end, inc=True)]


def test_ics_events_with_stable_uids(cli, db_path, tmp_path):
    seed(db_path)
    out = tmp_path / "outreach.ics"
    r = cli("export", "ics", "-o", str(out))
    assert r.code == 0 and "6 events" in r.out
    got = events(out.read_bytes())
    assert set(got) == {
        "birthday-c1@outreach",
        "birthday-c2@outreach",
        "occasion-o1@outreach",
        "occasion-o2@outreach",
        "plan-p1@outreach",
        "plan-p2@outreach",
    }  # the done plan is not exported
    assert (
        str(got["plan-p1@outreach"]["SUMMARY"])
        == "Write to Priya Nair, Tom Hardy: Merry Christmas!"
    )
    assert got["occasion-o1@outreach"].walk("VALARM")  # lead time of 3 days
    # re-exporting gives the same bytes: calendars update rather than duplicate
    again = cli("export", "ics", "-o", "-").out.encode()
    assert again.replace(b"\r\n", b"\n") == out.read_bytes().replace(b"\r\n", b"\n")


def test_29_february_falls_on_28_in_common_years(cli, db_path):
    seed(db_path)
    got = events(cli("export", "ics").out.encode())
    days = occurrences(got["birthday-c1@outreach"], datetime(2026, 1, 1), datetime(2029, 1, 1))
    assert days == [date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)]
    started = occurrences(got["occasion-o1@outreach"], datetime(2026, 1, 1), datetime(2028, 12, 31))
    assert started == [date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)]
    tom = occurrences(got["birthday-c2@outreach"], datetime(2026, 1, 1), datetime(2027, 12, 31))
    assert tom == [date(2026, 7, 4), date(2027, 7, 4)]
    thanks = occurrences(got["occasion-o2@outreach"], datetime(2026, 1, 1), datetime(2027, 12, 31))
    assert thanks == [date(2026, 11, 26), date(2027, 11, 25)]


def test_json_backup_round_trip_is_exact(cli, db_path, tmp_path):
    seed(db_path)
    backup = tmp_path / "backup.json"
    assert cli("export", "json", "-o", str(backup)).code == 0
    other = tmp_path / "restored.json"
    r = cli("--db", str(other), "import", "json", str(backup))
    assert r.code == 0 and "3 connections, 1 interaction, 3 plans, 2 occasions" in r.out
    again = tmp_path / "again.json"
    cli("--db", str(other), "export", "json", "-o", str(again))
    assert again.read_bytes() == backup.read_bytes()
    restored = Store.open(other)
    original = Store.open(db_path)
    for table in ("connections", "interactions", "plans", "occasions"):
        assert {k: v.to_doc() for k, v in getattr(restored, table).items()} == {
            k: v.to_doc() for k, v in getattr(original, table).items()
        }
    # the backup is itself a data file
    assert cli("--db", str(backup), "show", "Priya Nair").code == 0


def test_restore_replaces_and_keeps_a_copy(cli, db_path, tmp_path):
    seed(db_path)
    backup = tmp_path / "backup.json"
    cli("export", "json", "-o", str(backup))
    cli("add", "--name", "Added Later")
    before = db_path.read_bytes()
    r = cli("import", "json", str(backup))
    assert r.code == 0
    copy = db_path.with_name(db_path.name + ".before-restore.bak")
    assert copy.read_bytes() == before and str(copy) in r.out
    names = {c.name for c in Store.open(db_path).connections.values()}
    assert "Added Later" not in names and "Priya Nair" in names
    # ids keep counting after the restored records
    assert cli("add", "--name", "New One").out.strip() == "c4"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"{not json", "not JSON"),
        (b"[1, 2, 3]", "not an outreach data file"),
        (b'{"hello": "world"}', "no outreach tables"),
        (b'{"_meta": {"1": {"schema": 99}}}', "newer outreach"),
        (b'{"connections": {"1": {"id": "c1", "first_name": ""}}}', "needs a name"),
    ],
)
def test_bad_backups_change_nothing(cli, db_path, tmp_path, content, message):
    cli("add", "--name", "Keep Me")
    before = db_path.read_bytes()
    path = tmp_path / "backup.json"
    path.write_bytes(content)
    r = cli("import", "json", str(path))
    assert r.code == 2 and message in r.err and len(r.err.strip().splitlines()) == 1
    assert db_path.read_bytes() == before


def test_old_backup_is_migrated(cli, db_path, tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"connections": {"1": {"id": "c1", "name": "Ada Lovelace"}}}))
    assert cli("import", "json", str(path)).code == 0
    (conn,) = Store.open(db_path).connections.values()
    assert (conn.first_name, conn.last_name) == ("Ada", "Lovelace")


def test_csv_export_neutralises_formulas(cli, db_path, tmp_path):
    seed(db_path)
    out = tmp_path / "people.csv"
    assert cli("export", "csv", "-o", str(out)).code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == ["c3", "c1", "c2"]  # by name
    evil = rows[0]
    assert evil["first_name"] == '\'=HYPERLINK("http://evil")'
    assert evil["company"] == "'+1 Corp" and evil["notes"] == "'@SUM(A1)"
    assert evil["position"] == "'-2+3" and evil["how_we_know"] == "cmd"  # names are stripped
    for row in rows:
        for cell in row.values():
            assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r"))
    priya = rows[1]
    assert priya["birthday"] == "02-29" and priya["last_contacted"] == "2026-01-05"
    assert Store.open(db_path).connections["c3"].first_name.startswith("=")  # data unchanged


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("  =1+1", "'  =1+1"),
        ("\t=cmd", "'\t=cmd"),
        ("\rx", "'\rx"),
        ("@x", "'@x"),
        ("a=b", "a=b"),
        ("", ""),
        ("Priya", "Priya"),
    ],
)
def test_neutralise(cell, expected):
    from planner.transfer.spreadsheet import neutralise

    assert neutralise(cell) == expected


def test_csv_bom_for_excel(cli, db_path):
    seed(db_path)
    assert cli("export", "csv", "--bom").out.startswith("\ufeffid,first_name")


def test_export_refuses_to_overwrite_the_data_file(cli, db_path):
    seed(db_path)
    before = db_path.read_bytes()
    r = cli("export", "csv", "-o", str(db_path))
    assert r.code == 2 and "data file itself" in r.err
    assert db_path.read_bytes() == before


def test_export_to_unwritable_place(cli, db_path, tmp_path):
    seed(db_path)
    r = cli("export", "json", "-o", str(tmp_path))
    assert r.code == 2 and "is a folder" in r.err
