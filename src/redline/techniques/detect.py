"""Model-side detection: find propaganda fragments (SI) and name their techniques (TC).

:func:`detect` scores every candidate of a parsed document with the SI head, keeps the best
non-overlapping candidates above the threshold (a greedy non-maximum suppression: the scorer
merges overlapping predictions anyway, so overlap would only dilute precision) and classifies
each kept span with the TC head. :func:`classify_spans` runs the TC head alone over given spans
(the SemEval TC setting).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc

from redline.intervals import OverlapIndex
from redline.techniques.candidates import Candidate, candidates, repeat_counts
from redline.techniques.features import SpanItem
from redline.techniques.model import TechniqueModel


@dataclass(frozen=True)
class Detection:
    """A span the SI head kept, with its probability and the TC distribution over PTC labels."""

    start: int
    end: int
    kind: str
    probability: float
    tc: dict[str, float]


def select(
    found: Sequence[Candidate], probabilities: npt.NDArray[np.float32], threshold: float
) -> list[tuple[Candidate, float]]:
    """Greedy non-maximum suppression: best first, skipping any that overlaps one kept."""
    order = sorted(
        (i for i in range(len(found)) if probabilities[i] >= threshold),
        key=lambda i: (-float(probabilities[i]), found[i].start, found[i].end),
    )
    kept: list[tuple[Candidate, float]] = []
    starts: list[int] = []
    ends: list[int] = []
    for i in order:
        candidate = found[i]
        # Kept spans never overlap, so sorted by start they are sorted by end too.
        at = bisect.bisect_left(ends, candidate.start + 1)
        if at < len(starts) and starts[at] < candidate.end:
            continue
        starts.insert(at, candidate.start)
        ends.insert(at, candidate.end)
        kept.append((candidate, float(probabilities[i])))
    return sorted(kept, key=lambda kp: kp[0].start)


def span_item(
    text: str, start: int, end: int, sentences: Sequence[tuple[int, int]], title_end: int = 0
) -> SpanItem:
    """The TC item of ``text[start:end]``: context is the sentence(s) it lies in."""
    return span_items(text, [(start, end)], sentences, title_end)[0]


def span_items(
    text: str,
    spans: Sequence[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
    title_end: int = 0,
) -> list[SpanItem]:
    """:func:`span_item` for every span: the sentences around a span come from an index, the
    repeats of all spans from one pass over the text (not a scan of the text per span)."""
    around = OverlapIndex(sentences)
    repeats = repeat_counts(text, [text[start:end] for start, end in spans])
    items = []
    for (start, end), repeated in zip(spans, repeats, strict=True):
        hull = around.hull(start, end) or (start, end)
        context_start, context_end = min(start, hull[0]), max(end, hull[1])
        context = text[context_start:context_end].strip()
        share = (end - start) / max(1, len(context))
        items.append(SpanItem(text[start:end], context, repeated, start < title_end, share))
    return items


def classify_spans(
    model: TechniqueModel,
    text: str,
    spans: Sequence[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
    title_end: int = 0,
) -> npt.NDArray[np.float32]:
    """TC probabilities (rows follow ``spans``, columns ``model.tc_classes``)."""
    return model.tc_probabilities(span_items(text, spans, sentences, title_end))


def detect(
    model: TechniqueModel,
    doc: Doc,
    sentences: Sequence[tuple[int, int]],
    *,
    title_end: int = 0,
    threshold: float | None = None,
) -> list[Detection]:
    """The propaganda fragments the model finds in ``sentences`` of the parsed ``doc``."""
    found = candidates(doc, sentences, title_end=title_end)
    probabilities = model.si_probabilities([c.item for c in found])
    kept = select(found, probabilities, model.si_threshold if threshold is None else threshold)
    if not kept:
        return []
    tc = classify_spans(model, doc.text, [(c.start, c.end) for c, _ in kept], sentences, title_end)
    classes = model.tc_classes
    return [
        Detection(
            c.start,
            c.end,
            c.kind,
            p,
            {label: float(q) for label, q in zip(classes, row, strict=True)},
        )
        for (c, p), row in zip(kept, tc, strict=True)
    ]
