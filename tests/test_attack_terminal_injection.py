"""Attack: terminal injection through user text (issue 16, break 3).

A name (or note, company, message) holding an OSC 52 clipboard write, a CSI sequence, a
bidi override (U+202E) and a C1 control (U+009B CSI) is fed to every command; nothing a
terminal would act on may reach stdout or stderr, and ``--json`` must carry the exact data
in escapes.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from planner.text import json_safe, safe, safe_block

ROOT = Path(__file__).resolve().parents[1]

OSC52 = "\x1b]52;c;cm0gLXJmIH4K\x07"  # sets the clipboard to "rm -rf ~"
CSI = "\x1b[2J\x1b[31m"
BIDI = "\u202e"
C1 = "\x9b31m"
HOSTILE_FIRST = f"Osc{OSC52}"
HOSTILE_LAST = f"Clip{CSI}{BIDI}evil{C1}"
HOSTILE = f"{HOSTILE_FIRST} {HOSTILE_LAST}"
# What a terminal would act on or hide: every C0 but tab and newline, DEL, C1, bidi, Cf.
_DANGEROUS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def _assert_clean(text: str, where: str) -> None:
    found = _DANGEROUS.search(text)
    assert found is None, f"{where}: raw {found.group()!r} at {found.start()}: {text!r}"


@pytest.fixture
def hostile(cli) -> str:
    """A network whose person has hostile text in every field the commands print."""
    r = cli(
        "add", "--name", HOSTILE, "--how", f"met {OSC52} at {BIDI}conf", "--company",
        f"Acme{CSI}", "--position", f"CTO{C1}", "--notes", f"note {OSC52}", "--every", "1m",
        "--url", f"https://x.example/{BIDI}", "--email", "osc@example.com", "--tag", "t",
        "--birthday", "03-15",
    )  # fmt: skip
    assert r.code == 0, r.err
    _assert_clean(r.out + r.err, "add")
    # a second record that looks like a duplicate, for dupes and merge
    twin = cli(
        "add", "--name", f"{HOSTILE_FIRST} {HOSTILE_LAST}", "--email", "osc@example.com", "--force"
    )
    assert twin.code == 0
    return r.out.strip()


def test_every_command_shows_hostile_text_visibly(cli, hostile: str) -> None:
    runs = [
        ("list",),
        ("show", hostile),
        ("edit", hostile, "--position", f"Boss{OSC52}"),
        ("log", "--to", hostile, "--text", f"hello {OSC52}{BIDI}", "--follow-up", "3d"),
        ("log", "--to", hostile, "--text", "hi", "--received"),
        ("plan", "--to", hostile, "--text", f"Happy new year{CSI}, {HOSTILE}", "--on", "+1d",
         "--label", f"NY{C1}", "--yes"),
        ("greet", "--tag", "t", "--on", "+2d", "--label", f"round{OSC52}"),
        ("due", "--days", "30"),
        ("dupes",),
        ("check", "--to", hostile, "--text", f"Hi {OSC52} there"),
        ("show", "Clip"),  # no exact match: "did you mean" names the hostile person
        ("show", f"nobody{OSC52}"),  # the user's own bad input, quoted back
        ("log", "--to", hostile, "--text", "x", "--channel", f"fax{OSC52}"),  # argparse quotes it
        ("occasion", "add", hostile, "--label", f"anniv{OSC52}", "--date", "12-01"),
        ("done", "p1"),
        ("merge", hostile, "c2"),
        ("delete", hostile),
        ("delete", hostile, "--yes"),
    ]  # fmt: skip
    codes = []
    for args in runs:
        r = cli(*args)
        codes.append(r.code)
        _assert_clean(r.out, f"stdout of {args[0]}")
        _assert_clean(r.err, f"stderr of {args[0]}")
    # the runs really did something (the did-you-mean error names the person, visibly)
    did_you_mean = cli("show", "Nobody")
    assert did_you_mean.code == 2
    assert codes[:8] == [0, 0, 0, 0, 0, 0, 0, 0]


def test_did_you_mean_names_the_person_with_visible_escapes(cli, hostile: str) -> None:
    r = cli("show", "Clip")
    assert r.code == 2
    assert "did you mean" in r.err
    assert "\\x1b]52;c;cm0gLXJmIH4K\\x07" in r.err  # shown, not run
    assert "\\u202e" in r.err and "\\x9b" in r.err
    _assert_clean(r.err, "did you mean")


def test_json_output_escapes_controls_and_keeps_the_data(cli, hostile: str) -> None:
    cli("log", "--to", hostile, "--text", f"hello {OSC52}", "--follow-up", "3d")
    for args in (
        ("list", "--json"),
        ("show", hostile, "--json"),
        ("due", "--days", "30", "--json"),
        ("dupes", "--json"),
        ("check", "--to", hostile, "--text", "hi", "--json"),
    ):
        r = cli(*args)
        assert r.code in (0, 1), r.err
        _assert_clean(r.out, " ".join(args))
        json.loads(r.out)  # still valid JSON
    shown = json.loads(cli("show", hostile, "--json").out)
    assert shown["name"] == HOSTILE  # the data itself is unchanged
    assert shown["interactions"][0]["text"] == f"hello {OSC52}"
    assert "\\u009b" in cli("list", "--json").out and "\\u202e" in cli("list", "--json").out


def test_import_report_shows_hostile_file_content_visibly(cli, tmp_path: Path) -> None:
    card = tmp_path / "evil.vcf"
    card.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{HOSTILE}\r\nN:{HOSTILE_LAST};{HOSTILE_FIRST};;;\r\n"
        f"NOTE:{OSC52}\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    r = cli("import", "vcard", str(card))
    assert r.code in (0, 1), r.err
    _assert_clean(r.out + r.err, "import vcard")
    again = cli("import", "vcard", str(card))
    _assert_clean(again.out + again.err, "import vcard again")


def _run_on_a_terminal(argv: list[str], env: dict[str, str]) -> str:
    """Run ``outreach ARGV`` with stdout and stderr on a pseudo-terminal; what it printed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "planner", *argv],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        cwd=ROOT,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            proc.kill()
            raise AssertionError(f"outreach {argv} printed nothing for 30 s")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert proc.wait(timeout=30) == 0
    os.close(leader)
    return b"".join(chunks).decode("utf-8")


@pytest.mark.parametrize("fmt", ["csv", "vcard", "json", "ics"])
def test_export_to_a_terminal_is_shown_safely_and_to_a_pipe_verbatim(
    cli, hostile: str, db_path: Path, fmt: str
) -> None:
    env = {**os.environ, "OUTREACH_DB": str(db_path)}
    shown = _run_on_a_terminal(["--today", "2026-11-26", "export", fmt], env)
    assert "Osc" in shown
    # line ends (CRLF, and the terminal's own \n -> \r\n) are fine; nothing else may be raw
    _assert_clean(re.sub("\r+\n", "\n", shown), f"export {fmt} on a terminal")
    piped = subprocess.run(
        [sys.executable, "-m", "planner", "--today", "2026-11-26", "export", fmt],
        capture_output=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    if fmt in ("csv", "vcard"):
        assert "\x1b]52" in piped.stdout.decode("utf-8")  # a file gets the data verbatim


def test_sanitiser_covers_every_control_and_format_character() -> None:
    keep = {"\t", "\u200c", "\u200d"}  # tab; ZWNJ and ZWJ (Persian words, emoji sequences)
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs") and ch not in keep:
            shown = safe(f"a{ch}b")
            assert ch not in shown, f"U+{cp:04X} passes safe()"
            if ch not in "\n\r":
                assert ch not in safe_block(f"a{ch}b"), f"U+{cp:04X} passes safe_block()"
                escaped = json_safe(json.dumps(f"a{ch}b", ensure_ascii=False))
                assert ch not in escaped, f"U+{cp:04X} passes json_safe()"
                if unicodedata.category(ch) != "Cs":
                    assert json.loads(escaped) == f"a{ch}b"
    assert safe("Zoë 李 👩\u200d💻") == "Zoë 李 👩\u200d💻"  # ordinary text is untouched
    assert safe_block("a\r\nb\n") == "a\r\nb\n" and safe_block("a\rb") == "a\\x0db"
