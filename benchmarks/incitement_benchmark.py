"""Accuracy and speed of the incitement model and analyzer.

    nice python benchmarks/incitement_benchmark.py [DATA] [--seeds ../shared/seeds] [--out FILE]
        [--card] [--skip-ablation]

``DATA`` defaults to ``../shared/data/incitement`` beside the checkout; the corpora are read in
place, never copied. Measures:

1. **ETHOS, nested 10-fold cross-validation** (stratified outer folds over the 998 comments of
   the binary file, as the ETHOS paper splits them). Inside each outer fold, C and the
   threshold of each head are chosen on 3 inner folds of the nine training folds only
   (the inner models are trained by the shipped recipe, :mod:`redline.incitement.training`,
   on the inner training part plus Davidson and OLID, for every C of :data:`C_GRID`); the
   outer model is then trained with the chosen C on the nine folds plus Davidson and OLID and
   scores the held-out fold at the chosen threshold. No choice ever sees the fold it is scored
   on. Binary hate F1 (the paper's setting) and violence F1 (over all 998, and over the 433
   hate comments, the paper's multi-label setting), with bootstrap 95% intervals over the
   comments. A **TF-IDF+LR baseline** (word 1-2-grams, ETHOS training folds only, no
   calibration) is tuned the same nested way over :data:`BASELINE_C_GRID`. For comparison with
   earlier figures, the shipped C and thresholds (chosen on these same folds: not nested) are
   scored too.
2. **Cross-lingual ablation**: the same cross-validation with GermEval 2025 VIO (German) added
   to the violence head, to decide whether to train on it (``--skip-ablation`` leaves it out).
3. **OLID level A test set** (860 tweets, never trained on): the hate head against OFF.
4. **HateCheck** (a diagnostic suite, never trained on): accuracy per functionality, for the
   model alone (hateful when P(hate) or P(violence) passes its threshold) and for the analyzer
   (hateful when it finds any incitement span; the default pipeline's prerequisites run
   first). The threat functionalities and the non-hateful contrasts are called out.
5. **Seeds**: every ``incitement`` entry of ``../shared/seeds/*.gold.json``, found at its quote
   with one of its kinds, in its section, with its target.
6. **Speed**: comments per second on this CPU: the model alone, the analyzer alone (parse and
   prerequisites done before the clock starts), and the default pipeline end to end.

Results go to ``benchmarks/results/incitement.md``; ``--card`` also copies the headline scores
into ``src/redline/models/incitement/model_card.json`` (not part of the model's digests).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits

from redline.analyzers.base import AnalysisContext
from redline.analyzers.incitement import IncitementAnalyzer
from redline.document import Document
from redline.incitement import training
from redline.incitement.datasets import (
    DEFAULT_ROOT,
    HEADS,
    Corpus,
    incitement_root,
    load_davidson,
    load_ethos,
    load_germeval_violence,
    load_hatecheck,
    load_olid,
    sha256,
)
from redline.incitement.model import CARD_FILE, load_model
from redline.pipeline import Pipeline, merge_output

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"
DEFAULT_OUT = REPO / "benchmarks" / "results" / "incitement.md"
PREREQUISITES = ("structure", "actors", "groups", "claims")
THREAT = ("threat_dir_h", "threat_norm_h")
CONTRASTS = (
    "counter_quote_nh",
    "counter_ref_nh",
    "negate_neg_nh",
    "negate_pos_h",
    "ref_subs_clause_h",
    "ref_subs_sent_h",
)
PAPER_BERT_BINARY_F1 = 0.796
# The C values the nested cross-validation chooses from, per head: the shipped C (hate 1,
# violence 4) and its neighbours on a doubling scale, wide enough that the inner folds do not
# settle on an end of the grid.
C_GRID = {"hate": (0.25, 0.5, 1.0, 2.0, 4.0), "violence": (1.0, 2.0, 4.0, 8.0, 16.0)}
BASELINE_C_GRID = (0.0625, 0.25, 1.0, 4.0, 16.0, 64.0)
INNER_FOLDS = 3
BOOTSTRAP = 2000
THRESHOLD_GRID = tuple(float(round(t, 2)) for t in np.arange(0.05, 0.951, 0.01))


# -- measures ------------------------------------------------------------------------------------


def f1(gold: Sequence[int], predicted: Sequence[int]) -> tuple[float, float, float]:
    """(precision, recall, F1) of the positive class."""
    tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, predicted, strict=True) if not g and p)
    fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return (
        precision,
        recall,
        2 * precision * recall / (precision + recall) if precision + recall else 0.0,
    )


def macro_f1(gold: Sequence[int], predicted: Sequence[int]) -> float:
    flipped = f1([1 - g for g in gold], [1 - p for p in predicted])[2]
    return (f1(gold, predicted)[2] + flipped) / 2


# -- 1, 2: ETHOS cross-validation ---------------------------------------------------------------


def ethos_cv(root: Path, *, germeval: bool = False, folds: int = 10) -> dict[str, np.ndarray]:
    """Out-of-fold P(hate) and P(violence) for each ETHOS comment, plus its gold labels."""
    ethos = load_ethos(root)
    others: list[Corpus] = [load_davidson(root), load_olid(root)]
    if germeval:
        others.append(load_germeval_violence(root))
    hate = np.asarray(ethos.labels["hate"])
    violence = np.asarray(ethos.labels["violence"])
    strata = hate + violence  # 0 not hate, 1 hate without violence, 2 violent hate
    out = {"hate": np.zeros(len(ethos)), "violence": np.zeros(len(ethos))}
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=training.SEED)
    for number, (train, test) in enumerate(splitter.split(np.zeros(len(ethos)), strata), 1):
        started = time.perf_counter()
        features, heads = training.fit([ethos.subset(list(train)), *others])
        predicted = training.predict(features, heads, [ethos.texts[i] for i in test])
        for head in out:
            out[head][test] = predicted[head]
        print(f"  fold {number}/{folds} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return {**out, "gold_hate": hate, "gold_violence": violence}


def best_threshold(gold: Sequence[int], probabilities: np.ndarray) -> float:
    """The threshold (steps of 0.01) with the highest F1 on these very predictions."""
    return best_choice(np.asarray(gold), {0.0: probabilities})[1]


def best_choice(
    gold: npt.NDArray[np.int64], by_c: dict[float, npt.NDArray[np.float64]]
) -> tuple[float, float, float]:
    """(C, threshold, F1): the pair with the highest F1 of ``gold`` over the predictions made
    with each C (ties go to the smaller C, then to the lower threshold)."""
    best = (-1.0, 0.0, 0.0)
    positives = int(gold.sum())
    for c in sorted(by_c):
        flags = by_c[c][:, None] >= np.asarray(THRESHOLD_GRID)[None, :]
        tp = (flags & (gold[:, None] == 1)).sum(axis=0)
        predicted = flags.sum(axis=0)
        scores = np.where(
            predicted + positives > 0, 2 * tp / np.maximum(predicted + positives, 1), 0.0
        )
        # 2TP / (2TP + FP + FN) = 2TP / (predicted + gold positives): F1 without P and R.
        index = int(np.argmax(scores))  # the first maximum: the lowest threshold
        if scores[index] > best[0] + 1e-12:
            best = (float(scores[index]), c, THRESHOLD_GRID[index])
    return best[1], best[2], best[0]


def bootstrap_f1(
    gold: npt.NDArray[np.int64],
    predicted: npt.NDArray[np.int64],
    *,
    versus: npt.NDArray[np.int64] | None = None,
    rounds: int = BOOTSTRAP,
) -> tuple[float, float]:
    """95% percentile interval of F1 (or, with ``versus``, of F1 minus versus's F1) over
    comments drawn with replacement; the same draws for both, so the difference is paired."""
    rng = np.random.default_rng(training.SEED)
    draws = rng.integers(0, len(gold), size=(rounds, len(gold)))

    def scores(flags: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        g, p = gold[draws], flags[draws]
        tp = (g & p).sum(axis=1)
        denominator = g.sum(axis=1) + p.sum(axis=1)
        return np.where(denominator > 0, 2 * tp / np.maximum(denominator, 1), 0.0)

    values = scores(predicted) - (scores(versus) if versus is not None else 0.0)
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


# The three ETHOS tasks: (name, head, rows: all comments or the hate comments only).
TASKS = (
    ("binary hate (998)", "hate", "all"),
    ("violence, all comments (998)", "violence", "all"),
    ("violence, hate comments (433)", "violence", "hate"),
)


def grid_probabilities(
    corpora: Sequence[Corpus],
    texts: Sequence[str],
    grid: Mapping[str, Sequence[float]],
    seed: int = training.SEED,
) -> dict[str, dict[float, npt.NDArray[np.float64]]]:
    """P(head) of ``texts`` from the shipped recipe trained on ``corpora`` with each C of
    ``grid[head]``.

    This is :func:`redline.incitement.training.fit` with C varied: the same features
    (fitted once on every training text and shared by the heads and the C values, as ``fit``
    shares them between heads), rows, weights and calibrated classifier.
    """
    features = training.build_features()
    every_text = [t for corpus in corpora for t in corpus.texts]
    matrix = features.fit_transform(every_text)
    scored = features.transform(list(texts))
    out: dict[str, dict[float, npt.NDArray[np.float64]]] = {}
    for head in HEADS:
        rows, labels, weights = training.training_rows(corpora, head)
        index = [
            i
            for i, label in enumerate(label for corpus in corpora for label in corpus.labels[head])
            if label is not None
        ]
        assert [every_text[i] for i in index] == rows, "training_rows changed its row order"
        out[head] = {}
        for c in grid[head]:
            classifier = CalibratedClassifierCV(
                LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=seed),
                method="sigmoid",
                cv=5,
                ensemble=False,
            )
            classifier.fit(matrix[index], labels, sample_weight=weights)
            out[head][c] = classifier.predict_proba(scored)[:, 1]
    return out


def baseline_probabilities(
    texts: Sequence[str],
    labels: dict[str, npt.NDArray[np.int64]],
    scored: Sequence[str],
    grid: Sequence[float] = BASELINE_C_GRID,
) -> dict[str, dict[float, npt.NDArray[np.float64]]]:
    """The TF-IDF+LR baseline: word 1-2-grams, one uncalibrated LR per head, ETHOS only."""
    vectorizer = TfidfVectorizer(
        sublinear_tf=True, lowercase=True, ngram_range=(1, 2), token_pattern=r"(?u)\b\w[\w']*\b"
    )
    matrix = vectorizer.fit_transform(list(texts))
    test = vectorizer.transform(list(scored))
    out: dict[str, dict[float, npt.NDArray[np.float64]]] = {}
    for head in HEADS:
        out[head] = {}
        for c in grid:
            model = LogisticRegression(
                C=c, class_weight="balanced", max_iter=5000, random_state=training.SEED
            )
            model.fit(matrix, labels[head])
            out[head][c] = model.predict_proba(test)[:, 1]
    return out


def ethos_nested(
    root: Path, *, folds: int = 10, inner_folds: int = INNER_FOLDS
) -> dict[str, dict[str, Any]]:
    """Nested cross-validation of the shipped recipe and of the baseline.

    For each system and task: out-of-fold binary predictions (each comment judged at the C and
    threshold chosen without its fold), and the choices made per outer fold.
    """
    ethos = load_ethos(root)
    others: list[Corpus] = [load_davidson(root), load_olid(root)]
    gold = {head: np.asarray(ethos.labels[head], dtype=np.int64) for head in HEADS}
    strata = gold["hate"] + gold["violence"]
    outer = StratifiedKFold(n_splits=folds, shuffle=True, random_state=training.SEED)
    systems: dict[str, dict[str, Any]] = {
        name: {
            "predicted": {task: np.zeros(len(ethos), dtype=np.int64) for task, _, _ in TASKS},
            "choices": [],
        }
        for name in ("redline", "baseline")
    }

    def rows_of(kind: str, among: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        return np.ones(len(among), dtype=bool) if kind == "all" else gold["hate"][among] == 1

    for number, (train, test) in enumerate(outer.split(np.zeros(len(ethos)), strata), 1):
        started = time.perf_counter()
        inner = StratifiedKFold(n_splits=inner_folds, shuffle=True, random_state=training.SEED)
        inner_probabilities: dict[str, dict[str, dict[float, npt.NDArray[np.float64]]]] = {
            name: {head: {} for head in HEADS} for name in systems
        }
        for inner_train, inner_test in inner.split(np.zeros(len(train)), strata[train]):
            fit_rows, scored_rows = train[inner_train], train[inner_test]
            scored_texts = [ethos.texts[i] for i in scored_rows]
            found = {
                "redline": grid_probabilities(
                    [ethos.subset(list(fit_rows)), *others], scored_texts, C_GRID
                ),
                "baseline": baseline_probabilities(
                    [ethos.texts[i] for i in fit_rows],
                    {head: gold[head][fit_rows] for head in HEADS},
                    scored_texts,
                ),
            }
            for name, by_head in found.items():
                for head, by_c in by_head.items():
                    for c, values in by_c.items():
                        slot = inner_probabilities[name][head].setdefault(c, np.zeros(len(train)))
                        slot[inner_test] = values
        chosen: dict[str, dict[str, tuple[float, float, float]]] = {}
        for name in systems:
            chosen[name] = {}
            for task, head, kind in TASKS:
                mask = rows_of(kind, train)
                by_c = {c: p[mask] for c, p in inner_probabilities[name][head].items()}
                chosen[name][task] = best_choice(gold[head][train][mask], by_c)
        test_texts = [ethos.texts[i] for i in test]
        wanted = {
            head: sorted({chosen["redline"][task][0] for task, h, _ in TASKS if h == head})
            for head in HEADS
        }
        final = {
            "redline": grid_probabilities([ethos.subset(list(train)), *others], test_texts, wanted),
            "baseline": baseline_probabilities(
                [ethos.texts[i] for i in train],
                {head: gold[head][train] for head in HEADS},
                test_texts,
                grid=sorted({chosen["baseline"][task][0] for task, _, _ in TASKS}),
            ),
        }
        for name, system in systems.items():
            for task, head, _ in TASKS:
                c, threshold, _ = chosen[name][task]
                system["predicted"][task][test] = (final[name][head][c] >= threshold).astype(
                    np.int64
                )
            system["choices"].append(chosen[name])
        print(
            f"  nested fold {number}/{folds} ({time.perf_counter() - started:.0f} s): "
            + "; ".join(
                f"{name} "
                + ", ".join(
                    f"{t.split(',')[0].split(' (')[0]} C {c:g} t {th:.2f}"
                    for t, (c, th, _) in ch.items()
                )
                for name, ch in chosen.items()
            ),
            file=sys.stderr,
        )
    for system in systems.values():
        system["gold"] = gold
    return systems


def nested_rows(
    systems: dict[str, dict[str, Any]],
) -> list[tuple[str, str, float, float, float, float, tuple[float, float]]]:
    """(task, system, P, R, F1, macro-F1, 95% interval of F1) of the nested predictions."""
    rows = []
    for task, head, kind in TASKS:
        for name, label in (
            ("redline", "Redline (shipped recipe)"),
            ("baseline", "TF-IDF+LR baseline"),
        ):
            gold = systems[name]["gold"][head]
            predicted = systems[name]["predicted"][task]
            if kind == "hate":
                mask = systems[name]["gold"]["hate"] == 1
                gold, predicted = gold[mask], predicted[mask]
            p, r, score = f1(gold.tolist(), predicted.tolist())
            rows.append(
                (task, label, p, r, score, macro_f1(gold.tolist(), predicted.tolist()),
                 bootstrap_f1(gold, predicted))
            )  # fmt: skip
    return rows


def nested_difference(systems: dict[str, dict[str, Any]], task: str) -> tuple[float, float, float]:
    """Redline's F1 minus the baseline's on one task, with its paired bootstrap interval."""
    head, kind = next((h, k) for t, h, k in TASKS if t == task)
    gold = systems["redline"]["gold"][head]
    ours, theirs = systems["redline"]["predicted"][task], systems["baseline"]["predicted"][task]
    if kind == "hate":
        mask = systems["redline"]["gold"]["hate"] == 1
        gold, ours, theirs = gold[mask], ours[mask], theirs[mask]
    difference = f1(gold.tolist(), ours.tolist())[2] - f1(gold.tolist(), theirs.tolist())[2]
    return (difference, *bootstrap_f1(gold, ours, versus=theirs))


def other_folds_thresholds(cv: dict[str, np.ndarray], folds: int = 10) -> float:
    """Binary hate F1 at the shipped C with each fold's threshold chosen on the other folds'
    out-of-fold predictions (C still chosen on all folds: half nested)."""
    hate = cv["gold_hate"].astype(np.int64)
    strata = hate + cv["gold_violence"].astype(np.int64)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=training.SEED)
    predicted = np.zeros(len(hate), dtype=np.int64)
    for train, test in splitter.split(np.zeros(len(hate)), strata):
        threshold = best_threshold(hate[train].tolist(), cv["hate"][train])
        predicted[test] = (cv["hate"][test] >= threshold).astype(np.int64)
    return f1(hate.tolist(), predicted.tolist())[2]


def cv_rows(cv: dict[str, np.ndarray]) -> list[tuple[str, str, float, float, float, str]]:
    """(task, threshold, P, R, F1, note) rows of one cross-validation: at the shipped threshold,
    at 0.5, and at the threshold best on these out-of-fold predictions (optimistic, marked *)."""
    rows = []
    hate_gold, violence_gold = cv["gold_hate"].tolist(), cv["gold_violence"].tolist()
    subset = [i for i, g in enumerate(hate_gold) if g]
    tasks = (
        ("binary hate (998)", "hate", hate_gold, list(range(len(hate_gold)))),
        (
            "violence, all comments (998)",
            "violence",
            violence_gold,
            list(range(len(violence_gold))),
        ),
        ("violence, hate comments (433)", "violence", violence_gold, subset),
    )
    for task, head, gold_all, rows_used in tasks:
        gold = [gold_all[i] for i in rows_used]
        probabilities = cv[head][rows_used]
        best = best_threshold(gold, probabilities)
        thresholds = [(training.THRESHOLDS[head], ""), (0.5, ""), (best, "*")]
        for threshold, mark in dict.fromkeys(thresholds):
            predicted = (probabilities >= threshold).astype(int).tolist()
            p, r, score = f1(gold, predicted)
            note = f"macro-F1 {macro_f1(gold, predicted):.3f}"
            rows.append((task, f"{threshold:.2f}{mark}", p, r, score, note))
    return rows


# -- 3: OLID test -------------------------------------------------------------------------------


def olid_test_rows(root: Path) -> list[tuple[str, str, int]]:
    """(id, tweet, 1 when OFF) of the OLID level A test set, in the file's order."""
    import csv

    folder = incitement_root(root) / "olid"
    with (folder / "labels-levela.csv").open(encoding="utf-8") as handle:
        gold = dict(csv.reader(handle))
    with (folder / "testset-levela.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(r["id"], r["tweet"], int(gold[r["id"]] == "OFF")) for r in rows]


def olid_test(root: Path) -> tuple[float, float, float, float, int, tuple[float, float]]:
    """P, R, F1 (OFF), macro-F1, tweets and the F1's bootstrap 95% interval of the hate head."""
    rows = olid_test_rows(root)
    probabilities = load_model().probabilities([text for _, text, _ in rows])[:, 0]
    labels = [label for _, _, label in rows]
    predicted = (probabilities >= training.THRESHOLDS["hate"]).astype(int).tolist()
    p, r, score = f1(labels, predicted)
    interval = bootstrap_f1(np.asarray(labels), np.asarray(predicted))
    return p, r, score, macro_f1(labels, predicted), len(rows), interval


# -- 4: HateCheck -------------------------------------------------------------------------------


def hatecheck(root: Path) -> tuple[dict[str, dict[str, Any]], float]:
    """Per functionality: cases, gold, model accuracy, analyzer accuracy, violent-label rate."""
    cases = load_hatecheck(root)
    model = load_model()
    probabilities = model.probabilities([c.text for c in cases])
    model_flags = (probabilities[:, 0] >= model.thresholds["hate"]) | (
        probabilities[:, 1] >= model.thresholds["violence"]
    )
    pipeline = Pipeline([*Pipeline.from_names(list(PREREQUISITES)).analyzers, IncitementAnalyzer()])
    started = time.perf_counter()
    analyzer_labels = []
    for case in cases:
        analyzer_labels.append(
            {s.label for s in pipeline.run(Document.from_text(case.text)).layer("incitement")}
        )
    elapsed = time.perf_counter() - started
    table: dict[str, dict[str, Any]] = defaultdict(lambda: Counter())
    for case, flagged, labels in zip(cases, model_flags.tolist(), analyzer_labels, strict=True):
        row = table[case.functionality]
        row["cases"] += 1
        row["hateful"] = case.hateful
        row["model_ok"] += int(bool(flagged) == case.hateful)
        row["analyzer_ok"] += int(bool(labels) == case.hateful)
        row["violent"] += int(bool(labels & {"call_to_violence", "threat"}))
        for label in labels:
            row[label] += 1
    return dict(table), len(cases) / elapsed


# -- 5: seeds -----------------------------------------------------------------------------------


def _key(text: str | None) -> str:
    return "".join(ch for ch in (text or "").lower() if ch.isalnum())


def seeds(folder: Path) -> tuple[list[tuple[str, str, str, str]], list[str]]:
    """(quote, gold kinds/section/target, what was found, verdict) per gold entry; other
    findings."""
    from redline.readers import read_sources

    pipeline = Pipeline.from_names()
    rows: list[tuple[str, str, str, str]] = []
    extra: list[str] = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        document = next(
            d
            for d in read_sources([str(text_path)], max_bytes=5_000_000)
            if isinstance(d, Document)
        )
        document = pipeline.run(document)
        spans = document.layer("incitement")
        used: set[str] = set()
        for entry in gold.get("incitement", []):
            start = document.text.find(entry["quote"])
            end = start + len(entry["quote"])
            hits = [
                s
                for s in spans
                if start >= 0 and s.start < end and start < s.end and s.label in entry["kind"]
            ]
            kinds = {s.label for s in hits}
            in_section = bool(hits) and all(
                s.attrs.get("section") == entry.get("section", s.attrs.get("section")) for s in hits
            )
            target_ok = "target" not in entry or any(
                _key(entry["target"])
                in (_key(s.attrs.get("target_name")), _key(s.attrs.get("target")))
                for s in hits
            )
            used.update(s.id for s in hits)
            verdict = (
                "found"
                if kinds == set(entry["kind"]) and in_section and target_ok
                else ("partly" if hits else "missed")
            )
            found = (
                "; ".join(
                    sorted(
                        {
                            f"{s.label} -> {s.attrs.get('target_name') or '-'} (severity "
                            f"{s.attrs.get('severity')}, {s.attrs.get('section')})"
                            for s in hits
                        }
                    )
                )
                or "-"
            )
            wanted = (
                f"{', '.join(entry['kind'])} / {entry.get('section', '?')} / "
                f"{entry.get('target', '-')}"
            )
            rows.append((f"{gold_path.name[:3]}: {entry['quote']}", wanted, found, verdict))
        for span in spans:
            if span.id not in used:
                extra.append(
                    f"{gold_path.name[:3]} {span.attrs.get('section')}: {span.label} "
                    f'"{span.text}" -> {span.attrs.get("target_name") or "-"} '
                    f"(severity {span.attrs.get('severity')}, {span.rule})"
                )
    return rows, extra


# -- 6: speed -----------------------------------------------------------------------------------


def speed(root: Path, count: int = 300) -> list[tuple[str, float]]:
    from redline.analyzers import DEFAULT_ANALYZERS
    from redline.nlp import load_pipeline
    from redline.parsing import parse

    texts = load_ethos(root).texts
    model = load_model()
    started = time.perf_counter()
    model.probabilities(texts)
    rows = [
        (
            f"model alone ({len(texts)} ETHOS comments, one batch)",
            len(texts) / (time.perf_counter() - started),
        )
    ]
    sample = texts[:count]
    nlp = load_pipeline(None)
    before = Pipeline.from_names(list(PREREQUISITES))
    prepared = []
    for text in sample:
        context = AnalysisContext(text=text, preparsed=parse(nlp, text))
        prepared.append((before.run(Document.from_text(text), context), context))
    analyzer = IncitementAnalyzer()
    analyzer.initialize()
    started = time.perf_counter()
    for document, context in prepared:
        merge_output(document, analyzer, analyzer.analyze(document, context))
    rows.append(
        (
            f"incitement analyzer alone ({count} comments, parsed beforehand)",
            count / (time.perf_counter() - started),
        )
    )
    pipeline = Pipeline.from_names(DEFAULT_ANALYZERS)
    pipeline.initialize()
    started = time.perf_counter()
    for _ in pipeline.pipe(Document.from_text(t) for t in sample):
        pass
    rows.append(
        (
            f"default pipeline end to end ({count} comments, one process)",
            count / (time.perf_counter() - started),
        )
    )
    return rows


# -- report -------------------------------------------------------------------------------------


def report(args: argparse.Namespace) -> tuple[str, dict[str, Any]]:
    root = args.data
    out: list[str] = []
    scores: dict[str, Any] = {}
    # Load every analyzer and its data now: a broken one fails here, not after the training.
    Pipeline.from_names().initialize()
    model = load_model()
    size = sum(f["bytes"] for f in model.card["files"].values())
    out += [
        "# Incitement benchmark",
        "",
        "Command: `nice python "
        f"benchmarks/incitement_benchmark.py{' --skip-ablation' if args.skip_ablation else ''}"
        f"{f' --folds {args.folds}' if args.folds != 10 else ''}"
        f"{f' --inner-folds {args.inner_folds}' if args.inner_folds != INNER_FOLDS else ''}` "
        f"({dt.date.today().isoformat()}, Python {platform.python_version()}, "
        f"{platform.machine()}, "
        f"{os.cpu_count()} CPUs, one BLAS thread). Model `{model.name}` ({size / 1e6:.1f} MB: "
        "model.json.gz + weights.npz, "
        f"{model.space.size:,} features), seed {model.card.get('seed')}, rebuilt by `python "
        "scripts/train_incitement.py`.",
        "",
        "Data digests (sha256): "
        + ", ".join(
            f"`{p.relative_to(incitement_root(root))}` {sha256(p)[:12]}"
            for p in sorted((incitement_root(root)).glob("*/*.csv"))
            + sorted((incitement_root(root)).glob("*/*.tsv"))
            if p.parent.name in ("ethos", "hatecheck", "olid", "davidson")
        )
        + ".",
        "",
    ]
    print(f"ETHOS nested {args.folds}-fold CV ...", file=sys.stderr)
    systems = ethos_nested(root, folds=args.folds, inner_folds=args.inner_folds)
    nested = nested_rows(systems)
    choices = systems["redline"]["choices"]
    baseline_choices = systems["baseline"]["choices"]

    def spread(values: list[float], fmt: str) -> str:
        counted = Counter(values)
        return ", ".join(
            f"{format(v, fmt)} (x{n})" if n > 1 else format(v, fmt)
            for v, n in sorted(counted.items())
        )

    out += [
        f"## 1. ETHOS, nested {args.folds}-fold cross-validation",
        "",
        f"Stratified {args.folds} outer folds over the 998 comments of `Ethos_Dataset_Binary.csv` "
        "(seed 13). Inside each "
        f"outer fold, C and the threshold are chosen on {args.inner_folds} stratified inner folds "
        "of its training "
        "comments only: each inner model is trained by the shipped recipe on the inner training "
        "comments plus "
        "Davidson and OLID, for every C of the grid (hate "
        f"{', '.join(f'{c:g}' for c in C_GRID['hate'])}; violence "
        f"{', '.join(f'{c:g}' for c in C_GRID['violence'])}), "
        "and the (C, threshold) pair with the best F1 over the pooled inner out-of-fold "
        "predictions is kept "
        "(thresholds 0.05-0.95 in steps of 0.01). The outer model is then trained with that C on "
        "the outer training "
        "comments plus Davidson and OLID and judges the held-out fold at that threshold: no "
        "choice sees the comments "
        "it is scored on. The *TF-IDF+LR baseline* (word 1-2-grams, sublinear TF-IDF, logistic "
        "regression with "
        "balanced classes, trained on the ETHOS training comments alone, uncalibrated) is tuned "
        "the same nested way "
        f"over C {', '.join(f'{c:g}' for c in BASELINE_C_GRID)}. F1 is of the positive class, "
        "with a 95% percentile "
        f"interval from {BOOTSTRAP} bootstrap resamples of the comments; the ETHOS paper's BERT "
        "binary baseline is "
        f"F1 {PAPER_BERT_BINARY_F1} (not nested).",
        "",
        "| Task | System | P | R | F1 | 95% interval | |",
        "|---|---|---|---|---|---|---|",
        *[
            f"| {task} | {system} | {p:.3f} | {r:.3f} | **{s:.3f}** | {low:.3f}-{high:.3f} | "
            f"macro-F1 {macro:.3f} |"
            for task, system, p, r, s, macro, (low, high) in nested
        ],
        "",
        "Redline minus the baseline (same comments, paired bootstrap): "
        + "; ".join(
            f"{task} {d:+.3f} ({low:+.3f} to {high:+.3f})"
            for task, (d, low, high) in ((t, nested_difference(systems, t)) for t, _, _ in TASKS)
        )
        + ".",
        "",
        f"Choices over the {args.folds} outer folds (value, and in how many folds when more than "
        "one). Redline: "
        + "; ".join(
            f"{task}: C {spread([c[task][0] for c in choices], 'g')}, threshold "
            f"{spread([c[task][1] for c in choices], '.2f')}"
            for task, _, _ in TASKS
        )
        + ". Baseline: "
        + "; ".join(
            f"{task}: C {spread([c[task][0] for c in baseline_choices], 'g')}, threshold "
            f"{spread([c[task][1] for c in baseline_choices], '.2f')}"
            for task, _, _ in TASKS
        )
        + ".",
        "",
    ]
    scores["ethos_nested_cv"] = {
        f"{task} ({system})": {"f1": round(s, 3), "interval": [round(low, 3), round(high, 3)]}
        for task, system, _, _, s, _, (low, high) in nested
    }
    print(f"ETHOS {args.folds}-fold CV at the shipped C ...", file=sys.stderr)
    cv = ethos_cv(root, folds=args.folds)
    rows = cv_rows(cv)
    out += [
        "### Not nested: the shipped C and thresholds (for comparison with earlier figures)",
        "",
        "The same outer folds; each fold's model is trained with the shipped C (hate "
        f"{training.C['hate']:g}, violence "
        f"{training.C['violence']:g}) on the other folds plus Davidson and OLID. The shipped C "
        "and thresholds (hate "
        f"{training.THRESHOLDS['hate']}, violence {training.THRESHOLDS['violence']}) were chosen "
        "on these same "
        "out-of-fold predictions, so the first row of each task is optimistic; * marks the "
        "threshold with the best F1 "
        "on these predictions (optimistic by construction). With the shipped C but each fold's "
        "hate threshold chosen "
        "on the other folds' predictions, binary hate F1 is "
        f"{other_folds_thresholds(cv, args.folds):.3f}. "
        "Section 1's nested figures are the ones to quote.",
        "",
        "| Task | Threshold | P | R | F1 | |",
        "|---|---|---|---|---|---|",
        *[
            f"| {task} | {t} | {p:.3f} | {r:.3f} | **{s:.3f}** | {note} |"
            for task, t, p, r, s, note in rows
        ],
        "",
    ]
    scores["ethos_cv10_not_nested"] = {f"{task} @ {t}": round(s, 3) for task, t, _, _, s, _ in rows}
    if not args.skip_ablation:
        print("ETHOS 10-fold CV with GermEval ...", file=sys.stderr)
        ablation = cv_rows(ethos_cv(root, germeval=True, folds=args.folds))

        def by_kind(
            table: list[tuple[str, str, float, float, float, str]],
        ) -> dict[tuple[str, str], str]:
            """F1 per (task, "shipped" or "best*"), with the threshold it was read at."""
            found = {}
            for task, t, _, _, score, _ in table:
                kind = (
                    "best*"
                    if t.endswith("*")
                    else "shipped"
                    if float(t) == training.THRESHOLDS["violence"]
                    else ""
                )
                if kind and "violence" in task:
                    found[(task, kind)] = f"{score:.3f} (at {t.rstrip('*')})"
            return found

        without, with_ = by_kind(rows), by_kind(ablation)
        out += [
            "## 2. Cross-lingual ablation: GermEval 2025 VIO added to the violence head",
            "",
            "Same folds as the not-nested table, shipped C; 7,783 German tweets (509 violent) "
            "added to the violence head's training data "
            f"with weight {training.CORPUS_WEIGHT['violence']['germeval_vio']} of ETHOS. The "
            "shipped model does not use them.",
            "",
            "| Task | Threshold | F1 without | F1 with GermEval |",
            "|---|---|---|---|",
            *[
                f"| {task} | {kind} | {without[(task, kind)]} | {with_[(task, kind)]} |"
                for task, kind in without
            ],
            "",
        ]
        scores["germeval_ablation"] = {
            f"{task} @ {t}": round(s, 3) for task, t, _, _, s, _ in ablation if "violence" in task
        }
    p, r, s, macro, n, (low, high) = olid_test(root)
    out += [
        "## 3. OLID level A test set (never trained on)",
        "",
        f"{n} tweets; the hate head at {training.THRESHOLDS['hate']} against OFF (offensive, "
        "targeted or not; the head was "
        "trained on targeted offence only): "
        f"P {p:.3f}, R {r:.3f}, F1 (OFF) **{s:.3f}** (95% interval {low:.3f}-{high:.3f}, "
        f"{BOOTSTRAP} bootstrap "
        f"resamples of the tweets), macro-F1 **{macro:.3f}**.",
        "",
    ]
    scores["olid_test_macro_f1"] = round(macro, 3)
    print("HateCheck ...", file=sys.stderr)
    table, rate = hatecheck(root)
    total = sum(r["cases"] for r in table.values())
    model_acc = sum(r["model_ok"] for r in table.values()) / total
    analyzer_acc = sum(r["analyzer_ok"] for r in table.values()) / total
    threat = [table[f] for f in THREAT]
    threat_cases = sum(r["cases"] for r in threat)
    threat_violent = sum(r["violent"] for r in threat) / threat_cases
    threat_analyzer = sum(r["analyzer_ok"] for r in threat) / threat_cases
    threat_model = sum(r["model_ok"] for r in threat) / threat_cases

    def line(name: str, row: dict[str, Any]) -> str:
        found = ", ".join(
            f"{label} {row[label]}"
            for label in ("call_to_violence", "threat", "dehumanization", "identity_attack")
            if row[label]
        )
        return (
            f"| {name} | {'hateful' if row['hateful'] else 'not hateful'} | {row['cases']} | "
            f"{row['model_ok'] / row['cases']:.2f} | {row['analyzer_ok'] / row['cases']:.2f} | "
            f"{found or '-'} |"
        )

    header = [
        "| Functionality | Gold | Cases | Model acc. | Analyzer acc. | Analyzer labels |",
        "|---|---|---|---|---|---|",
    ]
    out += [
        "## 4. HateCheck (diagnostic, never trained on)",
        "",
        f"{total} cases, 29 functionalities. *Model*: hateful when P(hate) >= "
        f"{model.thresholds['hate']} or P(violence) >= "
        f"{model.thresholds['violence']}. *Analyzer*: hateful when the incitement layer has any "
        "span (the default "
        f"pipeline's prerequisites {', '.join(PREREQUISITES)} run first; {rate:.1f} cases/s). "
        "Overall accuracy: model "
        f"**{model_acc:.3f}**, analyzer **{analyzer_acc:.3f}**. The analyzer flags only what it "
        "can point at (a call, a "
        "threat, a dehumanising term, a hostile sentence about a named group), so slurs, "
        "profanity and spelling "
        "variants lie outside its scope; it is built for precision on the contrasts.",
        "",
        f"**Threats** ({', '.join(THREAT)}: {threat_cases} cases): analyzer accuracy "
        f"**{threat_analyzer:.3f}**, labelled "
        f"call_to_violence or threat in **{threat_violent:.3f}**; model accuracy "
        f"{threat_model:.3f}.",
        "",
        *header,
        *[line(name, table[name]) for name in THREAT],
        "",
        "**Contrasts** (counter-speech, quotation, negation, reference to hate: where false "
        "positives show):",
        "",
        *header,
        *[line(name, table[name]) for name in CONTRASTS],
        "",
        "**All functionalities**:",
        "",
        *header,
        *[line(name, table[name]) for name in sorted(table)],
        "",
    ]
    scores["hatecheck"] = {
        "model_accuracy": round(model_acc, 3),
        "analyzer_accuracy": round(analyzer_acc, 3),
        "threat_analyzer_accuracy": round(threat_analyzer, 3),
        "threat_violent_label_rate": round(threat_violent, 3),
        **{
            f"{name}_analyzer": round(table[name]["analyzer_ok"] / table[name]["cases"], 3)
            for name in CONTRASTS
        },
    }
    if args.seeds.is_dir():
        print("seeds ...", file=sys.stderr)
        seed_rows, extra = seeds(args.seeds)
        found = sum(1 for *_, verdict in seed_rows if verdict == "found")
        out += [
            "## 5. Seeds",
            "",
            "Every `incitement` entry of `../shared/seeds/*.gold.json` (default pipeline): "
            f"**{found}/{len(seed_rows)}** found "
            "with all its kinds, in its section, with its target where the gold names one.",
            "",
            "| Gold quote | Kinds / section / target | Found | |",
            "|---|---|---|---|",
            *[f"| {q} | {w} | {f} | {v} |" for q, w, f, v in seed_rows],
            "",
            "Other incitement spans in the seeds (not in the gold lists, which cover the "
            "comments):",
            "",
            *[f"- {e}" for e in extra],
            "",
        ]
        scores["seeds"] = f"{found}/{len(seed_rows)}"
    print("speed ...", file=sys.stderr)
    out += [
        "## 6. Speed",
        "",
        f"Comments per second on this machine's CPU ({os.cpu_count()} cores, shared; load average "
        f"{os.getloadavg()[0]:.1f}), "
        "ETHOS comments (mean 17 words):",
        "",
        "| What | Comments/s |",
        "|---|---|",
        *[f"| {what} | {value:,.0f} |" for what, value in speed(root)],
        "",
    ]
    return "\n".join(out), scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "data", nargs="?", type=Path, default=DEFAULT_ROOT, help="folder holding the corpora"
    )
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--card", action="store_true", help="copy the scores into the model card")
    parser.add_argument(
        "--skip-ablation", action="store_true", help="leave out the GermEval ablation"
    )
    parser.add_argument("--folds", type=int, default=10, help="outer cross-validation folds")
    parser.add_argument(
        "--inner-folds", type=int, default=INNER_FOLDS, help="inner folds choosing C and thresholds"
    )
    args = parser.parse_args(argv)
    if not (incitement_root(args.data) / "ethos").is_dir():
        parser.error(
            f"expected the corpora (ethos/, olid/, davidson/, hatecheck/) under {args.data}; "
            "found none"
        )
    # One BLAS thread, whatever the machine: the run is lean beside other work, and the
    # figures (speed included) do not depend on how many cores happen to be free.
    with threadpool_limits(1):
        text, scores = report(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    if args.card:
        card_path = REPO / "src" / "redline" / "models" / "incitement" / CARD_FILE
        card = json.loads(card_path.read_text("utf-8"))
        card["scores"] = scores
        card_path.write_text(
            json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
