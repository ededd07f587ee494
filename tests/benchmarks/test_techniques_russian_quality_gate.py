"""Quality gate: the shipped Russian technique model on the SemEval-2023 Task 3 Russian dev set.

The model is trained on the Russian train articles only (its embedding head also on the other
languages' train articles of the task, down-weighted; its stack on out-of-fold train
probabilities); Russian dev (48 articles, 515 labelled
paragraphs) is never trained on and chose nothing. Its SHA-256 (ids, texts and paragraph
labels) is checked first, so a changed corpus is caught before the score moves. The score is
the task's: micro-F1 over paragraph x technique pairs (``benchmarks/techniques_russian.py``
reports it beside the task's baseline, 0.253, and TF-IDF + logistic regression). The floor
sits a little under the figure measured when it was pinned, to absorb platform noise in
retraining; re-pinning is an explicit edit here, never a way to pass. Needs
``../shared/data/propaganda/semeval2023_task3/ru`` (skipped without it).
"""

from __future__ import annotations

import pytest

from redline.techniques.datasets import DEFAULT_DATA, load_semeval2023, semeval2023_digest
from redline.techniques.paragraphs import load_paragraph_model, predict_labelled
from redline.techniques.scoring import paragraph_micro_f1

DEV_SHA256 = "076feafed20bab458f0d1c94a05a0f490d14feef7ad7f2e732cb312cdeaa40ed"
# Measured 2026-12-06 with the shipped model (seed 13; n-grams + USE-m3 embedding head +
# stack): dev micro-F1 0.410 (P 0.369, R 0.461). Raised from 0.38 / P 0.32 (the model without
# the stack: 0.397, P 0.343, R 0.473; before it the n-gram model: 0.366); the recall floor
# stays.
MICRO_F1_FLOOR = 0.40
PRECISION_FLOOR = 0.35
RECALL_FLOOR = 0.45

pytestmark = pytest.mark.skipif(
    not (DEFAULT_DATA / "semeval2023_task3" / "ru" / "dev-articles-subtask-3").is_dir(),
    reason=f"SemEval-2023 Task 3 Russian dev not found under {DEFAULT_DATA}",
)


def test_quality_gate_russian_dev_paragraph_micro_f1() -> None:
    dev = load_semeval2023("ru", "dev")
    assert semeval2023_digest(dev) == DEV_SHA256, (
        "the SemEval-2023 Russian dev set changed; check the corpus, then re-pin its SHA-256 "
        "and the floor explicitly"
    )
    predicted, gold = predict_labelled(load_paragraph_model("ru"), dev)
    assert len(gold) == 515
    result = paragraph_micro_f1(predicted, gold)
    assert result.f1 >= MICRO_F1_FLOOR, f"dev micro-F1 {result.f1:.3f}"
    assert result.precision >= PRECISION_FLOOR, f"dev precision {result.precision:.3f}"
    assert result.recall >= RECALL_FLOOR, f"dev recall {result.recall:.3f}"
