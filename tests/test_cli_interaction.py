"""``outreach interaction edit|delete``: correct a logged interaction; last contact and
follow-ups follow."""

from __future__ import annotations

import json


def _show(cli, who: str = "Priya Nair") -> dict:  # noqa: ANN001
    return json.loads(cli("show", who, "--json").out)


def _due_lines(cli) -> list[str]:  # noqa: ANN001
    return cli("due").out.splitlines()


def test_edit_moves_the_date_text_and_channel_and_last_contact_follows(cli) -> None:
    cli("add", "--name", "Priya Nair", "--every", "1m")
    assert cli("log", "--to", "Priya Nair", "--text", "helo", "--on", "2026-09-01").code == 0
    r = cli("interaction", "edit", "i1", "--text", "hello", "--on", "2026-11-20", "--channel",
            "email")  # fmt: skip
    assert r.code == 0, r.err
    assert r.out.startswith("i1 edited: 2026-11-20 -> email Priya Nair: hello")
    doc = _show(cli)
    assert doc["last_contacted"] == "2026-11-20"
    (inter,) = doc["interactions"]
    assert (inter["text"], inter["date"], inter["channel"]) == ("hello", "2026-11-20", "email")
    # contacted 6 days ago with a monthly cadence: no longer overdue
    assert not any("Priya Nair" in line for line in _due_lines(cli))


def test_a_follow_up_keeps_its_distance_and_goes_when_the_message_was_theirs(cli) -> None:
    cli("add", "--name", "Priya Nair")
    cli("log", "--to", "Priya Nair", "--text", "any news?", "--on", "2026-11-10",
        "--follow-up", "7d")  # fmt: skip
    assert any("Priya Nair" in line for line in _due_lines(cli))  # the follow-up, 2 days late
    assert cli("interaction", "edit", "1", "--on", "2026-11-12").code == 0  # "1" is i1
    assert _show(cli)["interactions"][0]["follow_up_on"] == "2026-11-19"
    r = cli("interaction", "edit", "I1", "--received", "--json")
    assert r.code == 0, r.err
    edited = json.loads(r.out)
    assert edited["direction"] == "received" and edited["follow_up_on"] is None
    assert not any("Priya Nair" in line for line in _due_lines(cli))


def test_delete_needs_yes_and_then_last_contact_follows(cli) -> None:
    cli("add", "--name", "Priya Nair")
    cli("log", "--to", "Priya Nair", "--text", "first", "--on", "2026-10-01")
    cli("log", "--to", "Priya Nair", "--text", "mistake", "--on", "2026-11-25")
    r = cli("interaction", "delete", "i2")
    assert r.code == 2 and "--yes" in r.err and "2026-11-25" in r.err
    assert len(_show(cli)["interactions"]) == 2
    r = cli("interaction", "delete", "i2", "--yes")
    assert r.code == 0 and r.out.startswith("deleted i2")
    assert _show(cli)["last_contacted"] == "2026-10-01"


def test_unknown_ids_and_empty_edits_are_usage_errors(cli) -> None:
    cli("add", "--name", "Priya Nair")
    cli("log", "--to", "Priya Nair", "--text", "hi")
    for args in (
        ("interaction", "edit", "i9", "--text", "x"),
        ("interaction", "delete", "i9", "--yes"),
        ("interaction", "edit", "i1"),
        ("interaction", "edit", "i1", "--text", "   "),
        ("interaction", "edit", "i1", "--on", "someday"),
    ):
        r = cli(*args)
        assert r.code == 2, (args, r)
        assert r.err.count("\n") == 1 and "Traceback" not in r.err, r.err
    assert _show(cli)["interactions"][0]["text"] == "hi"


def test_show_lists_the_interaction_ids(cli) -> None:
    cli("add", "--name", "Priya Nair")
    cli("log", "--to", "Priya Nair", "--text", "hi there")
    assert any(line.split()[:1] == ["i1"] for line in cli("show", "Priya Nair").out.splitlines())


def test_adding_an_existing_name_warns_and_needs_force(cli) -> None:
    assert cli("add", "--name", "Priya Nair", "--company", "Acme").out.strip() == "c1"
    r = cli("add", "--name", "  priya   NAIR ")
    assert r.code == 1 and r.out == ""
    assert "already in your network" in r.err and "c1" in r.err and "--force" in r.err
    assert len(json.loads(cli("list", "--json").out)) == 1
    r = cli("add", "--name", "Priya Nair", "--force", "--company", "Globex")
    assert r.code == 0 and r.out.strip() == "c2"
    assert len(json.loads(cli("list", "--json").out)) == 2
