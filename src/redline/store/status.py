"""What a corpus holds and what a batch did, for the terminal: counts, versions, runs, failures.

>>> print(render_text(corpus_status(Path("redline.duckdb"))))   # doctest: +SKIP
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from redline.store.batch import AddReport
from redline.store.rows import ANNOTATION_TABLES
from redline.store.schema import SCHEMA_VERSION
from redline.store.store import CorpusStore


@dataclass
class CorpusStatus:
    """A snapshot of one corpus file."""

    path: Path
    size_bytes: int
    schema_version: int
    documents: int
    first_day: Any
    last_day: Any
    tables: dict[str, int]
    analyzers: list[tuple[dict[str, str], int]]
    runs: list[dict[str, Any]]
    failure_count: int
    failures: list[dict[str, Any]] = field(default_factory=list)
    reviewed: list[tuple[str, int, int]] = field(default_factory=list)
    """Layers a person reviewed: (layer, documents, regions), apart from the analyzers' rows."""

    @property
    def interrupted(self) -> list[dict[str, Any]]:
        """Runs that never finished (killed or crashed): rerunning them resumes."""
        return [run for run in self.runs if run["finished_at"] is None]


def corpus_status(path: Path, *, failures: int = 50, runs: int = 5) -> CorpusStatus:
    """Read the status of the corpus at ``path`` (read-only)."""
    with CorpusStore.open(path, read_only=True) as store:
        con = store.con
        ((first, last),) = con.execute(
            "SELECT min(published), max(published) FROM documents"
        ).fetchall()
        versions = con.execute(
            "SELECT analyzers, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()
        failure_rows = _dicts(
            con.execute(
                "SELECT source, line, doc_id, stage, reason, attempts, last_seen FROM failures "
                "ORDER BY last_seen DESC, source LIMIT ?",
                [failures],
            )
        )
        return CorpusStatus(
            path=path,
            size_bytes=_size(path),
            schema_version=SCHEMA_VERSION,
            documents=store.count(),
            first_day=first,
            last_day=last,
            tables={table: store.count(table) for table in ANNOTATION_TABLES},
            analyzers=[(json.loads(found), count) for found, count in versions],
            runs=_dicts(con.execute("SELECT * FROM runs ORDER BY run_id DESC LIMIT ?", [runs])),
            failure_count=store.count("failures"),
            failures=failure_rows,
            reviewed=[
                (str(layer), int(documents), int(regions or 0))
                for layer, documents, regions in con.execute(
                    "SELECT layer, count(*), sum(regions) FROM reviews GROUP BY layer "
                    "ORDER BY layer"
                ).fetchall()
            ],
        )


def _dicts(cursor: Any) -> list[dict[str, Any]]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _size(path: Path) -> int:
    wal = path.with_name(path.name + ".wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def render_status(status: CorpusStatus, console: Console) -> None:
    """Print ``status`` as a few short tables."""
    dated = f", dated {status.first_day} to {status.last_day}" if status.first_day else ""
    console.print(
        f"[bold]{escape(str(status.path))}[/bold]: {status.documents:,} documents{dated}; "
        f"{status.size_bytes / 1e6:.1f} MB; schema version {status.schema_version}",
        soft_wrap=True,
    )
    layers = Table("table", "rows", title="annotations")
    for table, rows in status.tables.items():
        layers.add_row(table, f"{rows:,}")
    console.print(layers)
    if status.reviewed:
        reviewed = Table("layer", "documents", "regions", title="reviewed by a person")
        for layer, documents, regions in status.reviewed:
            reviewed.add_row(escape(f"reviewed:{layer}"), f"{documents:,}", f"{regions:,}")
        console.print(reviewed)
    made = Table("analyzers", "documents", title="made by")
    for versions, count in status.analyzers:
        made.add_row(
            ", ".join(f"{name} {version}" for name, version in versions.items()) or "-",
            f"{count:,}",
        )
    console.print(made)
    _render_runs(status, console)
    _render_failures(status, console)


def _render_runs(status: CorpusStatus, console: Console) -> None:
    if not status.runs:
        return
    runs = Table(
        "run",
        "engine",
        "started",
        "finished",
        "added",
        "replaced",
        "skipped",
        "failed",
        title="recent runs",
    )
    for run in status.runs:
        finished = (
            str(run["finished_at"])[:19] if run["finished_at"] else "[yellow]interrupted[/yellow]"
        )
        runs.add_row(
            str(run["run_id"]),
            run["engine"],
            str(run["started_at"])[:19],
            finished,
            *(str(run[key]) for key in ("added", "replaced", "skipped", "failed")),
        )
    console.print(runs)
    if status.interrupted and status.interrupted[0] is status.runs[0]:
        console.print(
            "The last run was interrupted; run the same `redline corpus add` again to resume.",
            soft_wrap=True,
        )


def _render_failures(status: CorpusStatus, console: Console) -> None:
    if not status.failure_count:
        console.print("failures: none")
        return
    table = Table(
        "input", "stage", "reason", "attempts", title=f"failures ({status.failure_count:,})"
    )
    for failure in status.failures:
        where = f"{failure['source']}:{failure['line']}" if failure["line"] else failure["source"]
        table.add_row(
            escape(where), failure["stage"], escape(failure["reason"]), str(failure["attempts"])
        )
    console.print(table)
    if status.failure_count > len(status.failures):
        console.print(
            f"{status.failure_count - len(status.failures):,} more (--failures N, or "
            '`redline corpus query "SELECT * FROM failures"`)'
        )


def render_add_report(report: AddReport, db: Path, console: Console) -> None:
    """The failures of a batch (one ``error:`` line each), then one line of totals."""
    for failure in report.failures:
        where = f"{failure.source}:{failure.line}" if failure.line else failure.source
        console.print(f"[red]error:[/red] {escape(where)}: {escape(failure.reason)}", markup=True)
    if report.failed > len(report.failures):
        more = report.failed - len(report.failures)
        console.print(f"... and {more} more; `redline corpus status --db {db}` lists them")
    if report.skipped and not (report.analysed or report.failed):
        shown = ", ".join(report.skipped_ids[:3]) + (", ..." if report.skipped > 3 else "")
        console.print(
            f"already stored ({shown}): {report.skipped} document(s) with the same analyzer "
            "versions; nothing to do"
        )
        return
    console.print(
        f"added {report.added}, replaced {report.replaced}, already stored {report.skipped}, "
        f"failed {report.failed} in {report.seconds:.1f} s ({report.rate:.1f} docs/s) "
        f"-> {escape(str(db))}"
    )


def render_frame(frame: Any, console: Console, *, rows: int) -> None:
    """The first ``rows`` rows of a DataFrame as a table."""
    table = Table(show_lines=False)
    for column in frame.columns:
        table.add_column(str(column), overflow="fold")
    for values in frame.head(rows).itertuples(index=False):
        table.add_row(*(_cell(value) for value in values))
    console.print(table)


def _cell(value: Any) -> str:
    import pandas as pd

    if value is None or (not isinstance(value, list | dict) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return str(value.date())
    return escape(str(value))
