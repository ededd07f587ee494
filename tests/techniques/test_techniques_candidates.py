"""Repeat counts: one pass over the text gives what one regular-expression search per span gave."""

from __future__ import annotations

import random
from pathlib import Path

from redline.techniques.candidates import repeat_counts, repeats_in

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "redline" / "samples" / "interview.txt"


def test_candidates_repeat_counts_match_one_search_per_span_on_a_real_text() -> None:
    text = SAMPLE.read_text(encoding="utf-8") * 2
    words = text.split()
    rng = random.Random(15)
    spans = [
        " ".join(words[i : i + rng.randrange(1, 5)])
        for i in (rng.randrange(len(words)) for _ in range(400))
    ]
    counts = repeat_counts(text, spans)
    assert counts == [repeats_in(text, span) for span in spans]
    assert sum(counts) > 100  # most spans recur: the text is there twice


def test_candidates_repeat_counts_edge_cases() -> None:
    text = "A-A-A a-a. U.S. and u.s.; war, warfare, war.  Two  spaces; İstanbul İstanbul x"
    spans = [
        "a-a",
        "A-A",
        "u.s",
        "war",
        "two spaces",
        "Two  spaces",
        "x",
        "",
        "...",
        "İstanbul",
        "warfare",
    ]
    assert repeat_counts(text, spans) == [repeats_in(text, span) for span in spans]
