"""Rebuild Redline's Russian persuasion-technique model from SemEval-2023 Task 3 (Russian train).

    python scripts/train_techniques_ru.py [--data ../shared/data/propaganda] [--out DIR]

Steps (deterministic for a given data folder and seed; BLAS runs on one thread):

1. read the Russian train articles (143 articles, 1,962 labelled paragraphs, 3,399 gold spans),
   with their CRLF line breaks as they are (the span offsets count the ``\\r``);
2. split every non-blank line into sentences with razdel (as the Russian pipeline does);
   a sentence carries the techniques of the gold spans it overlaps;
3. fit the paragraph head (one item per labelled paragraph) and the sentence head (one item
   per sentence of those paragraphs): one-vs-rest logistic regression per technique seen in at
   least :data:`MIN_EXAMPLES` train paragraphs, class-balanced;
4. choose the mixing weight and the decision threshold by grouped 5-fold cross-validation
   over train articles (no article in two folds), for paragraph micro-F1 (the task's metric);
5. write ``weights.npz`` + ``model.json.gz`` + ``model_card.json`` to ``--out``;
6. unless ``--no-eval``: score the Russian dev paragraphs once, with the saved model, for the
   card only (dev chooses nothing).

The Russian dev and test sets are never trained on. scikit-learn and scipy are needed here,
never at run time.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]  # no stubs installed
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from threadpoolctl import threadpool_limits

from redline.techniques.datasets import (
    DEFAULT_DATA,
    TaskArticle,
    load_semeval2023,
    semeval2023_digest,
)
from redline.techniques.features import BLOCKS, FeatureSpace, SpanItem, csr
from redline.techniques.model import LinearHead
from redline.techniques.paragraphs import (
    ParagraphModel,
    paragraph_items,
    predict_labelled,
    sentence_items,
    task_paragraphs,
)
from redline.techniques.scoring import PRF, paragraph_micro_f1

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "src" / "redline" / "models" / "techniques" / "ru"
LANGUAGE = "ru"

# Chosen by grouped 5-fold cross-validation on the Russian train articles.
C = 4.0
MIN_EXAMPLES = 5
WEIGHTS = {"w": 1.0, "c": 1.0, "x": 0.0, "m": 1.0}
MIN_DF = {"w": 2, "c": 3, "x": 2, "m": 1}
# Vocabulary caps keep the shipped files to a few MB (the most frequent terms are kept).
MAX_TERMS = {"w": 12000, "c": 24000}
MIXES = (0.0, 0.25, 0.5, 0.75)
THRESHOLDS = tuple(round(0.10 + 0.02 * i, 2) for i in range(40))
FOLDS = 5


def log(message: str, started: float) -> None:
    print(f"[{time.time() - started:7.1f}s] {message}", flush=True)


# -- items -----------------------------------------------------------------------------------


class Corpus:
    """The labelled paragraphs of some articles, as paragraph and sentence items."""

    def __init__(self, articles: Sequence[TaskArticle], classes: Sequence[str] | None = None):
        self.articles = list(articles)
        self.paragraph_items: list[SpanItem] = []
        self.sentence_items: list[SpanItem] = []
        self.gold: list[tuple[str, ...]] = []
        self.sentence_gold: list[set[str]] = []
        self.owner: list[int] = []  # paragraph row of each sentence row
        self.groups: list[str] = []
        for article in self.articles:
            self._add(article)
        names = {n for labels in self.gold for n in labels}
        self.classes = tuple(classes) if classes is not None else tuple(sorted(names))

    def _add(self, article: TaskArticle) -> None:
        found, where = task_paragraphs(article)
        items = paragraph_items(article.text, found)
        for labelled, index in zip(article.paragraphs, where, strict=True):
            if index is None:
                continue
            paragraph, row = found[index], len(self.gold)
            self.paragraph_items.append(items[index])
            self.gold.append(labelled.techniques)
            self.groups.append(article.id)
            for (start, end), item in zip(
                paragraph.sentences, sentence_items(article.text, paragraph), strict=True
            ):
                self.sentence_items.append(item)
                self.sentence_gold.append({t for t, s, e in article.spans if s < end and e > start})
                self.owner.append(row)

    def matrix(self, labels: Sequence[set[str] | tuple[str, ...]]) -> np.ndarray:
        return np.array([[c in y for c in self.classes] for y in labels], dtype=np.int8)


def matrix(space: FeatureSpace, items: Sequence[SpanItem]) -> sp.csr_matrix:
    indptr, indices, data = csr(space, items)
    return sp.csr_matrix((data, indices, indptr), shape=(len(items), space.size))


def fit_head(x: sp.csr_matrix, y: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """One-vs-rest logistic regression: (coef, intercept), one row per column of ``y``."""
    coef = np.zeros((y.shape[1], x.shape[1]), dtype=np.float64)
    intercept = np.full(y.shape[1], -20.0)  # a technique never seen stays silent
    for j in range(y.shape[1]):
        if 0 < y[:, j].sum() < len(y):
            model = LogisticRegression(
                C=C, max_iter=3000, class_weight="balanced", random_state=seed
            )
            model.fit(x, y[:, j])
            coef[j], intercept[j] = model.coef_[0], model.intercept_[0]
    return coef, intercept


def probabilities(x: sp.csr_matrix, coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-(x @ coef.T + intercept))))


def pooled(owner: Sequence[int], rows: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """Max over each paragraph's sentences (the paragraph's own row where it has none)."""
    best = np.full_like(whole, -1.0)
    for row, paragraph in enumerate(owner):
        best[paragraph] = np.maximum(best[paragraph], rows[row])
    return np.where(best < 0, whole, best)


def decode(mixed: np.ndarray, classes: Sequence[str], threshold: float) -> list[list[str]]:
    return [[classes[int(j)] for j in np.flatnonzero(row >= threshold)] for row in mixed]


# -- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="folder holding semeval2023_task3/ (default: %(default)s)",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="model folder (default: %(default)s)"
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-eval", action="store_true", help="skip the dev scores in the card")
    args = parser.parse_args(argv)
    with threadpool_limits(limits=1):
        return train(args)


def train(args: argparse.Namespace) -> int:
    started = time.time()
    np.random.seed(args.seed)
    articles = load_semeval2023(LANGUAGE, "train", args.data)
    seen = Corpus(articles)
    counts = {c: sum(c in y for y in seen.gold) for c in seen.classes}
    classes = tuple(c for c in seen.classes if counts[c] >= MIN_EXAMPLES)
    corpus = Corpus(articles, classes)
    log(
        f"train: {len(articles)} articles, {len(corpus.gold)} paragraphs, "
        f"{len(corpus.sentence_items)} sentences, {len(classes)} techniques",
        started,
    )
    y_par = corpus.matrix(corpus.gold)
    y_sen = corpus.matrix(corpus.sentence_gold)
    spaces = {
        "paragraph": FeatureSpace.fit(corpus.paragraph_items, WEIGHTS, MIN_DF, MAX_TERMS),
        "sentence": FeatureSpace.fit(corpus.sentence_items, WEIGHTS, MIN_DF, MAX_TERMS),
    }
    x_par = matrix(spaces["paragraph"], corpus.paragraph_items)
    x_sen = matrix(spaces["sentence"], corpus.sentence_items)
    log(f"features: paragraph {x_par.shape[1]}, sentence {x_sen.shape[1]}", started)

    # Out-of-fold probabilities of both heads, folds grouped by article.
    groups = np.array(corpus.groups)
    owner = np.array(corpus.owner)
    oof_par = np.zeros(y_par.shape)
    oof_sen = np.zeros(y_sen.shape)
    for fold, (fit_rows, held_rows) in enumerate(
        GroupKFold(n_splits=FOLDS).split(x_par, y_par, groups)
    ):
        fit_s = np.flatnonzero(np.isin(owner, fit_rows))
        held_s = np.flatnonzero(np.isin(owner, held_rows))
        oof_par[held_rows] = probabilities(
            x_par[held_rows], *fit_head(x_par[fit_rows], y_par[fit_rows], args.seed)
        )
        oof_sen[held_s] = probabilities(
            x_sen[held_s], *fit_head(x_sen[fit_s], y_sen[fit_s], args.seed)
        )
        log(f"fold {fold + 1}/{FOLDS} done", started)
    best_sentence = pooled(corpus.owner, oof_sen, oof_par)
    gold = [list(g) for g in corpus.gold]
    cv: dict[tuple[float, float], float] = {}
    for mix in MIXES:
        mixed = (1 - mix) * oof_par + mix * best_sentence
        for threshold in THRESHOLDS:
            cv[(mix, threshold)] = paragraph_micro_f1(decode(mixed, classes, threshold), gold).f1
    mix, threshold = max(cv, key=lambda k: (cv[k], -k[0], -k[1]))
    log(
        f"cross-validated micro-F1 {cv[(mix, threshold)]:.4f} at mix {mix}, threshold {threshold}",
        started,
    )
    for m in MIXES:
        top = max((t for t in THRESHOLDS), key=lambda t: cv[(m, t)])
        log(f"  mix {m}: best threshold {top}, micro-F1 {cv[(m, top)]:.4f}", started)

    heads = {}
    for name, x, y in (("paragraph", x_par, y_par), ("sentence", x_sen, y_sen)):
        coef, intercept = fit_head(x, y, args.seed)
        heads[name] = LinearHead(
            space=spaces[name],
            classes=classes,
            coef=coef.astype(np.float32),
            intercept=intercept.astype(np.float32),
        )
    card: dict[str, object] = {
        "name": "redline-techniques-ru-paragraph",
        "language": LANGUAGE,
        "description": "SemEval-2023 Task 3 subtask 3 (paragraph-level, multi-label) for "
        "Russian: one-vs-rest logistic regression per technique over TF-IDF word 1-2-grams, "
        "char 2-5-grams and meta terms; a paragraph head and a sentence head (trained on the "
        "gold spans) mixed, the sentence head's max over the paragraph's sentences.",
        "data": {
            "train": "SemEval-2023 Task 3 Russian train: 143 articles, 1,962 labelled "
            "paragraphs, 3,399 gold spans",
            "train_digest_sha256": semeval2023_digest(articles),
            "not_used_for_training": ["SemEval-2023 Task 3 Russian dev (evaluation)"],
            "license_note": "The task's data is research-only and not redistributed; only "
            "weights ship.",
        },
        "seed": args.seed,
        "hyperparameters": {
            "C": C,
            "class_weight": "balanced",
            "min_examples": MIN_EXAMPLES,
            "block_weights": WEIGHTS,
            "min_df": MIN_DF,
            "max_terms": MAX_TERMS,
            "mix": mix,
            "threshold": threshold,
            "folds": FOLDS,
        },
        "features": {name: {b: len(s.vocab[b]) for b in BLOCKS} for name, s in spaces.items()},
        "scores": {"paragraph_micro_f1_train_cv5": round(cv[(mix, threshold)], 4)},
        "classes": list(classes),
        "versions": {
            "python": platform.python_version(),
            "scikit-learn": sklearn.__version__,
            "numpy": np.__version__,
        },
    }
    model = ParagraphModel(heads["paragraph"], heads["sentence"], mix, threshold, card)
    model.save(args.out)
    if not args.no_eval:
        saved = ParagraphModel.load(LANGUAGE, args.out)
        result = evaluate(saved, load_semeval2023(LANGUAGE, "dev", args.data))
        card["scores"] = {
            **card["scores"],  # type: ignore[dict-item]
            "dev_paragraph_micro_f1": round(result.f1, 4),
            "dev_paragraph_precision": round(result.precision, 4),
            "dev_paragraph_recall": round(result.recall, 4),
            "note": "model alone (no cues); benchmarks/results/russian_techniques.md has more",
        }
        log(
            f"dev: micro-F1 {result.f1:.4f} (P {result.precision:.4f} R {result.recall:.4f})",
            started,
        )
    size = sum(p.stat().st_size for p in args.out.iterdir() if p.is_file())
    card["size_bytes"] = size
    model.card = card
    model.save(args.out)  # again, now that the card knows the scores and the size
    log(f"wrote {args.out} ({size / 1e6:.2f} MB)", started)
    print(json.dumps(card["scores"], indent=2))
    return 0


def evaluate(model: ParagraphModel, articles: Sequence[TaskArticle]) -> PRF:
    predicted, gold = predict_labelled(model, articles)
    return paragraph_micro_f1(predicted, gold)


if __name__ == "__main__":
    sys.exit(main())
