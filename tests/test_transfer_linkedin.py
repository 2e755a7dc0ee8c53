"""LinkedIn export import: Connections.csv and messages.csv, re-imports, hostile files."""

from __future__ import annotations

import csv
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from planner.storage import Store
from planner.transfer.linkedin import parse_connected_on, parse_message_date
from planner.transfer.matching import url_key

FIX = Path(__file__).parent / "fixtures" / "transfer"


def people(db_path: Path) -> dict[str, dict]:
    """Connections in the data file by full name."""
    store = Store.open(db_path)
    return {c.name: c.to_doc() for c in store.connections.values()}


def test_connections_csv_as_linkedin_ships_it(cli, db_path):
    r = cli("import", "linkedin", str(FIX / "Connections.csv"))
    assert r.code == 1  # one row (blank names) skipped
    assert "7 added, 0 updated, 0 unchanged, 1 skipped" in r.out
    assert "line 8: skipped: no name" in r.out  # preamble lines are counted: header is line 4
    got = people(db_path)
    assert got["Priya Nair"]["connected_on"] == "2024-03-15"
    assert got["Priya Nair"]["email"] == "priya@example.com"
    tomas = got["Tomás Álvarez"]  # UTF-8 BOM file, quoted fields with commas, blank email
    assert (tomas["company"], tomas["position"]) == ("Globex, Inc.", "VP, Sales & Partnerships")
    assert tomas["email"] == ""
    assert got["Wen Li"]["connected_on"] == "2024-02-29"
    assert got["Madonna"]["last_name"] == "" and got["Madonna"]["connected_on"] is None
    # an unreadable date keeps the person and says so
    assert got["Sam O'Brien"]["connected_on"] is None
    assert "cannot read Connected On 'bad date'" in r.out


def test_markup_and_escape_codes_are_data_and_print_safely(cli, db_path):
    cli("import", "linkedin", str(FIX / "Connections.csv"))
    got = people(db_path)
    assert "[/] Robert [bold Markup" in got
    assert got["[/] Robert [bold Markup"]["company"] == "[red]Evil[/red] Corp"
    listing = cli("list").out
    assert "[/] Robert [bold" in listing
    assert "\x1b" not in listing and "\x07" not in listing
    assert "Eve\\x1b[31m" in listing


def test_reimport_never_duplicates_or_overwrites_user_fields(cli, db_path):
    cli("import", "linkedin", str(FIX / "Connections.csv"))
    cli(
        "edit", "Priya Nair", "--how", "met at PyCon", "--tag", "friend", "--every", "3m",
        "--notes", "likes tea", "--birthday", "1990-05-01", "--no-bulk",
    )  # fmt: skip
    r = cli("import", "linkedin", str(FIX / "Connections_resaved.csv"))
    assert r.code == 0
    assert "1 added, 1 updated, 0 unchanged, 0 skipped" in r.out
    assert "position 'Head of Product' -> 'Chief Product Officer'" in r.out
    got = people(db_path)
    assert len(got) == 8  # Dana Scully is new; Priya matched by URL in another spelling
    priya = got["Priya Nair"]
    assert priya["position"] == "Chief Product Officer"
    assert priya["how_we_know"] == "met at PyCon"
    assert priya["tags"] == ["friend"] and priya["cadence"] == "3m" and priya["no_bulk"]
    assert priya["notes"] == "likes tea" and priya["birthday"] == "1990-05-01"
    assert priya["email"] == "priya@example.com"  # a blank cell never erases
    assert got["Dana Scully"]["connected_on"] == "2023-01-02"  # 02-Jan-23 from a spreadsheet
    again = cli("import", "linkedin", str(FIX / "Connections_resaved.csv"))
    assert "0 added, 0 updated, 2 unchanged, 0 skipped" in again.out
    assert len(people(db_path)) == 8


def test_match_by_email_then_name_and_company(cli, db_path):
    cli("add", "--name", "Sam O'Brien", "--email", "SAM@obrien.example")
    cli("add", "--name", "Wen Li", "--company", "Initech", "--how", "college")
    r = cli("import", "linkedin", str(FIX / "Connections.csv"))
    assert "5 added, 2 updated" in r.out
    got = people(db_path)
    assert got["Wen Li"]["how_we_know"] == "college"
    assert got["Wen Li"]["url"] == "https://www.linkedin.com/in/wenli"  # filled in, was empty
    assert got["Sam O'Brien"]["company"] == "Umbrella"


def test_same_name_with_different_profile_is_another_person(cli, db_path):
    cli("add", "--name", "Wen Li", "--company", "Initech", "--url", "linkedin.com/in/other-wen")
    cli("import", "linkedin", str(FIX / "Connections.csv"))
    store = Store.open(db_path)
    assert sum(c.name == "Wen Li" for c in store.connections.values()) == 2


def test_cp1252_file_is_read_with_a_note(cli, db_path):
    r = cli("import", "linkedin", str(FIX / "Connections_cp1252.csv"))
    assert r.code == 0
    assert "not UTF-8" in r.out and "Windows-1252" in r.out
    got = people(db_path)
    assert got["Zoë Müller"]["company"] == "Café Crème GmbH"
    assert got["Renée D’Arcy"]["position"] == "Analyst – Risk"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "is empty"),
        ("blank.csv", b"\r\n  \n", "is empty"),
        ("Invites.csv", b"From,To\nA,B\n", "not a LinkedIn export"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("notes.txt", b"Notes:\nnothing to see here\n", "not a LinkedIn export"),
    ],
)
def test_unrecognised_files_import_nothing(cli, db_path, tmp_path, name, content, message):
    cli("add", "--name", "Before Import")
    before = db_path.read_bytes()
    path = FIX / name if content is None else tmp_path / name
    if content is not None:
        path.write_bytes(content)
    r = cli("import", "linkedin", str(path))
    assert r.code == 2
    assert message in r.err and "Traceback" not in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert db_path.read_bytes() == before


def test_missing_file_is_exit_2(cli, tmp_path):
    r = cli("import", "linkedin", str(tmp_path / "nope.csv"))
    assert r.code == 2 and "cannot read" in r.err


def test_messages_become_interactions_relative_to_me(cli, db_path):
    cli("import", "linkedin", str(FIX / "Connections.csv"))
    r = cli("import", "linkedin", str(FIX / "messages.csv"))
    assert r.code == 1
    assert "4 added, 0 updated, 0 unchanged, 3 skipped" in r.out
    assert "line 6: skipped: Stranger Danger" in r.out
    assert "line 7: skipped: LinkedIn Sponsored (no profile URL) is not one of your" in r.out
    assert "line 8: skipped: cannot read DATE 'not a date'" in r.out
    assert "linkedin.com/in/me-myself" in r.out  # says whom it took for the user
    store = Store.open(db_path)
    priya = next(c for c in store.connections.values() if c.name == "Priya Nair")
    history = store.interactions_for(priya.id)
    assert [(i.direction, i.channel) for i in history] == [
        ("sent", "linkedin"),
        ("received", "linkedin"),
        ("sent", "linkedin"),
    ]
    assert history[0].text == "Hi Priya, great to meet you at the robotics meetup!"
    assert history[2].text == "Happy new year\n\nWishing you both a great 2024.\nSee you soon."
    wen = next(c for c in store.connections.values() if c.name == "Wen Li")
    # the group message reached Wen too (two recipient URLs separated by ';')
    assert [i.date for i in store.interactions_for(wen.id)] == [date(2024, 1, 5), date(2024, 3, 1)]
    assert store.last_contacted(priya.id) == date(2024, 1, 5)


def test_messages_reimport_adds_nothing(cli, db_path):
    cli("import", "linkedin", str(FIX / "Connections.csv"))
    cli("import", "linkedin", str(FIX / "messages.csv"))
    count = len(Store.open(db_path).interactions)
    r = cli("import", "linkedin", str(FIX / "messages.csv"))
    assert "0 added, 0 updated, 4 unchanged, 3 skipped" in r.out
    assert len(Store.open(db_path).interactions) == count == 5


def test_me_option_flips_direction(cli, db_path):
    cli("import", "linkedin", str(FIX / "Connections.csv"))
    cli("add", "--name", "Me Myself", "--url", "https://www.linkedin.com/in/me-myself")
    r = cli(
        "import",
        "linkedin",
        str(FIX / "messages.csv"),
        "--me",
        "HTTPS://linkedin.com/in/priya-nair/",
    )
    assert "you (linkedin.com/in/priya-nair) are neither the sender nor a recipient" in r.out
    store = Store.open(db_path)
    me = next(c for c in store.connections.values() if c.name == "Me Myself")
    seen_from_priya = [(i.date, i.direction) for i in store.interactions_for(me.id)]
    assert seen_from_priya == [
        (date(2023, 6, 11), "received"),
        (date(2023, 6, 12), "sent"),
        (date(2024, 1, 5), "received"),
    ]


def test_both_files_in_one_command_people_first(cli, db_path):
    r = cli("import", "linkedin", str(FIX / "messages.csv"), str(FIX / "Connections.csv"))
    assert r.out.index("Connections.csv") < r.out.index("messages.csv")
    assert len(Store.open(db_path).interactions) == 5


def test_export_zip_and_folder(cli, db_path, tmp_path):
    archive = tmp_path / "Basic_LinkedInDataExport_11-26-2026.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(FIX / "messages.csv", "messages.csv")
        zf.write(FIX / "Connections.csv", "Connections.csv")
        zf.writestr("Invitations.csv", "From,To\n")
    r = cli("import", "linkedin", str(archive), "--every", "6m")
    assert r.code == 1
    store = Store.open(db_path)
    assert len(store.connections) == 7 and len(store.interactions) == 5
    assert {c.cadence for c in store.connections.values()} == {"6m"}
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_bytes((FIX / "Connections.csv").read_bytes())
    r = cli("import", "linkedin", str(folder))
    assert "0 added" in r.out


def test_json_summary_and_dry_run(cli, db_path):
    r = cli("import", "linkedin", str(FIX / "Connections.csv"), "--json", "--dry-run")
    assert r.code == 1
    (report,) = json.loads(r.out)
    assert report["added"] == 7 and report["kind"] == "LinkedIn connections"
    assert report["skipped"] == [
        {"line": 8, "reason": "no name: First Name and Last Name are empty"}
    ]
    assert not db_path.exists() or not Store.open(db_path).connections


def test_import_is_one_atomic_save(cli, db_path, monkeypatch):
    cli("add", "--name", "Already Here")
    saves = []
    original = Store.save

    def counting(self):
        saves.append(len(self.connections))
        original(self)

    monkeypatch.setattr(Store, "save", counting)
    cli("import", "linkedin", str(FIX / "Connections.csv"), str(FIX / "messages.csv"))
    assert saves == [8]


def test_a_failed_save_leaves_the_file_untouched(cli, db_path, monkeypatch):
    from planner.storage import DataFileError

    cli("add", "--name", "Already Here")
    before = db_path.read_bytes()

    def failing(self):
        raise DataFileError(f"{self.path}: could not save: disk full")

    monkeypatch.setattr(Store, "save", failing)
    r = cli("import", "linkedin", str(FIX / "Connections.csv"))
    assert r.code == 3 and db_path.read_bytes() == before


def test_big_generated_connections_file(cli, db_path, tmp_path):
    """30,000 rows (LinkedIn's cap), generated here rather than committed."""
    path = tmp_path / "Connections.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        fh.write('Notes:\n"Some emails are missing."\n\n')
        writer = csv.writer(fh)
        writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                         "Connected On"])  # fmt: skip
        for n in range(30_000):
            writer.writerow([f"First{n}", f"Last{n}", f"https://www.linkedin.com/in/p{n}", "",
                             f"Company {n % 97}, Inc.", "Engineer", "15 Mar 2024"])  # fmt: skip
    r = cli("import", "linkedin", str(path))
    assert r.code == 0 and "30000 added" in r.out
    r = cli("import", "linkedin", str(path))
    assert "0 added, 0 updated, 30000 unchanged" in r.out


def test_huge_message_is_imported_whole(cli, db_path, tmp_path):
    cli("import", "linkedin", str(FIX / "Connections.csv"))
    text = "word " * 40_000  # 200 KB, above csv's default field limit
    path = tmp_path / "messages.csv"
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["CONVERSATION ID", "FROM", "SENDER PROFILE URL", "TO",
                         "RECIPIENT PROFILE URLS", "DATE", "CONTENT"])  # fmt: skip
        priya = "https://www.linkedin.com/in/priya-nair"
        writer.writerow(["c1", "Me", "https://linkedin.com/in/me", "Priya", priya,
                         "2024-01-01 10:00:00 UTC", text])  # fmt: skip
    r = cli("import", "linkedin", str(path), "--me", "https://linkedin.com/in/me")
    assert r.code == 0
    (inter,) = Store.open(db_path).interactions.values()
    assert inter.text == text.strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Mar 2024", date(2024, 3, 15)),
        ("15-Mar-24", date(2024, 3, 15)),
        ("05-Jan-2023", date(2023, 1, 5)),
        ("2024-03-15", date(2024, 3, 15)),
        ("yesterday-ish", None),
    ],
)
def test_connected_on_forms(text, expected):
    assert parse_connected_on(text) == expected


def test_message_date_is_utc_converted_to_local(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        assert parse_message_date("2023-06-11 20:33:58 UTC") == date(2023, 6, 12)
        assert parse_message_date("2023-06-11 10:00:00 UTC") == date(2023, 6, 11)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/priya-nair",
        "http://linkedin.com/in/Priya-Nair/",
        "www.linkedin.com/in/priya-nair?trk=abc",
        "https://de.linkedin.com/in/priya-nair/",
        "https://www.linkedin.com/in/priya%2Dnair",
    ],
)
def test_profile_url_normalisation(url):
    assert url_key(url) == "linkedin.com/in/priya-nair"
