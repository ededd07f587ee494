"""Escalation benchmark: Redline against the escalation corpus (real text, annotated).

    python benchmarks/escalation_benchmark.py [--split test] [--data ../shared/data]
        [--out benchmarks/results/escalation.md] [--n-process 1]

Scores, on the chosen split (the frozen test split by default; its digest is checked first):
claims (span P/R/F1, overlap, one-to-one), stance (per-stance F1 and macro-F1 on matched
claims), level (exact and within one on matched claims), the passage's highest level for each
stance and overall, red lines (F1 with setter and against-whom right, and by span alone),
"we" per voice, and calls to violence — for all passages, per language, per genre and per
voice type of the annotated claim. Two systems: a keyword ladder (``data/keyword_ladder.yaml``:
every ladder word is a claim at its rung with the majority stance) and Redline's default
pipeline. Whole passages are resampled for 95% intervals on the headline figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from escalation_corpus import CORPUS, STANCES, split_digest
from escalation_metrics import PRF, bootstrap_interval, label_prf, macro_f1, match_spans
from escalation_sources import DEFAULT_DATA, passage_text

ROOT = Path(__file__).resolve().parents[1]
BEFORE_CORPUS = "a186e51"
"""The last commit before Redline was changed against the corpus: "Redline as it is today"."""
COUNTED = ("advocate", "threaten", "predict", "report")
"""The stances whose highest level per passage is scored (reject does not escalate)."""


@dataclass
class Claim:
    start: int
    end: int
    stance: str
    level: int
    negated: bool = False
    voice: str | None = None


@dataclass
class RedLine:
    spans: list[tuple[int, int]]
    setter: str | None
    against: list[str]


@dataclass
class Prediction:
    claims: list[Claim] = field(default_factory=list)
    redlines: list[RedLine] = field(default_factory=list)
    calls: list[tuple[int, int]] = field(default_factory=list)
    we_by_voice: dict[str, str | None] | None = None
    """What "we" resolves to per voice name ('author', or a speaker's name); None: not given."""


# --- corpus ----------------------------------------------------------------------------------


def load_corpus(split: str) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in (CORPUS / "passages.jsonl").open(encoding="utf-8")]
    pinned = (CORPUS / "test.sha256").read_text(encoding="utf-8").strip()
    if split_digest(records, "test") != pinned:
        sys.exit("error: the test split does not match test.sha256; the frozen split was changed")
    return [r for r in records if split == "all" or r["split"] == split]


def gold_of(record: dict[str, Any]) -> Prediction:
    voices = {v["id"]: v for v in record["voices"]}
    claims = [
        Claim(
            c["start"], c["end"], c["stance"], c["level"], c["negated"], voices[c["voice"]]["type"]
        )
        for c in record["claims"]
    ]
    redlines = [
        RedLine(
            [tuple(r["condition"])] + ([tuple(r["consequence"])] if r["consequence"] else []),
            r["setter"],
            r["against"],
        )
        for r in record["redlines"]
    ]
    calls = [
        (s["start"], s["end"]) for s in record["incitement"] if s["label"] == "call_to_violence"
    ]
    return Prediction(claims, redlines, calls)


# --- systems ---------------------------------------------------------------------------------


class RedlineAtCommit:
    """Redline's default pipeline as it was at an earlier commit: this script runs in a child
    process against a git worktree of that commit and hands its predictions back as JSON."""

    def __init__(self, commit: str, split: str, data: Path) -> None:
        self.commit, self.split, self.data = commit, split, data
        self.name = f"Redline at {commit[:7]} (before the corpus)"

    def predict(self, records: list[dict[str, Any]], texts: list[str]) -> list[Prediction]:
        import subprocess
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            tree = Path(folder) / "tree"
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), self.commit],
                check=True,
                capture_output=True,
            )
            try:
                out = Path(folder) / "predictions.json"
                env = {**os.environ, "PYTHONPATH": str(tree / "src")}
                subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--split",
                        self.split,
                        "--data",
                        str(self.data),
                        "--predictions-to",
                        str(out),
                    ],
                    check=True,
                    env=env,
                )
                rows = json.loads(out.read_text(encoding="utf-8"))
            finally:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                    capture_output=True,
                )
        by_pid = {row["pid"]: _prediction_from_json(row) for row in rows}
        return [by_pid[r["pid"]] for r in records]


def _prediction_to_json(pid: str, prediction: Prediction) -> dict[str, Any]:
    return {
        "pid": pid,
        "claims": [vars(c) for c in prediction.claims],
        "redlines": [vars(r) for r in prediction.redlines],
        "calls": prediction.calls,
        "we_by_voice": prediction.we_by_voice,
    }


def _prediction_from_json(row: dict[str, Any]) -> Prediction:
    return Prediction(
        [Claim(**c) for c in row["claims"]],
        [
            RedLine([tuple(s) for s in r["spans"]], r["setter"], r["against"])
            for r in row["redlines"]
        ],
        [tuple(c) for c in row["calls"]],
        row["we_by_voice"],
    )


class KeywordLadder:
    name = "keyword ladder"

    def __init__(self) -> None:
        data = yaml.safe_load(
            (ROOT / "benchmarks" / "data" / "keyword_ladder.yaml").read_text(encoding="utf-8")
        )
        self.patterns = [
            (int(level), re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE))
            for level, words in data["levels"].items()
        ]

    def predict(self, records: list[dict[str, Any]], texts: list[str]) -> list[Prediction]:
        return [self._one(text) for text in texts]

    def _one(self, text: str) -> Prediction:
        found: list[Claim] = []
        for level, pattern in sorted(self.patterns, reverse=True):
            for match in pattern.finditer(text):
                if not any(c.start < match.end() and match.start() < c.end for c in found):
                    found.append(Claim(match.start(), match.end(), "report", level))
        return Prediction(sorted(found, key=lambda c: c.start))


class RedlineToday:
    """Redline's default pipeline; ``rules_only`` takes the claim model out of it, ``model``
    puts another claim model folder in its place."""

    def __init__(self, n_process: int, rules_only: bool = False, model: Path | None = None) -> None:
        self.pipeline = _default_pipeline()
        if rules_only or model is not None:
            from redline.analyzers.claims import ClaimAnalyzer
            from redline.pipeline import Pipeline

            claims = ClaimAnalyzer(model=str(model) if model is not None else None)
            analyzers = [claims if a.name == "claims" else a for a in self.pipeline.analyzers]
            self.pipeline = Pipeline(analyzers, spacy_pipeline=self.pipeline.spacy_pipeline)
        self.name = (
            "Redline, rules alone"
            if rules_only
            else f"Redline, claim model {model.name}"
            if model is not None
            else "Redline (default pipeline)"
        )
        self.n_process = n_process

    def predict(self, records: list[dict[str, Any]], texts: list[str]) -> list[Prediction]:
        from redline.document import Document, Metadata

        documents = [
            Document.from_text(text, Metadata(**metadata_of(r)))
            for r, text in zip(records, texts, strict=True)
        ]
        return [
            self._convert(doc) for doc in self.pipeline.pipe(documents, n_process=self.n_process)
        ]

    @staticmethod
    def _convert(document: Any) -> Prediction:
        claims = [
            Claim(
                s.start,
                s.end,
                str(s.attrs.get("stance")),
                int(s.attrs.get("level") or 0),
                bool(s.attrs.get("negated")),
                str(s.attrs.get("speaker")),
            )
            for s in document.layer("claims")
        ]
        redlines = []
        for span in document.layer("redlines"):
            if span.attrs.get("kind") == "condition":
                continue  # the same line as its conditional_threat
            evidence = [(span.start, span.end)]
            if span.attrs.get("sentence_span"):
                evidence.append(tuple(span.attrs["sentence_span"]))
            redlines.append(
                RedLine(
                    evidence,
                    _state(span.attrs.get("setter")),
                    [_state(a) for a in span.attrs.get("against") or []],
                )
            )
        calls = [
            (s.start, s.end) for s in document.layer("incitement") if s.label == "call_to_violence"
        ]
        votes: dict[str, Counter[str | None]] = {}
        for span in document.layer("groups"):
            if span.label == "we":
                votes.setdefault(str(span.attrs.get("speaker")), Counter())[
                    _state(span.attrs.get("actor_id"))
                ] += 1
        we = {voice: _majority(counter) for voice, counter in votes.items()}
        return Prediction(claims, redlines, calls, we)


def metadata_of(record: dict[str, Any]) -> dict[str, Any]:
    """What a user analysing the passage knows beside its text, as the dataset gives it: the
    language; who delivered a UN speech (its country); that a kremlin.ru item is the Kremlin's."""
    metadata: dict[str, Any] = {"language": record["lang"]}
    if record["dataset"] == "ungdc":
        import pycountry

        country = pycountry.countries.get(alpha_3=record["group"].removeprefix("ungdc:"))
        if country is not None:
            metadata["author"] = getattr(country, "common_name", None) or country.name
    elif record["dataset"] == "kremlin_en":
        metadata["author"] = "the Kremlin"
    return metadata


def _default_pipeline() -> Any:
    from redline.analysis import get_pipeline
    from redline.config import RedlineConfig

    return get_pipeline(RedlineConfig())


def _majority(votes: Counter[str | None]) -> str | None:
    resolved = Counter({k: v for k, v in votes.items() if k})
    return resolved.most_common(1)[0][0] if resolved else None


def _state(actor_id: Any) -> str | None:
    """Government ids stand for their state: 'gov_russia' is 'russia'."""
    return str(actor_id).removeprefix("gov_") if actor_id else None


# --- scoring ---------------------------------------------------------------------------------


@dataclass
class Tally:
    claims: PRF = field(default_factory=PRF)
    stance_pairs: list[tuple[str, str]] = field(default_factory=list)
    level_pairs: list[tuple[int, int]] = field(default_factory=list)
    top_pairs: dict[str, list[tuple[int, int]]] = field(
        default_factory=lambda: {s: [] for s in (*COUNTED, "passage")}
    )
    redlines: PRF = field(default_factory=PRF)
    redlines_span: PRF = field(default_factory=PRF)
    calls: PRF = field(default_factory=PRF)
    we: list[bool] = field(default_factory=list)


def _top(claims: Iterable[Claim], stances: Iterable[str]) -> int:
    wanted = set(stances)
    return max((c.level for c in claims if c.stance in wanted and not c.negated), default=-1)


def score_passage(
    record: dict[str, Any],
    gold: Prediction,
    predicted: Prediction | None,
    tallies: dict[str, Tally],
    voice_types: bool,
) -> None:
    """Add one passage to the tallies it belongs to ('all', its language, its genre; and
    per voice type, the claims of that voice type)."""
    predicted = predicted or Prediction()
    slices = ["all", f"lang={record['lang']}", f"genre={record['genre']}"]
    pairs = match_spans(
        [(c.start, c.end) for c in gold.claims], [(c.start, c.end) for c in predicted.claims]
    )
    for name in slices:
        tally = tallies.setdefault(name, Tally())
        tally.claims.add(PRF(len(pairs), len(predicted.claims), len(gold.claims)))
        for gi, pi in pairs:
            tally.stance_pairs.append((gold.claims[gi].stance, predicted.claims[pi].stance))
            tally.level_pairs.append((gold.claims[gi].level, predicted.claims[pi].level))
        for stance in COUNTED:
            g, p = _top(gold.claims, [stance]), _top(predicted.claims, [stance])
            if g >= 0 or p >= 0:
                tally.top_pairs[stance].append((g, p))
        tally.top_pairs["passage"].append(
            (
                _top(gold.claims, (*COUNTED, "question", "hypothetical")),
                _top(predicted.claims, (*COUNTED, "question", "hypothetical")),
            )
        )
        _score_redlines(gold, predicted, tally)
        tally.calls.add(
            PRF(
                len(match_spans(gold.calls, predicted.calls)), len(predicted.calls), len(gold.calls)
            )
        )
        if predicted.we_by_voice is not None:
            _score_we(record, predicted.we_by_voice, tally)
    if voice_types:
        matched = dict(pairs)
        for gi, claim in enumerate(gold.claims):
            tally = tallies.setdefault(f"voice={claim.voice}", Tally())
            tally.claims.add(PRF(gi in matched, 0, 1))
            if gi in matched:
                tally.stance_pairs.append((claim.stance, predicted.claims[matched[gi]].stance))
                tally.level_pairs.append((claim.level, predicted.claims[matched[gi]].level))


def _score_redlines(gold: Prediction, predicted: Prediction, tally: Tally) -> None:
    def hull(line: RedLine) -> tuple[int, int]:
        return min(s for s, _ in line.spans), max(e for _, e in line.spans)

    pairs = match_spans([hull(r) for r in gold.redlines], [hull(r) for r in predicted.redlines])
    right = 0
    for gi, pi in pairs:
        g, p = gold.redlines[gi], predicted.redlines[pi]
        if g.setter == p.setter and (not g.against or set(g.against) & set(p.against)):
            right += 1
    tally.redlines.add(PRF(right, len(predicted.redlines), len(gold.redlines)))
    tally.redlines_span.add(PRF(len(pairs), len(predicted.redlines), len(gold.redlines)))


def _score_we(record: dict[str, Any], we_by_voice: dict[str, str | None], tally: Tally) -> None:
    for voice in record["voices"]:
        if voice["we"] is None:
            continue  # not determinable, or no "we" in that voice
        if voice["type"] == "author":
            guess = we_by_voice.get("author")
        else:
            surname = voice["name"].lower().split()[-1] if voice["name"] else "\0"
            guess = next((we for name, we in we_by_voice.items() if surname in name.lower()), None)
        tally.we.append(guess == voice["we"])


# --- report ----------------------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _ratio(pairs: list[tuple[int, int]], within: int) -> float | None:
    return sum(abs(a - b) <= within for a, b in pairs) / len(pairs) if pairs else None


def summary_row(name: str, tally: Tally, has: set[str]) -> list[str]:
    stance = label_prf(tally.stance_pairs, STANCES)
    row = [
        name,
        f"{tally.claims.precision:.3f}",
        f"{tally.claims.recall:.3f}",
        f"{tally.claims.f1:.3f}",
        f"{macro_f1(stance):.3f}",
    ]
    row += [f"{stance[s].f1:.3f}" for s in ("threaten", "advocate", "reject", "predict", "report")]
    row += [_fmt(_ratio(tally.level_pairs, 0)), _fmt(_ratio(tally.level_pairs, 1))]
    advocated_or_threatened = tally.top_pairs["advocate"] + tally.top_pairs["threaten"]
    row += [
        _fmt(_ratio(advocated_or_threatened, 0)),
        _fmt(_ratio(tally.top_pairs["passage"], 0)),
        _fmt(_ratio(tally.top_pairs["passage"], 1)),
    ]
    row += [
        _fmt(tally.redlines.f1) if "redlines" in has else "—",
        _fmt(tally.redlines_span.f1) if "redlines" in has else "—",
        _fmt(sum(tally.we) / len(tally.we) if tally.we else None) if "we" in has else "—",
        _fmt(tally.calls.f1) if "calls" in has else "—",
    ]
    return row


HEADER = (
    "system",
    "claim P",
    "claim R",
    "claim F1",
    "stance macro-F1",
    "threaten F1",
    "advocate F1",
    "reject F1",
    "predict F1",
    "report F1",
    "level exact",
    "level ±1",
    "top adv/thr exact",
    "passage level exact",
    "passage level ±1",
    "red lines F1",
    "red lines F1 (span only)",
    "we acc.",
    "call F1",
)


def table(rows: list[list[str]], header: Iterable[str] = HEADER) -> list[str]:
    header = list(header)
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + [
        "| " + " | ".join(r) + " |" for r in rows
    ]


def run(args: argparse.Namespace) -> None:
    records = load_corpus(args.split)
    if getattr(args, "lang", None):
        records = [r for r in records if r["lang"] == args.lang]
    texts = [
        passage_text(r["dataset"], r["doc_id"], r["start"], r["end"], r["sha256"], args.data)
        for r in records
    ]
    if args.predictions_to:
        predictions = RedlineToday(args.n_process).predict(records, texts)
        rows = [_prediction_to_json(r["pid"], p) for r, p in zip(records, predictions, strict=True)]
        args.predictions_to.write_text(json.dumps(rows), encoding="utf-8")
        return
    golds = [gold_of(r) for r in records]
    full = {"redlines", "we", "calls"}
    systems: list[tuple[Any, set[str]]] = [(KeywordLadder(), set())]
    if args.before:
        systems.append((RedlineAtCommit(args.before, args.split, args.data), full))
    systems.append((RedlineToday(args.n_process, rules_only=True), full))
    for model in args.claim_model:
        systems.append((RedlineToday(args.n_process, model=model), full))
    systems += [
        (RedlineToday(args.n_process), full),
    ]
    results: dict[str, dict[str, Tally]] = {}
    per_passage: dict[str, list[tuple[dict[str, Any], Prediction, Prediction]]] = {}
    timings = {}
    for system, _ in systems:
        began = time.perf_counter()
        predictions = system.predict(records, texts)
        timings[system.name] = time.perf_counter() - began
        tallies: dict[str, Tally] = {}
        for record, gold, predicted in zip(records, golds, predictions, strict=True):
            score_passage(record, gold, predicted, tallies, voice_types=True)
        results[system.name] = tallies
        per_passage[system.name] = list(zip(records, golds, predictions, strict=True))
    write_report(args, records, results, systems, per_passage, timings)


def _interval(
    units: list[tuple[dict[str, Any], Prediction, Prediction]], measure: Callable[[Tally], float]
) -> str:
    def statistic(sample: list[Any]) -> float:
        tallies: dict[str, Tally] = {}
        for record, gold, predicted in sample:
            score_passage(record, gold, predicted, tallies, voice_types=False)
        return measure(tallies["all"])

    low, high = bootstrap_interval(units, statistic, samples=300)
    return f"{measure_all(units, measure):.3f} [{low:.3f}, {high:.3f}]"


def measure_all(units: list[Any], measure: Callable[[Tally], float]) -> float:
    tallies: dict[str, Tally] = {}
    for record, gold, predicted in units:
        score_passage(record, gold, predicted, tallies, voice_types=False)
    return measure(tallies["all"])


LANGUAGE_NAMES = {"en": "English", "ru": "Russian"}


def write_report(
    args: argparse.Namespace,
    records: list[dict[str, Any]],
    results: dict[str, dict[str, Tally]],
    systems: list[tuple[Any, set[str]]],
    per_passage: dict[str, Any],
    timings: dict[str, float],
) -> None:
    claims = sum(len(r["claims"]) for r in records)
    lines = [
        "# Escalation benchmark",
        "",
        f"`python benchmarks/escalation_benchmark.py {' '.join(sys.argv[1:]) or '--split test'}` — "
        "the escalation corpus "
        f"(`benchmarks/data/escalation/`, guidelines in ANNOTATION.md), split **{args.split}**"
        f"{f', {LANGUAGE_NAMES[args.lang]} passages only' if getattr(args, 'lang', None) else ''}: "
        f"{len(records)} passages, {claims} annotated claims "
        f"({sum(r['lang'] == 'en' for r in records)} English and {sum(r['lang'] == 'ru' for r in records)} Russian passages). "
        "The test split's digest was checked against `test.sha256` before scoring.",
        "",
        "Claims match one-to-one by character overlap; stance and level are scored on matched claims. "
        "*top adv/thr exact*: the passage's highest advocated and highest threatened level, exact, over "
        "passages where the annotation or the system has one. *passage level*: the highest level presented "
        "as happening, threatened, advocated, predicted, asked or supposed (rejected and negated claims "
        "excluded; no claim counts as -1). *red lines F1*: a red line counts when it overlaps the annotated "
        "condition-to-consequence stretch and its setter and one of its against-whom are right. "
        '*we acc.*: voices whose "we" the annotation resolves. *call F1*: call-to-violence spans by overlap.',
        "",
        "Systems: *keyword ladder* — every ladder word of `benchmarks/data/keyword_ladder.yaml` "
        "(English and Russian) is a claim at its rung, stance report. *Redline at "
        f"{BEFORE_CORPUS}* — Redline as it was before it was changed against this corpus (run from a "
        "git worktree of that commit). *rules alone* — today's analyzers with the claim model taken "
        "out. *claim model words-and-parse-alone* — the claim model trained without the rules' "
        "reading as features (`scripts/train_claims_model.py --families lex`), where it is unsure "
        "the rules decide. *default pipeline* — what `redline analyze` runs: the rules propose, the "
        "shipped claim model (trained on train, settings chosen on dev) drops non-claims and decides "
        "stance and level where it is sure. Russian passages are analysed by the Russian pipeline "
        "(`redline.russian`, Russian lexicons in `src/redline/data/ru/`); the commit before the "
        "corpus had none, so there its Russian passages count as misses.",
        "",
        "## All passages",
        "",
    ]
    lines += table([summary_row(s.name, results[s.name]["all"], has) for s, has in systems])
    lines += ["", "95% intervals (passages resampled, 300 draws):", ""]
    lines += table(
        [
            [
                s.name,
                _interval(per_passage[s.name], lambda t: t.claims.f1),
                _interval(
                    per_passage[s.name], lambda t: macro_f1(label_prf(t.stance_pairs, STANCES))
                ),
                _interval(per_passage[s.name], lambda t: _ratio(t.top_pairs["passage"], 0) or 0.0),
                _interval(per_passage[s.name], lambda t: _ratio(t.level_pairs, 1) or 0.0),
                _interval(per_passage[s.name], lambda t: t.calls.f1) if has else "—",
            ]
            for s, has in systems
        ],
        (
            "system",
            "claim F1",
            "stance macro-F1",
            "passage level exact",
            "level ±1",
            "call F1",
        ),
    )
    for prefix, title in (
        ("lang=", "By language"),
        ("genre=", "By genre"),
        ("voice=", "By voice type of the annotated claim"),
    ):
        lines += ["", f"## {title}", ""]
        rows = []
        for system, has in systems:
            for key in sorted(k for k in results[system.name] if k.startswith(prefix)):
                n = sum(
                    1 for r in records if prefix != "voice=" and f"{prefix}{r[prefix[:-1]]}" == key
                )
                label = f"{system.name}: {key.removeprefix(prefix)}" + (
                    f" ({n} passages)" if n else ""
                )
                row = summary_row(label, results[system.name][key], has)
                if prefix == "voice=":
                    row = row[:1] + ["—", row[2], "—"] + row[4:12] + ["—"] * 7
                rows.append(row)
        lines += table(rows)
    lines += ["", "## Stance and level of the annotated claims", ""]
    counts = Counter(c["stance"] for r in records for c in r["claims"])
    levels = Counter(c["level"] for r in records for c in r["claims"])
    lines += table([[s, str(counts[s])] for s in STANCES], ("stance", "claims"))
    lines += [
        "",
        *table([[str(level), str(levels[level])] for level in range(6)], ("level", "claims")),
    ]
    lines += ["", "## Time", ""]
    lines += [
        f"- {name}: {seconds:.1f} s for {len(records)} passages"
        for name, seconds in timings.items()
    ]
    if args.speed_words:
        from claims_benchmark import speed

        lines += [
            "",
            "## Speed: the full default pipeline against spaCy alone, same words, same run",
            "",
        ]
        lines += [
            speed(
                args.data / "propaganda" / "ptc" / "train-articles",
                args.speed_words,
                _default_pipeline(),
            )
        ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:20]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=("train", "dev", "test", "all"))
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks" / "results" / "escalation.md"
    )
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument(
        "--lang", choices=("en", "ru"), help="score the passages of one language only"
    )
    parser.add_argument(
        "--before",
        default=BEFORE_CORPUS,
        help="also score Redline as it was at this commit ('' to skip)",
    )
    parser.add_argument(
        "--speed-words",
        type=int,
        default=200_000,
        help="words of PTC train articles for the speed section (0 skips it)",
    )
    parser.add_argument(
        "--claim-model",
        type=Path,
        action="append",
        default=[],
        help="also score the default pipeline with this claim model folder",
    )
    parser.add_argument("--predictions-to", type=Path, help=argparse.SUPPRESS)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
