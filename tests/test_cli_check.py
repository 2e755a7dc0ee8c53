"""``outreach check`` and the check ``outreach plan`` runs before saving."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from bulk_network import Network, build_network

from planner.commands.check import warn_before_saving
from planner.commands.context import Context
from planner.models import Connection
from planner.storage import Store

BIRTHDAY = "Happy birthday, Maria! Hope Oaxaca was everything you planned"
PITCH = (
    "Hi Maria! I've come across a ground floor opportunity. The residual commissions are "
    "incredible. Would you want to know how?"
)
HOLIDAY = "Hi Priya, wishing you and your family a wonderful holiday season and a happy new year!"
GENERIC = (
    "Hi Alex, I hope this message finds you well. I wanted to reach out and reconnect as it has "
    "been a while. I would love to hear what you have been up to lately and catch up soon."
)


@pytest.fixture
def net(db_path: Path) -> Network:
    return build_network(db_path)


def test_personal_exits_0(cli, net: Network) -> None:
    r = cli("check", "--to", "Maria Lopez", "--text", BIRTHDAY)
    assert r.code == 0, r.err
    assert r.out.startswith("personal")


def test_bulk_exits_1_with_findings_and_suggestion(cli, net: Network) -> None:
    r = cli("check", "--to", "maria lopez", "--text", PITCH)
    assert r.code == 1
    assert r.out.startswith("bulk")
    assert "pitch" in r.out and "ground floor" in r.out
    assert "suggestion:" in r.out


def test_review_exits_1(cli, net: Network) -> None:
    r = cli("check", "--to", "Alex Moreno", "--text", GENERIC, "--json")
    assert r.code == 1
    assert json.loads(r.out)["verdict"] == "review"


def test_json_shape(cli, net: Network) -> None:
    r = cli("check", "--to", "Maria Lopez", "--text", PITCH, "--json")
    doc = json.loads(r.out)
    assert set(doc) == {"verdict", "score", "findings", "suggestion"}
    assert doc["verdict"] == "bulk"
    assert isinstance(doc["score"], float) and 0 <= doc["score"] <= 1
    for f in doc["findings"]:
        assert set(f) == {"code", "severity", "message"}
        assert f["severity"] in ("info", "warning", "bulk")
    personal = json.loads(cli("check", "--to", "Maria Lopez", "--text", BIRTHDAY, "--json").out)
    assert personal["verdict"] == "personal" and personal["suggestion"] is None


def test_repeated_to_checks_all_recipients(cli, net: Network) -> None:
    names = [c.name for c in net.store.connections.values() if c.first_name == "Robert"]
    args = [x for name in names for x in ("--to", name)]
    r = cli("check", *args, "--text", "Season's greetings! https://ecards.example/s/1", "--json")
    codes = {f["code"] for f in json.loads(r.out)["findings"]}
    assert r.code == 1
    assert {"many-recipients", "alphabetical-block", "link-only"} <= codes


def test_text_file_and_stdin(cli, net: Network, tmp_path: Path) -> None:
    path = tmp_path / "msg.txt"
    path.write_text(PITCH, encoding="utf-8")
    assert cli("check", "--to", "Maria Lopez", "--text-file", str(path)).code == 1
    r = cli("check", "--to", "Maria Lopez", "--text-file", "-", stdin=BIRTHDAY)
    assert r.code == 0, r.err


def test_on_sets_the_history_window(cli, net: Network) -> None:
    # the holiday template went out 8-13 Dec; --today is 26 Nov, so only --on finds it
    early = json.loads(cli("check", "--to", "Priya Nair", "--text", HOLIDAY, "--json").out)
    assert "duplicate-text" not in {f["code"] for f in early["findings"]}
    r = cli("check", "--to", "Priya Nair", "--text", HOLIDAY, "--on", "2026-12-15", "--json")
    dup = [f for f in json.loads(r.out)["findings"] if f["code"] == "duplicate-text"]
    assert r.code == 1 and dup[0]["severity"] == "bulk"
    assert "15 people between 8 and 13 Dec" in dup[0]["message"]


@pytest.mark.parametrize(
    ("args", "stdin", "says"),
    [
        (["--to", "Nobody Here", "--text", "hi"], None, "no connection called 'Nobody Here'"),
        (["--to", "Maria Lopez", "--text", "   "], None, "the message is empty"),
        (["--to", "Maria Lopez", "--text-file", "-"], "\n  \n", "the message is empty"),
        (["--to", "Maria Lopez", "--text-file", "/no/such/file.txt"], None, "no such file"),
        (["--to", "Maria Lopez", "--text", "hi", "--on", "someday"], None, "cannot read the date"),
        (["--to", "Maria Lopez"], None, "one of the arguments --text --text-file is required"),
        (["--text", "hi"], None, "--to"),
    ],
)
def test_usage_errors_exit_2_with_one_line(cli, net: Network, args, stdin, says) -> None:
    r = cli("check", *args, stdin=stdin)
    assert r.code == 2
    assert says in r.err
    assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err


def test_binary_text_file_is_a_usage_error(cli, net: Network, tmp_path: Path) -> None:
    path = tmp_path / "msg.bin"
    path.write_bytes(b"\xff\xfe\x00\x81 not text")
    r = cli("check", "--to", "Maria Lopez", "--text-file", str(path))
    assert r.code == 2 and "UTF-8" in r.err


def test_check_never_writes(cli, net: Network, db_path: Path) -> None:
    before = (db_path.read_bytes(), db_path.stat().st_mtime_ns)
    cli("check", "--to", "Maria Lopez", "--text", PITCH)
    cli("check", "--to", "Maria Lopez", "--text", BIRTHDAY, "--json")
    assert (db_path.read_bytes(), db_path.stat().st_mtime_ns) == before


def test_hostile_names_print_literally(cli, db_path: Path) -> None:
    store = Store.open(db_path)
    store.put(Connection(id="c1", first_name="[/] Robert", last_name="[bold \x1b[31mRed"))
    store.save()
    r = cli("check", "--to", "c1", "--text", PITCH)
    assert "\x1b" not in r.out
    assert "[/] Robert [bold \\x1b[31mRed" in r.out  # the name in missing-context / no-bulk lines


# --- warn_before_saving (used by `outreach plan`) ------------------------------------------------


def _ctx(db_path: Path, net: Network, yes: bool) -> Context:
    return Context(argparse.Namespace(yes=yes), db_path, net.on)


def test_warn_before_saving_refuses_bulk_without_yes(net: Network, db_path: Path, capsys) -> None:
    maria = [net.ids["maria"]]
    ok = warn_before_saving(_ctx(db_path, net, False), net.store, PITCH, maria, net.on)
    err = capsys.readouterr().err
    assert ok is False
    assert "bulk" in err and "pitch" in err
    assert warn_before_saving(_ctx(db_path, net, True), net.store, PITCH, maria, net.on) is True
    assert "pitch" in capsys.readouterr().err  # printed either way


def test_warn_before_saving_lets_review_and_personal_through(
    net: Network, db_path: Path, capsys
) -> None:
    ctx = _ctx(db_path, net, False)
    alex, maria = [net.ids["alex"]], [net.ids["maria"]]
    assert warn_before_saving(ctx, net.store, GENERIC, alex, net.on) is True
    assert "no-personal-detail" in capsys.readouterr().err
    assert warn_before_saving(ctx, net.store, BIRTHDAY, maria, net.on) is True
    assert "bulk" not in capsys.readouterr().err.replace("bulk-send check", "")


def test_plan_command_runs_the_check(cli, net: Network, db_path: Path) -> None:
    r = cli("plan", "--to", "Maria Lopez", "--on", "2026-12-01", "--text", PITCH)
    assert r.code == 1 and "pitch" in r.err
    assert not Store.open(db_path).plans, "a bulk verdict saves nothing"
    r = cli("plan", "--to", "Maria Lopez", "--on", "2026-12-01", "--text", PITCH, "--yes")
    assert r.code == 0 and "pitch" in r.err
    assert len(Store.open(db_path).plans) == 1


# --- the check cache: a check that does not read the data file --------------------------------


def _reads_of_the_file(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every full read of the data file from now on."""
    calls: list[str] = []
    real = Store.open.__func__  # type: ignore[attr-defined]

    def counting(cls, path, **kw):  # noqa: ANN001, ANN202
        calls.append(str(path))
        return real(cls, path, **kw)

    monkeypatch.setattr(Store, "open", classmethod(counting))
    return calls


def test_the_check_cache_gives_the_same_verdicts_without_reading_the_file(
    cli, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    roberts = net.recipients(["@roberts"])
    cases = [
        (["--to", "Priya Nair"], HOLIDAY),  # duplicate of a template sent 8-13 Dec
        (["--to", "Maria Lopez"], PITCH),
        (["--to", "Alex Moreno"], GENERIC),
        (["--to", "Maria Lopez"], BIRTHDAY),
        (["--to", "Maria Lopez"], "Hi Priya, loved the talk!"),  # another contact's name
        (["--to", "Dana Kim"], "Hi Dana, your PyData Berlin talk on streaming was great"),
        ([arg for cid in roberts[:9] for arg in ("--to", cid)], "Season's greetings!"),
    ]
    first = [cli("check", *to, "--text", t, "--on", "2026-12-15", "--json") for to, t in cases]
    reads = _reads_of_the_file(monkeypatch)
    again = [cli("check", *to, "--text", t, "--on", "2026-12-15", "--json") for to, t in cases]
    assert reads == []  # every one came from the cache
    assert [(r.code, json.loads(r.out)) for r in again] == [
        (r.code, json.loads(r.out)) for r in first
    ]
    codes = [{f["code"] for f in json.loads(r.out)["findings"]} for r in again]
    assert "duplicate-text" in codes[0] and "wrong-name" in codes[4]
    assert "alphabetical-block" in codes[6] and "no-personal-detail" not in codes[5]


def test_the_check_cache_is_private_and_refreshed_after_a_write(
    cli, net: Network, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.bulk import snapshot

    cli("check", "--to", "Maria Lopez", "--text", BIRTHDAY)
    cache = snapshot.path_for(db_path)
    assert cache.stat().st_mode & 0o777 == 0o600
    reads = _reads_of_the_file(monkeypatch)
    cli("check", "--to", "Maria Lopez", "--text", BIRTHDAY)
    assert reads == []
    # a write changes the file and brings the cache up to date: the next check sees the new
    # messages without reading the file (tests/test_check_cache.py has the cases)
    text = "Hi Maria, wishing you a calm and happy end of the year with the family!"
    for name in ("Dana Kim", "Tom Okafor", "Jonas Berg"):
        assert cli("log", "--to", name, "--text", text, "--on", "2026-11-25").code == 0
    reads.clear()
    r = cli("check", "--to", "Maria Lopez", "--text", text, "--json")
    assert not reads and "duplicate-text" in {f["code"] for f in json.loads(r.out)["findings"]}
    assert cache.stat().st_mode & 0o777 == 0o600


def test_the_check_cache_falls_back_for_unknown_names_and_old_days(
    cli, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("check", "--to", "Maria Lopez", "--text", BIRTHDAY)
    reads = _reads_of_the_file(monkeypatch)
    r = cli("check", "--to", "Maria", "--text", BIRTHDAY)
    assert r.code == 2 and "did you mean" in r.err and reads  # the file's full error message
    reads.clear()
    r = cli("check", "--to", "Maria Lopez", "--text", BIRTHDAY, "--on", "2025-01-10")
    assert r.code == 0 and reads  # messages older than the cache keeps: read from the file
