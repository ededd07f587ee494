"""Rebuild Redline's persuasion-technique model from PTC train (SemEval-2020 Task 11).

    python scripts/train_techniques.py [--data ../shared/data/propaganda] [--out DIR]

Steps (deterministic for a given data folder, spaCy pipeline and seed):

1. read PTC train (371 articles, 6,128 technique spans) and parse each article with Redline's
   spaCy pipeline (parses are cached under ``--cache``, keyed by text and pipeline);
2. TC head: one item per gold span (the span, its sentence, repetition and position facts),
   multinomial logistic regression over the 14 PTC labels;
3. SI head: candidate spans from the parse (sentences, clauses, content words, noun chunks);
   a candidate is positive when its character Jaccard with some gold span is >= 0.5; binary
   logistic regression; the decision threshold is the one with the best SI F1 in 3-fold
   cross-validation over train articles (grouped by article, so no article is in two folds);
4. write ``weights.npz`` + ``model.json.gz`` + ``model_card.json`` to ``--out``;
5. unless ``--no-eval``: score PTC dev once, for the card only (dev is never used to choose
   anything: the regularisation strengths were chosen by the same grouped cross-validation).

scikit-learn and scipy are needed here, never at run time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import sklearn  # type: ignore[import-untyped]  # scikit-learn ships no type hints
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.model_selection import GroupKFold  # type: ignore[import-untyped]
from spacy.tokens import Doc, DocBin

from redline.nlp import load_pipeline, pipeline_name
from redline.parsing import parse
from redline.techniques.candidates import Candidate, candidates
from redline.techniques.datasets import DEFAULT_DATA, Article, load_ptc, ptc_digest
from redline.techniques.detect import detect, select, span_item
from redline.techniques.features import BLOCKS, FeatureSpace, SpanItem, csr
from redline.techniques.model import LinearHead, TechniqueModel
from redline.techniques.scoring import si_score, tc_score

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "src" / "redline" / "models" / "techniques"

# Chosen by grouped 4-fold (TC) and 3-fold (SI) cross-validation on PTC train.
TC_C = 2.0
SI_C = 2.0
TC_WEIGHTS = {"w": 1.0, "c": 1.0, "x": 0.5, "m": 1.0}
TC_MIN_DF = {"w": 2, "c": 2, "x": 2, "m": 1}
SI_WEIGHTS = {"w": 1.0, "c": 0.5, "x": 0.5, "m": 1.0}
SI_MIN_DF = {"w": 3, "c": 5, "x": 3, "m": 2}
SI_POSITIVE_JACCARD = 0.5
SI_THRESHOLDS = (0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.11, 0.12, 0.13, 0.15)


def log(message: str, started: float) -> None:
    print(f"[{time.time() - started:7.1f}s] {message}", flush=True)


# -- parsing (cached) ------------------------------------------------------------------------


def parsed(articles: list[Article], cache: Path, started: float) -> list[Doc]:
    nlp = load_pipeline()
    name = pipeline_name()
    key = hashlib.sha256(name.encode())
    key.update(nlp.meta.get("version", "").encode())
    for article in articles:
        key.update(article.text.encode("utf-8"))
    path = cache / f"ptc-{key.hexdigest()[:16]}.spacy"
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        log(f"loaded {len(docs)} cached parses from {path}", started)
        return docs
    docs = []
    for i, article in enumerate(articles, 1):
        docs.append(parse(nlp, article.text))
        if i % 50 == 0:
            log(f"parsed {i}/{len(articles)}", started)
    cache.mkdir(parents=True, exist_ok=True)
    bin_ = DocBin(store_user_data=False)
    for doc in docs:
        bin_.add(doc)
    bin_.to_disk(path)
    return docs


def sentences_of(doc: Doc) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in doc.sents]


def title_end(text: str) -> int:
    # PTC articles put the title on the first line.
    end = text.find("\n")
    return end if end > 0 else 0


# -- items -----------------------------------------------------------------------------------


def tc_items(
    articles: list[Article], docs: list[Doc]
) -> tuple[list[SpanItem], list[str], list[tuple[str, int, int]]]:
    items, labels, keys = [], [], []
    for article, doc in zip(articles, docs, strict=True):
        sentences = sentences_of(doc)
        for technique, start, end in article.spans:
            items.append(span_item(article.text, start, end, sentences, title_end(article.text)))
            labels.append(technique)
            keys.append((article.id, start, end))
    return items, labels, keys


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / (max(a[1], b[1]) - min(a[0], b[0])) if inter > 0 else 0.0


def si_candidates(articles: list[Article], docs: list[Doc]) -> list[list[Candidate]]:
    return [
        candidates(doc, sentences_of(doc), title_end=title_end(a.text))
        for a, doc in zip(articles, docs, strict=True)
    ]


def si_labels(article: Article, found: list[Candidate]) -> list[int]:
    gold = [(s, e) for _, s, e in article.spans]
    return [
        int(max((jaccard((c.start, c.end), g) for g in gold), default=0.0) >= SI_POSITIVE_JACCARD)
        for c in found
    ]


def matrix(space: FeatureSpace, items: list[SpanItem]) -> sp.csr_matrix:
    indptr, indices, data = csr(space, items)
    return sp.csr_matrix((data, indices, indptr), shape=(len(items), space.size))


def head_of(space: FeatureSpace, model: LogisticRegression) -> LinearHead:
    return LinearHead(
        space=space,
        classes=tuple(str(c) for c in model.classes_),
        coef=np.asarray(model.coef_, dtype=np.float32),
        intercept=np.asarray(model.intercept_, dtype=np.float32),
    )


def tc_predictions(
    probabilities: np.ndarray, classes: tuple[str, ...], keys: list[tuple[str, int, int]]
) -> dict[tuple[str, int, int], list[str]]:
    """One label per gold line; a position listed k times gets its k most probable labels."""
    rows: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        rows[key].append(i)
    out = {}
    for key, idx in rows.items():
        order = np.argsort(-probabilities[idx[0]], kind="stable")
        out[key] = [classes[j] for j in order[: len(idx)]]
    return out


def gold_tc(
    labels: list[str], keys: list[tuple[str, int, int]]
) -> dict[tuple[str, int, int], list[str]]:
    gold: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    for label, key in zip(labels, keys, strict=True):
        gold[key].append(label)
    return gold


# -- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="folder holding ptc/ (default: %(default)s)"
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="model folder (default: %(default)s)"
    )
    parser.add_argument(
        "--cache", type=Path, default=Path("/tmp/redline-techniques-cache"), help="parse cache"
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--no-eval", action="store_true", help="skip the PTC dev scores in the card"
    )
    args = parser.parse_args(argv)
    started = time.time()
    np.random.seed(args.seed)

    train = load_ptc("train", args.data)
    docs = parsed(train, args.cache, started)
    log(f"PTC train: {len(train)} articles, {sum(len(a.spans) for a in train)} spans", started)

    # TC head.
    items, labels, _ = tc_items(train, docs)
    tc_space = FeatureSpace.fit(items, TC_WEIGHTS, TC_MIN_DF)
    x_tc = matrix(tc_space, items)
    tc_model = LogisticRegression(C=TC_C, max_iter=3000, random_state=args.seed)
    tc_model.fit(x_tc, labels)
    tc_head = head_of(tc_space, tc_model)
    log(f"TC head: {x_tc.shape[1]} features, {len(tc_head.classes)} classes", started)

    # SI head: cross-validated threshold, then the final fit on all of train.
    found = si_candidates(train, docs)
    si_items = [c.item for cands in found for c in cands]
    y_si = np.array([y for a, cands in zip(train, found, strict=True) for y in si_labels(a, cands)])
    groups = np.array([a.id for a, cands in zip(train, found, strict=True) for _ in cands])
    si_space = FeatureSpace.fit(si_items, SI_WEIGHTS, SI_MIN_DF)
    x_si = matrix(si_space, si_items)
    log(
        f"SI: {len(si_items)} candidates, {int(y_si.sum())} positive, {x_si.shape[1]} features",
        started,
    )
    out_of_fold = np.zeros(len(y_si), dtype=np.float32)
    for fold, (fit_rows, held_rows) in enumerate(GroupKFold(n_splits=3).split(x_si, y_si, groups)):
        fold_model = LogisticRegression(C=SI_C, max_iter=3000, random_state=args.seed)
        fold_model.fit(x_si[fit_rows], y_si[fit_rows])
        out_of_fold[held_rows] = fold_model.predict_proba(x_si[held_rows])[:, 1]
        log(f"SI fold {fold + 1}/3 done", started)
    gold_si = {a.id: a.si_spans for a in train}
    cv_f1 = {}
    for threshold in SI_THRESHOLDS:
        predicted: dict[str, list[tuple[int, int]]] = {}
        offset = 0
        for article, cands in zip(train, found, strict=True):
            probs = out_of_fold[offset : offset + len(cands)]
            offset += len(cands)
            predicted[article.id] = [(c.start, c.end) for c, _ in select(cands, probs, threshold)]
        cv_f1[threshold] = si_score(predicted, gold_si).f1
    threshold = max(SI_THRESHOLDS, key=lambda t: (cv_f1[t], -t))
    log(
        "SI cross-validated F1 by threshold: "
        + ", ".join(f"{t}: {f:.3f}" for t, f in cv_f1.items()),
        started,
    )
    si_model = LogisticRegression(C=SI_C, max_iter=3000, random_state=args.seed)
    si_model.fit(x_si, y_si)
    si_head = head_of(si_space, si_model)

    card = {
        "name": "redline-techniques-linear",
        "description": "SI: logistic regression over spaCy candidate spans; TC: multinomial "
        "logistic regression over gold spans; TF-IDF word 1-2-grams, char 2-5-grams, sentence "
        "words, meta terms.",
        "data": {
            "train": "PTC (SemEval-2020 Task 11) train: 371 articles, 6,128 technique spans",
            "train_digest_sha256": ptc_digest(train),
            "not_used_for_training": [
                "PTC dev (evaluation)",
                "SemEval-2023 Task 3 (overlaps PTC)",
                "SemEval-2021 Task 6 (out-of-domain evaluation)",
            ],
            "license_note": "PTC is research-only and not redistributed; only weights ship.",
        },
        "seed": args.seed,
        "spacy_pipeline": pipeline_name(),
        "hyperparameters": {
            "tc": {"C": TC_C, "block_weights": TC_WEIGHTS, "min_df": TC_MIN_DF},
            "si": {
                "C": SI_C,
                "block_weights": SI_WEIGHTS,
                "min_df": SI_MIN_DF,
                "positive_jaccard": SI_POSITIVE_JACCARD,
                "threshold": threshold,
            },
        },
        "features": {
            "tc": {b: len(tc_space.vocab[b]) for b in BLOCKS},
            "si": {b: len(si_space.vocab[b]) for b in BLOCKS},
        },
        "scores": {"si_f1_train_cv3": round(cv_f1[threshold], 4)},
        "tc_classes": list(tc_head.classes),
        "versions": {
            "python": platform.python_version(),
            "scikit-learn": sklearn.__version__,
            "numpy": np.__version__,
        },
    }
    model = TechniqueModel(si=si_head, tc=tc_head, si_threshold=threshold, card=card)

    if not args.no_eval:
        dev = load_ptc("dev", args.data)
        dev_docs = parsed(dev, args.cache, started)
        d_items, d_labels, d_keys = tc_items(dev, dev_docs)
        tc_result = tc_score(
            tc_predictions(model.tc_probabilities(d_items), model.tc_classes, d_keys),
            gold_tc(d_labels, d_keys),
        )
        predicted_si = {
            a.id: [
                (d.start, d.end)
                for d in detect(model, doc, sentences_of(doc), title_end=title_end(a.text))
            ]
            for a, doc in zip(dev, dev_docs, strict=True)
        }
        si_result = si_score(predicted_si, {a.id: a.si_spans for a in dev})
        card["scores"].update(
            {
                "ptc_dev_tc_micro_f1": round(tc_result.micro_f1, 4),
                "ptc_dev_si_precision": round(si_result.precision, 4),
                "ptc_dev_si_recall": round(si_result.recall, 4),
                "ptc_dev_si_f1": round(si_result.f1, 4),
                "note": "model alone (no cues); benchmarks/results/techniques.md has the analyzer",
            }
        )
        log(
            f"PTC dev: TC micro-F1 {tc_result.micro_f1:.3f}; SI P {si_result.precision:.3f} "
            f"R {si_result.recall:.3f} F1 {si_result.f1:.3f}",
            started,
        )

    model.save(args.out)
    size = sum(p.stat().st_size for p in args.out.iterdir() if p.is_file())
    card["size_bytes"] = size
    model.card = card
    model.save(args.out)  # again, now that the card knows the size
    log(f"wrote {args.out} ({size / 1e6:.1f} MB)", started)
    print(json.dumps(card["scores"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
