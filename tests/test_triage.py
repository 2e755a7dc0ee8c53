"""outreach triage: tiers from strength, never overwriting a set cadence, --yes to apply."""

from __future__ import annotations

import json
from datetime import date, timedelta

from planner.triage import TIERS, tier_for

TODAY = date(2026, 11, 26)


def talk(cli, name: str, exchanges: int, days_ago: int, *, reply: bool = True) -> None:
    for k in range(exchanges):
        on = (TODAY - timedelta(days=days_ago + k)).isoformat()
        cli("log", "--to", name, "--text", f"note {k}", "--on", on)
        if reply:
            cli("log", "--to", name, "--text", f"reply {k}", "--on", on, "--received")


def network(cli) -> None:
    cli("add", "--name", "Cleo Close")
    talk(cli, "Cleo Close", 5, 10)  # strength ~92
    cli("add", "--name", "Reg Regular")
    talk(cli, "Reg Regular", 1, 30)  # 2 recent messages both ways: ~37
    cli("add", "--name", "Wyn Wider")
    talk(cli, "Wyn Wider", 1, 300)  # ~16
    cli("add", "--name", "Fay Faded")
    talk(cli, "Fay Faded", 1, 1200)
    cli("add", "--name", "Set Already", "--every", "2w")
    talk(cli, "Set Already", 5, 10)
    cli("add", "--name", "Quinn Quiet")


def tiers(doc) -> dict[str, list[str]]:
    return {t["tier"]: [p["name"] for p in t["people"]] for t in doc["tiers"]}


def test_tiers_and_nothing_saved_without_yes(cli) -> None:
    network(cli)
    before = json.loads(cli("list", "--json").out)
    doc = json.loads(cli("triage", "--json").out)
    assert tiers(doc) == {
        "close": ["Cleo Close"],
        "regular": ["Reg Regular"],
        "wider": ["Wyn Wider"],
        "faded": ["Fay Faded"],
        "quiet": ["Quinn Quiet"],
    }
    cadences = {t["tier"]: t["cadence"] for t in doc["tiers"]}
    assert cadences == {"close": "1m", "regular": "3m", "wider": "6m", "faded": None, "quiet": None}
    assert doc["kept"] == 1 and doc["proposed"] == 3 and doc["applied"] is False
    close = doc["tiers"][0]["people"][0]
    assert close["evidence"] == "close: 10 exchanges, last 10 days ago" and close["strength"] >= 60
    assert json.loads(cli("list", "--json").out) == before  # nothing written
    text = cli("triage").out
    assert "close (strength 60+): every 1m, 1 person" in text
    assert "Nothing saved yet: outreach triage --yes" in text


def test_yes_applies_and_never_overwrites_a_set_cadence(cli) -> None:
    network(cli)
    result = cli("triage", "--yes")
    assert result.code == 0 and "3 people given a keep-in-touch cadence" in result.out
    cadence = {p["name"]: p["cadence"] for p in json.loads(cli("list", "--json").out)}
    assert cadence == {
        "Cleo Close": "1m",
        "Reg Regular": "3m",
        "Wyn Wider": "6m",
        "Fay Faded": None,
        "Set Already": "2w",
        "Quinn Quiet": None,
    }
    # a second run proposes nothing new and changes nothing
    again = json.loads(cli("triage", "--yes", "--json").out)
    assert again["proposed"] == 0 and again["kept"] == 4


def test_include_quiet_gives_no_history_a_yearly_cadence(cli) -> None:
    network(cli)
    cli("triage", "--yes", "--include-quiet")
    cadence = {p["name"]: p["cadence"] for p in json.loads(cli("list", "--json").out)}
    assert cadence["Quinn Quiet"] == "1y" and cadence["Fay Faded"] is None


def test_tier_boundaries() -> None:
    assert [tier_for(v)[0] for v in (100, 60, 59, 30, 29, 10, 9, 0)] == [
        "close",
        "close",
        "regular",
        "regular",
        "wider",
        "wider",
        "faded",
        "faded",
    ]
    assert [t[0] for t in TIERS] == ["close", "regular", "wider", "faded"]
