"""LinkedIn exports of every generation, generated here: 2018, 2021 (no recipient URLs, hidden
members), 2023 (no URL column), 2024 (recipient URLs, drafts), with Profile and Invitations."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from planner.storage import Store
from planner.transfer.linkedin import parse_connected_on, parse_message_date

NOTES = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\r\n\r\n'
)
CONNECTIONS_2024 = NOTES + (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Priya,Nair,https://www.linkedin.com/in/priya-nair,,Acme,Lead,15 Mar 2024\r\n"
    "Wen,Li,https://www.linkedin.com/in/wenli,,Initech,Engineer,29 Feb 2024\r\n"
    'Ann,"Lee, PhD",https://www.linkedin.com/in/ann-lee,,Globex,Chemist,01 Jan 2024\r\n'
)
CONNECTIONS_NO_URL = (
    "First Name,Last Name,Email Address,Company,Position,Connected On\r\n"
    "Priya,Nair,,Acme,Lead,23-Apr-23\r\n"
    "Wen,Li,,Initech,Engineer,22-Apr-23\r\n"
    'Ann,"Lee, PhD",,Globex,Chemist,21-Apr-23\r\n'
    "Sam,Ray,,Umbrella,CTO,20-Apr-23\r\n"
    "Sam,Ray,,Hooli,CFO,19-Apr-23\r\n"
)
HEAD_2024 = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT\r\n"
)
ME_URL = "https://www.linkedin.com/in/me-myself-123"
MESSAGES_2024 = HEAD_2024 + (
    f"c1,,Me Myself,{ME_URL},Priya Nair,https://www.linkedin.com/in/priya-nair,"
    "2024-05-01 10:00:00 UTC,,Hi Priya,INBOX,,No,No\r\n"
    f"c1,,Priya Nair,https://www.linkedin.com/in/priya-nair,Me Myself,{ME_URL},"
    "2024-05-02 10:00:00 UTC,,Hi back,INBOX,,No,No\r\n"
    f"c1,,Me Myself,{ME_URL},Priya Nair,https://www.linkedin.com/in/priya-nair,"
    "2024-05-03 10:00:00 UTC,,an unsent draft,DRAFTS,,Yes,No\r\n"
    f'c2,,Me Myself,{ME_URL},"Wen Li,Ann Lee, PhD",'
    '"https://www.linkedin.com/in/wenli,https://www.linkedin.com/in/ann-lee",'
    "2024-05-04 10:00:00 UTC,Team,hello both,INBOX,,No,No\r\n"
    f"c3,,LinkedIn Member,,Me Myself,{ME_URL},2024-05-05 10:00:00 UTC,,hidden,INBOX,,No,No\r\n"
    f"c4,,Recruiter Bob,https://www.linkedin.com/in/bob-hr,Me Myself,{ME_URL},"
    "2024-05-06 10:00:00 UTC,,a job,INBOX,,No,No\r\n"
)
HEAD_2021 = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
)
MESSAGES_2021 = HEAD_2021 + (
    "c1,,Me Myself,,Priya Nair,2021-06-01 08:00:00 UTC,,hello Priya,INBOX\n"
    "c1,,Priya Nair,,Me Myself,2021-06-02 08:00:00 UTC,,hello you,INBOX\n"
    'c2,,Me Myself,,"Ann Lee, PhD",2021-06-03 08:00:00,,no UTC suffix,INBOX\n'
    "c3,,Sam Ray,,Me Myself,2021-06-04 08:00:00 UTC,,which Sam?,INBOX\n"
    "c4,,LinkedIn Member,,Me Myself,2021-06-05 08:00:00 UTC,,who am I,INBOX\n"
    "c5,,Stranger Dan,,Me Myself,2021-06-06 08:00:00 UTC,,buy now,INBOX\n"
    'c6,,Wen Li,,"Priya Nair,Ann Lee, PhD",2021-06-07 08:00:00 UTC,,group hi,INBOX\n'
)
MESSAGES_2018 = (
    "From,To,Date,Subject,Content,Direction,Folder\n"
    'Priya Nair,Me Myself,"10/16/18, 8:36 AM",Hi,"hello, old friend",INCOMING,INBOX\n'
    'Me Myself,Priya Nair,"10/17/18, 9:05 PM",Re: Hi,likewise,OUTGOING,SENT\n'
    'Me Myself,Nobody Known,"10/18/18, 9:05 PM",,ping,OUTGOING,SENT\n'
)
CONNECTIONS_2018 = (
    "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    'Priya,Nair,priya@example.com,Acme,Lead,"1/8/18, 6:14 PM"\n'
    'Wen,Li,,Initech,Engineer,"11/17/17, 9:40 PM"\n'
    "Ann,Lee,,Globex,Chemist,\n"
)
PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry\n"
    'Me,Myself,,,"Aug 18, 2000",Builder,,Software\n'
)


def export(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "export"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.csv").write_bytes(text.encode("utf-8-sig"))
    return folder


def people(db_path: Path) -> dict[str, object]:
    store = Store.open(db_path)
    return {c.name: c for c in store.connections.values()}


def history(db_path: Path, name: str) -> list[tuple[date, str, str]]:
    store = Store.open(db_path)
    conn = next(c for c in store.connections.values() if c.name == name)
    return [(i.date, i.direction, i.text) for i in store.interactions_for(conn.id)]


def test_2024_export_urls_drafts_hidden_and_counts(cli, db_path, tmp_path):
    folder = export(tmp_path, Connections=CONNECTIONS_2024, messages=MESSAGES_2024)
    r = cli("import", "linkedin", str(folder), "--json")
    assert r.code == 1
    connections, messages = json.loads(r.out)
    assert connections["added"] == 3
    assert messages["counts"] == {
        "matched by URL": 3,
        "matched by name": 0,
        "skipped: not a connection": 1,
        "skipped: draft": 1,
        "skipped: hidden member": 1,
    }
    assert messages["added"] == 3 and messages["error"] == ""
    reasons = {s["line"]: s["reason"] for s in messages["skipped"]}
    assert reasons[4] == "a draft (never sent): not logged"
    assert reasons[6].startswith("LinkedIn Member: a member who hides their name")
    assert reasons[7].startswith("Recruiter Bob (https://www.linkedin.com/in/bob-hr) is not")
    assert "import Connections.csv first" not in r.out
    assert [t for _d, _w, t in history(db_path, "Priya Nair")] == ["Hi Priya", "Hi back"]
    assert history(db_path, "Ann Lee, PhD") == [(date(2024, 5, 4), "sent", "Team\n\nhello both")]
    assert history(db_path, "Wen Li") == [(date(2024, 5, 4), "sent", "Team\n\nhello both")]


def test_2021_export_without_recipient_urls_matches_by_exact_name(cli, db_path, tmp_path):
    folder = export(tmp_path, Connections=CONNECTIONS_NO_URL, messages=MESSAGES_2021)
    r = cli("import", "linkedin", str(folder))
    assert r.code == 1
    assert "5 added" in r.out  # every connection, although no row has a URL
    assert (
        "1 matched by URL" not in r.out
        and "0 matched by URL, 4 matched by name, "
        "1 skipped: not a connection, 0 skipped: draft, 1 skipped: hidden member"
        in r.out
    )
    assert "the name on the most messages (6 of 7), 'Me Myself'" in r.out
    assert (
        "line 5: skipped: Sam Ray: 2 connections have this name (c4 Sam Ray (Umbrella), " in r.out
    )
    assert "c5 Sam Ray (Hooli)); not guessed" in r.out
    assert "line 7: skipped: Stranger Dan (no profile URL) is not one of your connections" in r.out
    assert history(db_path, "Priya Nair") == [
        (date(2021, 6, 1), "sent", "hello Priya"),
        (date(2021, 6, 2), "received", "hello you"),
    ]
    # a name with a comma in TO, and the UTC suffix dropped by a re-save
    assert history(db_path, "Ann Lee, PhD") == [(date(2021, 6, 3), "sent", "no UTC suffix")]
    # a group message from Wen that leaves you out of TO (old exports do): received from Wen
    assert history(db_path, "Wen Li") == [(date(2021, 6, 7), "received", "group hi")]
    again = cli("import", "linkedin", str(folder))
    assert "0 added, 0 updated, 4 unchanged" in again.out.split("messages.csv")[1]


def test_me_rules_profile_then_option_then_most_messages(cli, db_path, tmp_path):
    folder = export(
        tmp_path, Connections=CONNECTIONS_NO_URL, messages=MESSAGES_2021, Profile=PROFILE
    )
    r = cli("import", "linkedin", str(folder), "--dry-run")
    assert "Profile.csv (LinkedIn profile)" in r.out
    assert "decided by your name in Profile.csv, 'Me Myself'" in r.out
    r = cli("import", "linkedin", str(folder), "--me", "Priya Nair", "--dry-run")
    assert "decided by --me 'Priya Nair'" in r.out
    # seen from Priya, "Me Myself" is the other side, and not a connection
    assert "line 2: skipped: Me Myself (no profile URL) is not one of your connections" in r.out
    (folder / "messages.csv").write_text(MESSAGES_2024, encoding="utf-8")
    r = cli("import", "linkedin", str(folder / "messages.csv"), "--me", ME_URL, "--dry-run")
    assert f"decided by --me {ME_URL} (you: Me Myself, linkedin.com/in/me-myself-123)" in r.out


def test_unreadable_messages_never_block_the_connections(cli, db_path, tmp_path):
    tie = HEAD_2021 + (
        "c1,,Ann Other,,Bo Other,2021-06-01 08:00:00 UTC,,hi,INBOX\n"
        "c1,,Bo Other,,Ann Other,2021-06-02 08:00:00 UTC,,hi,INBOX\n"
    )
    folder = export(tmp_path, Connections=CONNECTIONS_2024, messages=tie)
    r = cli("import", "linkedin", str(folder))
    assert r.code == 1
    assert "Connections.csv (LinkedIn connections): 3 added" in r.out
    assert "messages.csv (LinkedIn messages): not imported: cannot tell which side is you" in r.out
    assert "--me NAME or --me URL" in r.out
    assert len(people(db_path)) == 3
    (folder / "messages.csv").write_bytes(b"\x00\x01binary junk")
    r = cli("import", "linkedin", str(folder))
    assert r.code == 1 and "messages.csv (LinkedIn messages): not imported:" in r.out
    assert "Connections.csv (LinkedIn connections): 0 added, 0 updated, 3 unchanged" in r.out


def test_a_bad_file_named_with_a_good_one_is_reported(cli, db_path, tmp_path):
    good = tmp_path / "Connections.csv"
    good.write_text(CONNECTIONS_2024, encoding="utf-8")
    bad = tmp_path / "notes.csv"
    bad.write_text("just,some\nother,file\n", encoding="utf-8")
    r = cli("import", "linkedin", str(good), str(bad))
    assert r.code == 1 and "3 added" in r.out
    assert "notes.csv (LinkedIn messages): not imported:" in r.out
    assert cli("import", "linkedin", str(bad)).code == 2  # alone: nothing to import, exit 2


def test_2018_export_direction_column_and_dates(cli, db_path, tmp_path):
    folder = export(tmp_path, Connections=CONNECTIONS_2018, Messages=MESSAGES_2018)
    r = cli("import", "linkedin", str(folder))
    assert r.code == 1, r.out
    assert "Messages.csv (LinkedIn messages): 2 added" in r.out
    assert "sent or received taken from the file's Direction column" in r.out
    got = people(db_path)
    assert got["Priya Nair"].connected_on == date(2018, 1, 8)
    assert got["Wen Li"].connected_on == date(2017, 11, 17)
    assert history(db_path, "Priya Nair") == [
        (date(2018, 10, 16), "received", "Hi\n\nhello, old friend"),
        (date(2018, 10, 17), "sent", "Re: Hi\n\nlikewise"),
    ]
    assert "Nobody Known (no profile URL) is not one of your connections" in r.out


def test_header_variants_are_read_by_name(cli, db_path, tmp_path):
    """Lower-case headers, columns moved, no ATTACHMENTS, a `;` separator from a spreadsheet."""
    text = (
        "date;to;from;content;sender profile url;conversation id;is message draft\n"
        "2024-01-02 10:00:00 UTC;Priya Nair;Me Myself;hi there;;c1;No\n"
        "2024-01-03 10:00:00 UTC;Priya Nair;Me Myself;draft;;c1;Yes\n"
        "2024-01-04 10:00:00 UTC;Me Myself;Priya Nair;hi back;;c1;No\n"
    )
    folder = export(tmp_path, Connections=CONNECTIONS_2024, messages=text)
    r = cli("import", "linkedin", str(folder))
    assert "2 matched by name" in r.out and "1 skipped: draft" in r.out
    assert [d for d, _w, _t in history(db_path, "Priya Nair")] == [
        date(2024, 1, 2),
        date(2024, 1, 4),
    ]


def test_invitations_fill_how_we_know_and_connected_on(cli, db_path, tmp_path):
    connections = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Priya,Nair,https://www.linkedin.com/in/priya-nair,,Acme,Lead,\r\n"
        "Wen,Li,https://www.linkedin.com/in/wenli,,Initech,Engineer,29 Feb 2024\r\n"
        "Ann,Lee,https://www.linkedin.com/in/ann-lee,,Globex,Chemist,01 Jan 2024\r\n"
    )
    invitations = (
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\r\n"
        f'Me Myself,Priya Nair,"3/1/24, 7:47 AM",Loved your talk on robots,OUTGOING,{ME_URL},'
        "https://www.linkedin.com/in/priya-nair\r\n"
        f'Wen Li,Me Myself,"2/20/24, 1:00 PM",We met at PyCon,INCOMING,'
        f"https://www.linkedin.com/in/wenli,{ME_URL}\r\n"
        f'Me Myself,Nobody Yet,"4/1/24, 1:00 PM",,OUTGOING,{ME_URL},'
        "https://www.linkedin.com/in/nobody\r\n"
        f'Me Myself,Ann Lee,"1/1/24, 1:00 PM",Already known,OUTGOING,{ME_URL},'
        "https://www.linkedin.com/in/ann-lee\r\n"
    )
    folder = export(tmp_path, Connections=connections)
    cli("import", "linkedin", str(folder))
    cli("edit", "Ann Lee", "--how", "my own note")
    (folder / "Invitations.csv").write_text(invitations, encoding="utf-8")
    r = cli("import", "linkedin", str(folder))
    assert "Invitations.csv (LinkedIn invitations): 0 added, 2 updated, 1 unchanged, 1 skipped" in (
        r.out
    )
    got = people(db_path)
    assert got["Priya Nair"].how_we_know == (
        "Loved your talk on robots (from your LinkedIn invitation of 2024-03-01)"
    )
    assert got["Priya Nair"].connected_on == date(2024, 3, 1)  # was missing
    assert (
        got["Wen Li"].how_we_know
        == "We met at PyCon (from their LinkedIn invitation of 2024-02-20)"
    )
    assert got["Wen Li"].connected_on == date(2024, 2, 29)  # kept: it was there
    assert got["Ann Lee"].how_we_know == "my own note"  # never overwritten
    assert "Nobody Yet (https://www.linkedin.com/in/nobody) is not one of your connections" in r.out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Mar 2024", date(2024, 3, 15)),
        ("15-Mar-24", date(2024, 3, 15)),
        ("1/8/18, 6:14 PM", date(2018, 1, 8)),
        ("11/17/17, 9:40 PM", date(2017, 11, 17)),
        ("17/11/2017", date(2017, 11, 17)),  # day first: only readable one way
        ("2024-03-15", date(2024, 3, 15)),
        ("2024-03-15 10:00:00 UTC", date(2024, 3, 15)),
        ("Mar 15, 2024", date(2024, 3, 15)),
        ("13/13/18, 1:00 PM", None),
        ("sometime", None),
    ],
)
def test_connected_on_in_every_real_form(text, expected):
    assert parse_connected_on(text) == expected


def test_message_dates_in_every_real_form(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        assert parse_message_date("2023-06-11 15:33:58 UTC") == date(2023, 6, 11)
        assert parse_message_date("2023-06-11 15:33:58") == date(2023, 6, 11)
        assert parse_message_date("2023-06-11T15:33:58Z") == date(2023, 6, 11)
        assert parse_message_date("10/16/18, 8:36 AM") == date(2018, 10, 16)
        assert parse_message_date("15 Mar 2024") == date(2024, 3, 15)
        assert parse_message_date("15-Mar-24") == date(2024, 3, 15)
        assert parse_message_date("not a date") is None
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_me_that_is_on_no_message_is_reported_not_guessed(cli, db_path, tmp_path):
    folder = export(tmp_path, Connections=CONNECTIONS_NO_URL, messages=MESSAGES_2021)
    r = cli("import", "linkedin", str(folder), "--me", ME_URL)
    assert r.code == 1 and "5 added" in r.out
    assert f"not imported: --me {ME_URL}: on none of the messages; give --me NAME" in r.out
    r = cli("import", "linkedin", str(folder), "--me", "Nobody Here")
    assert "not imported: --me Nobody Here: on none of the messages" in r.out
    assert len(Store.open(db_path).interactions) == 0


def test_a_messages_file_with_only_its_header(cli, db_path, tmp_path):
    folder = export(tmp_path, Connections=CONNECTIONS_2024, messages=HEAD_2024)
    r = cli("import", "linkedin", str(folder))
    assert r.code == 0, r.out
    assert "messages.csv (LinkedIn messages): 0 added, 0 updated, 0 unchanged, 0 skipped" in r.out


def test_invitations_without_direction_use_the_profile_name(cli, db_path, tmp_path):
    invitations = (
        "From,To,Sent At,Message\r\n"
        'Me Myself,Priya Nair,"3/1/24, 7:47 AM",Hello from the meetup\r\n'
        'Wen Li,Somebody Else,"3/2/24, 7:47 AM",not about you\r\n'
    )
    folder = export(
        tmp_path, Connections=CONNECTIONS_2024, Invitations=invitations, Profile=PROFILE
    )
    r = cli("import", "linkedin", str(folder))
    assert "Invitations.csv (LinkedIn invitations): 0 added, 1 updated, 0 unchanged, 1 skipped" in (
        r.out
    )
    assert "line 3: skipped: cannot tell who invited whom" in r.out
    assert people(db_path)["Priya Nair"].how_we_know == (
        "Hello from the meetup (from your LinkedIn invitation of 2024-03-01)"
    )
