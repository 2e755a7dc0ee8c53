"""vCard as real apps write it: one small file per case seen in the wild (2.1, 3.0, 4.0)."""

from __future__ import annotations

from pathlib import Path

import vobject

from planner.storage import Store


def people(db_path: Path) -> dict[str, dict]:
    if not db_path.exists():
        return {}
    return {c.name: c.to_doc() for c in Store.open(db_path).connections.values()}


def card(*lines: str, end: bytes = b"\r\n") -> bytes:
    return end.join(line.encode("utf-8") for line in ("BEGIN:VCARD", *lines, "END:VCARD")) + end


def load(cli, tmp_path: Path, data: bytes, name: str = "in.vcf"):
    path = tmp_path / name
    path.write_bytes(data)
    return cli("import", "vcard", str(path))


def test_bare_parameters_of_vcard_21(cli, db_path, tmp_path):
    """Outlook and Android write ``EMAIL;PREF;INTERNET:`` (types without ``TYPE=``)."""
    data = card(
        "VERSION:2.1",
        "N:Doe;John;;;",
        "EMAIL;INTERNET:john@work.example",
        "EMAIL;PREF;INTERNET:john@home.example",
        "TEL;CELL;VOICE:123",
    )
    r = load(cli, tmp_path, data)
    assert r.code == 0 and "Traceback" not in r.err, r.err
    john = people(db_path)["John Doe"]
    assert john["email"] == "john@home.example"  # PREF
    assert john["notes"] == "Other emails: john@work.example"


def test_grouped_type_params_keep_pref(cli, db_path, tmp_path):
    """Apple writes ``item1.EMAIL;type=INTERNET;type=pref:`` (two TYPE parameters)."""
    data = card(
        "VERSION:3.0",
        "FN:Ann Lee",
        "N:Lee;Ann;;;",
        "EMAIL;type=INTERNET;type=WORK:ann@work.example",
        "item1.EMAIL;type=INTERNET;type=pref:ann@home.example",
    )
    assert load(cli, tmp_path, data).code == 0
    assert people(db_path)["Ann Lee"]["email"] == "ann@home.example"


def test_quoted_printable_soft_breaks_even_inside_a_character(cli, db_path, tmp_path):
    data = card(
        "VERSION:2.1",
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BC=",
        "ller;J=C3=B6rg;;;",
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:line one=0Aline two =C3=",
        "=91 end",
    )
    assert load(cli, tmp_path, data).code == 0
    got = people(db_path)
    assert set(got) == {"Jörg Müller"}
    assert got["Jörg Müller"]["notes"] == "line one\nline two Ñ end"


def test_bare_quoted_printable_parameter(cli, db_path, tmp_path):
    data = card("VERSION:2.1", "N:Ximenez;Ana;;;", "NOTE;QUOTED-PRINTABLE:caf=C3=A9=0Abar")
    assert load(cli, tmp_path, data).code == 0
    assert people(db_path)["Ana Ximenez"]["notes"] == "café\nbar"


def test_iphone_line_ends_and_folded_photo(cli, db_path, tmp_path):
    """iOS writes ``\\r\\r\\n`` and a base64 PHOTO folded over many lines."""
    photo = ["PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/4QBYRXhpZgAATU0AKgAA"]
    photo += [" AAgAAgESAAMAAAABAAEAAIdpAAQAAAABAAAAJgAAAAAAA6ABAAMAAAABAAEA"] * 30
    data = card(
        "VERSION:3.0",
        "N:Doe;John;;;",
        "FN:John Doe",
        *photo,
        "ORG:IBM;Accounting",
        "BDAY;value=date:2012-06-06",
        end=b"\r\r\n",
    )
    bad = card("VERSION:3.0", "FN:Bad Line", "no colon here", end=b"\r\r\n")
    r = load(cli, tmp_path, data + bad)
    assert "1 added, 0 updated, 0 unchanged, 1 skipped" in r.out
    # lines counted as an editor shows them: \r\r\n ends one line
    assert f"line {len(photo) + 8}: skipped: line {len(photo) + 11}: not a vCard" in r.out
    john = people(db_path)["John Doe"]
    assert john["company"] == "IBM" and john["birthday"] == "2012-06-06"


def test_mixed_line_ends(cli, db_path, tmp_path):
    data = b"BEGIN:VCARD\nVERSION:3.0\r\nFN:Mixed Ends\rN:Ends;Mixed;;;\r\nTITLE:Boss\nEND:VCARD\r"
    assert load(cli, tmp_path, data).code == 0
    assert people(db_path)["Mixed Ends"]["position"] == "Boss"


def test_unindented_base64_of_vcard_21_is_ignored(cli, db_path, tmp_path):
    data = card(
        "VERSION:2.1",
        "N:Doe;Jane;;;",
        "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD",
        "AAgAAgESAAMAAAABAAEAAIdpAAQAAAABAAAAJgAAAAAAA6ABAAMAAAABAAEA",
        "Zm9vYmFy+/==",
        "",
        "TITLE:Engineer",
    )
    r = load(cli, tmp_path, data)
    assert r.code == 0, r.out
    assert people(db_path)["Jane Doe"]["position"] == "Engineer"


def test_fold_splitting_a_utf8_sequence_is_joined_as_bytes(cli, db_path, tmp_path):
    """A fold between the two bytes of "α" (0xCE 0xB1): join first, then decode."""
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alpha Beta\r\nN:Beta;Alpha;;;\r\n"
    data += b"NOTE:\xce\xb1\xce\r\n \xb1\xce\xb2 \xd0\x94\xd0\r\n \xbb\r\nEND:VCARD\r\n"
    r = load(cli, tmp_path, data)
    assert r.code == 0 and "not UTF-8" not in r.out
    assert people(db_path)["Alpha Beta"]["notes"] == "ααβ Дл"


def test_latin1_charset_line(cli, db_path, tmp_path):
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:M\xfcller;J\xf6rg;;;\r\n"
    data += b"END:VCARD\r\n"
    assert load(cli, tmp_path, data).code == 0
    assert "Jörg Müller" in people(db_path)


def test_escaped_values(cli, db_path, tmp_path):
    data = card(
        "VERSION:3.0",
        "FN:Ann Lee",
        "N:Lee;Ann;;;",
        "ORG:Company\\, The;Sales",
        "TITLE:Head\\; Lead\\, EMEA",
        "URL:http\\://example.com/ann",
        "NOTE:a\\\\b\\nc\\:d",
        "CATEGORIES:one\\,two,three",
    )
    assert load(cli, tmp_path, data).code == 0
    ann = people(db_path)["Ann Lee"]
    assert ann["company"] == "Company, The"
    assert ann["position"] == "Head; Lead, EMEA"
    assert ann["url"] == "http://example.com/ann"
    assert ann["notes"] == "a\\b\nc:d"
    assert ann["tags"] == ["one,two", "three"]


def test_fn_is_the_name_shown_and_n_places_the_family_name(cli, db_path, tmp_path):
    data = card("VERSION:3.0", "FN:Bob Smith", "N:Smith;Robert;;;")
    data += card("VERSION:3.0", "FN:Dr. Ann Kleen Lee", "N:Lee;Ann;;Dr.;")
    data += card("VERSION:3.0", "FN:Doe\\, John", "N:Doe;John;;;")
    data += card("VERSION:3.0", "N:Park;Min;Jun;;")  # no FN (vCard 2.1 allows it)
    assert load(cli, tmp_path, data).code == 0
    got = people(db_path)
    assert (got["Bob Smith"]["first_name"], got["Bob Smith"]["last_name"]) == ("Bob", "Smith")
    assert got["Dr. Ann Kleen Lee"]["last_name"] == "Lee"
    assert (got["John Doe"]["first_name"], got["John Doe"]["last_name"]) == ("John", "Doe")
    assert "Min Jun Park" in got


def test_organisation_and_group_cards_are_skipped_with_a_reason(cli, db_path, tmp_path):
    data = card("VERSION:4.0", "KIND:org", "FN:ACME Inc.", "ORG:ACME Inc.")
    data += card("VERSION:3.0", "FN:Initech", "N:;;;;", "ORG:Initech", "X-ABShowAs:COMPANY")
    data += card("VERSION:4.0", "KIND:group", "FN:Book club")
    data += card("VERSION:4.0", "KIND:individual", "FN:Real Person")
    r = load(cli, tmp_path, data)
    assert r.code == 1
    assert "1 added, 0 updated, 0 unchanged, 3 skipped" in r.out
    assert "ACME Inc.: an organisation or group card (KIND:org), not a person" in r.out
    assert "Initech: an organisation or group card (X-ABShowAs:COMPANY)" in r.out
    assert "(KIND:group)" in r.out
    assert set(people(db_path)) == {"Real Person"}


def test_several_values_preferred_first_others_in_notes(cli, db_path, tmp_path):
    data = card(
        "VERSION:4.0",
        "FN:Wen Li",
        "N:Li;Wen;;;",
        "EMAIL;TYPE=work:wen@work.example",
        "EMAIL;PREF=1:wen@home.example",
        "EMAIL;TYPE=home:WEN@HOME.EXAMPLE",  # the same address twice is one
        "URL;PREF=1:https://wen.example/blog",
        "URL:https://www.linkedin.com/in/wen-li/",
        "ORG:Initech",
        "ORG:Globex",
        "TITLE:CTO",
        "NOTE:Met at PyCon.",
    )
    assert load(cli, tmp_path, data).code == 0
    wen = people(db_path)["Wen Li"]
    assert wen["email"] == "wen@home.example"
    assert wen["url"] == "https://www.linkedin.com/in/wen-li/"  # the LinkedIn profile first
    assert wen["company"] == "Initech"
    assert wen["notes"] == (
        "Met at PyCon.\nOther emails: wen@work.example\n"
        "Other web pages: https://wen.example/blog\nOther organisations: Globex"
    )


def test_duplicates_judged_by_uid_and_fn_not_n_alone(cli, db_path, tmp_path):
    data = card("VERSION:3.0", "UID:a-1", "FN:Sam Ray", "N:Ray;Sam;;;", "NOTE:first")
    data += card("VERSION:3.0", "UID:a-2", "FN:Samantha Ray", "N:Ray;Sam;;;", "NOTE:second")
    data += card("VERSION:3.0", "UID:a-3", "FN:Sam Ray", "N:Ray;Sam;;;", "NOTE:a namesake")
    data += card("VERSION:3.0", "UID:a-1", "FN:Sam Ray", "N:Ray;Sam;;;", "NOTE:first again")
    data += card("VERSION:3.0", "FN:Lee Wu", "N:Wu;Lee;;;")
    data += card("VERSION:3.0", "FN:Lee Wu", "N:Wu;Lee;;;")  # no UIDs: same name, same person
    r = load(cli, tmp_path, data)
    assert "4 added, 0 updated, 0 unchanged, 2 skipped" in r.out
    assert "line 22: skipped: same person as line 1 (same UID)" in r.out
    assert "line 34: skipped: same person as line 29" in r.out
    notes = sorted(c.notes for c in Store.open(db_path).connections.values())
    assert notes == ["", "a namesake", "first", "second"]


def test_no_name_card_says_what_it_has(cli, tmp_path):
    r = load(cli, tmp_path, card("VERSION:2.1", "EMAIL;PREF:john@company.example"))
    assert r.code == 1 and "no name (no FN or N); EMAIL john@company.example" in r.out


def test_export_folds_by_octets_without_splitting_a_character(cli, db_path, tmp_path):
    company = "Общество с ограниченной ответственностью Ромашка и партнёры Москва"
    assert len(company) <= 75 < len(f"ORG:{company}".encode())
    cli("add", "--name", "Иван Петров", "--company", company, "--notes", "🙂" * 40 + " é" * 50)
    out = tmp_path / "out.vcf"
    assert cli("export", "vcard", "-o", str(out)).code == 0
    raw = out.read_bytes()
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # every physical line is whole UTF-8: no character split
    assert any(line.startswith(b"ORG:") for line in lines) and any(
        line.startswith(b" ") for line in lines
    )
    parsed = vobject.readOne(raw.decode("utf-8"))
    assert parsed.org.value == [company]
    other = tmp_path / "other.json"
    assert cli("--db", str(other), "import", "vcard", str(out)).code == 0
    assert people(other)["Иван Петров"]["company"] == company


def test_round_trip_of_an_imported_card_changes_no_field(cli, db_path, tmp_path):
    data = card(
        "VERSION:2.1",
        "FN:Dr. Ann Kleen Lee",
        "N:Lee;Ann;;Dr.;",
        "EMAIL;PREF;INTERNET:ann@home.example",
        "EMAIL;INTERNET:ann@work.example",
        "ORG:Company\\, The",
        "URL:http\\://example.com",
        "NOTE;ENCODING=QUOTED-PRINTABLE:two=0Alines; a semicolon, a comma: and \\\\ backslash",
        "CATEGORIES:a,b c",
        "BDAY:--0229",
    )
    load(cli, tmp_path, data)
    before = [dict(c, id="") for c in people(db_path).values()]
    out = tmp_path / "out.vcf"
    cli("export", "vcard", "-o", str(out))
    other = tmp_path / "other.json"
    assert cli("--db", str(other), "import", "vcard", str(out)).code == 0
    assert [dict(c, id="") for c in people(other).values()] == before
    # and importing the export over the original changes nothing either
    r = cli("import", "vcard", str(out))
    assert "0 added, 0 updated, 1 unchanged, 0 skipped" in r.out


def test_vcard_21_agent_with_an_embedded_card_is_ignored(cli, db_path, tmp_path):
    data = card(
        "VERSION:2.1",
        "N:Boss;Big;;;",
        "AGENT:",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N:Assistant;Ann;;;",
        "END:VCARD",
        "TITLE:Chief",
    )
    r = load(cli, tmp_path, data)
    assert r.code == 0 and "1 added" in r.out, r.out
    assert people(db_path)["Big Boss"]["position"] == "Chief"


def test_windows_1252_lines_are_read_with_one_note(cli, db_path, tmp_path):
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo\xeb M\xfcller\r\nNOTE:caf\xe9\r\nEND:VCARD\r\n"
    r = load(cli, tmp_path, data)
    assert r.out.count("not UTF-8") == 1 and "Windows-1252" in r.out
    assert people(db_path)["Zoë Müller"]["notes"] == "café"
