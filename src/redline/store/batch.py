"""Adding many documents: analysed on every core, committed in bounded transactions, resumable.

1. Inputs are read and hashed in order; a document already stored by the same (or newer)
   analyzers is skipped before it costs any analysis, so a rerun after a crash or ``kill -9``
   picks up where the last commit left off.
2. The rest go through :meth:`Pipeline.pipe` with ``n_process`` workers, in batches.
3. Every ``commit_every`` results (documents and failures) are written in one transaction: a
   crash loses at most the uncommitted ones, which the rerun analyses again. Nothing is ever
   stored twice: a document's rows are keyed by its content hash and replaced, not appended.

>>> with CorpusStore.open("redline.duckdb") as store:            # doctest: +SKIP
...     report = add_sources(store, ["articles/"], config=RedlineConfig())
>>> report.added, report.skipped, report.failed                  # doctest: +SKIP
(120, 0, 2)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from redline.config import RedlineConfig
from redline.document import Document
from redline.errors import AnalysisFailed, InputError
from redline.store.defaults import DEFAULT_BATCH_SIZE, DEFAULT_COMMIT_EVERY
from redline.store.rows import Versions
from redline.store.store import CorpusStore, Failure, decision

Advance = Callable[[int], None]
T = TypeVar("T")
SHOWN_FAILURES = 20


@dataclass
class AddReport:
    """What one batch did; ``failures`` keeps the first few for display (all are stored)."""

    added: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    skipped_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0
    run_id: int | None = None

    @property
    def analysed(self) -> int:
        return self.added + self.replaced

    @property
    def rate(self) -> float:
        """Documents analysed and stored per second."""
        return self.analysed / self.seconds if self.seconds > 0 else 0.0


class Committer:
    """Collects results and writes them every ``commit_every`` in one transaction."""

    def __init__(
        self,
        store: CorpusStore,
        report: AddReport,
        *,
        commit_every: int,
        advance: Advance | None = None,
    ) -> None:
        if commit_every < 1:
            raise ValueError(f"commit_every must be at least 1, got {commit_every!r}")
        self.store, self.report, self.commit_every = store, report, commit_every
        self.advance = advance or (lambda n: None)
        self.documents: list[Document] = []
        self.versions: dict[str, Versions] = {}
        self.failures: list[Failure] = []
        self.skipped = 0

    def document(self, document: Document, versions: Versions) -> None:
        self.documents.append(document)
        self.versions[document.id] = versions
        self.advance(1)
        self._maybe_flush()

    def failure(self, failure: Failure) -> None:
        self.failures.append(failure)
        self.report.failed += 1
        if len(self.report.failures) < SHOWN_FAILURES:
            self.report.failures.append(failure)
        self.advance(1)
        self._maybe_flush()

    def skip(self, doc_id: str) -> None:
        self.skipped += 1
        self.report.skipped += 1
        if len(self.report.skipped_ids) < SHOWN_FAILURES:
            self.report.skipped_ids.append(doc_id)
        self.advance(1)

    def _maybe_flush(self) -> None:
        if len(self.documents) + len(self.failures) >= self.commit_every:
            self.flush()

    def flush(self) -> None:
        """Write what is pending (documents, failures, the run's counts) in one transaction."""
        if not (self.documents or self.failures or self.skipped):
            return
        added, replaced = self.store.write(
            self.documents,
            self.versions,
            failures=self.failures,
            run_id=self.report.run_id,
            skipped=self.skipped,
        )
        self.report.added += added
        self.report.replaced += replaced
        self.documents, self.versions, self.failures, self.skipped = [], {}, [], 0


def add_sources(
    store: CorpusStore,
    sources: Sequence[str],
    *,
    config: RedlineConfig,
    n_process: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    commit_every: int = DEFAULT_COMMIT_EVERY,
    advance: Advance | None = None,
) -> AddReport:
    """Read, analyse and store ``sources`` (files, directories, corpus files); see the module."""
    from redline.analysis import get_pipeline
    from redline.nlp import load_pipeline

    started = time.perf_counter()
    pipeline = get_pipeline(config)
    # Models load before the run is recorded: a bad configuration fails here, and leaves no
    # run that `status` would call interrupted and resumable.
    pipeline.initialize()
    load_pipeline(config.pipeline)
    versions = {analyzer.name: analyzer.version for analyzer in pipeline.analyzers}
    report = AddReport(run_id=store.start_run(sources, "local", versions))
    committer = Committer(store, report, commit_every=commit_every, advance=advance)
    todo = _to_analyse(store, sources, config, versions, committer)
    workers = n_process or os.cpu_count() or 1
    for item in pipeline.pipe(todo, n_process=workers, batch_size=batch_size, errors="return"):
        if isinstance(item, AnalysisFailed):
            source = item.source
            committer.failure(Failure(source, item.problem, "analyze", doc_id=item.document_id))
        else:
            committer.document(item, versions)
    committer.flush()
    store.finish_run(report.run_id or 0)
    report.seconds = time.perf_counter() - started
    return report


def _to_analyse(
    store: CorpusStore,
    sources: Sequence[str],
    config: RedlineConfig,
    versions: Versions,
    committer: Committer,
) -> Iterator[Document]:
    """The documents that need analysis; failures and skips go straight to ``committer``."""
    seen: set[str] = set()
    for chunk in chunked(_read(sources, config.max_bytes), committer.commit_every):
        documents = [item for item in chunk if isinstance(item, Document)]
        stored = store.stored_analyzers([d.id for d in documents])
        for item in chunk:
            if isinstance(item, Failure):
                committer.failure(item)
            elif item.id in seen or decision(stored.get(item.id), versions) == "skip":
                committer.skip(item.id)
            else:
                seen.add(item.id)
                yield item


def _read(sources: Sequence[str], max_bytes: int) -> Iterator[Document | Failure]:
    from redline.readers import read_sources

    for item in read_sources(list(sources), max_bytes=max_bytes):
        if isinstance(item, InputError):
            yield Failure(item.source, item.problem, "read", line=item.line)
        else:
            yield item


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last may be shorter)."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def estimate_total(sources: Sequence[str]) -> int | None:
    """About how many documents ``sources`` hold (for a progress bar's ETA); None if unknown."""
    from redline.store.inputs import count_documents

    try:
        return sum(count_documents(source) for source in sources)
    except OSError:
        return None
