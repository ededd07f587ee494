"""Loading the Parquet results of the Dask runner into the store.

Each file (one per partition) has the columns ``id``, ``source``, ``document_json`` (a
Document as JSON, null on failure) and ``error`` (the one-line reason, or null). Loading is
idempotent with the same rules as :func:`redline.store.batch.add_sources`: a document stored by
the same or newer analyzers is skipped, an older one is replaced, a failure is recorded. A file
that cannot be read is one failure and the others still load.

>>> with CorpusStore.open("redline.duckdb") as store:            # doctest: +SKIP
...     ingest_results(store, sorted(Path("out/").glob("*.parquet"))).added
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import ValidationError

from redline.config import RedlineConfig
from redline.document import Document
from redline.errors import RedlineError
from redline.readers.decoding import first_line
from redline.store.batch import AddReport, Advance, Committer, chunked
from redline.store.defaults import DEFAULT_DASHBOARD_ADDRESS, DEFAULT_PARTITION_SIZE
from redline.store.rows import UNKNOWN_VERSION, Versions
from redline.store.store import CorpusStore, Failure, decision

RESULT_COLUMNS = ("id", "source", "document_json", "error")


def ingest_results(
    store: CorpusStore,
    paths: Iterable[Path],
    *,
    versions: Versions | None = None,
    commit_every: int = 200,
    advance: Advance | None = None,
) -> AddReport:
    """Store the documents and failures of result files; ``versions`` default: installed ones."""
    started = time.perf_counter()
    paths = [Path(path) for path in paths]
    report = AddReport(run_id=store.start_run([str(p) for p in paths], "dask", versions or {}))
    committer = Committer(store, report, commit_every=commit_every, advance=advance)
    seen: set[str] = set()
    for chunk in chunked(_results(paths), commit_every):
        documents = [item for item in chunk if isinstance(item, Document)]
        stored = store.stored_analyzers([d.id for d in documents])
        for item in chunk:
            if isinstance(item, Failure):
                committer.failure(item)
                continue
            made_by = versions or made_by_versions(item)
            if item.id in seen or decision(stored.get(item.id), made_by) == "skip":
                committer.skip(item.id)
            else:
                seen.add(item.id)
                committer.document(item, made_by)
    committer.flush()
    store.finish_run(report.run_id or 0)
    report.seconds = time.perf_counter() - started
    return report


def _results(paths: list[Path]) -> Iterator[Document | Failure]:
    for path in paths:
        try:
            yield from _file_results(path)
        except (pa.ArrowException, OSError, ValueError) as error:
            yield Failure(str(path), f"not a readable result file: {first_line(error)}", "ingest")


def _file_results(path: Path) -> Iterator[Document | Failure]:
    parquet = pq.ParquetFile(path)
    missing = [c for c in RESULT_COLUMNS if c not in parquet.schema_arrow.names]
    if missing:
        yield Failure(
            str(path),
            f"not a result file: no column(s) {', '.join(missing)} "
            f"(found {', '.join(parquet.schema_arrow.names)})",
            "ingest",
        )
        return
    for batch in parquet.iter_batches(batch_size=256, columns=list(RESULT_COLUMNS)):
        for row in batch.to_pylist():
            yield _row_result(row, path)


def _row_result(row: dict[str, Any], path: Path) -> Document | Failure:
    source = str(row.get("source") or path)
    if row.get("error") or not row.get("document_json"):
        reason = str(row.get("error") or "no document_json and no error")
        return Failure(source, reason, "analyze", doc_id=row.get("id"))
    try:
        return Document.from_json(row["document_json"])
    except (ValidationError, RedlineError, ValueError) as error:
        reason = f"document_json is not a valid Document: {first_line(error)}"
        return Failure(source, reason, "ingest", doc_id=row.get("id"))


def made_by_versions(document: Document) -> dict[str, str]:
    """The installed version of each analyzer whose findings ``document`` carries."""
    names = {span.analyzer for span in document.spans()} | {r.analyzer for r in document.relations}
    names |= set(document.summaries)
    return {name: installed_version(name) for name in sorted(names)}


@cache
def installed_version(name: str) -> str:
    """The version of the installed analyzer ``name`` ("unknown" when it is not installed)."""
    from redline.analyzers import analyzer_class

    try:
        return str(analyzer_class(name).version)
    except (RedlineError, ImportError, AttributeError):
        return UNKNOWN_VERSION


def add_on_dask(
    store: CorpusStore,
    inputs: list[str],
    config: RedlineConfig,
    *,
    scheduler: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    dashboard_address: str = DEFAULT_DASHBOARD_ADDRESS,
) -> AddReport:
    """Analyse ``inputs`` on a Dask cluster (:func:`redline.scale.analyze_on_dask`), then ingest.

    The result files go to a folder beside the corpus (``.<name>.dask/``), removed once they
    are stored; after a crash it is kept, and the rerun reuses the partitions already written.
    The report's ``seconds`` covers both phases, analysis and loading.
    """
    started = time.perf_counter()
    try:
        from redline.scale import analyze_on_dask
    except ImportError as error:
        raise RedlineError(
            f"the Dask engine is not available ({error}); install Redline's scale extra, "
            "or use --engine local"
        ) from error
    versions = {name: installed_version(name) for name in config.analyzers}
    results_dir = store.path.resolve().with_name(f".{store.path.name}.dask")
    results = analyze_on_dask(
        [Path(p) for p in inputs],
        results_dir,
        scheduler=scheduler,
        config=config,
        partition_size=partition_size,
        dashboard_address=dashboard_address,
    )
    report = ingest_results(store, results, versions=versions)
    shutil.rmtree(results_dir, ignore_errors=True)
    report.seconds = time.perf_counter() - started  # ingest_results timed the loading alone
    return report
