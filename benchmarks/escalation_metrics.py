"""Matching and scoring for the escalation corpus: one place for the benchmark and the
agreement between annotation passes, so both count a match the same way."""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of overlapping spans, the largest
    overlaps first (ties: the closer starts)."""
    candidates = [
        (overlap(g, p), -abs(g[0] - p[0]), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(predicted)
        if overlap(g, p) > 0
    ]
    candidates.sort(reverse=True)
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


@dataclass
class PRF:
    tp: float = 0.0
    predicted: float = 0.0
    gold: float = 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def label_prf(pairs: Sequence[tuple[str, str]], labels: Sequence[str]) -> dict[str, PRF]:
    """Per-label precision/recall over (gold, predicted) label pairs."""
    scores = {label: PRF() for label in labels}
    for gold, predicted in pairs:
        if gold in scores:
            scores[gold].gold += 1
        if predicted in scores:
            scores[predicted].predicted += 1
        if gold == predicted and gold in scores:
            scores[gold].tp += 1
    return scores


def macro_f1(scores: dict[str, PRF]) -> float:
    present = [s for s in scores.values() if s.gold]
    return sum(s.f1 for s in present) / len(present) if present else 0.0


def cohen_kappa(pairs: Sequence[tuple[object, object]]) -> float:
    if not pairs:
        return math.nan
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[k] * second.get(k, 0) for k in first) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def bootstrap_interval(
    units: Sequence[object], statistic: object, *, samples: int = 1000, seed: int = 7
) -> tuple[float, float]:
    """95% percentile interval of ``statistic(resampled units)``, resampling whole passages
    (claims in one passage are not independent)."""
    assert callable(statistic)
    rng = random.Random(seed)
    values = sorted(
        statistic([units[rng.randrange(len(units))] for _ in units]) for _ in range(samples)
    )
    return values[int(0.025 * samples)], values[int(0.975 * samples) - 1]
