"""Every real vCard file in ``../shared/realworld/vcard`` (other projects' test suites) imports.

The folder sits beside the project (see its SOURCES.md); without it these tests are skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.storage import Store

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "realworld" / "vcard"
pytestmark = pytest.mark.skipif(
    not REAL.is_dir(), reason=f"real-world files not present at {REAL} (see shared/SOURCES.md)"
)

JOHN = {"company": "IBM", "position": "Money Counter", "email": "john.doe@ibm.com"}

# file: (added, skipped, {name shown: {field: value}})
EXPECTED: dict[str, tuple[int, int, dict[str, dict]]] = {
    "ezvcard-John_Doe_ANDROID.vcf": (
        4,
        2,
        {"Ñ Ñ Ñ Ñ Ñ": {"first_name": "Ñ", "tags": ["My Contacts"]}},
    ),
    "ezvcard-John_Doe_BLACK_BERRY.vcf": (1, 0, {"John Doe": {"company": "Acme Solutions"}}),
    "ezvcard-John_Doe_EVOLUTION.vcf": (
        1,
        0,
        {"Mr. John Richter, James Doe Sr.": {**JOHN, "birthday": "1980-03-22"}},
    ),
    "ezvcard-John_Doe_GMAIL.vcf": (1, 0, {"Mr. John Richter, James Doe Sr.": JOHN}),
    "ezvcard-John_Doe_IPHONE.vcf": (
        1,
        0,
        {
            "Mr. John Richter James Doe Sr.": {
                **JOHN,
                "url": "http://www.ibm.com",
                "birthday": "2012-06-06",
                "last_name": "Doe Sr.",
            }
        },
    ),
    "ezvcard-John_Doe_LOTUS_NOTES.vcf": (1, 0, {"Mr. Doe John I Johny": {"company": "IBM"}}),
    "ezvcard-John_Doe_MAC_ADDRESS_BOOK.vcf": (1, 0, {"Mr. John Richter,James Doe Sr.": JOHN}),
    "ezvcard-John_Doe_MS_OUTLOOK.vcf": (
        1,
        0,
        {"Mr. John Richter James Doe Sr.": {"company": "IBM", "email": "john.doe@ibm.cm"}},
    ),
    "ezvcard-fullcontact.vcf": (
        1,
        0,
        {"Prefix FirstName MiddleName LastName Suffix": {"company": "Organization1"}},
    ),
    "ezvcard-gmail-list.vcf": (3, 0, {"Doug White": {"email": "dwhite@gmail.com"}}),
    "ezvcard-gmail-single2.vcf": (1, 0, {"VCard Test": {"birthday": "1912-06-23"}}),
    "ezvcard-outlook-2003.vcf": (
        1,
        0,
        {"John Doe III": {"company": "Company, The", "url": "http://web-page-address.com"}},
    ),
    "ezvcard-outlook-2007.vcf": (
        1,
        0,
        {"Mr. Michael Angstadt Jr.": {"email": "mike.angstadt@gmail.com"}},
    ),
    "ezvcard-rfc6350-example.vcf": (1, 0, {"Simon Perreault": {"birthday": "--02-03"}}),
    "ezvcard-thunderbird-MoreFunctionsForAddressBook-extension.vcf": (
        1,
        0,
        {"John Doe": {"birthday": "1970-09-21"}},
    ),
    "kcontacts-testfullvcard.vcf": (1, 0, {"Sherlock Holmes": {"position": "Detective"}}),
    "kcontacts-vcard10.vcf": (
        4,
        1,
        {
            "Dr. med. Surname Name": {"position": "Facharzt für Allgemeinmedizin"},
            "Field after Address broken": {"url": "http://some-webseite.com"},
        },
    ),
    "kcontacts-vcard4.vcf": (0, 1, {}),
    "kcontacts-vcard9.vcf": (1, 0, {}),
    "kcontacts-vcardwithitemasapplesupport.vcf": (
        1,
        0,
        {"Name of Broken Card": {"company": "SOME COMPANY"}},
    ),
    "khard-korean-c.vcf": (1, 0, {"최유림": {}}),
    "khard-org.vcf": (0, 1, {}),
    "khard-photov3.vcf": (1, 0, {"with photo v3": {}}),
    "khard-photov4.vcf": (1, 0, {"with photo v4": {}}),
    "khard-text-bday.vcf": (1, 0, {"text birthday": {"birthday": None}}),
    "radicale-broken-vcard.vcf": (0, 1, {}),
    "radicale-contact4-with-bday-no-year.vcf": (
        1,
        0,
        {"Test bday without year Thunderbird CardBook": {"birthday": "--01-01"}},
    ),
    "radicale-contact_photo_with_data_uri.vcf": (1, 0, {"Contact": {}}),
    "sabre-issue64.vcf": (0, 1, {}),
    "vobject-radicale-1587.vcf": (1, 0, {"Given Family": {}}),
}

REASONS = {
    "khard-org.vcf": "an organisation or group card (KIND:org), not a person",
    "kcontacts-vcard4.vcf": "no name (no FN or N); ORG Ximian, Inc.",
    "radicale-broken-vcard.vcf": "no name (no FN or N); EMAIL test-misses-N-or-FN@example.com",
    "sabre-issue64.vcf": "no name (no FN or N)",
}


def test_every_real_file_is_listed() -> None:
    assert sorted(p.name for p in REAL.glob("*.vcf")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_vcard_file(cli, db_path, name: str) -> None:
    added, skipped, checks = EXPECTED[name]
    r = cli("import", "vcard", str(REAL / name))
    assert "Traceback" not in r.err and r.err == "", r.err
    assert r.code == (1 if skipped else 0), r.out
    assert f"{added} added, 0 updated, 0 unchanged, {skipped} skipped" in r.out, r.out
    assert "not UTF-8" not in r.out
    if name in REASONS:
        assert REASONS[name] in r.out
    got = {c.name: c.to_doc() for c in Store.open(db_path).connections.values()} if added else {}
    for who, fields in checks.items():
        assert who in got, sorted(got)
        for key, value in fields.items():
            assert got[who][key] == value, (who, key)
    for doc in got.values():  # no mojibake of UTF-8 read as Windows-1252
        assert not any(m in str(doc) for m in ("Ã", "Î±", "Ð"))


def test_real_utf8_file_reads_greek_and_cyrillic(cli, db_path) -> None:
    cli("import", "vcard", str(REAL / "kcontacts-vcard9.vcf"))
    (conn,) = Store.open(db_path).connections.values()
    assert conn.name.startswith("βγδεαβγδ1") and "Длинный комментарий" in conn.notes


def test_real_file_round_trip_changes_no_field(cli, db_path, tmp_path) -> None:
    """Every real file: import, export, import the export elsewhere: the same people."""
    for name in sorted(EXPECTED):
        cli("import", "vcard", str(REAL / name))
    before = sorted(
        (dict(c.to_doc(), id="") for c in Store.open(db_path).connections.values()),
        key=repr,
    )
    out = tmp_path / "all.vcf"
    assert cli("export", "vcard", "-o", str(out)).code == 0
    other = tmp_path / "other.json"
    r = cli("--db", str(other), "import", "vcard", str(out))
    assert r.code == 0, r.out
    after = sorted(
        (dict(c.to_doc(), id="") for c in Store.open(other).connections.values()), key=repr
    )
    assert after == before
