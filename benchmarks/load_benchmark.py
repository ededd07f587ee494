"""Load benchmark of ``redline serve``: concurrent clients posting real articles over loopback.

    nice python benchmarks/load_benchmark.py   # workers 1 and 2; writes benchmarks/results/load.md
    python benchmarks/load_benchmark.py --requests 40 --workers 2 --out /tmp/load.md

For each ``--workers`` value a fresh server is started (``python -m redline serve``, default
analyzers, default settings otherwise), and timing starts once it answers ``/health`` (its
workers have loaded the models by then). ``--clients`` concurrent clients (httpx, one
connection each) then send ``--requests`` ``POST /analyze`` requests between them, the articles
taken in turn from the 5-10 KB texts of the Kremlin English news corpus (``--data``; its
texts are read from the shared data folder and never copied into the repository), with their
title, date and URL as metadata.

Reported per run: throughput (requests/s over the wall time of the whole load), latency p50 /
p95 / p99 (request sent to answer read, queueing in the server included), errors (any answer
other than 200, or no answer), memory (RSS and PSS summed over the server process and its
children) before and after the load and its peak (sampled every 0.5 s), the time to stop after
SIGTERM, and, since the machine may be shared, the load average and the share of the machine's
CPU time that other processes used during the run.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "realtext" / "kremlin_en_news" / "kremlin_en_news.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "load.md"
MIB = 1024 * 1024
# Other work's share of the CPU above which the report says the figures are noisy.
BUSY_SHARE = 0.10
COLUMNS = [
    "requests", "errors", "wall (s)", "requests/s", "p50 (s)", "p95 (s)", "p99 (s)",
    "memory before, MiB RSS (PSS)", "memory after, MiB RSS (PSS)", "peak RSS (MiB)",
    "ready after (s)", "stopped after SIGTERM (s)", "load average (1 min) before → after",
    "CPU used by other work",
]  # fmt: skip


@dataclass
class Run:
    workers: int
    ready_s: float = 0.0
    wall_s: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    memory_before: tuple[float, float] = (0.0, 0.0)  # RSS, PSS in MiB
    memory_after: tuple[float, float] = (0.0, 0.0)
    peak_rss: float = 0.0
    stop_s: float = 0.0
    load_before: float = 0.0
    load_after: float = 0.0
    others_cpu: float = 0.0


def articles(path: Path, low: int, high: int) -> list[dict[str, Any]]:
    """Request bodies for the texts of ``low``-``high`` UTF-8 bytes, in file order."""
    bodies = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if low <= len(record["text"].encode("utf-8")) <= high:
                metadata = {"title": record["title"] or None, "date": record["date"] or None,
                            "source": record["url"], "outlet": "kremlin.ru"}  # fmt: skip
                bodies.append({"text": record["text"], "metadata": metadata})
    if not bodies:
        raise SystemExit(f"{path}: no text of {low:,}-{high:,} bytes; pass --data")
    return bodies


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(
    workers: int, port: int, log: Any, options: list[str]
) -> tuple[subprocess.Popen[bytes], float]:
    command = [sys.executable, "-m", "redline", "serve", "--port", str(port)]
    command += ["--workers", str(workers), *options]
    started = time.perf_counter()
    server = subprocess.Popen(command, stdout=log, stderr=log, cwd=ROOT)
    url = f"http://127.0.0.1:{port}/health"
    while time.perf_counter() - started < 600:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}; see its log")
        try:
            if httpx.get(url, timeout=2).json()["idle"] == workers:
                return server, time.perf_counter() - started
        except (httpx.HTTPError, KeyError, ValueError):
            pass
        time.sleep(0.25)
    server.kill()
    raise SystemExit("the server did not become ready in 600 s")


def tree(pid: int) -> list[psutil.Process]:
    root = psutil.Process(pid)
    return [root, *root.children(recursive=True)]


def memory(pid: int) -> tuple[float, float]:
    """RSS and PSS (MiB) summed over the server and its children."""
    rss = pss = 0.0
    for process in tree(pid):
        try:
            info = process.memory_full_info()
        except psutil.Error:
            continue
        rss += info.rss / MIB
        pss += getattr(info, "pss", info.rss) / MIB
    return rss, pss


def cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def machine_busy_seconds() -> float:
    times = psutil.cpu_times()
    extra = getattr(times, "irq", 0.0) + getattr(times, "softirq", 0.0)
    return float(times.user + times.nice + times.system + extra)


class PeakSampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            self.peak = max(self.peak, memory(self.pid)[0])


async def load(
    url: str, bodies: list[dict[str, Any]], requests: int, clients: int, run: Run
) -> None:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for index in range(requests):
        queue.put_nowait(index)

    async def client() -> None:
        async with httpx.AsyncClient(timeout=600) as session:
            while not queue.empty():
                body = bodies[queue.get_nowait() % len(bodies)]
                sent = time.perf_counter()
                try:
                    answer = await session.post(url, json=body)
                    await answer.aread()
                    outcome = "ok" if answer.status_code == 200 else f"HTTP {answer.status_code}"
                except httpx.HTTPError as error:
                    outcome = type(error).__name__
                run.latencies.append(time.perf_counter() - sent)
                if outcome != "ok":
                    run.errors[outcome] = run.errors.get(outcome, 0) + 1

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    run.wall_s = time.perf_counter() - started


def measure(workers: int, bodies: list[dict[str, Any]], args: argparse.Namespace) -> Run:
    run = Run(workers)
    port = free_port()
    with tempfile.TemporaryFile() as log:
        options = ["--time-limit", str(args.time_limit)] if args.time_limit else []
        server, run.ready_s = start_server(workers, port, log, options)
        try:
            run.memory_before = memory(server.pid)
            run.load_before = os.getloadavg()[0]
            processes = tree(server.pid)
            ours_before = cpu_seconds(processes) + cpu_seconds([psutil.Process()])
            busy_before = machine_busy_seconds()
            sampler = PeakSampler(server.pid)
            sampler.start()
            asyncio.run(
                load(f"http://127.0.0.1:{port}/analyze", bodies, args.requests, args.clients, run)
            )
            sampler.done.set()
            sampler.join()
            others = machine_busy_seconds() - busy_before
            others -= cpu_seconds(processes) + cpu_seconds([psutil.Process()]) - ours_before
            run.others_cpu = max(0.0, others) / (run.wall_s * (os.cpu_count() or 1))
            run.load_after = os.getloadavg()[0]
            run.memory_after = memory(server.pid)
            run.peak_rss = max(sampler.peak, run.memory_after[0])
            stopping = time.perf_counter()
            server.send_signal(signal.SIGTERM)
            server.wait(60)
            run.stop_s = time.perf_counter() - stopping
        finally:
            if server.poll() is None:
                server.kill()
    print(summary(run), file=sys.stderr)
    return run


def percentiles(latencies: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def summary(run: Run) -> str:
    p50, p95, p99 = percentiles(run.latencies)
    errors = sum(run.errors.values())
    return (f"workers={run.workers}: {len(run.latencies) / run.wall_s:.2f} requests/s, "
            f"p50 {p50:.2f} s, p95 {p95:.2f} s, p99 {p99:.2f} s, errors {errors}")  # fmt: skip


def machine() -> str:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                 if line.startswith("model name")]  # fmt: skip
        model = names[0] if names else model
    memory_gib = psutil.virtual_memory().total / 1024**3
    return (f"{os.cpu_count()} cores ({model}), {memory_gib:.0f} GiB, {platform.system()} "
            f"{platform.machine()}, Python {platform.python_version()}")  # fmt: skip


def versions() -> str:
    from importlib.metadata import version

    names = ("redline", "spacy", "fastapi", "uvicorn", "httpx")
    return ", ".join(f"{name} {version(name)}" for name in names)


def report(
    runs: list[Run], bodies: list[dict[str, Any]], args: argparse.Namespace, command: str
) -> str:
    sizes = [len(body["text"].encode("utf-8")) for body in bodies[: args.requests]]
    used = min(args.requests, len(bodies))
    rows = []
    for run in runs:
        p50, p95, p99 = percentiles(run.latencies)
        cells = [
            str(run.workers), str(len(run.latencies)), str(sum(run.errors.values())),
            f"{run.wall_s:.1f}", f"{len(run.latencies) / run.wall_s:.2f}",
            f"{p50:.2f}", f"{p95:.2f}", f"{p99:.2f}",
            f"{run.memory_before[0]:,.0f} ({run.memory_before[1]:,.0f})",
            f"{run.memory_after[0]:,.0f} ({run.memory_after[1]:,.0f})", f"{run.peak_rss:,.0f}",
            f"{run.ready_s:.1f}", f"{run.stop_s:.1f}",
            f"{run.load_before:.2f} → {run.load_after:.2f}", f"{run.others_cpu:.0%}",
        ]  # fmt: skip
        rows.append("| " + " | ".join(cells) + " |")
    errors = "; ".join(f"workers={r.workers}: {r.errors}" for r in runs if r.errors) or "none"
    limit = f"time limit {args.time_limit:g} s" if args.time_limit else "time limit 60 s"
    busy = max(run.others_cpu for run in runs) >= BUSY_SHARE
    quiet = (
        "**Other work shared the machine's cores during the runs**: the figures are noisy, and "
        "the last two columns say how busy the machine was."
        if busy
        else "Nothing else used the machine during the runs (last column)."
    )
    scaling = (
        "other work used much of the machine's CPU time during the runs (last column), and the "
        "kernel shares the cores among all runnable processes, so the number of workers also "
        "changed the share of the cores this server got."
        if busy
        else "the machine has 2 cores, shared by the server's workers, the 8 clients and the "
        "event loop."
    )
    return f"""# Load benchmark: `redline serve`

Command: `{command}` ({dt.date.today().isoformat()}). Machine: {machine()}; {versions()}.
{quiet}

Load: {args.requests} `POST /analyze` requests (JSON answer, default analyzers) from
{args.clients} concurrent clients (httpx, one keep-alive connection each) over loopback.
Texts: the {len(bodies)} articles of {args.min_bytes:,}-{args.max_bytes:,} UTF-8 bytes in the
Kremlin English news corpus (`realtext/kremlin_en_news`, CC BY 4.0, read from the shared
data folder, never committed), in file order, each sent with its title, date and URL as
metadata; {used} distinct texts, {statistics.mean(sizes):,.0f} bytes on average. Server:
`python -m redline serve` with `--workers N` and its defaults otherwise ({limit}; on
loopback: no token, no rate limit),
started fresh for each row; the clock starts once `/health` reports every worker ready (the
models loaded).

{" | ".join(["| workers", *COLUMNS]) + " |"}
|---:{"|---:" * len(COLUMNS)}|
{chr(10).join(rows)}

Errors (any answer but 200, or none): {errors}.

Latency runs from sending a request to reading its whole answer, waiting in the server for a
free worker included: with 8 clients and N workers, about 8 / N requests share each worker.
The ratio between the rows is not a scaling efficiency: {scaling}
Memory is summed over the server process and all its children (the analysis workers and
multiprocessing's resource tracker); workers are spawned, not forked, so they share little and
RSS is close to PSS. "CPU used by other work" is the machine's busy CPU time, less that of the
server's processes and of the benchmark's client, over the run's wall time on all cores.

For comparison, issue 15 reported 1.23 requests/s and a p95 of 7.2 s for the same load on the
previous server (analysis in one process, under one lock); that figure was not re-measured here.
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA, help="kremlin_en_news.jsonl")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--min-bytes", type=int, default=5_000)
    parser.add_argument("--max-bytes", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--time-limit", type=float, help="the server's --time-limit (default: its own)"
    )
    args = parser.parse_args()
    bodies = articles(args.data, args.min_bytes, args.max_bytes)
    runs = [measure(workers, bodies, args) for workers in args.workers]
    command = "python benchmarks/load_benchmark.py" + "".join(f" {arg}" for arg in sys.argv[1:])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report(runs, bodies, args, command), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
