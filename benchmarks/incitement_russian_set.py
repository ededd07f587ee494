"""Russian calls to violence on a hand-written set: how many calls the incitement layer finds,
and how many near misses it wrongly calls.

    python benchmarks/incitement_russian_set.py [--set benchmarks/data/incitement_ru_set.tsv]
        [--out benchmarks/results/incitement_russian_set.md] [--show]

The escalation corpus's Russian train and dev splits hold only six gold calls, too few to write
or check the call rules on; this set, written for Redline in ordinary Russian usage (modal calls,
imperatives, wishes, slogans, praise of strikes, fundraising for destruction, and the reports,
condemnations, negations, threats, questions and metaphors that are not calls), is where they
were developed. It is a development set, not a held-out one: its figures say what the rules
cover, the escalation corpus's test split says how they carry to unseen text.

A sentence counts as found when the layer gives it at least one ``call_to_violence`` span; a
near miss counts as a false alarm when it gives one. The layer runs after the default
pipeline's prerequisites, as in :func:`redline.analyze`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from redline.analyzers.incitement import IncitementAnalyzer
from redline.document import Document, Metadata
from redline.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT / "benchmarks" / "data" / "incitement_ru_set.tsv"
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "incitement_russian_set.md"
PREREQUISITES = ("structure", "actors", "voices", "groups", "claims")


def read_set(path: Path) -> list[tuple[str, str, str]]:
    """(label, section, sentence) for each line; a ``# call: ...`` note names the section."""
    rows: list[tuple[str, str, str]] = []
    section = ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            label, _, note = line[1:].strip().partition(": ")
            if label in ("call", "near") and note:
                section = note
            continue
        label, tab, sentence = line.partition("\t")
        if not tab or label not in ("call", "near") or not sentence.strip():
            raise SystemExit(f"{path}:{number}: expected 'call' or 'near', a tab, a sentence")
        rows.append((label, section, sentence.strip()))
    return rows


def called(pipeline: Pipeline, sentence: str) -> bool:
    document = pipeline.run(Document.from_text(sentence, Metadata(language="ru")))
    return any(span.label == "call_to_violence" for span in document.layer("incitement"))


def report(rows: list[tuple[str, str, str]], verdicts: list[bool], path: Path) -> str:
    calls = [v for (label, _, _), v in zip(rows, verdicts, strict=True) if label == "call"]
    near = [v for (label, _, _), v in zip(rows, verdicts, strict=True) if label == "near"]
    lines = [
        "# Russian calls to violence: a hand-written set",
        "",
        f"Command: `python benchmarks/incitement_russian_set.py` ({time.strftime('%Y-%m-%d')}); "
        f"set `{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}`.",
        "",
        "A development set written for Redline (the call rules were written while reading it);"
        " the escalation corpus's test split is the held-out measure.",
        "",
        "| | sentences | called | share |",
        "|---|---|---|---|",
        f"| calls | {len(calls)} | {sum(calls)} | {sum(calls) / max(1, len(calls)):.3f} |",
        f"| near misses (false alarms) | {len(near)} | {sum(near)} |"
        f" {sum(near) / max(1, len(near)):.3f} |",
        "",
        "Missed calls and false alarms:",
        "",
    ]
    wrong = [
        f"- {'missed' if label == 'call' else 'false alarm'} ({section}): {sentence}"
        for (label, section, sentence), verdict in zip(rows, verdicts, strict=True)
        if verdict != (label == "call")
    ]
    return "\n".join(lines + (wrong or ["- none"])) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--show", action="store_true", help="print every verdict")
    args = parser.parse_args(argv)
    rows = read_set(args.set)
    pipeline = Pipeline([*Pipeline.from_names(PREREQUISITES).analyzers, IncitementAnalyzer()])
    verdicts = [called(pipeline, sentence) for _, _, sentence in rows]
    if args.show:
        for (label, _, sentence), verdict in zip(rows, verdicts, strict=True):
            print(f"{label}\t{'CALLED' if verdict else '-'}\t{sentence}")
    text = report(rows, verdicts, args.set.resolve())
    args.out.write_text(text, encoding="utf-8")
    print(text, file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
