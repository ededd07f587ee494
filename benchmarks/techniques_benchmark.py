"""Accuracy and speed of the techniques analyzer.

    python benchmarks/techniques_benchmark.py [--data ../shared/data/propaganda] [--out FILE]

Measures, on data the model never saw in training:

1. **PTC dev, TC** (SemEval-2020 Task 11): the model names the technique of each gold span;
   micro-F1 as the official TC scorer computes it (predictions aligned with the gold labels of
   identical offsets, then micro-averaged), and precision/recall per technique;
2. **PTC dev, SI**: spans found in the raw articles, scored with the official SI definition
   (partial-overlap credit normalised by span lengths; gold and predicted overlaps merged);
   for the model alone, the cues alone and the analyzer (cues + model);
3. **SemEval-2021 Task 6 test** (memes, subtask 1): multi-label micro-F1 of the analyzer's
   technique set per meme, in the SemEval-2023 names, over the techniques both the 2021 labels
   map to and the analyzer can emit (the others are listed);
4. **seeds**: each ``techniques`` entry of ``../shared/seeds/*.gold.json`` found at its quote
   with one of its listed techniques;
5. **speed**: words per second of the techniques analyzer alone (parse and structure done
   before the clock starts), and of the default pipeline end to end with and without it.

The corpora are read from ``--data`` and never copied. Results go to
``benchmarks/results/techniques.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc

from redline.analyzers.base import AnalysisContext
from redline.analyzers.techniques import TechniqueAnalyzer
from redline.document import Document, Span
from redline.nlp import load_pipeline
from redline.parsing import parse
from redline.pipeline import Pipeline, merge_output
from redline.techniques.cues import CueLexicon
from redline.techniques.datasets import DEFAULT_DATA, Article, load_ptc, load_semeval2021
from redline.techniques.detect import classify_spans, detect
from redline.techniques.model import load_model
from redline.techniques.scoring import PRF, TCResult, si_score, tc_score
from redline.techniques.taxonomy import PTC_TO_2023, SEMEVAL2021_TO_2023

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "techniques.md"
TC_TARGET = 0.45
SI_TARGET = 0.35


def tc_on_gold(articles: list[Article], docs: list[Doc]) -> tuple[TCResult, float]:
    """TC micro-F1 on gold spans, and the majority-class baseline."""
    model = load_model()
    predicted: dict[tuple[str, int, int], list[str]] = {}
    gold: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    for article, doc in zip(articles, docs, strict=True):
        for technique, start, end in article.spans:
            gold[(article.id, start, end)].append(technique)
        positions = sorted({(s, e) for _, s, e in article.spans})
        if not positions:
            continue
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        title_end = max(0, article.text.find("\n"))
        probabilities = classify_spans(model, article.text, positions, sentences, title_end)
        for (start, end), row in zip(positions, probabilities, strict=True):
            k = len(gold[(article.id, start, end)])
            order = sorted(range(len(row)), key=lambda j: -row[j])[:k]
            predicted[(article.id, start, end)] = [model.tc_classes[j] for j in order]
    result = tc_score(predicted, gold)
    counts = Counter(label for labels in gold.values() for label in labels)
    majority = counts.most_common(1)[0][1] / sum(counts.values())
    return result, majority


CueHits = dict[str, list[int]]  # cue id -> [fired, over a gold span, with a listed technique]


def analyzer_runs(
    articles: list[Article], docs: list[Doc]
) -> tuple[dict[str, dict[str, list[tuple[int, int]]]], CueHits]:
    """SI predictions per article (model alone, cues alone, analyzer) and per-cue hit counts."""
    model = load_model()
    structure = Pipeline.from_names(["structure"])
    both = TechniqueAnalyzer()
    cues_only = TechniqueAnalyzer(use_model=False)
    runs: dict[str, dict[str, list[tuple[int, int]]]] = {"model": {}, "cues": {}, "analyzer": {}}
    hits: CueHits = defaultdict(lambda: [0, 0, 0])
    for article, doc in zip(articles, docs, strict=True):
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        title_end = max(0, article.text.find("\n"))
        runs["model"][article.id] = [
            (d.start, d.end) for d in detect(model, doc, sentences, title_end=title_end)
        ]
        context = AnalysisContext(text=article.text, preparsed=doc)
        document = structure.run(Document.from_text(article.text), context)
        for name, analyzer in (("analyzer", both), ("cues", cues_only)):
            spans = analyzer.analyze(document, context).layers["techniques"]
            runs[name][article.id] = [(s.start, s.end) for s in spans]
            if name == "cues":
                for span in spans:
                    _count_cue(hits[span.attrs["cue"]], span, article)
    return runs, dict(hits)


def _count_cue(counts: list[int], span: Span, article: Article) -> None:
    over = [t for t, s, e in article.spans if s < span.end and span.start < e]
    named = {n for t in over for n in PTC_TO_2023[t]}
    counts[0] += 1
    counts[1] += bool(over)
    counts[2] += bool(named & set(span.attrs["techniques"]))


def memes(data: Path) -> tuple[PRF, PRF, list[str], int]:
    """SemEval-2021 test: micro-F1 over reachable techniques, over all, and the excluded labels."""
    pipeline = Pipeline.from_names(["structure", "techniques"])
    lexicon = CueLexicon.load()
    reachable = {n for names in PTC_TO_2023.values() for n in names} | {
        n for cue in lexicon.cues for n in cue.techniques
    }
    rows = load_semeval2021("test", data)
    excluded = sorted(
        {
            label
            for r in rows
            for label in r.labels
            if not set(SEMEVAL2021_TO_2023[label]) & reachable
        }
    )
    counts = {"reachable": [0, 0, 0], "all": [0, 0, 0]}  # true positives, predicted, gold
    for row in rows:
        document = pipeline.run(Document.from_text(row.text))
        predicted = {n for s in document.layer("techniques") for n in s.attrs["techniques"]}
        gold = {n for label in row.labels for n in SEMEVAL2021_TO_2023[label]}
        for name, scope in (("reachable", reachable), ("all", None)):
            p = predicted if scope is None else predicted & scope
            g = gold if scope is None else gold & scope
            counts[name][0] += len(p & g)
            counts[name][1] += len(p)
            counts[name][2] += len(g)
    results = []
    for name in ("reachable", "all"):
        tp, n_pred, n_gold = counts[name]
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        results.append(PRF(precision, recall, f1, n_pred, n_gold))
    return results[0], results[1], excluded, len(rows)


def speed(articles: list[Article], docs: list[Doc], rounds: int = 2) -> tuple[float, int]:
    """Words per second of the techniques analyzer alone (best of ``rounds``)."""
    structure = Pipeline.from_names(["structure"])
    analyzer = TechniqueAnalyzer()
    analyzer.initialize()
    prepared = []
    for article, doc in zip(articles, docs, strict=True):
        context = AnalysisContext(text=article.text, preparsed=doc)
        prepared.append((structure.run(Document.from_text(article.text), context), context))
    words = sum(len(a.text.split()) for a in articles)
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for document, context in prepared:
            merge_output(document, analyzer, analyzer.analyze(document, context))
        best = min(best, time.perf_counter() - started)
    return words / best, words


def pipeline_speed(articles: list[Article]) -> list[tuple[str, float]]:
    """Words/s end to end (parse included, one process): the default pipeline, then without
    techniques, so the difference is the layer's cost inside the pipeline."""
    import os

    from redline.analyzers import DEFAULT_ANALYZERS

    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    rows = []
    for label, names in (
        ("default pipeline", DEFAULT_ANALYZERS),
        (
            "default pipeline without techniques",
            tuple(n for n in DEFAULT_ANALYZERS if n != "techniques"),
        ),
    ):
        pipeline = Pipeline.from_names(names)
        pipeline.initialize()
        started = time.perf_counter()
        for _ in pipeline.pipe(Document.from_text(t) for t in texts):
            pass
        load = os.getloadavg()[0]
        rows.append(
            (
                f"{label} ({', '.join(names)}); load average {load:.1f}",
                words / (time.perf_counter() - started),
            )
        )
    return rows


def seed_rows(seeds: Path) -> list[tuple[str, str, str]]:
    """(quote, listed techniques, what the analyzer found there) per seed gold entry."""
    import json

    from redline.techniques.taxonomy import resolve

    pipeline = Pipeline.from_names()
    rows = []
    for gold in sorted(seeds.glob("*.gold.json")):
        document = pipeline.run(
            Document.from_text(
                gold.with_name(gold.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
            )
        )
        for entry in json.loads(gold.read_text(encoding="utf-8")).get("techniques", []):
            start = document.text.find(entry["quote"])
            end = start + len(entry["quote"])
            accepted = {n for label in entry["technique"] for n in resolve(label)}
            found = sorted(
                {
                    t
                    for span in document.layer("techniques")
                    if span.start < end and start < span.end
                    for t in span.attrs["techniques"]
                    if t in accepted
                }
            )
            rows.append(
                (entry["quote"], ", ".join(entry["technique"]), ", ".join(found) or "**missed**")
            )
    return rows


def _row(cells: Iterable[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    args = parser.parse_args(argv)
    started = time.time()
    nlp = load_pipeline()
    dev = load_ptc("dev", args.data)
    docs = [parse(nlp, a.text) for a in dev]
    print(f"parsed {len(dev)} dev articles in {time.time() - started:.0f}s", flush=True)

    tc, majority = tc_on_gold(dev, docs)
    gold_si = {a.id: a.si_spans for a in dev}
    runs, cue_hits = analyzer_runs(dev, docs)
    si = {name: si_score(pred, gold_si) for name, pred in runs.items()}
    print(
        f"TC {tc.micro_f1:.3f}; SI " + ", ".join(f"{k} {v.f1:.3f}" for k, v in si.items()),
        flush=True,
    )
    meme_reach, meme_all, excluded, n_memes = memes(args.data)
    words_per_s, words = (0.0, 0) if args.skip_speed else speed(dev, docs)
    card = load_model().card

    lines = [
        "# Techniques benchmark",
        "",
        f"Command: `python benchmarks/techniques_benchmark.py` ({dt.date.today().isoformat()}, "
        f"Python {platform.python_version()}, {platform.machine()}, spaCy pipeline "
        f"`{card.get('spacy_pipeline')}`). Model `{card.get('name')}`, seed {card.get('seed')}, "
        f"{card.get('size_bytes', 0) / 1e6:.1f} MB, trained on PTC train only.",
        "",
        "## PTC dev (SemEval-2020 Task 11): 75 articles, 1,063 technique spans, 940 SI spans",
        "",
        "| Measure | Score | Target |",
        "|---|---|---|",
        f"| TC micro-F1 on gold spans (model) | **{tc.micro_f1:.3f}** | "
        f">= {TC_TARGET} (majority class {majority:.3f}) |",
    ]
    for name, label in (
        ("model", "model alone"),
        ("cues", "cues alone"),
        ("analyzer", "analyzer: cues + model"),
    ):
        r = si[name]
        target = f">= {SI_TARGET}" if name == "model" else ""
        lines.append(
            f"| SI F1, {label} (P {r.precision:.3f}, R {r.recall:.3f}, {r.predicted} spans) | "
            f"**{r.f1:.3f}** | {target} |"
        )
    lines += [
        "",
        "SI is scored as the official `task-SI_scorer.py` defines it, re-implemented in "
        "`redline.techniques.scoring`: gold spans that overlap are merged, predicted spans that "
        "overlap are merged (the scorer's `-m`), and each predicted/gold pair earns "
        "|s∩t|/|s| toward precision and |s∩t|/|t| toward recall, over all predicted and all gold "
        "spans. TC follows `task-TC_scorer.py`: one prediction per gold line, predictions at the "
        "same offsets aligned with that position's gold labels, micro-averaged F1.",
        "",
        "### Cues on PTC dev (cues alone)",
        "",
        "A cue span counts as *over gold* when it overlaps any gold span, and as *same technique*"
        " when one of those gold spans' techniques is among the cue's. PTC is US news and blogs;"
        " many cues target geopolitical commentary and rarely fire here.",
        "",
        "| Cue | Fired | Over gold | Same technique |",
        "|---|---|---|---|",
        *(
            _row([cue, n, f"{over} ({over / n:.0%})", f"{same} ({same / n:.0%})"])
            for cue, (n, over, same) in sorted(cue_hits.items(), key=lambda kv: -kv[1][0])
        ),
        "",
        "### TC per technique (PTC dev, gold spans)",
        "",
        "| PTC technique | SemEval-2023 | Gold | Predicted | Precision | Recall |",
        "|---|---|---|---|---|---|",
    ]
    for label, (precision, recall, support, n_pred) in sorted(
        tc.per_label.items(), key=lambda kv: -kv[1][2]
    ):
        members = " / ".join(PTC_TO_2023[label])
        lines.append(_row([label, members, support, n_pred, f"{precision:.3f}", f"{recall:.3f}"]))
    lines += [
        "",
        f"## SemEval-2021 Task 6 test (memes, subtask 1): {n_memes} texts",
        "",
        "| Scope | Micro-F1 | Precision | Recall | Predicted | Gold |",
        "|---|---|---|---|---|---|",
        _row(
            [
                "techniques the 2021 labels map to and the analyzer can emit",
                f"**{meme_reach.f1:.3f}**",
                f"{meme_reach.precision:.3f}",
                f"{meme_reach.recall:.3f}",
                meme_reach.predicted,
                meme_reach.gold,
            ]
        ),
        _row(
            [
                "every 2021 label, mapped",
                f"{meme_all.f1:.3f}",
                f"{meme_all.precision:.3f}",
                f"{meme_all.recall:.3f}",
                meme_all.predicted,
                meme_all.gold,
            ]
        ),
        "",
        "2021 labels outside the analyzer's reach (excluded from the first row): "
        + (", ".join(excluded) or "none")
        + ". Meme texts are short, upper-case, out of domain.",
        "",
    ]
    if args.seeds.is_dir():
        seeds = seed_rows(args.seeds)
        found = sum(1 for *_, f in seeds if f != "**missed**")
        lines += [
            "## Seeds",
            "",
            f"{found} of {len(seeds)} gold `techniques` entries found at their quote "
            "with one of the listed techniques.",
            "",
            "| Quote | Gold | Found there |",
            "|---|---|---|",
        ]
        lines += [_row(row) for row in seeds] + [""]
    if not args.skip_speed:
        lines += [
            "## Speed",
            "",
            f"Techniques analyzer alone over the 75 PTC dev articles ({words:,} words), spaCy "
            "parse and structure done beforehand, best of 2 runs, one process: "
            f"**{words_per_s:,.0f} words/s**.",
            "",
            "End to end over the same articles (spaCy parse included, one process):",
            "",
            "| pipeline | words/s |",
            "|---|---|",
        ]
        lines += [_row((label, f"{speed_:,.0f}")) for label, speed_ in pipeline_speed(dev)] + [""]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    print(f"done in {time.time() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
