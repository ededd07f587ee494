"""Scale-out: the same analysis over partitions of a corpus on a Dask cluster.

Each worker process builds the pipeline once, analyses whole partitions and writes one Parquet
file per partition (``id``, ``source``, ``document_json``, ``error``); the corpus store loads
them with :func:`redline.store.ingest_results`.

>>> from pathlib import Path
>>> from redline.config import RedlineConfig
>>> files = analyze_on_dask([Path("corpus.jsonl")], Path("results/"), scheduler=None,
...                         config=RedlineConfig(), partition_size=200)   # doctest: +SKIP
"""

from redline.scale.dask_runner import analyze_on_dask, plan_partitions
from redline.scale.partitions import Partition
from redline.scale.worker import RESULT_SCHEMA, PartitionResult, worker_stats

__all__ = [
    "RESULT_SCHEMA",
    "Partition",
    "PartitionResult",
    "analyze_on_dask",
    "plan_partitions",
    "worker_stats",
]
