"""Features for the technique model, shared by training and run time so that the two never drift.

A span to classify (a gold span, or a candidate from a parsed sentence) becomes a
:class:`SpanItem`: its text, the sentence around it and a few facts about its place in the
document. :func:`terms` turns an item into named feature terms in four blocks:

1. ``w`` word unigrams and bigrams of the span (lower-cased, digits folded to ``0``);
2. ``c`` character 2-5-grams inside word boundaries of the span (spelling, morphology);
3. ``x`` word unigrams of the sentence around it (the context decides Doubt vs Loaded Language);
4. ``m`` meta terms: length buckets, whether the span's words recur in the document
   (Repetition), whether it fills its sentence, punctuation, candidate kind, cue hits.

Blocks 1-3 are weighted TF-IDF (sublinear tf, L2-normalised per block); block 4 is binary.
Run-time scoring is numpy only: :func:`csr` builds a compressed sparse row batch and
:func:`linear_scores` multiplies it with the weight matrix.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from redline.sparse import csr_linear, csr_rows

_TOKEN = re.compile(r"\w+(?:['\u2019\-]\w+)*|[^\w\s]")
_DIGITS = re.compile(r"\d")
_SPACE = re.compile(r"\s+")
# Quotes, brackets and dashes (typographic ones too) that a repeated phrase may be wrapped in.
_EDGE_PUNCTUATION = " .,;:!?\"'\u201c\u201d\u2018\u2019()[]-\u2014\u2013"
BLOCKS: tuple[str, ...] = ("w", "c", "x", "m")


@dataclass(frozen=True)
class SpanItem:
    """One span to score, with what the model needs to know about its surroundings.

    ``repeats`` counts the other occurrences of the span's (normalised) text in the document;
    ``share`` is the fraction of its sentence the span covers; ``extra`` holds further meta
    terms (candidate kind, cue hits).
    """

    text: str
    context: str = ""
    repeats: int = 0
    in_title: bool = False
    share: float = 0.0
    extra: tuple[str, ...] = field(default_factory=tuple)


def tokens(text: str) -> list[str]:
    """Lower-cased word and punctuation tokens, digits folded to ``0``.

    >>> tokens("The 2 U.S.-led wars!")
    ['the', '0', 'u', '.', 's', '.', '-', 'led', 'wars', '!']
    """
    return [_DIGITS.sub("0", t) for t in _TOKEN.findall(text.lower())]


def normalise(text: str) -> str:
    """The form used to count repetitions: lower case, single spaces, no edge punctuation."""
    return _SPACE.sub(" ", text.lower()).strip(_EDGE_PUNCTUATION)


def _bucket(value: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if value <= edge:
            return str(edge)
    return f"{edges[-1]}+"


def word_terms(text: str) -> list[str]:
    toks = tokens(text)
    return toks + [f"{a} {b}" for a, b in itertools.pairwise(toks)]


def char_terms(text: str, low: int = 2, high: int = 5) -> list[str]:
    found: list[str] = []
    for word in _SPACE.sub(" ", _DIGITS.sub("0", text.lower())).split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, min(high, size) + 1):
            found.extend(padded[i : i + n] for i in range(size - n + 1))
    return found


def meta_terms(item: SpanItem) -> list[str]:
    words = item.text.split()
    n_words = len(words)
    found = [
        "len_w=" + _bucket(n_words, (1, 2, 3, 5, 8, 13, 20, 30)),
        "len_c=" + _bucket(len(item.text), (8, 16, 32, 64, 128, 256)),
        "rep=" + _bucket(item.repeats, (0, 1, 2, 4)),
        "share=" + _bucket(int(item.share * 10), (2, 5, 8, 10)),
    ]
    if item.in_title:
        found.append("title")
    if "!" in item.text:
        found.append("bang")
    if "?" in item.text or item.context.rstrip().endswith("?"):
        found.append("question")
    if any(q in item.text for q in '"“”'):
        found.append("quoted")
    if words and sum(w[:1].isupper() for w in words) / n_words > 0.6:
        found.append("title_case")
    if words and item.text.isupper() and len(item.text) > 3:
        found.append("upper")
    found.extend(item.extra)
    return found


_EXTRACTORS = {
    "w": lambda item: word_terms(item.text),
    "c": lambda item: char_terms(item.text),
    "x": lambda item: ["x:" + t for t in tokens(item.context)],
    "m": meta_terms,
}


def terms(item: SpanItem, blocks: Iterable[str] = BLOCKS) -> dict[str, list[str]]:
    """The feature terms of ``item``, by block (only the ``blocks`` asked for)."""
    return {block: _EXTRACTORS[block](item) for block in blocks}


# -- vectorising ---------------------------------------------------------------------------


@dataclass
class FeatureSpace:
    """Vocabularies, IDF weights and block weights: the fitted half of the features.

    ``vocab[block]`` maps a term to its column *within* the block; columns of block ``k``
    start at ``offsets[k]`` in the full matrix.
    """

    vocab: dict[str, dict[str, int]]
    idf: dict[str, npt.NDArray[np.float32]]
    weights: dict[str, float]

    @property
    def offsets(self) -> dict[str, int]:
        found, start = {}, 0
        for block in BLOCKS:
            found[block] = start
            start += len(self.vocab[block])
        return found

    @property
    def used_blocks(self) -> tuple[str, ...]:
        """The blocks with a weight above zero (the others have empty vocabularies)."""
        return tuple(b for b in BLOCKS if self.weights.get(b, 1.0) > 0)

    @property
    def size(self) -> int:
        return sum(len(self.vocab[b]) for b in BLOCKS)

    @classmethod
    def fit(
        cls,
        items: Iterable[SpanItem],
        weights: Mapping[str, float],
        min_df: Mapping[str, int],
        max_terms: Mapping[str, int] | None = None,
    ) -> FeatureSpace:
        """Build vocabularies (terms in at least ``min_df`` items) and smoothed IDF weights."""
        df: dict[str, dict[str, int]] = {b: {} for b in BLOCKS}
        n = 0
        used = [b for b in BLOCKS if weights.get(b, 1.0) > 0]
        for item in items:
            n += 1
            for block, found in terms(item, used).items():
                counts = df[block]
                for term in set(found):
                    counts[term] = counts.get(term, 0) + 1
        vocab: dict[str, dict[str, int]] = {}
        idf: dict[str, npt.NDArray[np.float32]] = {}
        for block in BLOCKS:
            kept = [(t, c) for t, c in df[block].items() if c >= min_df.get(block, 1)]
            limit = (max_terms or {}).get(block)
            if limit and len(kept) > limit:
                kept = sorted(kept, key=lambda tc: (-tc[1], tc[0]))[:limit]
            kept.sort()
            vocab[block] = {t: i for i, (t, _) in enumerate(kept)}
            idf[block] = np.array(
                [math.log((1 + n) / (1 + c)) + 1.0 for _, c in kept], dtype=np.float32
            )
        return cls(vocab=vocab, idf=idf, weights=dict(weights))

    def row(
        self, item: SpanItem, memo: dict[str, tuple[list[int], list[float]]] | None = None
    ) -> tuple[list[int], list[float]]:
        """Column indices and values of one item (blocks 1-3 TF-IDF, block 4 binary).

        ``memo`` caches the context block by sentence text: the candidates of one sentence
        share it, and computing it once per sentence halves the cost of a document.
        """
        cols: list[int] = []
        vals: list[float] = []
        for block in self.used_blocks:
            if block == "x" and memo is not None:
                cached = memo.get(item.context)
                if cached is None:
                    cached = memo[item.context] = self._block(block, _EXTRACTORS[block](item))
                block_cols, block_vals = cached
            else:
                block_cols, block_vals = self._block(block, _EXTRACTORS[block](item))
            cols.extend(block_cols)
            vals.extend(block_vals)
        return cols, vals

    def _block(self, block: str, found: list[str]) -> tuple[list[int], list[float]]:
        vocab = self.vocab[block]
        counts: dict[int, int] = {}
        for term in found:
            index = vocab.get(term)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        if not counts:
            return [], []
        weight = self.weights.get(block, 1.0)
        base = self._offsets[block]
        if block == "m":
            return [base + i for i in counts], [weight] * len(counts)
        idf = self._idf_lists[block]
        block_vals = [(1.0 + math.log(c)) * idf[i] for i, c in counts.items()]
        norm = math.sqrt(sum(v * v for v in block_vals)) or 1.0
        scale = weight / norm
        return [base + i for i in counts], [v * scale for v in block_vals]

    @functools.cached_property
    def _offsets(self) -> dict[str, int]:
        return self.offsets

    @functools.cached_property
    def _idf_lists(self) -> dict[str, list[float]]:
        return {block: [float(v) for v in self.idf[block]] for block in BLOCKS}


def csr(
    space: FeatureSpace, items: Sequence[SpanItem]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float32]]:
    """``(indptr, indices, data)`` of the feature matrix of ``items``."""
    memo: dict[str, tuple[list[int], list[float]]] = {}
    return csr_rows((space.row(item, memo) for item in items), np.int32, np.float32)


def linear_scores(
    batch: tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float32]],
    coef: npt.NDArray[np.float32],
    intercept: npt.NDArray[np.float32],
) -> npt.NDArray[np.float32]:
    """``X @ coef.T + intercept`` for a CSR batch. Shape (rows, classes)."""
    return csr_linear(batch, coef, intercept)
