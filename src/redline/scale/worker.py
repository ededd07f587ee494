"""What runs on a Dask worker: one pipeline per process, one Parquet file per partition.

The pipeline (analyzers, their data and the spaCy model) is built and initialised the first
time a worker process meets a configuration and reused for every later partition; ``builds``
in :func:`worker_stats` counts how often that happened. Each partition's results are written to
a temporary file and renamed into place, so a result file that exists is complete, and a rerun
skips it.

>>> from redline.config import RedlineConfig
>>> result = analyze_partition(partition, "out/", RedlineConfig())   # doctest: +SKIP
>>> result.documents, result.failures                                  # doctest: +SKIP
(250, 2)
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from redline.config import RedlineConfig
from redline.document import Document
from redline.errors import AnalysisFailed, InputError
from redline.pipeline import Pipeline
from redline.scale.partitions import Partition, read_partition
from redline.store.files import atomic_path

RESULT_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string()),
        pa.field("source", pa.string()),
        pa.field("document_json", pa.large_string()),
        pa.field("error", pa.string()),
    ]
)

PipelineKey = tuple[tuple[str, ...], str | None]

_pipelines: dict[PipelineKey, Pipeline] = {}
_stats: Counter[str] = Counter()
_lock = threading.Lock()


@dataclass(frozen=True)
class PartitionResult:
    """What a worker reports for one partition (the rows themselves stay in the file).

    ``computed`` is False when the file was already there; ``file_problem`` says why the
    corpus file could not be read (then nothing is written). It is a string, not the
    InputError, because it crosses process boundaries.
    """

    output: str
    documents: int = 0
    failures: int = 0
    computed: bool = True
    file_problem: str | None = None


def worker_pipeline(config: RedlineConfig) -> Pipeline:
    """This process's pipeline for ``config``, built and initialised on first use."""
    key: PipelineKey = (config.analyzers, config.pipeline)
    with _lock:
        if key not in _pipelines:
            from redline.nlp import load_pipeline

            pipeline = Pipeline.from_config(config)
            pipeline.initialize()
            load_pipeline(config.pipeline)
            _pipelines[key] = pipeline
            _stats["builds"] += 1
        return _pipelines[key]


def worker_stats() -> dict[str, int]:
    """How many pipelines this process built and partitions it analysed (for tests, logs).

    >>> worker_stats()["partitions"]
    0
    """
    return {"builds": _stats["builds"], "partitions": _stats["partitions"]}


def analyze_partition(
    partition: Partition, output_dir: str, config: RedlineConfig, batch_size: int = 16
) -> PartitionResult:
    """Analyse one partition into ``output_dir/partition.output``, unless it is already there."""
    target = Path(output_dir) / partition.output
    if target.exists():
        return PartitionResult(str(target), computed=False)
    try:
        records = list(read_partition(partition, config.max_bytes))
    except InputError as error:
        return PartitionResult(str(target), file_problem=error.problem)
    rows = _result_rows(partition, records, worker_pipeline(config), batch_size)
    _write_atomically(rows, target)
    with _lock:
        _stats["partitions"] += 1
    failures = sum(row["error"] is not None for row in rows)
    return PartitionResult(str(target), documents=len(rows) - failures, failures=failures)


def _result_rows(
    partition: Partition,
    records: list[tuple[int, Document | InputError]],
    pipeline: Pipeline,
    batch_size: int,
) -> list[dict[str, Any]]:
    documents = [item for _, item in records if isinstance(item, Document)]
    analysed = iter(pipeline.pipe(documents, batch_size=batch_size, errors="return"))
    rows = []
    for number, item in records:
        outcome = next(analysed) if isinstance(item, Document) else item
        rows.append(_row(f"{partition.source}:{number}", item, outcome))
    return rows


def _row(
    source: str, item: Document | InputError, outcome: Document | AnalysisFailed | InputError
) -> dict[str, Any]:
    if isinstance(outcome, Document):
        return {
            "id": outcome.id,
            "source": source,
            "document_json": outcome.to_json(indent=None),
            "error": None,
        }
    if isinstance(outcome, AnalysisFailed):
        problem = f"analysis failed: {outcome.problem}"
    else:
        problem = outcome.problem  # already says where: "line 7: ..."
    document_id = item.id if isinstance(item, Document) else None
    return {"id": document_id, "source": source, "document_json": None, "error": problem}


def _write_atomically(rows: list[dict[str, Any]], target: Path) -> None:
    """Write the partition's rows whole or not at all (a result file that exists is complete)."""
    with atomic_path(target) as temporary:
        pq.write_table(
            pa.Table.from_pylist(rows, schema=RESULT_SCHEMA), temporary, compression="zstd"
        )
