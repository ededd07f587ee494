"""Analysing Parquet and JSON Lines corpora on a Dask cluster, one result file per partition.

The client plans partitions from file metadata (see :mod:`redline.scale.partitions`) and sends
each worker only the partition's description; the worker reads its rows, runs its own pipeline
(built once per worker process) and writes a Parquet file. No text or result passes through the
client, so a corpus larger than the client's memory is fine. Workers must see the inputs and
``output_dir`` at the same paths as the client (one machine, or a shared filesystem).

Why futures over planned partitions rather than ``dask.dataframe``/``dask.bag``: a dataframe
turns Parquet values into pandas ones (dates, nulls, nested lists change), and byte-range text
blocks lose the global line numbers; either way a document would not be the one the sequential
readers make. Planned partitions keep every document identical to ``redline analyze``'s.

>>> from pathlib import Path
>>> paths = analyze_on_dask([Path("corpus.parquet")], Path("out/"), scheduler=None,
...                         config=RedlineConfig(), partition_size=250)   # doctest: +SKIP
>>> paths[0].name                                                            # doctest: +SKIP
'corpus-3f2a9c1b0d4e-00000.parquet'
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from redline.config import RedlineConfig
from redline.errors import ConfigError, InputError
from redline.pipeline import Pipeline
from redline.readers.decoding import first_line
from redline.scale.partitions import KINDS, Partition, plan_file
from redline.scale.worker import PartitionResult, analyze_partition
from redline.store.defaults import DEFAULT_DASHBOARD_ADDRESS

if TYPE_CHECKING:
    from distributed import Client

Progress = Callable[[PartitionResult], None]

CONNECT_TIMEOUT = "20s"
UNREACHABLE = (
    "cannot reach the Dask scheduler at {address!r} ({reason}); start one with `dask scheduler` "
    "and workers with `dask worker {address}`, or leave out --scheduler to run on this machine"
)


def analyze_on_dask(
    inputs: Sequence[Path],
    output_dir: Path,
    *,
    scheduler: str | None,
    config: RedlineConfig,
    partition_size: int,
    progress: Progress | None = None,
    dashboard_address: str = DEFAULT_DASHBOARD_ADDRESS,
) -> list[Path]:
    """Analyse every record of ``inputs`` on Dask; return the result files, in input order.

    ``inputs`` are ``.parquet``, ``.jsonl`` or ``.ndjson`` files, or directories holding them.
    ``scheduler`` is a scheduler address (``tcp://host:8786``); None starts a ``LocalCluster``
    of one single-threaded worker process per core for this call. ``partition_size`` is the
    number of JSONL lines or Parquet rows per partition and result file. Result files already
    in ``output_dir`` (from an interrupted run with the same inputs and settings) are reused.
    ``progress`` is called with each partition's :class:`PartitionResult` as it completes.
    ``dashboard_address`` is where that LocalCluster's dashboard listens (default: loopback
    only; ``"0.0.0.0:8787"`` opens it to the network).

    Each result file has the columns ``id``, ``source`` (``"corpus.jsonl:7"``),
    ``document_json`` (null on failure) and ``error`` (null on success); a bad record is one
    row with its error and never stops the others. Raises InputError when an input cannot be
    read as a corpus, ConfigError when the scheduler cannot be reached.
    """
    if partition_size < 1:
        raise ConfigError(
            f"partition_size must be a positive number of rows, got {partition_size!r}"
        )
    partitions = plan_partitions(inputs, partition_size, config)
    output_dir = output_dir.resolve()
    output_dir.mkdir(parents=True, exist_ok=True)
    pending = [part for part in partitions if not (output_dir / part.output).exists()]
    if pending:
        with _connect(scheduler, dashboard_address) as client:
            problems = _run(client, pending, output_dir, config, progress)
        if problems:
            raise problems[0]
    return [output_dir / part.output for part in partitions]


def plan_partitions(
    inputs: Sequence[Path], partition_size: int, config: RedlineConfig
) -> list[Partition]:
    """The partitions of every input, in order; raises InputError for an unreadable input.

    The output names depend on the file's contents (size, modification time), the partition
    size and every setting that changes results (analyzers and their versions, spaCy pipeline,
    size limit), so a rerun reuses only what it would have written itself.
    """
    pipeline = Pipeline.from_config(config)
    from redline.nlp import pipeline_name

    salt = json.dumps(
        [
            {a.name: a.version for a in pipeline.analyzers},
            pipeline_name(config.pipeline),
            config.max_bytes,
        ]
    )
    return [
        part for path in _corpus_files(inputs) for part in plan_file(path, partition_size, salt)
    ]


def _corpus_files(inputs: Sequence[Path]) -> Iterator[Path]:
    for path in map(Path, inputs):
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in KINDS
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise InputError(path, f"no {', '.join(sorted(KINDS))} files in this directory")
            yield from found
        elif path.exists():
            yield path
        else:
            raise InputError(path, "no such file or directory")


@contextmanager
def _connect(scheduler: str | None, dashboard_address: str) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a LocalCluster made (and closed) here."""
    from distributed import Client, LocalCluster

    if scheduler is None:
        # One single-threaded process per core: the pipeline holds the GIL, and one copy of the
        # models per process is the price of parallel analysis.
        with (
            LocalCluster(  # type: ignore[no-untyped-call]  # distributed is unannotated here
                n_workers=_cores(),
                threads_per_worker=1,
                processes=True,
                dashboard_address=dashboard_address,
            ) as cluster,
            Client(cluster) as client,  # type: ignore[no-untyped-call]  # unannotated, as above
        ):
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]  # as above
    except (OSError, ValueError, TypeError) as error:
        raise ConfigError(
            UNREACHABLE.format(address=scheduler, reason=first_line(error))
        ) from error
    with client:
        yield client


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _run(
    client: Client,
    partitions: list[Partition],
    output_dir: Path,
    config: RedlineConfig,
    progress: Progress | None,
) -> list[InputError]:
    """Analyse ``partitions`` on the cluster; the InputErrors of files that could not be read."""
    from distributed import as_completed

    futures = client.map(
        analyze_partition,
        partitions,
        output_dir=str(output_dir),
        config=config,
        pure=False,
        key="redline-partition",
    )
    partition_of = {
        future.key: (index, part)
        for index, (future, part) in enumerate(zip(futures, partitions, strict=True))
    }
    problems: dict[int, InputError] = {}
    for future in as_completed(futures):  # type: ignore[no-untyped-call]  # distributed: no hints
        result: PartitionResult = future.result()
        index, part = partition_of[future.key]
        if result.file_problem is not None:
            problems[index] = InputError(part.source, result.file_problem)
        if progress is not None:
            progress(result)
        future.release()
    return [problems[index] for index in sorted(problems)]  # in input order
