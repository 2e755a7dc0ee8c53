"""vCard import (3.0, 4.0, Apple) and export, both ways without loss."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject

from planner.models import Birthday
from planner.storage import Store
from planner.transfer.vcard import parse_bday

FIX = Path(__file__).parent / "fixtures" / "transfer"


def people(db_path: Path) -> dict[str, dict]:
    return {c.name: c.to_doc() for c in Store.open(db_path).connections.values()}


def test_vcard_30(cli, db_path):
    r = cli("import", "vcard", str(FIX / "contacts_v3.vcf"))
    assert r.code == 1
    assert "2 added, 0 updated, 0 unchanged, 1 skipped" in r.out
    assert "no name (no FN or N); ORG Only A Company Ltd" in r.out
    got = people(db_path)
    priya = got["Priya Nair"]
    assert priya["company"] == "Acme Robotics" and priya["position"] == "Head of Product"
    assert priya["email"] == "priya@home.example"  # the preferred one
    assert priya["url"] == "https://www.linkedin.com/in/priya-nair"  # the profile, not the blog
    assert priya["birthday"] == "1988-02-29"
    assert priya["notes"] == (
        "Met at the robotics meetup, Berlin.\nLikes climbing; two kids.\n"
        "Other emails: priya@work.example\nOther web pages: https://example.com/blog"
    )  # the values not kept in a field stay in the notes
    assert priya["tags"] == ["client", "berlin, de"]
    tomas = got["Tomás Álvarez"]
    assert tomas["company"] == "Globex, Inc." and tomas["birthday"] == "--03-15"
    assert tomas["notes"].endswith("because it is longer than seventy-five octets.")


def test_vcard_40_and_apple(cli, db_path):
    assert cli("import", "vcard", str(FIX / "contacts_v4.vcf")).code == 0
    assert cli("import", "vcard", str(FIX / "apple.vcf")).code == 0
    got = people(db_path)
    assert got["Wen Li"]["birthday"] == "--02-29"
    assert got["Wen Li"]["email"] == "wen@initech.example"  # PREF=1
    assert got["Dana Scully"]["birthday"] == "1964-02-23"
    assert got["Zoë Müller"]["birthday"] == "--07-04"  # Apple's 1604 means "no year"
    assert got["Zoë Müller"]["email"] == "zoe@cafe.example"


def test_broken_cards_are_skipped_with_their_line(cli, db_path):
    r = cli("import", "vcard", str(FIX / "broken.vcf"))
    assert r.code == 1
    assert "3 added, 0 updated, 0 unchanged, 2 skipped" in r.out
    assert "line 6: skipped: line 9: not a vCard property line" in r.out
    assert "line 20: skipped: the file ends inside this card" in r.out
    assert "cannot read BDAY 'sometime in may'" in r.out
    got = people(db_path)
    assert set(got) == {"Good Person", "Bad Birthday", "[/] Robert [bold"}
    assert got["Bad Birthday"]["birthday"] is None


@pytest.mark.parametrize("name", ["empty.csv", "Connections.csv", "messages.csv"])
def test_not_a_vcard_imports_nothing(cli, db_path, name):
    r = cli("import", "vcard", str(FIX / name))
    assert r.code == 2 and "Traceback" not in r.err
    assert not db_path.exists()


def test_reimport_updates_without_overwriting(cli, db_path):
    cli("import", "vcard", str(FIX / "contacts_v3.vcf"))
    cli("edit", "Priya Nair", "--notes", "my own note", "--company", "Old Co")
    r = cli("import", "vcard", str(FIX / "contacts_v3.vcf"))
    assert "0 added, 1 updated, 1 unchanged, 1 skipped" in r.out
    priya = people(db_path)["Priya Nair"]
    assert priya["notes"] == "my own note" and priya["company"] == "Acme Robotics"


def test_export_then_import_is_lossless(cli, db_path, tmp_path):
    cli(
        "add", "--name", "Priya Nair", "--company", "Acme; Robotics, Inc.",
        "--position", "Head\\Lead",
        "--email", "priya@example.com", "--url", "https://www.linkedin.com/in/priya-nair",
        "--birthday", "02-29", "--every", "3m", "--tag", "client", "--tag", "berlin, de",
        "--no-bulk", "--connected", "2020-01-02", "--how", "met at PyCon; she asked about Rust",
        "--notes", "line one\nline two: " + "x" * 200,
    )  # fmt: skip
    cli("add", "--name", "Madonna", "--birthday", "1958-08-16")
    cli("add", "--name", "[/] Robert [bold", "--notes", "note " * 20_000)  # a 100 KB note
    before = sorted(
        ({k: v for k, v in d.items() if k != "id"} for d in people(db_path).values()),
        key=lambda d: d["first_name"],
    )
    out = tmp_path / "contacts.vcf"
    r = cli("export", "vcard", "-o", str(out))
    assert r.code == 0 and "3 contacts" in r.out
    # vobject's own full parser reads our output
    cards = list(vobject.readComponents(out.read_text(encoding="utf-8")))
    assert [c.fn.value for c in cards] == ["Priya Nair", "Madonna", "[/] Robert [bold"]
    assert cards[0].org.value == ["Acme; Robotics, Inc."]
    assert max(len(line) for line in out.read_bytes().split(b"\r\n")) <= 75
    other_db = tmp_path / "other.json"
    r = cli("--db", str(other_db), "import", "vcard", str(out))
    assert r.code == 0
    after = sorted(
        ({k: v for k, v in d.items() if k != "id"} for d in people(other_db).values()),
        key=lambda d: d["first_name"],
    )
    assert after == before


def test_export_to_stdout(cli):
    cli("add", "--name", "Priya Nair")
    r = cli("export", "vcard", "-o", "-")
    assert r.out.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and "FN:Priya Nair" in r.out


@pytest.mark.parametrize(
    ("params", "value", "expected"),
    [
        ({}, "1988-02-29", Birthday(2, 29, 1988)),
        ({}, "19880229", Birthday(2, 29, 1988)),
        ({}, "--0229", Birthday(2, 29)),
        ({}, "--02-29", Birthday(2, 29)),
        ({}, "1988-02-29T00:00:00Z", Birthday(2, 29, 1988)),
        ({"X-APPLE-OMIT-YEAR": ["1604"]}, "1604-12-24", Birthday(12, 24)),
        ({}, "0000-12-24", Birthday(12, 24)),
        ({}, "--1340", None),
        ({"VALUE": ["text"]}, "circa 1990", None),
    ],
)
def test_bday_forms(params, value, expected):
    assert parse_bday(params, value) == expected
