"""Accuracy and speed of the incitement model and analyzer.

    nice python benchmarks/incitement_benchmark.py [DATA] [--seeds ../shared/seeds] [--out FILE]
        [--card] [--skip-ablation]

``DATA`` defaults to ``../shared/data/incitement`` beside the checkout; the corpora are read in
place, never copied. Measures:

1. **ETHOS, 10-fold cross-validation** as the ETHOS paper does it (stratified folds over the 998
   comments of the binary file): each fold's model is trained by the shipped recipe
   (:mod:`redline.incitement.training`) on the other nine folds plus Davidson and OLID, and
   scores the held-out fold. Binary hate F1 (the paper's setting) and violence F1 (over all
   998, and over the 433 hate comments, the paper's multi-label setting), at the shipped
   thresholds and at 0.5.
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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold  # type: ignore[import-untyped]

from redline.analyzers.base import AnalysisContext
from redline.analyzers.incitement import IncitementAnalyzer
from redline.document import Document
from redline.incitement import training
from redline.incitement.datasets import (
    DEFAULT_ROOT,
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
    grid = [round(t, 2) for t in np.arange(0.05, 0.951, 0.01)]
    return max(grid, key=lambda t: (f1(gold, (probabilities >= t).astype(int).tolist())[2], -t))


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


def olid_test(root: Path) -> tuple[float, float, float, float, int]:
    import csv

    folder = incitement_root(root) / "olid"
    with (folder / "labels-levela.csv").open(encoding="utf-8") as handle:
        gold = dict(csv.reader(handle))
    with (folder / "testset-levela.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    probabilities = load_model().probabilities([r["tweet"] for r in rows])[:, 0]
    labels = [int(gold[r["id"]] == "OFF") for r in rows]
    predicted = (probabilities >= training.THRESHOLDS["hate"]).astype(int).tolist()
    p, r, score = f1(labels, predicted)
    return p, r, score, macro_f1(labels, predicted), len(rows)


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
    """(quote, gold kinds/section/target, what was found, verdict) per gold entry; other findings."""
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
                            f"{s.label} -> {s.attrs.get('target_name') or '-'} (severity {s.attrs.get('severity')}, {s.attrs.get('section')})"
                            for s in hits
                        }
                    )
                )
                or "-"
            )
            wanted = f"{', '.join(entry['kind'])} / {entry.get('section', '?')} / {entry.get('target', '-')}"
            rows.append((f"{gold_path.name[:3]}: {entry['quote']}", wanted, found, verdict))
        for span in spans:
            if span.id not in used:
                extra.append(
                    f'{gold_path.name[:3]} {span.attrs.get("section")}: {span.label} "{span.text}" -> {span.attrs.get("target_name") or "-"} (severity {span.attrs.get("severity")}, {span.rule})'
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
    model = load_model()
    size = sum(f["bytes"] for f in model.card["files"].values())
    out += [
        "# Incitement benchmark",
        "",
        f"Command: `nice python benchmarks/incitement_benchmark.py{' --skip-ablation' if args.skip_ablation else ''}` "
        f"({dt.date.today().isoformat()}, Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs). Model `{model.name}` ({size / 1e6:.1f} MB: model.json.gz + weights.npz, "
        f"{model.space.size:,} features), seed {model.card.get('seed')}, rebuilt by `python scripts/train_incitement.py`.",
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
    print("ETHOS 10-fold CV ...", file=sys.stderr)
    cv = ethos_cv(root)
    rows = cv_rows(cv)
    out += [
        "## 1. ETHOS, 10-fold cross-validation",
        "",
        "Stratified 10 folds over the 998 comments of `Ethos_Dataset_Binary.csv` (seed 13). Each fold's model "
        "is trained by the shipped recipe on the other nine folds plus Davidson and OLID (never on the held-out "
        "fold); the table scores the out-of-fold probabilities. F1 is of the positive class; the ETHOS paper's "
        f"BERT binary baseline is F1 {PAPER_BERT_BINARY_F1}. Shipped thresholds: hate {training.THRESHOLDS['hate']}, "
        f"violence {training.THRESHOLDS['violence']}. * marks the threshold with the best F1 on these "
        "same out-of-fold predictions: optimistic by construction, shown to separate ranking from calibration.",
        "",
        "| Task | Threshold | P | R | F1 | |",
        "|---|---|---|---|---|---|",
        *[
            f"| {task} | {t} | {p:.3f} | {r:.3f} | **{s:.3f}** | {note} |"
            for task, t, p, r, s, note in rows
        ],
        "",
    ]
    scores["ethos_cv10"] = {f"{task} @ {t}": round(s, 3) for task, t, _, _, s, _ in rows}
    if not args.skip_ablation:
        print("ETHOS 10-fold CV with GermEval ...", file=sys.stderr)
        ablation = cv_rows(ethos_cv(root, germeval=True))

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
            "Same folds; 7,783 German tweets (509 violent) added to the violence head's training data "
            f"with weight {training.CORPUS_WEIGHT['violence']['germeval_vio']} of ETHOS. The shipped model does not use them.",
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
    p, r, s, macro, n = olid_test(root)
    out += [
        "## 3. OLID level A test set (never trained on)",
        "",
        f"{n} tweets; the hate head at {training.THRESHOLDS['hate']} against OFF (offensive, targeted or not; the head was "
        "trained on targeted offence only): "
        f"P {p:.3f}, R {r:.3f}, F1 (OFF) **{s:.3f}**, macro-F1 **{macro:.3f}**.",
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
            f"{row['model_ok'] / row['cases']:.2f} | {row['analyzer_ok'] / row['cases']:.2f} | {found or '-'} |"
        )

    header = [
        "| Functionality | Gold | Cases | Model acc. | Analyzer acc. | Analyzer labels |",
        "|---|---|---|---|---|---|",
    ]
    out += [
        "## 4. HateCheck (diagnostic, never trained on)",
        "",
        f"{total} cases, 29 functionalities. *Model*: hateful when P(hate) >= {model.thresholds['hate']} or P(violence) >= "
        f"{model.thresholds['violence']}. *Analyzer*: hateful when the incitement layer has any span (the default "
        f"pipeline's prerequisites {', '.join(PREREQUISITES)} run first; {rate:.1f} cases/s). Overall accuracy: model "
        f"**{model_acc:.3f}**, analyzer **{analyzer_acc:.3f}**. The analyzer flags only what it can point at (a call, a "
        "threat, a dehumanising term, a hostile sentence about a named group), so slurs, profanity and spelling "
        "variants lie outside its scope; it is built for precision on the contrasts.",
        "",
        f"**Threats** ({', '.join(THREAT)}: {threat_cases} cases): analyzer accuracy **{threat_analyzer:.3f}**, labelled "
        f"call_to_violence or threat in **{threat_violent:.3f}**; model accuracy {threat_model:.3f}.",
        "",
        *header,
        *[line(name, table[name]) for name in THREAT],
        "",
        "**Contrasts** (counter-speech, quotation, negation, reference to hate: where false positives show):",
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
            f"Every `incitement` entry of `../shared/seeds/*.gold.json` (default pipeline): **{found}/{len(seed_rows)}** found "
            "with all its kinds, in its section, with its target where the gold names one.",
            "",
            "| Gold quote | Kinds / section / target | Found | |",
            "|---|---|---|---|",
            *[f"| {q} | {w} | {f} | {v} |" for q, w, f, v in seed_rows],
            "",
            "Other incitement spans in the seeds (not in the gold lists, which cover the comments):",
            "",
            *[f"- {e}" for e in extra],
            "",
        ]
        scores["seeds"] = f"{found}/{len(seed_rows)}"
    print("speed ...", file=sys.stderr)
    out += [
        "## 6. Speed",
        "",
        f"Comments per second on this machine's CPU ({os.cpu_count()} cores, shared; load average {os.getloadavg()[0]:.1f}), "
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
    args = parser.parse_args(argv)
    if not (incitement_root(args.data) / "ethos").is_dir():
        parser.error(
            f"expected the corpora (ethos/, olid/, davidson/, hatecheck/) under {args.data}; found none"
        )
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
