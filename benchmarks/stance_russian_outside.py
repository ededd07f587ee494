"""Russian stance and level on real text outside the escalation corpus: the claims Redline
proposed on 290 windows of posts and articles, each labelled blind by two annotators.

    python benchmarks/stance_russian_outside.py [--data ../shared/data]
        [--set benchmarks/data/stance_ru_outside.jsonl]
        [--out benchmarks/results/stance_russian_outside.md] [--n-process 2] [--show dev]

Windows of documents the corpus does not hold (the paragraphs with the most force wording), in
two rounds: the 170 of `benchmarks/data/incitement_ru_outside.jsonl` (uids ``u...``; Redline at
commit 5168e81 proposed the spans) and 120 more (uids ``v...``, skipping the first round's
documents; spans from commit 8821693). Two helper sessions per batch, working apart and not
shown what Redline decided, said for each span whether it is a claim and gave its stance and
level, to `benchmarks/data/escalation/ANNOTATION.md`. The file keeps the spans both called a
claim, with the stance and level where they agreed (null where they did not). It is standoff:
offsets and the window's SHA-256, the text comes from the datasets.

Redline's claims are matched to the labelled spans one to one by overlap, as the escalation
benchmark matches claims; stance macro-F1 and level are scored on the matched ones. The simple
alternative is the one `stance_russian_set.py` uses: TF-IDF + LR on the sentence around each
claim, trained on the corpus's Russian train split with C chosen on its dev split; it is scored on
every labelled claim. Two parts: ``dev`` (the first round's batches 0 and 1 and the whole second
round: rules may be written while reading their errors) and ``heldout`` (the first round's
batches 2 and 3: only its figures are read).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from escalation_corpus import STANCES
from escalation_metrics import bootstrap_interval, label_prf, macro_f1, match_spans
from outside_windows import analysed, argument_parser, read_windows
from stance_russian_set import _sentence_around, baseline_stances

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT / "benchmarks" / "data" / "stance_ru_outside.jsonl"
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "stance_russian_outside.md"


@dataclass
class Labelled:
    start: int
    end: int
    stance: str | None
    level: int | None


@dataclass
class Unit:
    uid: str
    part: str
    text: str
    claims: list[Labelled]


@dataclass
class Pairs:
    """(gold, predicted) stances and levels of one system over some units."""

    stances: list[tuple[str, str]] = field(default_factory=list)
    levels: list[tuple[int, int]] = field(default_factory=list)
    matched: int = 0
    labelled: int = 0


def load_units(path: Path, data: Path) -> list[Unit]:
    return [
        Unit(
            row["uid"],
            row["part"],
            text,
            [Labelled(c["start"], c["end"], c["stance"], c["level"]) for c in row["claims"]],
        )
        for row, text in read_windows(path, data)
    ]


def redline_claims(units: list[Unit], n_process: int) -> list[list[tuple[int, int, str, int]]]:
    return [
        [
            (s.start, s.end, str(s.attrs.get("stance")), int(s.attrs.get("level") or 0))
            for s in document.layer("claims")
        ]
        for document in analysed([u.text for u in units], n_process)
    ]


def redline_pairs(unit: Unit, predicted: list[tuple[int, int, str, int]]) -> Pairs:
    pairs = Pairs(labelled=len(unit.claims))
    matched = match_spans([(c.start, c.end) for c in unit.claims], [p[:2] for p in predicted])
    pairs.matched = len(matched)
    for gi, pi in matched:
        gold, (_, _, stance, level) = unit.claims[gi], predicted[pi]
        if gold.stance is not None:
            pairs.stances.append((gold.stance, stance))
        if gold.level is not None:
            pairs.levels.append((gold.level, level))
    return pairs


def merged(pairs: list[Pairs]) -> Pairs:
    total = Pairs()
    for p in pairs:
        total.stances += p.stances
        total.levels += p.levels
        total.matched += p.matched
        total.labelled += p.labelled
    return total


def stance_macro(pairs: list[Pairs]) -> float:
    return macro_f1(label_prf(merged(pairs).stances, STANCES))


def row(name: str, pairs: list[Pairs], levels: bool = True) -> str:
    total = merged(pairs)
    scores = label_prf(total.stances, STANCES)
    low, high = bootstrap_interval(pairs, stance_macro, samples=300)
    per_class = " | ".join(
        f"{scores[s].f1:.3f} ({int(scores[s].gold)})" if scores[s].gold else "—" for s in STANCES
    )
    level = "— | —"
    if levels and total.levels:
        exact = sum(g == p for g, p in total.levels) / len(total.levels)
        within = sum(abs(g - p) <= 1 for g, p in total.levels) / len(total.levels)
        level = f"{exact:.3f} | {within:.3f}"
    return (
        f"| {name} | {total.matched} of {total.labelled} | "
        f"{stance_macro(pairs):.3f} [{low:.3f}, {high:.3f}] | {per_class} | {level} |"
    )


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0], DEFAULT_SET, DEFAULT_OUT)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--show", choices=("dev",), help="print the dev part's stance errors")
    args = parser.parse_args()
    units = load_units(args.set, args.data)
    found = redline_claims(units, args.n_process)
    ours = [redline_pairs(u, p) for u, p in zip(units, found, strict=True)]
    theirs: list[Pairs] = []
    setting = ""
    if not args.no_baseline:
        sentences = [_sentence_around(u.text, c.start, c.end) for u in units for c in u.claims]
        guesses, setting = baseline_stances(
            [_Sentence(s) for s in sentences],
            args.data,
        )
        it = iter(guesses)
        for unit in units:
            p = Pairs(labelled=len(unit.claims), matched=len(unit.claims))
            for claim in unit.claims:
                guess = next(it)
                if claim.stance is not None:
                    p.stances.append((claim.stance, guess))
            theirs.append(p)
    where = args.set.relative_to(ROOT) if args.set.is_relative_to(ROOT) else args.set
    lines = [
        "# Russian stance and level on real text outside the escalation corpus",
        "",
        f"Command: `python benchmarks/stance_russian_outside.py`; set `{where}`.",
        "",
        "| system, part | labelled claims matched | stance macro-F1 [95%] | "
        + " | ".join(STANCES)
        + " | level exact | level ±1 |",
        "|" + "---|" * (5 + len(STANCES)),
    ]
    for part in ("dev", "heldout", "all"):
        chosen = [i for i, u in enumerate(units) if part in ("all", u.part)]
        if theirs:
            lines.append(
                row(f"TF-IDF + LR ({setting}), {part}", [theirs[i] for i in chosen], False)
            )
        lines.append(row(f"Redline, {part}", [ours[i] for i in chosen]))
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    if args.show:
        for unit, predicted in zip(units, found, strict=True):
            if unit.part != args.show:
                continue
            spans = [(c.start, c.end) for c in unit.claims]
            for gi, pi in match_spans(spans, [p[:2] for p in predicted]):
                gold, (s, e, stance, _) = unit.claims[gi], predicted[pi]
                if gold.stance not in (None, stance):
                    print(f"{unit.uid} gold={gold.stance} pred={stance}: {unit.text[s:e]!r}")


@dataclass(frozen=True)
class _Sentence:
    text: str


if __name__ == "__main__":
    sys.exit(main())
