"""The bench generator writes loadable, deterministic data of the promised size (no timings)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest

from bench import generate
from bench.generate import Sizes
from planner.storage import Store

N = 60


@pytest.fixture(scope="module")
def bench_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return generate.generate(tmp_path_factory.mktemp("bench"), N)


def test_network_loads_with_the_promised_counts(bench_files: dict[str, Path]) -> None:
    sizes = Sizes.for_connections(N)
    store = Store.open(bench_files["network"], create=False)
    assert len(store.connections) == sizes.connections
    assert len(store.interactions) == sizes.interactions == N * 10 // 3
    assert len(store.plans) == sizes.plans
    assert len(store.occasions) == sizes.occasions
    # every reference points at a real person; new ids continue after the generated ones
    assert all(i.connection_id in store.connections for i in store.interactions.values())
    assert all(set(p.recipients) <= set(store.connections) for p in store.plans.values())
    assert store.new_id("connections") == f"c{N + 1}"


def test_history_looks_real(bench_files: dict[str, Path]) -> None:
    store = Store.open(bench_files["network"], create=False)
    inters = list(store.interactions.values())
    days = [i.date for i in inters]
    assert (max(days) - min(days)).days > 2 * 365  # spread over about three years
    assert max(days) <= generate.REFERENCE_DAY
    lengths = sorted(len(i.text) for i in inters)
    assert lengths[0] < 60 < lengths[len(lengths) // 2] < lengths[-1]
    # a share of bulk sends: the same text once greetings and names are dropped
    bodies = Counter(i.text.split(",", 1)[-1][:40] for i in inters if i.direction == "sent")
    repeated = sum(c for c in bodies.values() if c >= 3)
    assert repeated >= len(inters) // 10
    assert {i.direction for i in inters} == {"sent", "received"}


def test_no_history_variant(bench_files: dict[str, Path]) -> None:
    store = Store.open(bench_files["nohistory"], create=False)
    assert len(store.connections) == N
    assert not store.interactions and not store.plans and not store.occasions


def test_import_sources_have_the_right_rows(bench_files: dict[str, Path]) -> None:
    text = bench_files["linkedin"].read_text(encoding="utf-8")
    assert text.startswith("Notes:\n")
    header_at = text.index("First Name,Last Name,URL")
    rows = list(csv.DictReader(io.StringIO(text[header_at:])))
    assert len(rows) == N
    assert all(r["Connected On"][2] == " " for r in rows)  # "15 Mar 2024"

    cards = bench_files["vcard"].read_text(encoding="utf-8")
    assert cards.count("BEGIN:VCARD") == cards.count("END:VCARD") == N

    messages = list(csv.DictReader(bench_files["messages"].open(encoding="utf-8", newline="")))
    assert len(messages) == Sizes.for_connections(N).interactions
    assert list(messages[0]) == generate.MESSAGES_HEADER
    assert all(
        generate.ME_URL in (m["SENDER PROFILE URL"], m["RECIPIENT PROFILE URLS"]) for m in messages
    )
    assert messages[0]["DATE"].endswith(" UTC")


def test_generation_is_deterministic(bench_files: dict[str, Path], tmp_path: Path) -> None:
    again = generate.generate(tmp_path, N)
    for key, path in bench_files.items():
        assert again[key].read_bytes() == path.read_bytes(), key
