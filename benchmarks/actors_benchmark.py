"""Actors: accuracy on ConfliBERT's CAMEO actor spans, and the speed of linking.

    python benchmarks/actors_benchmark.py [--cameo ../shared/data/events/conflibert_cameo/cameo_ner/test.txt]
        [--corpus ../shared/data/propaganda/ptc/train-articles] [--words 200000]
        [--out benchmarks/results/actors.md]

Accuracy: the test file marks source (S), target (T) and reciprocal (R) actor spans. A gold
span is *recalled* when a Redline actor mention overlaps it; a Redline mention is *precise*
when it overlaps a gold span. Gold marks only the event's participants, so mentions of
bystanders (places of the event, third parties) count against precision.

Speed: the same text is parsed by spaCy (the pipeline's own cost) and then run through the
actors, groups and alignment analyzers; the linking overhead is their time over spaCy's.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from redline.analyzers.base import AnalysisContext
from redline.document import Document
from redline.nlp import load_pipeline
from redline.parsing import parse
from redline.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def read_conll(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences as (text, gold spans) from `token label` lines."""
    sentences, tokens, labels = [], [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if line:
            token, _, label = line.rpartition(" ")
            tokens.append(token)
            labels.append(label)
            continue
        if tokens:
            sentences.append(_sentence(tokens, labels))
        tokens, labels = [], []
    return sentences


def _sentence(tokens: list[str], labels: list[str]) -> tuple[str, list[tuple[int, int, str]]]:
    text, spans, offset, current = "", [], 0, None
    for token, label in zip(tokens, labels, strict=True):
        start = offset
        text += token + " "
        offset = len(text)
        end = start + len(token)
        if label.startswith("B-") or (label.startswith("I-") and current is None):
            current = [start, end, label[2:]]
            spans.append(current)
        elif label.startswith("I-") and current is not None:
            current[1] = end
        else:
            current = None
    return text.rstrip(), [tuple(span) for span in spans]  # type: ignore[misc]


def accuracy(path: Path) -> dict[str, float]:
    pipeline = Pipeline.from_names(["structure", "actors"])
    gold_total = gold_hit = found_total = found_hit = 0
    by_role: dict[str, list[int]] = {}
    for text, gold in read_conll(path):
        document = pipeline.run(Document.from_text(text))
        mentions = [(s.start, s.end) for s in document.layer("actors")]
        for start, end, role in gold:
            hit = any(s < end and start < e for s, e in mentions)
            gold_total += 1
            gold_hit += hit
            by_role.setdefault(role, [0, 0])
            by_role[role][0] += 1
            by_role[role][1] += hit
        for start, end in mentions:
            found_total += 1
            found_hit += any(start < e and s < end for s, e, _ in gold)
    recall = gold_hit / gold_total
    precision = found_hit / found_total if found_total else 0.0
    result = {
        "sentences": len(read_conll(path)), "gold spans": gold_total, "mentions": found_total,
        "recall": recall, "precision": precision,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
    }  # fmt: skip
    for role, (total, hit) in sorted(by_role.items()):
        result[f"recall {role}"] = hit / total
    return result


def speed(corpus: Path, words: int) -> dict[str, float]:
    texts, count = [], 0
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts.append(text)
        count += len(text.split())
        if count >= words:
            break
    nlp = load_pipeline()
    structure = Pipeline.from_names(["structure"])
    linking = Pipeline.from_names(["structure", "actors", "groups", "alignment"])
    linking.initialize()
    analyzers = linking.analyzers[1:]
    spacy_seconds = analyzers_seconds = 0.0
    for text in texts:
        started = time.perf_counter()
        parsed = parse(nlp, text)
        spacy_seconds += time.perf_counter() - started
        context = AnalysisContext(text=text, preparsed=parsed)
        document = structure.run(Document.from_text(text), context)
        started = time.perf_counter()
        for analyzer in analyzers:
            from redline.pipeline import merge_output

            document = merge_output(document, analyzer, analyzer.analyze(document, context))
        analyzers_seconds += time.perf_counter() - started
    return {
        "documents": len(texts), "words": count,
        "spaCy words/s": count / spacy_seconds,
        "actors+groups+alignment words/s": count / analyzers_seconds,
        "overhead vs spaCy": analyzers_seconds / spacy_seconds,
        "peak RSS MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }  # fmt: skip


def _table(rows: dict[str, float]) -> str:
    lines = ["| measure | value |", "|---|---|"]
    for key, value in rows.items():
        shown = f"{value:.3f}" if isinstance(value, float) and value < 10 else f"{value:,.0f}"
        lines.append(f"| {key} | {shown} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cameo", type=Path, default=DATA / "events/conflibert_cameo/cameo_ner/test.txt")
    parser.add_argument("--corpus", type=Path, default=DATA / "propaganda/ptc/train-articles")
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/actors.md")
    args = parser.parse_args()
    report = [
        "# Actors benchmark", "",
        "Command: `python benchmarks/actors_benchmark.py` (defaults: "
        f"`--cameo {args.cameo.name}`, `--corpus ptc/train-articles`, `--words {args.words}`)", "",
        "## ConfliBERT CAMEO actor spans (test split, overlap match)", "", _table(accuracy(args.cameo)), "",
        "## Speed (one process, this machine)", "", _table(speed(args.corpus, args.words)), "",
    ]  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(report), encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
