"""Russian calls to violence on real text outside the escalation corpus: windows of Telegram
posts, blog posts and news articles the corpus does not use, labelled by two annotators each.

    python benchmarks/incitement_russian_outside.py [--data ../shared/data]
        [--set benchmarks/data/incitement_ru_outside.jsonl]
        [--out benchmarks/results/incitement_russian_outside.md] [--n-process 2] [--show dev]

The escalation corpus's Russian train and dev splits hold six gold calls; the hand-written set
(`incitement_russian_set.py`) is Redline's own wording. This set is neither: 290 windows chosen
as the corpus chose its passages (the paragraphs with the most force wording, the first 170
weighted towards violent words), from UNLP-2025 posts, ru_zen_prop posts and SemEval-2023
Russian articles whose documents the corpus does not hold, each read by two annotators (helper
sessions working apart to `benchmarks/data/escalation/ANNOTATION.md`, section 7). The file is
standoff: offsets and the window's SHA-256, the text comes from the datasets. The windows are
those of `stance_ru_outside.jsonl`.

Two parts: ``dev`` (rules may be written while reading its errors: the first round's batches 0
and 1 and the whole second round) and ``heldout`` (the first round's batches 2 and 3: only its
figures are read). A gold call is one both annotators marked; ``--lenient`` also counts calls one
annotator marked. A predicted ``call_to_violence`` span matches a gold call it overlaps (one to
one), as the escalation benchmark matches calls.

The simple alternative is a keyword rule written on the first round's dev part: a sentence that
holds a word of violence and a word of urging (a modal, an imperative particle, «смерть») is a
call.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from escalation_metrics import PRF, bootstrap_interval, match_spans
from outside_windows import analysed, argument_parser, read_windows

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT / "benchmarks" / "data" / "incitement_ru_outside.jsonl"
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "incitement_russian_outside.md"

_VIOLENT = re.compile(
    r"\b(?:уничтож\w*|уби(?:ть|вать|вайте|йте|ей)\w*|бей\w*|бить|бомб\w*|жечь|сжечь|жгите|"
    r"расстрел\w*|вешать|повес\w*|ликвид\w*|стереть|сотр\w*|удар\w*|сдохн\w*|казн\w*|истреб\w*)",
    re.IGNORECASE,
)
_URGING = re.compile(
    r"\b(?:надо|нужно|необходимо|должн\w*|пора|следует|давай\w*|пусть|смерть|"
    r"достоин|достойн\w*|заслуж\w*)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


@dataclass
class Unit:
    uid: str
    part: str
    text: str
    calls: list[tuple[int, int]]
    """Gold calls: both annotators' (or, lenient, either's)."""


def load_units(path: Path, data: Path, lenient: bool) -> list[Unit]:
    return [
        Unit(
            row["uid"],
            row["part"],
            text,
            [(c["start"], c["end"]) for c in row["calls"] if c["agreed"] or lenient],
        )
        for row, text in read_windows(path, data)
    ]


def keyword_calls(text: str) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end())
        for m in _SENTENCE.finditer(text)
        if _VIOLENT.search(m.group()) and _URGING.search(m.group())
    ]


def redline_calls(units: list[Unit], n_process: int) -> list[list[tuple[int, int]]]:
    return [
        [(s.start, s.end) for s in document.layer("incitement") if s.label == "call_to_violence"]
        for document in analysed([u.text for u in units], n_process)
    ]


def tally(pairs: list[tuple[Unit, list[tuple[int, int]]]]) -> PRF:
    total = PRF()
    for unit, predicted in pairs:
        found = len(match_spans(unit.calls, predicted))
        total.add(PRF(found, len(predicted), len(unit.calls)))
    return total


def row(name: str, pairs: list[tuple[Unit, list[tuple[int, int]]]]) -> str:
    score = tally(pairs)
    low, high = bootstrap_interval(pairs, lambda sample: tally(sample).f1, samples=300)
    return (
        f"| {name} | {len(pairs)} | {int(score.gold)} | {int(score.tp)} | "
        f"{int(score.predicted - score.tp)} | {score.precision:.3f} | {score.recall:.3f} | "
        f"{score.f1:.3f} [{low:.3f}, {high:.3f}] |"
    )


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0], DEFAULT_SET, DEFAULT_OUT)
    parser.add_argument("--lenient", action="store_true", help="count calls one annotator marked")
    parser.add_argument(
        "--show", choices=("dev",), help="print the dev part's misses and false alarms"
    )
    args = parser.parse_args()
    units = load_units(args.set, args.data, args.lenient)
    found = redline_calls(units, args.n_process)
    flag = " --lenient" if args.lenient else ""
    where = args.set.relative_to(ROOT) if args.set.is_relative_to(ROOT) else args.set
    counted = "calls either annotator marked" if args.lenient else "calls both annotators marked"
    lines = [
        "# Russian calls to violence on real text outside the escalation corpus",
        "",
        f"Command: `python benchmarks/incitement_russian_outside.py{flag}`; set `{where}` "
        f"({counted}).",
        "",
        "| system, part | windows | gold calls | found | false alarms | P | R | F1 [95%] |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for part in ("dev", "heldout", "all"):
        chosen = [i for i, u in enumerate(units) if part in ("all", u.part)]
        lines.append(
            row(f"keyword rule, {part}", [(units[i], keyword_calls(units[i].text)) for i in chosen])
        )
        lines.append(row(f"Redline, {part}", [(units[i], found[i]) for i in chosen]))
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    if args.show:
        for unit, predicted in zip(units, found, strict=True):
            if unit.part != args.show:
                continue
            matched = match_spans(unit.calls, predicted)
            for gi, (s, e) in enumerate(unit.calls):
                if gi not in {g for g, _ in matched}:
                    print(f"missed {unit.uid}: {unit.text[s:e]!r}")
            for pi, (s, e) in enumerate(predicted):
                if pi not in {p for _, p in matched}:
                    print(f"false alarm {unit.uid}: {unit.text[s:e]!r}")


if __name__ == "__main__":
    sys.exit(main())
