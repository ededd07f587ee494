"""The TC items of many spans, built at once, are the items built one span at a time."""

from __future__ import annotations

import random
from pathlib import Path

from redline.techniques.candidates import repeats_in
from redline.techniques.detect import span_items
from redline.techniques.features import SpanItem

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "redline" / "samples" / "interview.txt"


def _item_by_scan(
    text: str, start: int, end: int, sentences: list[tuple[int, int]], title_end: int
) -> SpanItem:
    """How span_item built one item before issue 15: every sentence read for every span."""
    context_start, context_end = start, end
    for sent_start, sent_end in sentences:
        if sent_start < end and start < sent_end:
            context_start = min(context_start, sent_start)
            context_end = max(context_end, sent_end)
    context = text[context_start:context_end].strip()
    share = (end - start) / max(1, len(context))
    repeats = repeats_in(text, text[start:end])
    in_title = start < title_end
    return SpanItem(text[start:end], context, repeats, in_title, share)


def test_detect_span_items_match_the_scan_per_span() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    # Line-sized "sentences" with a few overlapping ones, as a caller may pass.
    lines, offset = [], 0
    for line in text.splitlines(keepends=True):
        lines.append((offset, offset + len(line.rstrip())))
        offset += len(line)
    sentences = [*lines, (lines[3][0], lines[5][1])]
    rng = random.Random(15)
    spans = [
        (s, min(len(text), s + rng.randrange(1, 120)))
        for s in (rng.randrange(len(text)) for _ in range(200))
    ]
    expected = [_item_by_scan(text, s, e, sentences, title_end=40) for s, e in spans]
    assert span_items(text, spans, sentences, title_end=40) == expected
