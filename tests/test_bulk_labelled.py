"""The labelled set (tests/data/bulk_labelled.json) and its held-out split: precision and
recall of the bulk check on messages written as users write them, in six languages and more."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bulk_labelled import HELDOUT, LABELLED, LabelledNetwork, Score, build, load

from planner.bulk import BulkIndex, check_message

MIN_PRECISION, MIN_RECALL = 1.0, 0.95


@pytest.fixture(scope="module")
def net(tmp_path_factory: pytest.TempPathFactory) -> LabelledNetwork:
    return build(tmp_path_factory.mktemp("labelled") / "data.json")


@pytest.fixture(scope="module")
def index(net: LabelledNetwork) -> BulkIndex:
    return BulkIndex.from_store(net.store)


def score(net: LabelledNetwork, index: BulkIndex, path: Path) -> Score:
    s = Score()
    for case in load(path)["cases"]:
        v = check_message(
            case["text"], net.recipients(case["to"]), store=net.store, index=index, today=net.on
        )
        s.add(case, v.verdict)
    return s


@pytest.mark.parametrize("path", [LABELLED, HELDOUT], ids=["labelled", "held-out"])
def test_precision_and_recall(net: LabelledNetwork, index: BulkIndex, path: Path) -> None:
    s = score(net, index, path)
    report = s.report(path.stem)
    print(report)
    assert s.precision >= MIN_PRECISION, report
    assert s.recall >= MIN_RECALL, report


def test_the_set_is_broad() -> None:
    cases = load(LABELLED)["cases"]
    assert len(cases) >= 150
    langs = Counter(c["lang"] for c in cases)
    assert sum(n for lang, n in langs.items() if lang != "en") >= len(cases) / 3
    assert {"en", "es", "de", "fr", "pt", "it"} <= set(langs)
    personal = [c for c in cases if c["expect"] == "personal"]
    flagged = [c for c in cases if c["expect"] == "flagged"]
    assert len(personal) >= 60 and len(flagged) >= 60
    # personal notes that must stay personal: group notes, links, "opportunity"
    assert any(len(c["to"]) in (2, 3, 4) for c in personal)
    assert any("http" in c["text"] for c in personal)
    assert any("opportunit" in c["text"].casefold() for c in personal)
    # placeholders of each kind
    texts = " ".join(c["text"] for c in flagged)
    for mark in ("{", "{{", "[", "<<", "%", "FIRSTNAME"):
        assert mark in texts


def test_held_out_split_is_separate() -> None:
    held = {c["text"] for c in load(HELDOUT)["cases"]}
    dev = {c["text"] for c in load(LABELLED)["cases"]}
    assert len(held) >= 40 and not held & dev
