"""Attack: ``o`` hands any imported URL to the browser (issue 16, break 5). A vCard
``URL:--renderer-cmd-prefix=...`` would be read by the browser as an option, and
``file:///etc/passwd`` opens a local file; only http(s) links may be opened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.links import link_problem, open_in_browser

HOSTILE_URLS = [
    "--renderer-cmd-prefix=touch /tmp/pwned",
    "-new-window",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "data:text/html,<script>",
    "chrome://settings",
    "http://",
    "https://exa mple.com",
    "https://example.com/\x1b]52;c;cm0gLXJmIH4K\x07",
    " --incognito https://example.com",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_urls_are_never_opened(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda u, *a, **k: opened.append(u) or True)
    assert link_problem(url) is not None
    with pytest.raises(ValueError, match="not opened"):
        open_in_browser(url)
    assert opened == []


@pytest.mark.parametrize(
    "url", ["https://www.linkedin.com/in/aisha-bello", "http://example.com/x?y=1", "HTTPS://A.B"]
)
def test_web_links_are_opened_as_given(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda u, *a, **k: opened.append(u) or True)
    assert link_problem(url) is None
    assert open_in_browser(url) is True
    assert opened == [url] and not opened[0].startswith("-")


def test_import_keeps_a_hostile_url_but_flags_it(cli, tmp_path: Path) -> None:
    card = tmp_path / "evil.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve Hacker\r\nN:Hacker;Eve;;;\r\n"
        "URL:--renderer-cmd-prefix=touch /tmp/pwned\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Web\r\nN:Web;Ann;;;\r\n"
        "URL:https://example.com/ann\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    r = cli("import", "vcard", str(card), "--json")
    report = json.loads(r.out)[0]
    flagged = [n for n in report["notes"] if "will not open" in n]
    assert len(flagged) == 1 and "Eve Hacker" in flagged[0]
    shown = json.loads(cli("show", "Eve Hacker", "--json").out)
    assert shown["url"] == "--renderer-cmd-prefix=touch /tmp/pwned"  # the data is kept


async def test_o_refuses_a_file_url_in_the_tui(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import webbrowser

    from screens.app import make_app
    from tests.tui_support import ready

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda u, *a, **k: opened.append(u) or True)
    db = tmp_path / "data.json"
    person = {
        "id": "c1",
        "first_name": "Eve",
        "last_name": "Hacker",
        "cadence": "1m",
        "url": "file:///etc/passwd",
    }
    db.write_text(json.dumps({"_meta": {"1": {"schema": 1}}, "connections": {"1": person}}))
    from datetime import date

    app = make_app(db, today=date(2026, 11, 26))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("Not opened" in m and "not a web link" in m for m in messages), messages
    assert opened == []
