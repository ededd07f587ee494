"""Throughput of the default pipeline: one process, two processes, and a Dask LocalCluster.

    python benchmarks/scale_benchmark.py [--articles ../shared/data/propaganda/ptc/train-articles]
        [--min-words 200000] [--out benchmarks/results/scale.md] [--quiet-load 0.5] [--patience 600]

Builds a JSON Lines corpus of PTC train articles (sorted by name, as many as it takes to reach
``--min-words`` words) in a temporary folder, never in the repository, then measures
documents/s and words/s of the default pipeline (``Pipeline.from_names()``):

1. ``Pipeline.pipe`` with ``n_process=1``;
2. ``Pipeline.pipe`` with ``n_process=2``; scaling efficiency = speed(2) / (2 x speed(1));
3. :func:`redline.scale.analyze_on_dask` on a ``LocalCluster`` of two single-threaded worker
   processes, reading the JSONL in partitions and writing Parquet; timed as analysis alone
   (workers started and models loaded first) and end to end (with the cluster's start).

Each configuration runs in a fresh Python process, models loaded before its clock starts (for
Dask, the second figure includes them); nothing is configured for the benchmark: the library
holds BLAS at one thread while it runs, in one process as in each worker. Memory is sampled
every 0.25 s over the process and all its children: peak total PSS (shared pages split between
the processes sharing them) and peak total RSS (shared pages counted once per process). All
three runs must produce the same documents (SHA-256 of each Document's JSON).

On a shared machine other work slows every figure: each run waits (up to ``--patience``
seconds) for the 1-minute load average to fall below ``--quiet-load``, and the report gives,
beside each figure, the load average and the share of the machine's CPU time that other
processes used during the run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO.parent / "shared" / "data" / "propaganda" / "ptc" / "train-articles"
RESULTS = REPO / "benchmarks" / "results" / "scale.md"
BATCH = 16  # documents per Pipeline.pipe batch and per Dask partition
RUNS = (("pipe", 1), ("pipe", 2), ("dask", 2))
BUSY = 0.10  # share of the machine's CPU used by other processes above which a run is suspect


# -- the corpus -----------------------------------------------------------------------------


def build_corpus(articles: Path, min_words: int, folder: Path) -> tuple[Path, int, int]:
    """A JSONL file of whole articles reaching ``min_words``; returns (path, documents, words)."""
    corpus = folder / "ptc-train.jsonl"
    documents = words = 0
    with corpus.open("w", encoding="utf-8") as out:
        for path in sorted(articles.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            out.write(json.dumps({"text": text, "id": path.stem}, ensure_ascii=False) + "\n")
            documents += 1
            words += len(text.split())
            if words >= min_words:
                break
    if words < min_words:
        raise SystemExit(
            f"{articles}: only {words:,} words in {documents} articles; "
            f"expected at least {min_words:,} (lower --min-words)"
        )
    return corpus, documents, words


# -- one measured run (in its own process) --------------------------------------------------


class MemorySampler:
    """Peak total PSS and RSS of this process and its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.peak_pss = self.peak_rss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(self.interval):
            pss = rss = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    info = process.memory_full_info()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                pss += getattr(info, "pss", info.rss)
                rss += info.rss
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_rss = max(self.peak_rss, rss)


def measure_pipe(corpus: Path, processes: int) -> dict[str, Any]:
    """``Pipeline.pipe`` over the corpus's documents with ``processes`` worker processes."""
    from redline.document import Document
    from redline.pipeline import Pipeline
    from redline.readers import read_sources

    documents = [
        d for d in read_sources([str(corpus)], max_bytes=5_000_000) if isinstance(d, Document)
    ]
    from redline.nlp import load_pipeline

    pipeline = Pipeline.from_names()
    # Nothing set here: the library itself holds BLAS at one thread while it parses and
    # analyses (redline.nlp.blas_limited), as in each worker of n_process > 1.
    with MemorySampler() as memory:
        pipeline.initialize()
        load_pipeline(pipeline.spacy_pipeline)
        with timed() as clock:
            results = list(pipeline.pipe(documents, n_process=processes, batch_size=BATCH))
    digests = [_digest(d.to_json(indent=None)) for d in results if isinstance(d, Document)]
    return {
        "seconds": clock(),
        "digests": digests,
        "failures": len(results) - len(digests),
        "peak_pss": memory.peak_pss,
        "peak_rss": memory.peak_rss,
    }


def measure_dask(corpus: Path, workers: int) -> dict[str, Any]:
    """``analyze_on_dask`` on a LocalCluster of ``workers`` processes, models loaded first."""
    import pyarrow.parquet as pq

    from redline.config import RedlineConfig
    from redline.scale import analyze_on_dask
    from redline.scale.worker import worker_pipeline

    config = RedlineConfig()
    with (
        tempfile.TemporaryDirectory(prefix="redline-scale-") as out,
        MemorySampler() as memory,
        timed() as total,
        local_cluster(workers) as (client, address),
    ):
        client.run(worker_pipeline, config)  # start-up: each worker loads the models
        startup = total()
        with timed() as clock:
            paths = analyze_on_dask(
                [corpus], Path(out), scheduler=address, config=config, partition_size=BATCH
            )
        rows = [row for path in paths for row in pq.read_table(path).to_pylist()]
    digests = [_digest(row["document_json"]) for row in rows if row["document_json"]]
    return {
        "seconds": clock(),
        "end_to_end": total(),
        "startup": startup,
        "digests": digests,
        "failures": len(rows) - len(digests),
        "partitions": len(paths),
        "peak_pss": memory.peak_pss,
        "peak_rss": memory.peak_rss,
    }


@contextmanager
def local_cluster(workers: int) -> Iterator[tuple[Any, str]]:
    """A client of a LocalCluster of single-threaded worker processes, and its address."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client, cluster.scheduler_address


@contextmanager
def timed() -> Iterator[Callable[[], float]]:
    """Yields a function giving the seconds since entry, frozen at exit."""
    started = time.perf_counter()
    ended: list[float] = []
    yield lambda: (ended[0] if ended else time.perf_counter()) - started
    ended.append(time.perf_counter())


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def run_one(kind: str, processes: int, corpus: Path) -> dict[str, Any]:
    """Measure one configuration in a fresh Python process (models loaded anew).

    Besides the child's own figures: the load average before and after, and the share of the
    machine's CPU time that other processes used meanwhile (busy CPU time of the whole machine
    less the CPU time of the child and its descendants).
    """
    command = [sys.executable, __file__, "--measure", kind, "--processes", str(processes)]
    load_before, busy_before, ours_before = os.getloadavg(), _busy_cpu(), _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "--corpus", str(corpus)], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    other = (_busy_cpu() - busy_before) - (_children_cpu() - ours_before)
    if done.returncode != 0:
        raise SystemExit(f"{kind} x{processes} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result.update(
        kind=kind,
        processes=processes,
        load_before=load_before,
        load_after=os.getloadavg(),
        other_cpu=max(0.0, other) / (wall * (os.cpu_count() or 1)),
    )
    return result


def _busy_cpu() -> float:
    """CPU seconds the whole machine spent on anything but idling (steal included)."""
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wait_for_quiet(threshold: float, patience: float) -> None:
    """Wait (at most ``patience`` seconds) for the 1-minute load average to fall below
    ``threshold``, so that a run starts on a machine other work has left alone."""
    deadline = time.monotonic() + patience
    while os.getloadavg()[0] >= threshold and time.monotonic() < deadline:
        time.sleep(10)


# -- the report -----------------------------------------------------------------------------


def report(runs: list[dict[str, Any]], documents: int, words: int, command: str) -> str:
    single = words / runs[0]["seconds"]
    same = all(run["digests"] == runs[0]["digests"] for run in runs)
    lines = [
        "# Scale-out benchmark",
        "",
        f"Command: `{command}` ({dt.date.today().isoformat()}). Machine: {machine()}.",
        "",
        f"Corpus: the first {documents} PTC train articles by file name ({words:,} words, "
        f"whitespace-separated), one JSON line each, built in a temporary folder. Default "
        f"pipeline (`Pipeline.from_names()`: all analyzers), batches and partitions of {BATCH} "
        "documents. Each run in a fresh process; models loaded before the clock starts unless "
        "said otherwise.",
        "",
        "| Run | Seconds | Documents/s | Words/s | Scaling efficiency | Peak memory PSS (RSS) "
        "| Load average before → after (1 min) | CPU used by other work |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        lines.append(_row(run, run["seconds"], documents, words, single, label=_label(run)))
        if run["kind"] == "dask":
            lines.append(
                _row(
                    run,
                    run["end_to_end"],
                    documents,
                    words,
                    single,
                    label="Dask, end to end (cluster start and model loading included)",
                )
            )
    dask = next(run for run in runs if run["kind"] == "dask")
    lines += [
        "",
        f"Scaling efficiency = speed / (processes x speed with one process). Dask: "
        f"{dask['partitions']} partitions; the cluster started and loaded the models in "
        f"{dask['startup']:.1f} s. Failures: {', '.join(str(r['failures']) for r in runs)}. "
        f"Same documents in every run (SHA-256 of each Document's JSON): "
        f"**{'yes' if same else 'NO'}**.",
        "",
        "PSS splits pages shared between processes (the forked `pipe` workers share the parent's "
        "models) among them; RSS counts them once per process. Memory is sampled every 0.25 s "
        "over the measuring process and all its children (for Dask: the scheduler, nannies and "
        "workers).",
        "",
        load_note(runs),
    ]
    return "\n".join(lines) + "\n"


def _label(run: dict[str, Any]) -> str:
    if run["kind"] == "pipe":
        return f"`Pipeline.pipe`, n_process={run['processes']}"
    return f"Dask LocalCluster, {run['processes']} workers x 1 thread (analysis)"


def _row(
    run: dict[str, Any], seconds: float, documents: int, words: int, single: float, *, label: str
) -> str:
    speed = words / seconds
    efficiency = speed / (run["processes"] * single)
    load = f"{run['load_before'][0]:.2f} → {run['load_after'][0]:.2f}"
    memory = f"{run['peak_pss'] / 2**20:,.0f} MiB ({run['peak_rss'] / 2**20:,.0f} MiB)"
    return (
        f"| {label} | {seconds:.1f} | {documents / seconds:.2f} | {speed:,.0f} | "
        f"{efficiency:.0%} | {memory} | {load} | {run['other_cpu']:.0%} |"
    )


def load_note(runs: list[dict[str, Any]]) -> str:
    """Whether other work shared the CPU, from what it used during the runs."""
    cores = os.cpu_count() or 1
    busiest = max(run["other_cpu"] for run in runs)
    if busiest > BUSY:
        return (
            f"**The machine was busy**: other processes used up to {busiest:.0%} of its CPU "
            f"time ({cores} cores) during a run, so the figures of the runs they overlapped "
            "understate the speed; rerun on a quiet machine to compare."
        )
    return (
        f"Other processes used at most {busiest:.0%} of the machine's CPU time ({cores} cores) "
        "during any run. The load average includes our own processes."
    )


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory = psutil.virtual_memory().total / 2**30
    return (
        f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB, {platform.system()} "
        f"{platform.machine()}, Python {platform.python_version()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=ARTICLES)
    parser.add_argument("--min-words", type=int, default=200_000)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--quiet-load",
        type=float,
        default=0.5,
        help="before each run, wait for the 1-minute load average to fall below "
        "this (default: %(default)s)",
    )
    parser.add_argument(
        "--patience",
        type=float,
        default=600,
        help="the longest wait for a quiet machine, in seconds (default: %(default)s)",
    )
    parser.add_argument("--measure", choices=["pipe", "dask"], help=argparse.SUPPRESS)
    parser.add_argument("--processes", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:  # one run, in the child process run_one started
        measure = measure_pipe if args.measure == "pipe" else measure_dask
        print(json.dumps(measure(args.corpus, args.processes)))
        return 0
    with tempfile.TemporaryDirectory(prefix="redline-scale-") as folder:
        corpus, documents, words = build_corpus(args.articles, args.min_words, Path(folder))
        print(f"corpus: {documents} articles, {words:,} words", flush=True)
        runs = []
        for kind, processes in RUNS:
            wait_for_quiet(args.quiet_load, args.patience)
            runs.append(run_one(kind, processes, corpus))
            print(
                f"{kind} x{processes}: {words / runs[-1]['seconds']:,.0f} words/s, "
                f"other work {runs[-1]['other_cpu']:.0%} of the CPU",
                flush=True,
            )
    command = "python benchmarks/scale_benchmark.py" + "".join(
        f" {a}" for a in (argv if argv is not None else sys.argv[1:])
    )
    args.out.write_text(report(runs, documents, words, command), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
