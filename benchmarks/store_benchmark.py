"""Corpus store benchmark: store size, trends query times on 100k documents, resume after kill -9.

    nice python benchmarks/store_benchmark.py   # all of it; writes benchmarks/results/store.md
    nice python benchmarks/store_benchmark.py --documents 20000 --skip-resume

1. **Store size** per 1,000 documents, from real analyses: the bundled sample interview and
   the seed documents beside the checkout (when present), each analysed by the full default
   pipeline and stored 1,000 times over with a distinct reader comment appended (so each copy
   has its own content hash and the annotation density of a real analysed document).
2. **Pipeline throughput** (documents/s) of ``redline corpus add`` with the default analyzers
   on every core, over 24 such documents.
3. **Trends queries** on N synthetic annotated documents (default 100,000) written straight
   into the store, not through spaCy: 60 authors, 12 outlets, 300 speakers, two years of dates,
   about 19 spans a document. Each query runs three times; the median is reported.
4. **Resume**: ``redline corpus add`` (structure analyzer) over a JSONL corpus is killed with
   SIGKILL midway, then run again; documents before and after and duplicates are counted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from redline.analyzers.escalation import profile
from redline.config import RedlineConfig
from redline.document import Document, Metadata, Span, content_id
from redline.store import CorpusStore, add_sources
from redline.store.batch import chunked
from redline.store.trends import (
    Window,
    alignment_edges,
    escalation_trends,
    redlines_over_time,
    technique_frequencies,
    top_actors,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [
    ROOT / "src" / "redline" / "samples" / "interview.txt",
    *sorted((ROOT.parent / "shared" / "seeds").glob("*.txt")),
]
RESULTS = ROOT / "benchmarks" / "results" / "store.md"
VERSIONS = {
    "structure": "1.0.0",
    "actors": "1.0.0",
    "groups": "1.0.0",
    "alignment": "1.0.0",
    "claims": "1.0.0",
    "redlines": "1.0.0",
    "escalation": "1.0.0",
    "techniques": "1.0.0",
}


# -- 1 and 2: real analyses -----------------------------------------------------------------------


def _variants(documents: list[Document], count: int) -> Iterator[Document]:
    """``count`` copies of the analysed documents, each with a distinct comment appended."""
    for n in range(count):
        base = documents[n % len(documents)]
        text = f"{base.text}\n\nReader {n}: thanks for publishing this, number {n}.\n"
        yield Document(
            schema_version=base.schema_version,
            id=content_id(text),
            text=text,
            metadata=base.metadata,
            layers=base.layers,
            relations=base.relations,
        )


def store_size(workdir: Path) -> dict[str, float]:
    from redline.analysis import analyze_file

    analysed = [analyze_file(path) for path in SAMPLES]
    db = workdir / "size.duckdb"
    with CorpusStore.open(db) as store:
        for chunk in chunked(_variants(analysed, 1000), 200):
            store.write(chunk, VERSIONS)
        store.con.execute("CHECKPOINT")
    spans = sum(len(list(d.spans())) for d in analysed) / len(analysed)
    chars = sum(len(d.text) for d in analysed) / len(analysed)
    return {"bytes": db.stat().st_size, "spans": spans, "chars": chars, "sources": len(analysed)}


def throughput(workdir: Path, count: int = 24) -> dict[str, float]:
    from redline.readers import read_sources

    texts = [
        d
        for d in read_sources([str(p) for p in SAMPLES], max_bytes=5_000_000)
        if isinstance(d, Document)
    ]
    corpus = workdir / "throughput.jsonl"
    with corpus.open("w", encoding="utf-8") as stream:
        for n in range(count):
            text = f"{texts[n % len(texts)].text}\n\nReader {n}: thanks for this, number {n}.\n"
            stream.write(json.dumps({"text": text}) + "\n")
    with CorpusStore.open(workdir / "throughput.duckdb") as store:
        report = add_sources(store, [str(corpus)], config=RedlineConfig())
    return {
        "documents": report.added,
        "seconds": report.seconds,
        "rate": report.rate,
        "cores": os.cpu_count() or 1,
    }


# -- 3: synthetic corpus and trends ---------------------------------------------------------------

WORDS = [
    "talks",
    "sanctions",
    "strike",
    "border",
    "troops",
    "corridor",
    "ceasefire",
    "nuclear",
    "capital",
    "regime",
    "ministers",
    "agreed",
    "warned",
    "rejected",
    "demanded",
    "threatened",
    "resume",
    "offensive",
    "aid",
]
STANCES = ("advocate", "threaten", "predict", "report", "question", "hypothetical", "reject")
TECHNIQUES = (
    "Loaded_Language",
    "Doubt",
    "Appeal_to_Fear-Prejudice",
    "Exaggeration-Minimisation",
    "Name_Calling-Labeling",
    "Flag_Waving",
    "Slogans",
    "Causal_Oversimplification",
)
ACTORS = [
    (f"actor_{n}", f"Actor {n}", ("state", "person", "organisation", "place")[n % 4])
    for n in range(400)
]


def _span(
    doc_id: str,
    text: str,
    start: int,
    end: int,
    label: str,
    analyzer: str,
    attrs: dict[str, object],
) -> Span:
    return Span.model_construct(
        id=f"{analyzer}/{start}-{end}/{label}",
        start=start,
        end=end,
        label=label,
        text=text[start:end],
        analyzer=analyzer,
        rule="synthetic",
        confidence=0.7,
        attrs=attrs,
    )


def synthetic_document(n: int, draw: random.Random) -> Document:
    """One annotated document, made directly (no spaCy): sentences, actors, claims, more."""
    sentences = [
        " ".join(draw.choice(WORDS) for _ in range(draw.randint(8, 16))).capitalize() + "."
        for _ in range(draw.randint(6, 14))
    ]
    text = f"Dispatch {n}. " + " ".join(sentences)
    words = [(m, m + len(w)) for m, w in _word_offsets(text)]
    speakers = [f"speaker {draw.randrange(300)}" for _ in range(draw.randint(1, 3))]
    doc_id = content_id(text)
    pick = lambda k: sorted(draw.sample(words, min(k, len(words))))  # noqa: E731 - a one-line helper read where it is used
    layers: dict[str, list[Span]] = {
        "sentences": [],
        "actors": [],
        "claims": [],
        "techniques": [],
        "redlines": [],
        "alignment": [],
    }
    layers["sentences"] = [
        _span(doc_id, text, 0, len(text), "sentence", "structure", {"section": "body"})
    ]
    for start, end in pick(draw.randint(4, 12)):
        actor_id, name, kind = ACTORS[min(int(draw.paretovariate(1.2)) - 1, len(ACTORS) - 1)]
        layers["actors"].append(
            _span(
                doc_id,
                text,
                start,
                end,
                kind,
                "actors",
                {"actor_id": actor_id, "name": name, "type": kind, "linked": True},
            )
        )
    for start, end in pick(draw.randint(2, 10)):
        stance = draw.choice(STANCES)
        layers["claims"].append(
            _span(
                doc_id,
                text,
                start,
                end,
                stance,
                "claims",
                {
                    "stance": stance,
                    "stances": [stance],
                    "action": text[start:end],
                    "level": draw.choice((0, 0, 1, 1, 2, 3, 4, 5)),
                    "speaker": draw.choice(speakers),
                    "section": "body",
                    "actor": draw.choice(ACTORS)[0],
                },
            )
        )
    for start, end in pick(draw.randint(0, 6)):
        label = draw.choice(TECHNIQUES)
        layers["techniques"].append(
            _span(
                doc_id,
                text,
                start,
                end,
                label,
                "techniques",
                {"techniques": [label], "source": "model"},
            )
        )
    if draw.random() < 0.4:
        start, end = pick(1)[0]
        setter = draw.choice(ACTORS)
        layers["redlines"].append(
            _span(
                doc_id,
                text,
                start,
                end,
                "conditional_threat",
                "redlines",
                {
                    "kind": "conditional_threat",
                    "setter": setter[0],
                    "setter_name": setter[1],
                    "level": draw.randint(1, 5),
                    "speaker": speakers[0],
                },
            )
        )
    if draw.random() < 0.3:
        start, end = pick(1)[0]
        (a, a_name, _), (b, b_name, _) = draw.sample(ACTORS[:60], 2)
        layers["alignment"].append(
            _span(
                doc_id,
                text,
                start,
                end,
                draw.choice(("ally", "enemy", "vassal")),
                "alignment",
                {"a": a, "a_name": a_name, "b": b, "b_name": b_name},
            )
        )
    claims = layers["claims"]
    summary = profile(claims)
    summary["by_speaker"] = {
        s: profile([c for c in claims if c.attrs["speaker"] == s]) for s in speakers
    }
    day = 730 * draw.random() ** 0.8
    metadata = Metadata(
        author=f"author {draw.randrange(60)}",
        outlet=f"outlet {draw.randrange(12)}",
        date=time.strftime("%Y-%m-%d", time.gmtime(1_672_531_200 + int(day) * 86_400)),
        extra={"escalation": summary},
    )
    return Document.model_construct(
        schema_version="1.0",
        id=doc_id,
        text=text,
        metadata=metadata,
        layers={k: tuple(v) for k, v in layers.items()},
        relations=(),
    )


def _word_offsets(text: str) -> Iterator[tuple[int, str]]:
    position = 0
    for word in text.split(" "):
        yield position, word.rstrip(".")
        position += len(word) + 1


def synthetic_store(db: Path, count: int) -> dict[str, float]:
    draw = random.Random(2024)
    started = time.perf_counter()
    with CorpusStore.open(db) as store:
        for chunk in chunked((synthetic_document(n, draw) for n in range(count)), 2000):
            store.write(chunk, VERSIONS)
        store.con.execute("CHECKPOINT")
        spans = sum(
            store.count(t)
            for t in ("spans", "actors", "claims", "techniques", "redlines", "alignment_edges")
        )
    return {"seconds": time.perf_counter() - started, "bytes": db.stat().st_size, "spans": spans}


QUERIES: dict[str, Callable[[duckdb.DuckDBPyConnection], duckdb.DuckDBPyRelation]] = {
    **{
        f"escalation by {by}, per {every}": (
            lambda con, by=by, every=every: escalation_trends(con, by=by, every=every)
        )
        for by in ("author", "outlet", "speaker")
        for every in ("day", "week", "month")
    },
    "techniques per author": lambda con: technique_frequencies(con, by="author"),
    "top 20 actors, one quarter": lambda con: top_actors(
        con, window=Window("2024-01-01", "2024-03-31")
    ),
    "top 20 actors, all time": lambda con: top_actors(con),
    "alignment graph, one quarter": lambda con: alignment_edges(
        con, window=Window("2024-01-01", "2024-03-31")
    ),
    "red lines per actor, per month": lambda con: redlines_over_time(con, every="month"),
}


def time_queries(db: Path) -> list[tuple[str, int, float]]:
    timings = []
    with CorpusStore.open(db, read_only=True) as store:
        for name, query in QUERIES.items():
            runs = []
            for _ in range(3):
                started = time.perf_counter()
                rows = len(query(store.con).df())
                runs.append(time.perf_counter() - started)
            timings.append((name, rows, statistics.median(runs)))
    return timings


# -- 4: resume after kill -9 ----------------------------------------------------------------------


def resume_check(workdir: Path, unique: int = 3000, duplicates: int = 10) -> dict[str, float]:
    draw = random.Random(7)
    corpus, db = workdir / "resume.jsonl", workdir / "resume.duckdb"
    rows = [
        {
            "text": f"Host: Question {n}: {' '.join(draw.choice(WORDS) for _ in range(12))}?\n"
            f"Guest: The {draw.choice(WORDS)} will {draw.choice(WORDS)} soon, answer {n}.\n"
        }
        for n in range(unique)
    ]
    corpus.write_text(
        "".join(json.dumps(r) + "\n" for r in rows + rows[:duplicates]), encoding="utf-8"
    )
    command = [
        sys.executable,
        "-m",
        "redline",
        "corpus",
        "add",
        str(corpus),
        "--db",
        str(db),
        "--analyzers",
        "structure",
        "--commit-every",
        "50",
        "-q",
    ]
    subprocess.run([sys.executable, "-m", "redline", "corpus", "init", "--db", str(db)], check=True)
    batch = subprocess.Popen(command, start_new_session=True)
    wal = db.with_name(db.name + ".wal")
    while batch.poll() is None and not (wal.exists() and wal.stat().st_size > 400_000):
        time.sleep(0.05)
    os.killpg(batch.pid, signal.SIGKILL)
    batch.wait()
    before = _count(db)
    started = time.perf_counter()
    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    after = _count(db)
    return {
        "unique": unique,
        "duplicates_in_input": duplicates,
        "before": before[0],
        "after": after[0],
        "duplicate_documents": after[1],
        "duplicate_spans": after[2],
        "rerun_seconds": seconds,
        "rerun_rate": (after[0] - before[0]) / seconds,
        "rerun_exit": rerun.returncode,
    }


def _count(db: Path) -> tuple[int, int, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        total, distinct = con.execute(
            "SELECT count(*), count(DISTINCT id) FROM documents"
        ).fetchall()[0]
        spans = con.execute(
            "SELECT count(*) FROM (SELECT doc_id, span_id FROM spans GROUP BY ALL "
            "HAVING count(*) > 1)"
        ).fetchall()[0][0]
    return total, total - distinct, spans


# -- report ---------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--documents", type=int, default=100_000, help="synthetic documents for the trends"
    )
    parser.add_argument("--skip-resume", action="store_true")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    lines = [
        "# Corpus store benchmark",
        "",
        f"`nice python benchmarks/store_benchmark.py --documents {args.documents}`"
        f" on {os.cpu_count()} cores (shared with other work), DuckDB {duckdb.__version__}.",
        "",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        size = store_size(workdir)
        lines += [
            "## Store size",
            "",
            f"{size['bytes'] / 1e6:.1f} MB per 1,000 real analysed documents (default "
            f"analyzers; {size['sources']:.0f} source texts of {size['chars']:,.0f} characters and "
            f"{size['spans']:.0f} spans on average, stored 1,000 times, a distinct comment each).",
            "",
        ]
        rate = throughput(workdir)
        lines += [
            "## Analysis throughput",
            "",
            f"`redline corpus add` with the default analyzers on "
            f"{rate['cores']:.0f} cores: {rate['documents']:.0f} documents in "
            f"{rate['seconds']:.1f} s "
            f"= {rate['rate']:.2f} documents/s (model loading and worker start included).",
            "",
        ]
        synthetic = synthetic_store(workdir / "synthetic.duckdb", args.documents)
        lines += [
            f"## Trends on {args.documents:,} synthetic documents",
            "",
            f"Generated and stored in {synthetic['seconds']:.0f} s; {synthetic['spans']:,} spans; "
            f"{synthetic['bytes'] / 1e6:.0f} MB "
            f"({synthetic['bytes'] / 1e3 / args.documents:.2f} MB "
            "per 1,000 synthetic documents).",
            "",
            "| query | rows | median of 3 (s) |",
            "|---|---:|---:|",
        ]
        lines += [
            f"| {name} | {rows:,} | {seconds:.3f} |"
            for name, rows, seconds in time_queries(workdir / "synthetic.duckdb")
        ]
        if not args.skip_resume:
            check = resume_check(workdir)
            lines += [
                "",
                "## Resume after kill -9",
                "",
                f"{check['unique']:,} unique documents "
                f"(+{check['duplicates_in_input']} repeated lines), "
                f"structure analyzer, commits of 50. Killed with SIGKILL at "
                f"{check['before']:,} stored; "
                f"the rerun stored the rest in {check['rerun_seconds']:.1f} s "
                f"({check['rerun_rate']:.0f} documents/s, exit {check['rerun_exit']}).",
                "",
                "| before | after | duplicate documents | duplicate spans |",
                "|---:|---:|---:|---:|",
                f"| {check['before']:,} | {check['after']:,} | {check['duplicate_documents']} | "
                f"{check['duplicate_spans']} |",
            ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
