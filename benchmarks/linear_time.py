"""Linear time: the whole default pipeline on a ~20k- and a ~200k-character transcript.

    python benchmarks/linear_time.py [--text src/redline/samples/interview.txt ...]
        [--sizes 20000 200000] [--repeats 3] [--out benchmarks/results/linear_time.md]

Each ``--text`` (one report section each) is a text file, or ``corpus.jsonl#id`` for one
document of a JSON Lines corpus (its ``date`` is kept: the actors layer resolves role titles on
it); a relative path is read from the project root. For each size the text is
repeated (copies joined by a blank line) and cut at the last line break before that many
characters, so a real text longer than the size gives its opening paragraphs.

Each text goes through :func:`redline.analyze`, the ordinary library call (what ``redline
analyze`` runs): default configuration, one process, nothing set by the benchmark; models are
loaded by a warm-up call first. Runs alternate between the sizes (small, large, small, ...) so
that other work on a shared machine slows both alike; the fastest of ``--repeats`` runs counts.
Per-word time is seconds over whitespace-separated words; the target is the large text's
per-word time within 1.5x the small one's; the script exits 1 when a text misses it.

A second table times each step alone (the parse, then each analyzer over the layers before
it): a step whose ratio stands well above the others' is the one that grows faster than the
text.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

import psutil

import redline
from redline.document import Document, Metadata
from redline.nlp import blas_limited, load_pipeline
from redline.parsing import parse
from redline.pipeline import Pipeline, merge_output, runs_on, with_language

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "redline" / "samples" / "interview.txt"
RESULTS = ROOT / "benchmarks" / "results" / "linear_time.md"
TARGET = 1.5
T = TypeVar("T")


# -- the texts ------------------------------------------------------------------------------


def read_source(source: str) -> tuple[str, Metadata]:
    """A text file, or ``path.jsonl#id``: its text and what the corpus says of its date."""
    path, _, wanted = source.partition("#")
    if not wanted:
        return Path(path).read_text(encoding="utf-8"), Metadata()
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("id") == wanted:
                return record["text"], Metadata(date=record.get("date"), title=record.get("title"))
    raise SystemExit(f"no document with id {wanted!r} in {path}; give an id the file has")


def sized(text: str, size: int) -> str:
    """``text`` repeated and cut at the last line break before ``size`` characters."""
    copies = size // (len(text) + 2) + 1
    repeated = "\n\n".join([text.strip()] * copies)
    if len(repeated) <= size:
        return repeated
    # At a line break (a turn's or a paragraph's end), else a space: never in a word.
    for mark in ("\n", " "):
        cut = repeated.rfind(mark, 0, size + 1)
        if cut > 0:
            return repeated[:cut].rstrip()
    return repeated[:size]


def words(text: str) -> int:
    return len(text.split())


# -- timing ---------------------------------------------------------------------------------


def whole_pipeline(texts: list[str], metadata: Metadata, repeats: int) -> list[float]:
    """The fastest of ``repeats`` runs of :func:`redline.analyze` over each text, alternating."""
    redline.analyze("Host: Will they strike?\nGuest: They will not.")  # loads the models
    best = [float("inf")] * len(texts)
    for _ in range(repeats):
        for index, text in enumerate(texts):
            document = Document.from_text(text, metadata)
            started = time.perf_counter()
            redline.analyze(document)
            best[index] = min(best[index], time.perf_counter() - started)
    return best


def per_step(text: str, metadata: Metadata) -> dict[str, float]:
    """Seconds of the parse and of each analyzer of the default pipeline over ``text``, in the
    text's language and with that language's spaCy pipeline, as :meth:`Pipeline.run` picks
    them (a Russian text read by the English steps would time code no user runs on it)."""
    pipeline = Pipeline.from_names()
    pipeline.initialize()
    document = with_language(Document.from_text(text, metadata))
    context = pipeline.context_for(document)
    nlp = load_pipeline(context.nlp_name, context.language)
    seconds: dict[str, float] = {}
    with blas_limited():  # as Pipeline.run holds it around its analyzers
        parsed = _timed(seconds, "parse (spaCy)", partial(parse, nlp, text))
        context = pipeline.context_for(document, preparsed=parsed)
        for analyzer in pipeline.analyzers:
            if not runs_on(analyzer, context.language):
                continue
            output = _timed(seconds, analyzer.name, partial(analyzer.analyze, document, context))
            document = merge_output(document, analyzer, output)
    return seconds


def _timed(seconds: dict[str, float], name: str, step: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = step()
    seconds[name] = time.perf_counter() - started
    return result


# -- the report -----------------------------------------------------------------------------


def machine() -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor() or "unknown CPU",
    )  # fmt: skip
    memory = psutil.virtual_memory().total / 2**30
    return (f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB, {platform.system()} "
            f"{platform.machine()}, Python {platform.python_version()}")  # fmt: skip


def blas() -> str:
    from threadpoolctl import threadpool_info

    pools = [p for p in threadpool_info() if p["user_api"] == "blas"]
    return (
        ", ".join(
            f"{p['internal_api']} {p['version']} ({p['num_threads']} threads outside a run)"
            for p in pools
        )
        or "none found"
    )


def whole_table(texts: list[str], seconds: list[float]) -> tuple[str, float]:
    rows = ["| text | characters | words | seconds | µs per word |", "|---|---|---|---|---|"]
    per_word = [s / words(t) * 1e6 for t, s in zip(texts, seconds, strict=True)]
    for text, took, micro in zip(texts, seconds, per_word, strict=True):
        size = f"~{round(len(text) / 1000)}k characters | {len(text):,} | {words(text):,}"
        rows.append(f"| {size} | {took:.2f} | {micro:,.0f} |")
    ratio = per_word[-1] / per_word[0]
    verdict = f"({'within' if ratio <= TARGET else '**above**'} the {TARGET}x target)"
    rows.append(f"| per-word time, largest / smallest | | | | **{ratio:.2f}** {verdict} |")
    return "\n".join(rows), ratio


def step_table(texts: list[str], steps: list[dict[str, float]]) -> str:
    sizes = " | ".join(f"~{round(len(t) / 1000)}k: µs per word" for t in texts)
    rows = [f"| step | {sizes} | ratio |", "|---" * (len(texts) + 2) + "|"]
    for name in steps[0]:
        micro = [s[name] / words(t) * 1e6 for t, s in zip(texts, steps, strict=True)]
        ratio = f"{micro[-1] / micro[0]:.2f}" if micro[0] > 0 else "—"
        rows.append(f"| {name} | " + " | ".join(f"{m:,.1f}" for m in micro) + f" | {ratio} |")
    return "\n".join(rows)


def section(source: str, sizes: list[int], repeats: int) -> tuple[str, float]:
    """The report on one text, and its per-word ratio, largest size over smallest."""
    path = source if Path(source.partition("#")[0]).is_absolute() else str(ROOT / source)
    text, metadata = read_source(path)
    texts = [sized(text, size) for size in sorted(sizes)]
    seconds = whole_pipeline(texts, metadata, repeats)
    steps = [per_step(t, metadata) for t in texts]
    table, ratio = whole_table(texts, seconds)
    dated = f", dated {metadata.date}" if metadata.date else ""
    return "\n".join([
        f"## `{source}`", "",
        f"{len(text):,} characters{dated}, repeated and cut at a line break; each size through "
        f"`redline.analyze`, fastest of {repeats} alternating runs.", "",
        table, "",
        "Each step alone (one run each; the ratio is of µs per word, largest over smallest):", "",
        step_table(texts, steps), "",
    ]), ratio  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--text",
        nargs="+",
        default=[str(SAMPLE.relative_to(ROOT))],
        help="text files or corpus.jsonl#id, one section each (default: the interview sample)",
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    sections, ratios = zip(
        *(section(source, args.sizes, args.repeats) for source in args.text), strict=True
    )
    command = "python benchmarks/linear_time.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    report = "\n".join([
        "# Linear time: the whole default pipeline, short and long", "",
        f"Command: `{command.strip()}` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}).", "",
        f"Machine: {machine()}; BLAS: {blas()}. Load average (1 min) {load:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after: other work shared the cores, so each figure is the "
        "fastest of alternating runs and only ratios within one run are compared.", "",
        "Target: the ~200k-character text's per-word time within "
        f"{TARGET}x the ~20k-character one's, for the whole pipeline.", "",
        *sections,
    ])  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0 if max(ratios) <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
