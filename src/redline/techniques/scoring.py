"""Scoring as SemEval-2020 Task 11 defines it, for the PTC benchmark and the quality gate.

Re-implemented from the task description and the organisers' published scorers
(``task-SI_scorer.py``, ``task-TC_scorer.py``), not copied from them:

* **SI** (span identification). Gold spans that overlap are merged first (the scorer loads the
  gold with ``merge_overlapping_spans=True``); overlapping predicted spans are merged too (the
  scorer's ``-m`` option). Every predicted span ``s`` and gold span ``t`` of the same article
  that share characters earn partial credit, normalised by the length of ``s`` for precision and
  of ``t`` for recall::

      P = sum_s sum_t |s & t| / |s|  /  |S|        R = sum_s sum_t |s & t| / |t|  /  |T|

  summed over all articles; ``|S|`` and ``|T|`` count every predicted and gold span.
* **TC** (technique classification). One prediction per gold span; predictions for the same
  offsets are aligned with the gold labels of those offsets so that as many as possible
  agree (the scorer's ``align_annotations``), then micro-averaged F1 over all spans, which equals
  accuracy because the two lists have the same length.

>>> si_score({"a": [(0, 10)]}, {"a": [(5, 15)]}).f1
0.5
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

Offsets = tuple[int, int]
Position = TypeVar("Position", bound=Hashable)


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1, with the counts they come from."""

    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int


def merge_overlapping(spans: Iterable[Offsets]) -> list[Offsets]:
    """Merge spans that share at least one character; touching spans stay apart.

    >>> merge_overlapping([(0, 5), (3, 8), (8, 10)])
    [(0, 8), (8, 10)]
    """
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _prf(p_num: float, p_den: int, r_num: float, r_den: int) -> PRF:
    precision = p_num / p_den if p_den else 0.0
    recall = r_num / r_den if r_den else 0.0
    if p_den == 0 and r_den == 0:
        f1 = 1.0
    elif precision > 0 and recall > 0:
        f1 = 2 * precision * recall / (precision + recall)
    else:
        f1 = 0.0
    return PRF(precision, recall, f1, p_den, r_den)


def si_score(
    predicted: Mapping[str, Sequence[Offsets]], gold: Mapping[str, Sequence[Offsets]]
) -> PRF:
    """SI precision/recall/F1 with partial-overlap credit (see the module docstring)."""
    pred = {a: merge_overlapping(s) for a, s in predicted.items()}
    ref = {a: merge_overlapping(s) for a, s in gold.items()}
    p_num = r_num = 0.0
    for article, spans in pred.items():
        for s_start, s_end in spans:
            for t_start, t_end in ref.get(article, ()):
                overlap = min(s_end, t_end) - max(s_start, t_start)
                if overlap > 0:
                    p_num += overlap / (s_end - s_start)
                    r_num += overlap / (t_end - t_start)
    return _prf(p_num, sum(map(len, pred.values())), r_num, sum(map(len, ref.values())))


@dataclass(frozen=True)
class TCResult:
    """TC micro-F1 and, per technique, precision and recall (sklearn's definitions)."""

    micro_f1: float
    total: int
    per_label: dict[str, tuple[float, float, int, int]]  # label -> (P, R, support, predicted)


def tc_score(
    predicted: Mapping[Position, Sequence[str]], gold: Mapping[Position, Sequence[str]]
) -> TCResult:
    """TC micro-F1 over gold spans keyed by ``(article, start, end)``.

    ``gold[key]`` lists the gold labels of one position (several when the same offsets carry
    several techniques); ``predicted[key]`` must list as many predictions.
    """
    gold_all: list[str] = []
    pred_all: list[str] = []
    for key, labels in gold.items():
        guesses = list(predicted.get(key, ()))
        if len(guesses) != len(labels):
            raise ValueError(
                f"position {key!r} has {len(labels)} gold label(s) but {len(guesses)} "
                "prediction(s); predict once per gold line"
            )
        # Align: labels the two lists share are paired first, the rest in order.
        shared = Counter(labels) & Counter(guesses)
        left_gold = list((Counter(labels) - shared).elements())
        left_pred = list((Counter(guesses) - shared).elements())
        for label in shared.elements():
            gold_all.append(label)
            pred_all.append(label)
        gold_all.extend(left_gold)
        pred_all.extend(left_pred)
    correct = sum(g == p for g, p in zip(gold_all, pred_all, strict=True))
    total = len(gold_all)
    per_label: dict[str, tuple[float, float, int, int]] = {}
    hits: dict[str, int] = defaultdict(int)
    for g, guess in zip(gold_all, pred_all, strict=True):
        if g == guess:
            hits[g] += 1
    support = Counter(gold_all)
    guessed = Counter(pred_all)
    for label in sorted(set(support) | set(guessed)):
        precision = hits[label] / guessed[label] if guessed[label] else 0.0
        recall = hits[label] / support[label] if support[label] else 0.0
        per_label[label] = (precision, recall, support[label], guessed[label])
    return TCResult(correct / total if total else 0.0, total, per_label)


def paragraph_micro_f1(predicted: Sequence[Iterable[str]], gold: Sequence[Iterable[str]]) -> PRF:
    """SemEval-2023 Task 3 subtask 3: micro-averaged F1 over (paragraph, technique) pairs.

    The organisers' ``scorer-subtask-3.py`` binarises both label lists over the 23 techniques
    and calls sklearn's ``f1_score(average="micro", zero_division=1)``; that is
    ``2 TP / (2 TP + FP + FN)`` over all pairs, which this computes without sklearn (precision
    and recall are 1 where nothing was predicted or nothing was gold, as ``zero_division=1``
    makes them). ``predicted[i]`` and ``gold[i]`` are the same paragraph's techniques.

    >>> paragraph_micro_f1([["Doubt"], []], [["Doubt", "Loaded_Language"], []]).f1
    0.6666666666666666
    """
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predictions for {len(gold)} gold paragraphs")
    hits = n_pred = n_gold = 0
    for guessed, labels in zip(predicted, gold, strict=True):
        guess_set, label_set = set(guessed), set(labels)
        hits += len(guess_set & label_set)
        n_pred += len(guess_set)
        n_gold += len(label_set)
    precision = hits / n_pred if n_pred else 1.0
    recall = hits / n_gold if n_gold else 1.0
    denominator = n_pred + n_gold
    f1 = 2 * hits / denominator if denominator else 1.0
    return PRF(precision, recall, f1, n_pred, n_gold)
