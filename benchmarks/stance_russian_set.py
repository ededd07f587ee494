"""Russian stance and level on a hand-written set: for each sentence, the claim Redline finds at
the labelled trigger, with the stance and ladder level it gives.

    python benchmarks/stance_russian_set.py [--set benchmarks/data/stance_ru_set.tsv]
        [--data ../shared/data] [--out benchmarks/results/stance_russian_set.md] [--show]
        [--held-out] [--no-baseline] [--verdicts-to FILE]

The escalation corpus's Russian train and dev splits hold few claims of the rarer stances (16
threatened, 48 rejected and 77 advocated in train), so rules tuned there carry unevenly to unseen
text. This set, written for Redline in three registers (official statements and briefings; news
and analysis; posts, comments and talk-show turns) and labelled to the corpus's guidelines
(``benchmarks/data/escalation/ANNOTATION.md`` §5-6), names one action per sentence by its
trigger words; only that claim is scored. It is a development set: its figures say what the
rules cover, the corpus's test split says how they carry. A second set,
``benchmarks/data/stance_ru_heldout.tsv``, written after the first rules were, is measured
with ``--held-out`` and never studied.

Scored as the corpus scores matched claims: a sentence's claim is the Redline claim that
overlaps the trigger (the largest overlap, then the shortest claim); stance per-label F1 and
macro-F1, level exact and within one, over the sentences where a claim was found. The simple
alternative is a TF-IDF + logistic-regression stance classifier trained on the sentences around
the corpus's Russian train claims (regularisation chosen on dev), scored on every sentence.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from escalation_corpus import STANCES
from escalation_metrics import label_prf, macro_f1
from escalation_sources import DEFAULT_DATA, passage_text

from redline.document import Document, Metadata

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT / "benchmarks" / "data" / "stance_ru_set.tsv"
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "stance_russian_set.md"
CORPUS = ROOT / "benchmarks" / "data" / "escalation" / "passages.jsonl"


@dataclass(frozen=True)
class Item:
    """One labelled sentence: the action at ``trigger`` has ``stance`` and ``level``."""

    register: str
    section: str
    stance: str
    level: int
    trigger: str
    text: str
    author: str | None = None  # whose statement it is, where the stance turns on it


@dataclass(frozen=True)
class Verdict:
    """What Redline said of an item's action (``stance`` is None when it found no claim)."""

    stance: str | None
    level: int | None


def read_set(path: Path) -> list[Item]:
    """Items of the set; ``# register: name`` and ``# section`` lines name those below them
    (``# note: ...`` lines explain the next item's label)."""
    items: list[Item] = []
    register = section = ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            note = line[1:].strip()
            if note.startswith("register:"):
                register, section = note.partition(":")[2].strip(), ""
            elif note and not note.lower().startswith("note"):
                section = note
            continue
        fields = line.split("\t")
        if len(fields) not in (4, 5) or fields[0] not in STANCES or not fields[1].isdigit():
            raise SystemExit(
                f"{path}:{number}: expected stance, level, trigger, text and an optional author"
                " (tab-separated)"
            )
        stance, level, trigger, text = fields[:4]
        if text.count(trigger) != 1:
            raise SystemExit(f"{path}:{number}: the trigger {trigger!r} is not once in the text")
        author = fields[4].strip() if len(fields) == 5 else None
        items.append(Item(register, section, stance, int(level), trigger, text, author or None))
    return items


def verdict_of(document: Document, item: Item) -> Verdict:
    """The claim at the trigger: the largest overlap, then the shortest span."""
    start = item.text.index(item.trigger)
    end = start + len(item.trigger)
    overlapping = [
        (min(end, span.end) - max(start, span.start), -(span.end - span.start), span)
        for span in document.layer("claims")
        if min(end, span.end) > max(start, span.start)
    ]
    if not overlapping:
        return Verdict(None, None)
    span = max(overlapping, key=lambda t: t[:2])[2]
    return Verdict(str(span.attrs.get("stance")), int(span.attrs.get("level") or 0))


def redline_verdicts(items: list[Item]) -> list[Verdict]:
    from redline.analysis import get_pipeline
    from redline.config import RedlineConfig

    pipeline = get_pipeline(RedlineConfig())
    documents = [
        Document.from_text(item.text, Metadata(language="ru", author=item.author)) for item in items
    ]
    return [
        verdict_of(document, item)
        for document, item in zip(pipeline.pipe(documents), items, strict=True)
    ]


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of ``text`` holding ``start:end`` (stance cues often sit outside a claim)."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _SENTENCE_END.finditer(text, end)), len(text))
    return text[left:right]


def corpus_sentences(split: str, data: Path) -> tuple[list[str], list[str]]:
    """(sentence around the claim, gold stance) for the corpus's Russian claims of a split."""
    sentences: list[str] = []
    stances: list[str] = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["split"] != split or record["lang"] != "ru":
            continue
        text = passage_text(
            record["dataset"], record["doc_id"], record["start"], record["end"],
            record["sha256"], data,
        )  # fmt: skip
        for claim in record["claims"]:
            sentences.append(_sentence_around(text, claim["start"], claim["end"]))
            stances.append(claim["stance"])
    return sentences, stances


def baseline_stances(items: list[Item], data: Path) -> tuple[list[str], str]:
    """TF-IDF (words and character n-grams) + LR on the corpus's Russian train, C chosen on dev."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline, make_pipeline, make_union

    def model(c: float, weight: str | None) -> Pipeline:
        features = make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
        )
        return make_pipeline(features, LogisticRegression(C=c, class_weight=weight, max_iter=2000))

    train_x, train_y = corpus_sentences("train", data)
    dev_x, dev_y = corpus_sentences("dev", data)
    best: tuple[float, float, str | None] = (-1.0, 1.0, None)
    for c in (0.3, 1.0, 3.0, 10.0, 30.0):
        for weight in (None, "balanced"):
            fitted = model(c, weight).fit(train_x, train_y)
            dev_pairs = list(zip(dev_y, fitted.predict(dev_x), strict=True))
            best = max(
                best, (macro_f1(label_prf(dev_pairs, STANCES)), c, weight), key=lambda t: t[0]
            )
    _, c, weight = best
    fitted = model(c, weight).fit(train_x + dev_x, train_y + dev_y)
    setting = f"C={c}" + (", balanced classes" if weight else "")
    return [str(s) for s in fitted.predict([item.text for item in items])], setting


@dataclass(frozen=True)
class Scores:
    found: int
    total: int
    stance_macro: float
    per_stance: dict[str, float]
    level_exact: float
    level_within_one: float


def score(items: list[Item], verdicts: list[Verdict]) -> Scores:
    """Stance and level over the items where a claim was found at the trigger."""
    matched = [(i, v) for i, v in zip(items, verdicts, strict=True) if v.stance is not None]
    per = label_prf([(i.stance, str(v.stance)) for i, v in matched], STANCES)
    levels = [(i.level, v.level or 0) for i, v in matched]
    n = max(1, len(levels))
    return Scores(
        found=len(matched),
        total=len(items),
        stance_macro=macro_f1(per),
        per_stance={label: prf.f1 for label, prf in per.items() if prf.gold},
        level_exact=sum(g == p for g, p in levels) / n,
        level_within_one=sum(abs(g - p) <= 1 for g, p in levels) / n,
    )


def macro_interval(
    items: list[Item], verdicts: list[Verdict], draws: int = 300, seed: int = 0
) -> tuple[float, float]:
    """A 95% interval of the stance macro-F1, the sentences resampled (the set is small: a
    change whose margin lies inside it is no win)."""
    rng = random.Random(seed)
    pairs = list(zip(items, verdicts, strict=True))
    found = sorted(
        score(*map(list, zip(*rng.choices(pairs, k=len(pairs)), strict=True))).stance_macro
        for _ in range(draws)
    )
    return found[int(0.025 * draws)], found[int(0.975 * draws) - 1]


def _row(name: str, scores: Scores, levels: bool = True) -> str:
    per = " | ".join(
        f"{scores.per_stance[s]:.3f}" if s in scores.per_stance else "—" for s in STANCES
    )
    level = f"{scores.level_exact:.3f} | {scores.level_within_one:.3f}" if levels else "— | —"
    found = f"{scores.found} of {scores.total}"
    return f"| {name} | {found} | {scores.stance_macro:.3f} | {per} | {level} |"


def report(
    items: list[Item],
    verdicts: list[Verdict],
    baseline: list[str] | None,
    baseline_setting: str | None,
    path: Path,
    held_out: bool = False,
) -> str:
    header = (
        "| system | claim found | stance macro-F1 | "
        + " | ".join(STANCES)
        + " | level exact | level ±1 |\n|"
        + "---|" * (len(STANCES) + 5)
    )
    # The baseline answers for every sentence; Redline read the same way counts a sentence
    # where it found no claim as "report" (what a reader of its output would assume).
    every = [Verdict(v.stance or "report", v.level or 0) for v in verdicts]
    rows = []
    if baseline is not None:
        scores = score(items, [Verdict(stance, None) for stance in baseline])
        rows.append(_row(f"TF-IDF + LR ({baseline_setting})", scores, levels=False))
    rows.append(_row("Redline, every sentence (no claim = report)", score(items, every)))
    rows.append(_row("Redline (default pipeline)", score(items, verdicts)))
    for register in dict.fromkeys(i.register for i in items):
        chosen = [(i, v) for i, v in zip(items, verdicts, strict=True) if i.register == register]
        rows.append(_row(f"Redline: {register}", score(*map(list, zip(*chosen, strict=True)))))
    intervals = [
        ("Redline (default pipeline)", macro_interval(items, verdicts)),
        ("Redline, every sentence (no claim = report)", macro_interval(items, every)),
    ]
    confusion = Counter(
        (i.stance, v.stance or "no claim") for i, v in zip(items, verdicts, strict=True)
    )
    shown = Path(path)
    where = shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown
    command = "python benchmarks/stance_russian_set.py"
    command += f" --set {where}" if shown != DEFAULT_SET.resolve() else ""
    command += " --held-out" if held_out else ""
    purpose = (
        "A held-out set written for Redline and labelled to the escalation corpus's guidelines,"
        " measured and not studied: its errors are not listed."
        if held_out
        else "A development set written for Redline and labelled to the escalation corpus's"
        " guidelines; the corpus's test split is the held-out measure."
    )
    lines = [
        f"# Russian stance and level: a hand-written set{' (held out)' if held_out else ''}",
        "",
        f"Command: `{command}` ({time.strftime('%Y-%m-%d')}); set `{where}`"
        f" ({len(items)} sentences; "
        + ", ".join(f"{s} {n}" for s, n in Counter(i.stance for i in items).most_common())
        + ").",
        "",
        purpose + " Stance and level are scored where Redline found a claim at the trigger;"
        " the baseline is scored on every sentence.",
        "",
        header,
        *rows,
        "",
        "Stance macro-F1, 95% interval (sentences resampled, 300 draws): "
        + "; ".join(f"{name} [{low:.3f}, {high:.3f}]" for name, (low, high) in intervals)
        + ".",
        "",
    ]
    if not held_out:
        wrong = [(pair, n) for pair, n in confusion.most_common() if pair[0] != pair[1]]
        lines += ["Gold stance -> Redline's (errors only):", ""]
        lines += [f"- {gold} -> {got}: {n}" for (gold, got), n in wrong] + [""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--held-out", action="store_true", help="a set measured, not studied: list no errors"
    )
    parser.add_argument("--show", action="store_true", help="print every verdict")
    parser.add_argument(
        "--verdicts-to", type=Path, help="write each sentence's stance and level as JSON"
    )
    args = parser.parse_args(argv)
    items = read_set(args.set)
    if args.show and args.held_out:
        raise SystemExit("--show would list a held-out set's errors: measure it, do not study it")
    verdicts = redline_verdicts(items)
    baseline, setting = (None, None) if args.no_baseline else baseline_stances(items, args.data)
    if args.show:
        for item, verdict in zip(items, verdicts, strict=True):
            mark = "ok" if verdict.stance == item.stance else "XX"
            print(
                f"{mark}\t{item.stance}/{item.level}\t{verdict.stance}/{verdict.level}"
                f"\t[{item.trigger}]\t{item.text}"
            )
    if args.verdicts_to:
        rows = [{"stance": v.stance, "level": v.level} for v in verdicts]
        args.verdicts_to.write_text(json.dumps(rows), encoding="utf-8")
    text = report(items, verdicts, baseline, setting, args.set.resolve(), args.held_out)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
