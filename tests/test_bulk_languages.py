"""The bulk check in several languages: detection, the new findings, the no-bulk rule, the
fallback for languages it cannot read, and the word-statistics table."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from bulk_labelled import LabelledNetwork, build

from planner.bulk import BulkIndex, Verdict, check_message
from planner.bulk import wordstats as ws
from planner.models import Interaction


@pytest.fixture(scope="module")
def net(tmp_path_factory: pytest.TempPathFactory) -> LabelledNetwork:
    return build(tmp_path_factory.mktemp("languages") / "data.json")


@pytest.fixture(scope="module")
def index(net: LabelledNetwork) -> BulkIndex:
    return BulkIndex.from_store(net.store)


def check(net: LabelledNetwork, index: BulkIndex, text: str, *to: str) -> Verdict:
    return check_message(text, net.recipients(list(to)), store=net.store, index=index, today=net.on)


def found(v: Verdict) -> dict[str, str]:
    return {f.code: f.severity for f in v.findings}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I finally finished the bookshelf you helped me design last spring", "en"),
        ("Ayer terminé por fin la estantería que me ayudaste a diseñar", "es"),
        ("Gestern habe ich endlich das Regal fertig gebaut, das du entworfen hast", "de"),
        ("J'ai enfin terminé l'étagère que tu m'avais aidé à dessiner", "fr"),
        ("Finalmente acabei a estante que me ajudaste a desenhar", "pt"),
        ("Ho finalmente finito la libreria che mi avevi aiutato a progettare", "it"),
    ],
)
def test_the_six_languages_are_told_apart(text: str, lang: str) -> None:
    got = ws.detect(ws.tokens(text), ws.stats())
    assert got.code == lang and got.judged and got.confident


@pytest.mark.parametrize(
    "text",
    [
        "Hi {first_name}, quick question",
        "Hello {{ name }}, quick question",
        "Dear [First Name], quick question",
        "Hola [NOMBRE], una pregunta rápida",
        "Hey <<Name>>! quick question",
        "Dear %FIRSTNAME%, quick question",
        "Hi FIRST_NAME, quick question",
    ],
)
def test_unfilled_merge_fields_are_bulk(net, index, text: str) -> None:
    v = check(net, index, text, "maria")
    assert found(v).get("placeholder") == "bulk" and v.verdict == "bulk"


def test_brackets_that_are_not_fields_pass(net, index) -> None:
    v = check(net, index, "Sam, the guide says [sic] 'no ropes' on page [12]. Bring yours!", "sam")
    assert "placeholder" not in found(v)


def test_a_greeting_naming_another_contact_is_bulk(net, index) -> None:
    v = check(net, index, "Hola Javier, ¡felicidades por el nuevo trabajo!", "lucia")
    assert found(v)["wrong-name"] == "bulk"
    assert "Javier" in v.findings[0].message


def test_a_greeting_naming_a_stranger_is_a_warning(net, index) -> None:
    v = check(net, index, "Hi Michael, great to see you at the gym yesterday!", "sam")
    assert found(v)["wrong-name"] == "warning"


@pytest.mark.parametrize(
    ("text", "to"),
    [
        ("Hi Sam, climbing Saturday?", "sam"),
        ("Hey stranger! Climbing Saturday?", "sam"),
        ("Hola guapa, ¿cenamos el viernes?", "lucia"),
        ("Hola Lucia, ¿cenamos el viernes?", "lucia"),  # without the accent
        ("Dana, Priya: you two should meet about streaming at Acme.", "dana"),
        # a group greeting names no one (German capitalises its nouns)
        ("Liebe Freunde, ich habe großartige Neuigkeiten für euch alle!", "sam"),
        ("Hallo Leute, wer kommt am Samstag mit?", "sam"),
    ],
)
def test_right_names_and_friendly_words_are_no_wrong_name(net, index, text: str, to: str) -> None:
    assert "wrong-name" not in found(check(net, index, text, to))


def test_an_announcement_to_one_person_is_a_warning_and_to_a_crowd_bulk(net, index) -> None:
    plain = check(
        net, index, "Excited to announce I have joined Figma as a product designer.", "maria"
    )
    assert found(plain)["announcement"] == "warning"
    assert "status update" in (plain.suggestion or "")
    crowd = check(
        net, index, "Je suis ravi de vous annoncer mon nouveau poste. Merci à tous !", "julien"
    )
    assert found(crowd)["announcement"] == "bulk"


def test_news_told_with_something_shared_stays_personal(net, index) -> None:
    v = check(
        net, index,
        "Priya, I'm excited to share that the billing migration postmortem you wrote got me the "
        "Stripe job: the reconciliation section was what they asked about. Thank you!",
        "priya",
    )  # fmt: skip
    assert v.verdict == "personal", v


def test_no_bulk_preference_raises_a_short_generic_note(net, index) -> None:
    v = check(net, index, "Happy holidays!", "grace")
    assert v.verdict == "review"
    assert found(v) == {"no-bulk-preference": "warning", "no-personal-detail": "warning"}
    assert v.findings[0].code == "no-bulk-preference"
    # the same note to someone without the preference is a short note, fine
    assert check(net, index, "Happy holidays!", "maria").verdict == "personal"


def test_no_bulk_preference_counts_toward_three_warnings(net, index) -> None:
    text = "Hi Grace, I help teams like yours double their revenue. Worth a chat?"
    v = check(net, index, text, "grace")
    assert v.verdict == "bulk" and found(v)["no-bulk-preference"] == "bulk"


def test_a_language_it_cannot_read_says_so_and_history_still_counts(
    net, index, tmp_path: Path
) -> None:
    text = "Hallo allemaal, ik wens jullie fijne feestdagen en een gelukkig nieuwjaar!"
    v = check(net, index, text, "anouk")
    not_judged = next(f for f in v.findings if f.code == "wording-not-judged")
    assert not_judged.severity == "info" and "Dutch" in not_judged.message
    assert v.language is None or v.language == "nl"
    # the same text sent to five others last week: a duplicate in any language
    store = net.store
    others = net.recipients(["sam", "dana", "priya", "tom", "ellen"])
    added = []
    for cid in others:
        added.append(store.new_id("interactions"))
        day = net.on - timedelta(days=3)
        store.put(
            Interaction(id=added[-1], connection_id=cid, date=day, direction="sent", text=text)
        )
    fresh = BulkIndex.from_store(store)
    try:
        v = check_message(text, net.recipients(["anouk"]), store=store, index=fresh, today=net.on)
        assert found(v)["duplicate-text"] == "bulk" and v.verdict == "bulk"
    finally:
        for iid in added:
            store.delete("interactions", iid)


def test_another_script_is_not_judged(net, index) -> None:
    v = check(net, index, "Привет всем! С Новым годом, желаю счастья!", "olena")
    assert found(v).get("wording-not-judged") == "info" and v.verdict == "personal"
    assert "script" in next(f.message for f in v.findings if f.code == "wording-not-judged")


def test_one_capitalised_word_or_a_date_does_not_make_a_long_text_personal(net, index) -> None:
    text = (
        "Hi Tom, I hope you are doing well this week. I wanted to reach out and see how "
        "everything is going at Deloitte and whether you would be up for catching up sometime "
        "soon, as it has been far too long since we last connected."
    )
    assert found(check(net, index, text, "tom"))["no-personal-detail"] == "warning"


def test_a_word_from_what_you_know_about_them_makes_it_personal(net, index) -> None:
    # "Elektrolyseur" is in Katrin's how-we-know and her last message
    v = check(net, index, "Katrin, läuft der Elektrolyseur noch so gut wie im November?", "katrin")
    assert v.verdict == "personal" and not found(v)


def test_word_statistics_table_is_private_and_rebuilt_when_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OUTREACH_CACHE_DIR", str(tmp_path / "cache"))
    path = ws._table_path()
    db = ws._open()
    assert path.exists() and os.stat(path).st_mode & 0o777 == 0o600
    assert ws.WordStats(db).zipf("the", "en") > 7 and ws.WordStats(db).zipf("the", "de") < 6
    db.close()
    path.write_bytes(b"not a database")
    rebuilt = ws.WordStats(ws._open())
    assert rebuilt.zipf("opportunité", "fr") > 3
    assert rebuilt.zipf("zzzqqq", "en") == 0.0
