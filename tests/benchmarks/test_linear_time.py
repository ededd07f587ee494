"""The linear-time benchmark builds its texts as it says: repeated, cut at a line break."""

from __future__ import annotations

import json
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from linear_time import read_source, sized  # noqa: E402

TURNS = "Host: Will they strike?\nGuest: They will not.\nHost: Why not?"


def test_linear_time_sized_repeats_and_cuts_at_a_line_break() -> None:
    text = sized(TURNS, 200)
    assert 150 < len(text) <= 200
    assert text.startswith(TURNS + "\n\n" + TURNS)
    assert (text + "\n").split("\n")[-2] in TURNS.split("\n")  # whole lines only


def test_linear_time_sized_keeps_the_opening_of_a_longer_text() -> None:
    assert sized(TURNS, 30) == "Host: Will they strike?"
    assert sized(TURNS, 10_000).count(TURNS) > 100


def test_linear_time_reads_one_document_of_a_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"id": "a", "text": "First."}, {"id": "b", "text": TURNS, "date": "2019-06-20"}]
    corpus.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    text, metadata = read_source(f"{corpus}#b")
    assert text == TURNS
    assert metadata.date == "2019-06-20"
