"""The bulk check's cache (planner.bulk.snapshot) follows every save: the first check after a
write reads a fresh cache instead of the data file, and gives exactly what reading the file
gives. A cache that is stale, damaged or of another version is ignored."""

from __future__ import annotations

import contextlib
import json
import marshal
import os
from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from bulk_network import Network, build_network

from planner.bulk import BulkIndex, check_message, snapshot
from planner.storage import Store
from planner.storage import summary as summary_cache

TODAY = date(2026, 11, 26)  # the cli fixture's --today
ON = "2026-12-15"
HOLIDAY = "Hi Priya, wishing you and your family a wonderful holiday season and a happy new year!"
TEMPLATE = "Hi Maria, wishing you a calm and happy end of the year with the family!"


@pytest.fixture
def net(db_path: Path) -> Network:
    return build_network(db_path)


@contextlib.contextmanager
def _reads_of_the_file() -> Iterator[list[str]]:
    """Record every full read of the data file while in the block."""
    calls: list[str] = []
    real = Store.open.__func__  # type: ignore[attr-defined]

    def counting(cls, path, **kw):  # noqa: ANN001, ANN202
        calls.append(str(path))
        return real(cls, path, **kw)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Store, "open", classmethod(counting))
        yield calls


def _content(db_path: Path) -> dict[str, Any]:
    """What the check cache of ``db_path`` holds, independent of how its files are laid out:
    every field of its head but the layout ones, and each contact's document."""
    head = snapshot._read_head(db_path)
    assert head is not None, "no readable check cache"
    segments = snapshot._Segments(snapshot.path_for(db_path).parent, head)
    try:
        docs = {cid: marshal.loads(segments.read(i)) for i, cid in enumerate(head["ids"])}
    finally:
        segments.close()
    layout = {"segments", "seg", "offsets", "sizes", "sums"}
    return {"head": {k: v for k, v in head.items() if k not in layout}, "docs": docs}


def _fresh_content(db_path: Path, tmp_path: Path) -> dict[str, Any]:
    """The content a check cache written from scratch (after reading the file) would have."""
    store = Store.open(db_path)
    old = os.environ["OUTREACH_CACHE_DIR"]
    os.environ["OUTREACH_CACHE_DIR"] = str(tmp_path / "scratch-cache")
    try:
        assert snapshot.write(store, BulkIndex.from_store(store), TODAY)
        return _content(db_path)
    finally:
        os.environ["OUTREACH_CACHE_DIR"] = old


def _verdicts(cli, cases: list[tuple[list[str], str]]) -> list[tuple[int, Any]]:
    out = []
    for to, text in cases:
        r = cli("check", *to, "--text", text, "--on", ON, "--json")
        out.append((r.code, json.loads(r.out) if r.code in (0, 1) else r.err))
    return out


def _from_the_file(db_path: Path, cases: list[tuple[list[str], str]], net: Network) -> list[Any]:
    """The verdicts computed from the data file itself, without any cache."""
    store = Store.open(db_path)
    index = BulkIndex.from_store(store)
    by_name = {c.name.casefold(): c.id for c in store.connections.values()}
    out = []
    for to, text in cases:
        ids = [by_name.get(n.casefold(), n) for n in to[1::2]]
        verdict = check_message(text, ids, store=store, index=index, today=date.fromisoformat(ON))
        out.append((0 if verdict.verdict == "personal" else 1, verdict.to_json()))
    return out


CHANGES: list[tuple[str, list[list[str]]]] = [
    (
        "log",
        [
            ["log", "--to", name, "--text", TEMPLATE, "--on", "2026-12-10"]
            for name in ("Dana Kim", "Tom Okafor", "Jonas Berg")
        ],
    ),
    ("add a person with a new name", [["add", "--name", "Zebulon Quarrington", "--how", "ferry"]]),
    (
        "add a person named in a logged text",
        [
            ["log", "--to", "Dana Kim", "--text", "Zebulon and Quarrington say hi from the ferry"],
            ["add", "--name", "Zebulon Quarrington"],
        ],
    ),
    ("edit a logged text", [["interaction", "edit", "{latest}", "--text", TEMPLATE]]),
    ("rename", [["edit", "Tom Okafor", "--name", "Thomas Okafor-Maria"]]),
    ("edit profile", [["edit", "Dana Kim", "--how", "met at PyData Berlin, streaming talk"]]),
    ("delete a person", [["delete", "--yes", "Jonas Berg"]]),
    ("plan", [["plan", "--to", "Dana Kim", "--text", TEMPLATE, "--on", "2026-12-12", "--yes"]]),
]


@pytest.mark.parametrize(("what", "commands"), CHANGES, ids=[c[0] for c in CHANGES])
def test_after_a_write_the_check_reads_a_fresh_cache_with_the_same_results(
    cli, net: Network, db_path: Path, tmp_path: Path, what: str, commands: list[list[str]]
) -> None:
    cases = [
        (["--to", "Maria Lopez"], TEMPLATE),
        (["--to", "Priya Nair"], HOLIDAY),
        (["--to", "Dana Kim"], "Hi Dana, your PyData Berlin talk on streaming was great"),
        (["--to", "Maria Lopez"], "Hi Zebulon, loved the ferry ride!"),
        (["--to", "Maria Lopez"], "Hi Thomas, good to see you"),
    ]
    assert _verdicts(cli, cases)  # the first check reads the file and writes the cache
    for command in commands:
        if "{latest}" in command:  # the latest message sent
            store = Store.open(db_path)
            sent = [i for i in store.interactions.values() if i.direction == "sent"]
            latest = max(sent, key=lambda i: (i.date, int(i.id[1:]))).id
            command = [latest if a == "{latest}" else a for a in command]
        assert cli(*command).code in (0, 1), command
    with _reads_of_the_file() as reads:
        after = _verdicts(cli, cases)
    assert reads == []  # every check came from the refreshed cache
    assert after == _from_the_file(db_path, cases, net)
    assert _content(db_path) == _fresh_content(db_path, tmp_path)


def test_a_logged_template_is_seen_by_the_next_check_from_the_cache(
    cli, net: Network, db_path: Path
) -> None:
    cli("check", "--to", "Maria Lopez", "--text", TEMPLATE)
    r = cli("check", "--to", "Maria Lopez", "--text", TEMPLATE, "--json")
    assert "duplicate-text" not in {f["code"] for f in json.loads(r.out)["findings"]}
    for name in ("Dana Kim", "Tom Okafor", "Jonas Berg"):
        assert cli("log", "--to", name, "--text", TEMPLATE, "--on", "2026-11-25").code == 0
    with _reads_of_the_file() as reads:
        r = cli("check", "--to", "Maria Lopez", "--text", TEMPLATE, "--json")
    assert reads == []
    assert "duplicate-text" in {f["code"] for f in json.loads(r.out)["findings"]}
    # and deleting them again is seen just as well
    store = Store.open(db_path)
    for iid in [i.id for i in store.interactions.values() if i.text == TEMPLATE]:
        assert cli("interaction", "delete", "--yes", iid).code == 0
    with _reads_of_the_file() as reads:
        r = cli("check", "--to", "Maria Lopez", "--text", TEMPLATE, "--json")
    assert reads == []
    assert "duplicate-text" not in {f["code"] for f in json.loads(r.out)["findings"]}


def test_many_refreshes_keep_few_segment_files(cli, net: Network, db_path: Path, tmp_path) -> None:
    cli("check", "--to", "Maria Lopez", "--text", TEMPLATE)
    for n in range(snapshot.MAX_SEGMENTS + 3):
        assert cli("log", "--to", "Dana Kim", "--text", f"note {n} about Oaxaca").code == 0
    folder = snapshot.path_for(db_path).parent
    segments = [p for p in folder.iterdir() if p.name.endswith(".seg")]
    assert 1 <= len(segments) <= snapshot.MAX_SEGMENTS
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in segments)
    assert _content(db_path) == _fresh_content(db_path, tmp_path)


def test_a_change_the_cache_did_not_follow_makes_the_check_read_the_file(
    cli, net: Network, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("check", "--to", "Maria Lopez", "--text", TEMPLATE)
    # another program (or an outreach without this cache) writes the file
    monkeypatch.setattr(summary_cache, "_COMPANIONS", {})
    store = Store.open(db_path, lock=True)
    from planner.operations import Operations

    for name in ("Dana Kim", "Tom Okafor", "Jonas Berg"):
        cid = next(c.id for c in store.connections.values() if c.name == name)
        Operations(store).log([cid], text=TEMPLATE, on=date(2026, 11, 25))
    store.save()
    store.close()
    with _reads_of_the_file() as reads:
        r = cli("check", "--to", "Maria Lopez", "--text", TEMPLATE, "--json")
    assert reads  # the stale cache was not used
    assert "duplicate-text" in {f["code"] for f in json.loads(r.out)["findings"]}


@pytest.mark.parametrize("part", ["head", "segment"])
def test_a_damaged_cache_is_ignored(
    cli, net: Network, db_path: Path, monkeypatch: pytest.MonkeyPatch, part: str
) -> None:
    cases = [(["--to", "Maria Lopez"], TEMPLATE), (["--to", "Priya Nair"], HOLIDAY)]
    expected = _verdicts(cli, cases)
    folder = snapshot.path_for(db_path).parent
    if part == "head":
        target = snapshot.path_for(db_path)
    else:
        target = max((p for p in folder.iterdir() if p.name.endswith(".seg")), key=os.path.getsize)
    raw = bytearray(target.read_bytes())
    start = len(raw) // 2 if part == "head" else 0  # (the head's header line stays)
    for k in range(start, len(raw), max(1, len(raw) // 512)):
        raw[k] ^= 0x5A  # flip bytes all over it
    target.write_bytes(bytes(raw))
    with _reads_of_the_file() as reads:
        assert _verdicts(cli, cases) == expected
    assert reads  # read from the file instead
    with _reads_of_the_file() as reads:
        assert _verdicts(cli, cases) == expected
    assert reads == []  # and the cache was written again


def test_the_tui_refresh_path_follows_journaled_saves(
    net: Network, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The TUI opens from the summary, loads the history in the background, saves edits to
    the journal and refreshes the summary when idle: the check cache follows that too."""
    store = Store.open(db_path)
    assert snapshot.write(store, BulkIndex.from_store(store), TODAY)
    store.write_summary()
    monkeypatch.setattr(summary_cache, "_COMPANIONS", {})
    summary_cache.after_write("check", partial(snapshot.refresh, day=TODAY))
    tui = Store.open_summary(db_path)
    tui.load_history()
    from planner.operations import Operations

    ops = Operations(tui)
    for name in ("Dana Kim", "Tom Okafor", "Jonas Berg"):
        cid = next(c.id for c in tui.connections.values() if c.name == name)
        ops.log([cid], text=TEMPLATE, on=date(2026, 11, 25))
        tui.save(summary=False, journal=True)
    assert tui.has_journal
    assert tui.write_summary()
    assert snapshot.load(db_path, TODAY) is not None  # fresh for the file as it is now
    assert _content(db_path) == _fresh_content(db_path, tmp_path)


def test_the_word_statistics_table_is_named_for_the_installed_wordfreq() -> None:
    from importlib.metadata import version

    from planner.bulk.wordstats import _wordfreq_version

    assert _wordfreq_version() == version("wordfreq")


def test_a_write_without_a_check_cache_does_not_load_the_check(cli, db_path: Path) -> None:
    """Someone who never runs ``outreach check`` pays nothing for its cache on each save."""
    import subprocess
    import sys

    assert cli("add", "--name", "Priya Nair").code == 0
    code = (
        "import sys\n"
        "from planner.cli import main\n"
        f"code = main(['--db', {str(db_path)!r}, 'log', '--to', 'Priya Nair', '--text', 'hi'])\n"
        "print(code, 'planner.bulk' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split()[-2:] == ["0", "False"]
    assert not snapshot.path_for(db_path).exists()


def test_a_check_between_two_saves_of_the_tui_does_not_break_the_chain(
    cli, net: Network, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The TUI saved an edit (its summary refresh not done yet) and a check in a terminal
    wrote the cache for that version of the file: the TUI's next refresh carries it on."""
    cli("check", "--to", "Maria Lopez", "--text", TEMPLATE)
    monkeypatch.setattr(summary_cache, "_COMPANIONS", {})
    summary_cache.after_write("check", partial(snapshot.refresh, day=TODAY))
    tui = Store.open_summary(db_path)
    tui.load_history()
    from planner.operations import Operations

    ops = Operations(tui)
    people = {c.name: c.id for c in tui.connections.values()}
    ops.log([people["Dana Kim"]], text=TEMPLATE, on=date(2026, 11, 25))
    tui.save(summary=False, journal=True)
    with _reads_of_the_file() as reads:
        cli("check", "--to", "Maria Lopez", "--text", TEMPLATE)
    assert reads  # the cache was of the version before the TUI's save: read, written anew
    for name in ("Tom Okafor", "Jonas Berg"):
        ops.log([people[name]], text=TEMPLATE, on=date(2026, 11, 25))
        tui.save(summary=False, journal=True)
    assert tui.write_summary()
    with _reads_of_the_file() as reads:
        r = cli("check", "--to", "Maria Lopez", "--text", TEMPLATE, "--json")
    assert reads == []
    assert "duplicate-text" in {f["code"] for f in json.loads(r.out)["findings"]}
    assert _content(db_path) == _fresh_content(db_path, tmp_path)


def test_the_check_cache_of_a_data_file_that_is_gone_is_removed(
    cli, net: Network, db_path: Path, tmp_path: Path
) -> None:
    cli("check", "--to", "Maria Lopez", "--text", TEMPLATE)
    folder = snapshot.path_for(db_path).parent
    key = snapshot.path_for(db_path).name
    assert any(p.name.startswith(key + "-") for p in folder.iterdir())
    other = tmp_path / "other.json"
    assert summary_cache.summary_path(db_path).exists()
    db_path.unlink()  # the first data file is gone: a summary written for another prunes it
    store = Store.open(other)
    from planner.operations import Operations

    Operations(store).add_person(first_name="Ada", last_name="Lovelace")
    store.save()
    assert not [p for p in folder.iterdir() if p.name.startswith(key)]
