"""Precision and recall of the technique spans a report shows, by confidence threshold.

    python benchmarks/techniques_threshold.py [--data ../shared/data/propaganda] [--out FILE]

Reports hide technique findings below ``[redline.min_confidence] techniques``. This measures,
on PTC dev only (SemEval-2020 Task 11; the model was trained on PTC train), what an analyst
sees at each threshold: the analyzer (cues + model) runs once per article, and its spans are
filtered by ``Span.confidence`` before scoring, so each row is exactly what a report at that
threshold shows. Three views of "right":

- **SI** (the official span-identification score, re-implemented in
  ``redline.techniques.scoring``): partial-overlap credit, gold and predicted overlaps merged;
- **over gold**: the share of shown spans that overlap any gold technique span;
- **same technique**: the share of shown spans that overlap a gold span whose technique is
  among the span's techniques (SemEval-2023 names), and the share of gold spans so found.

Loading, parsing and scoring are those of ``benchmarks/techniques_benchmark.py``. Results go to
``benchmarks/results/techniques_threshold.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import sys
import time
from pathlib import Path

from redline.analyzers.base import AnalysisContext
from redline.analyzers.techniques import TechniqueAnalyzer
from redline.document import Document, Span
from redline.nlp import load_pipeline
from redline.parsing import parse
from redline.pipeline import Pipeline
from redline.techniques.datasets import DEFAULT_DATA, Article, load_ptc
from redline.techniques.scoring import si_score
from redline.techniques.taxonomy import PTC_TO_2023

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "techniques_threshold.md"
THRESHOLDS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.225, 0.25, 0.275, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7,
              0.8)  # fmt: skip
# "Mostly right": at least half of the shown span text is gold propaganda (SI precision). The
# default is the lowest threshold that reaches it, so recall is given up no more than needed.
MOSTLY_RIGHT = 0.5
BOOTSTRAP_ROUNDS = 1000
BOOTSTRAP_SEED = 13

Shown = dict[str, list[Span]]  # article id -> technique spans


def run_analyzer(articles: list[Article]) -> Shown:
    """Every technique span of the analyzer (no threshold) per article."""
    nlp = load_pipeline()
    structure = Pipeline.from_names(["structure"])
    analyzer = TechniqueAnalyzer()
    found: Shown = {}
    for article in articles:
        context = AnalysisContext(text=article.text, preparsed=parse(nlp, article.text))
        document = structure.run(Document.from_text(article.text), context)
        found[article.id] = list(analyzer.analyze(document, context).layers["techniques"])
    return found


def _same_technique(span: Span, gold: tuple[str, int, int]) -> bool:
    technique, start, end = gold
    overlaps = span.start < end and start < span.end
    return overlaps and bool(set(PTC_TO_2023[technique]) & set(span.attrs["techniques"]))


def row(threshold: float, articles: list[Article], found: Shown) -> list[str]:
    """The table row for ``threshold``."""
    shown = {a.id: [s for s in found[a.id] if s.confidence >= threshold] for a in articles}
    si = si_score(
        {k: [(s.start, s.end) for s in v] for k, v in shown.items()},
        {a.id: a.si_spans for a in articles},
    )
    n_shown = sum(len(v) for v in shown.values())
    over = same = 0
    gold_found = gold_total = 0
    for article in articles:
        spans = shown[article.id]
        over += sum(any(s.start < e and b < s.end for _, b, e in article.spans) for s in spans)
        same += sum(any(_same_technique(s, g) for g in article.spans) for s in spans)
        gold_total += len(article.spans)
        gold_found += sum(any(_same_technique(s, g) for s in spans) for g in article.spans)

    def share(n: int, d: int) -> str:
        return f"{n / d:.3f}" if d else "—"

    return [
        f"{threshold:g}",
        str(n_shown),
        f"{si.precision:.3f}",
        f"{si.recall:.3f}",
        f"{si.f1:.3f}",
        share(over, n_shown),
        share(same, n_shown),
        share(gold_found, gold_total),
    ]


def si_precision_interval(
    threshold: float, articles: list[Article], found: Shown, rounds: int = BOOTSTRAP_ROUNDS
) -> tuple[float, float]:
    """95% bootstrap interval of the SI precision at ``threshold``, resampling whole articles
    (spans of one article are not independent)."""
    rng = random.Random(BOOTSTRAP_SEED)
    values = []
    for _ in range(rounds):
        sample = [rng.choice(articles) for _ in articles]
        predicted = {
            f"{a.id}#{i}": [(s.start, s.end) for s in found[a.id] if s.confidence >= threshold]
            for i, a in enumerate(sample)
        }
        gold = {f"{a.id}#{i}": a.si_spans for i, a in enumerate(sample)}
        values.append(si_score(predicted, gold).precision)
    values.sort()
    return values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1]


def _choice(rows: list[list[str]], articles: list[Article], found: Shown) -> str:
    """The sentence naming the lowest threshold whose SI precision reaches MOSTLY_RIGHT."""
    chosen = next((r for r in rows if float(r[2]) >= MOSTLY_RIGHT), None)
    if chosen is None:
        return f"No threshold reaches SI precision {MOSTLY_RIGHT}."
    low, high = si_precision_interval(float(chosen[0]), articles, found)
    return (
        f"**Default: {chosen[0]}**, the lowest threshold at which at least half of the shown "
        f"span text is gold propaganda (SI precision {chosen[2]}, 95% bootstrap interval over "
        f"articles {low:.2f}–{high:.2f}; recall {chosen[3]}; {chosen[1]} spans shown, "
        f"{float(chosen[5]):.0%} of them over a gold span, {float(chosen[6]):.0%} over a gold "
        "span of the same technique). Chosen on dev only; PTC test was not used."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    started = time.time()
    dev = load_ptc("dev", args.data)
    found = run_analyzer(dev)
    print(f"analysed {len(dev)} dev articles in {time.time() - started:.0f}s", flush=True)
    header = [
        "Threshold",
        "Spans shown",
        "SI precision",
        "SI recall",
        "SI F1",
        "Over gold",
        "Same technique (precision)",
        "Gold found, same technique (recall)",
    ]
    rows = [row(t, dev, found) for t in THRESHOLDS]
    lines = [
        "# Techniques: what a report shows, by confidence threshold",
        "",
        f"Command: `python benchmarks/techniques_threshold.py` ({dt.date.today().isoformat()}, "
        f"Python {platform.python_version()}, {platform.machine()}). PTC dev only: "
        f"{len(dev)} articles, {sum(len(a.spans) for a in dev):,} gold technique spans. The "
        "analyzer (cues + model) runs once; each row keeps its spans with "
        "`confidence >= threshold`, which is what the text, Markdown and HTML reports show "
        "at `[redline.min_confidence] techniques = threshold`.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(cells) + " |" for cells in rows),
        "",
        _choice(rows, dev, found),
        "",
        "*SI* is the official span-identification score (partial-overlap credit, overlaps "
        "merged). *Over gold*: share of shown spans overlapping any gold span. *Same "
        "technique*: share of shown spans overlapping a gold span of one of their techniques; "
        "its recall column is the share of gold spans so found.",
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    print(f"done in {time.time() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
