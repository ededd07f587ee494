"""``redline corpus``: store analysed documents in DuckDB, follow trends, export, import reviews.

Thin: options become a RedlineConfig and a Window, then :mod:`redline.store` does the work.
Exit codes as everywhere: 0 done, 1 some inputs failed or the corpus could not be used, 2 usage.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from redline.cli.options import AnalyzerSettings, ConfigFile, MaxBytes, PipelineName, Quiet
from redline.config import RedlineConfig
from redline.errors import RedlineError
from redline.store.defaults import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_COMMIT_EVERY,
    DEFAULT_DASHBOARD_ADDRESS,
    DEFAULT_DB,
    DEFAULT_PARTITION_SIZE,
)

corpus_app = typer.Typer(
    name="corpus",
    help="Store analysed documents in a DuckDB corpus; trends, views and exports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)

Db = Annotated[Path, typer.Option("--db", help="The corpus file (DuckDB).", envvar="REDLINE_DB")]
Since = Annotated[str | None, typer.Option("--since", help="First day (YYYY-MM-DD), inclusive.")]
Until = Annotated[str | None, typer.Option("--until", help="Last day (YYYY-MM-DD), inclusive.")]
Csv = Annotated[Path | None, typer.Option("--csv", help="Also write the rows to this CSV file.")]
ParquetOut = Annotated[
    Path | None, typer.Option("--parquet", help="Also write the rows to this Parquet file.")
]
Chart = Annotated[
    Path | None, typer.Option("--chart", help="Draw a chart into this HTML file (self-contained).")
]
Rows = Annotated[int, typer.Option("--rows", help="Rows shown in the terminal.", min=1)]


class Engine(str, Enum):
    local = "local"
    dask = "dask"


class Every(str, Enum):
    day = "day"
    week = "week"
    month = "month"


class TrendKey(str, Enum):
    author = "author"
    outlet = "outlet"
    speaker = "speaker"


class TechniqueKey(str, Enum):
    author = "author"
    outlet = "outlet"


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    labelstudio = "labelstudio"


class ImportFormat(str, Enum):
    labelstudio = "labelstudio"


@contextmanager
def _failing_cleanly() -> Iterator[None]:
    """Known problems become one ``error:`` line and exit 1, never a traceback."""
    import duckdb

    try:
        yield
    except (RedlineError, duckdb.Error, OSError, ValueError) as error:
        if os.environ.get("REDLINE_DEBUG"):
            raise
        from redline.readers.decoding import first_line

        stderr.print(f"[red]error:[/red] {escape(first_line(error))}", markup=True)
        raise typer.Exit(1) from None


def _stdout() -> Console:
    # Made per command, not at import: the terminal width (COLUMNS) is read when it is made.
    return Console(highlight=False)


def _usage_error(message: str) -> None:
    stderr.print(f"[red]usage error:[/red] {escape(message)}", markup=True)
    raise typer.Exit(2)


@corpus_app.command()
def init(db: Db = DEFAULT_DB) -> None:
    """Create a corpus file (or bring an existing one to the current schema)."""
    from redline.store import CorpusStore
    from redline.store.schema import SCHEMA_VERSION

    existed = db.exists()
    with _failing_cleanly(), CorpusStore.open(db):
        pass
    verb = "is at" if existed else "created at"
    stderr.print(f"{escape(str(db))}: corpus {verb} schema version {SCHEMA_VERSION}")


@corpus_app.command()
def add(
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories, .jsonl/.csv/.parquet corpora.")
    ],
    db: Db = DEFAULT_DB,
    config_file: ConfigFile = None,
    pipeline: PipelineName = None,
    analyzers: Annotated[
        str | None, typer.Option("--analyzers", help="Comma-separated analyzers to run.")
    ] = None,
    max_bytes: MaxBytes = None,
    n_process: Annotated[
        int | None,
        typer.Option("--n-process", help="Worker processes (default: every core).", min=1),
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", help="Documents per worker batch.", min=1)
    ] = DEFAULT_BATCH_SIZE,
    commit_every: Annotated[
        int, typer.Option("--commit-every", help="Results per transaction.", min=1)
    ] = DEFAULT_COMMIT_EVERY,
    engine: Annotated[
        Engine, typer.Option("--engine", help="local: this machine; dask: a Dask cluster.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address (default: a local cluster)."),
    ] = None,
    partition_size: Annotated[
        int,
        typer.Option(
            "--partition-size", "--partitions", help="Documents per Dask partition.", min=1
        ),
    ] = DEFAULT_PARTITION_SIZE,
    dashboard_address: Annotated[
        str,
        typer.Option(
            "--dashboard-address",
            help="Where the local Dask cluster's dashboard listens (default: this machine "
            "only, a free port); 0.0.0.0:8787 opens it to the network.",
        ),
    ] = DEFAULT_DASHBOARD_ADDRESS,
    settings: AnalyzerSettings = None,
    quiet: Quiet = False,
) -> None:
    """Analyse documents and store them; a rerun resumes, stored documents are skipped."""
    from redline.cli import _ready_pipeline, _updated

    config = _updated(
        _config(config_file),
        settings,
        pipeline=pipeline,
        max_bytes=max_bytes,
        analyzers=[a.strip() for a in analyzers.split(",") if a.strip()] if analyzers else None,
    )
    from redline.store import CorpusStore
    from redline.store.batch import add_sources, estimate_total
    from redline.store.ingest import add_on_dask

    _ready_pipeline(config)  # a bad configuration: exit 2 before the corpus file is touched
    with _failing_cleanly(), CorpusStore.open(db) as store:
        if engine is Engine.dask:
            report = add_on_dask(
                store,
                paths,
                config,
                scheduler=scheduler,
                partition_size=partition_size,
                dashboard_address=dashboard_address,
            )
        else:
            with _progress(estimate_total(paths), enabled=not quiet) as advance:
                report = add_sources(
                    store,
                    paths,
                    config=config,
                    n_process=n_process,
                    batch_size=batch_size,
                    commit_every=commit_every,
                    advance=advance,
                )
    from redline.store.status import render_add_report

    render_add_report(report, db, stderr)
    raise typer.Exit(1 if report.failed else 0)


@corpus_app.command()
def status(
    db: Db = DEFAULT_DB,
    failures: Annotated[
        int, typer.Option("--failures", help="Failures listed (most recent first).", min=0)
    ] = 50,
) -> None:
    """What the corpus holds: documents, layers, analyzer versions, runs and failures."""
    from redline.store.status import corpus_status, render_status

    with _failing_cleanly():
        found = corpus_status(db, failures=failures)
    render_status(found, _stdout())


@corpus_app.command()
def query(
    sql: Annotated[str, typer.Argument(help="A read-only SQL query over the corpus tables.")],
    db: Db = DEFAULT_DB,
    csv: Csv = None,
    parquet: ParquetOut = None,
    rows: Rows = 50,
) -> None:
    """Run SQL over the corpus (read-only) and print, or write, the result."""
    from redline.store import CorpusStore

    with _failing_cleanly(), CorpusStore.open(db, read_only=True) as store:
        relation = store.con.sql(sql)
        if relation is None:
            stderr.print("the statement returned no rows")
            return
        _show(relation, rows, csv, parquet)


@corpus_app.command()
def export(
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="A directory (parquet, csv) or a file (jsonl, labelstudio .json)."
        ),
    ],
    db: Db = DEFAULT_DB,
    export_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="parquet or csv: one file per table; jsonl: Documents; labelstudio: Label "
            "Studio tasks with a prediction per layer (and the labeling configuration beside).",
        ),
    ] = ExportFormat.parquet,
    layers: Annotated[
        str,
        typer.Option(
            "--layers",
            help="labelstudio: comma-separated layers, one prediction each; a task of one layer "
            "can be reviewed as emptied, in a task of several only the layers labelled count.",
        ),
    ] = "claims",
) -> None:
    """Export the corpus: Parquet or CSV tables, JSON Lines of Documents, Label Studio tasks."""
    from redline.store import CorpusStore
    from redline.store.export import export_csv, export_jsonl, export_parquet

    one_file = export_format in (ExportFormat.jsonl, ExportFormat.labelstudio)
    if one_file and out.is_dir():
        _usage_error(f"--format {export_format.value} writes one file; {out} is a directory")
    if not one_file and out.exists() and not out.is_dir():
        _usage_error(f"--format {export_format.value} writes a directory; {out} is a file")
    with _failing_cleanly(), CorpusStore.open(db, read_only=True) as store:
        if export_format is ExportFormat.labelstudio:
            _export_labelstudio(store, out, layers)
        elif export_format is ExportFormat.jsonl:
            count = export_jsonl(store, out)
            stderr.print(f"{count} documents -> {escape(str(out))}")
        else:
            writer = export_parquet if export_format is ExportFormat.parquet else export_csv
            written = writer(store, out)
            stderr.print(f"{len(written)} tables -> {escape(str(out))}/")


def _export_labelstudio(store: Any, out: Path, layers: str) -> None:
    from redline.store.labelstudio import export_labelstudio, stored_layers

    wanted = [layer.strip() for layer in layers.split(",") if layer.strip()]
    known = stored_layers(store)
    unknown = [layer for layer in wanted if layer not in known]
    if not wanted or unknown:
        _usage_error(
            f"--layers {layers!r}: no stored document has {', '.join(unknown) or 'a layer'}; "
            f"stored layers: {', '.join(known) or 'none (add documents first)'}"
        )
    done = export_labelstudio(store, out, layers=wanted)
    stderr.print(
        f"{done.tasks} tasks, {done.regions} predicted regions -> {escape(str(out))}; "
        f"labeling configuration -> {escape(str(done.config_path))}"
    )


@corpus_app.command("import")
def import_reviews(
    path: Annotated[
        Path,
        typer.Argument(
            help="Label Studio's JSON export (Export > JSON) of tasks made by "
            "`redline corpus export --format labelstudio`.",
            exists=True,
            dir_okay=False,
        ),
    ],
    db: Db = DEFAULT_DB,
    import_format: Annotated[
        ImportFormat, typer.Option("--format", "-f", help="The file's format.")
    ] = ImportFormat.labelstudio,
) -> None:
    """Store reviewed annotations as reviewed layers, apart from the analyzers' findings.

    Each task's newest annotation replaces the earlier review of its layers; a file with any
    problem is refused whole, and nothing is written.
    """
    from redline.store import CorpusStore
    from redline.store.labelstudio import import_labelstudio

    with _failing_cleanly(), CorpusStore.open(db, create=False) as store:
        done = import_labelstudio(store, path)
    waiting = f"; {done.unreviewed} task(s) not annotated yet" if done.unreviewed else ""
    stderr.print(
        f"reviewed {done.layers} layer(s) of {done.documents} document(s), {done.regions} "
        f"region(s), from {done.tasks} task(s){waiting} -> {escape(str(db))}"
    )


@corpus_app.command()
def trends(
    db: Db = DEFAULT_DB,
    by: Annotated[
        TrendKey, typer.Option("--by", help="Group by author, outlet or speaker.")
    ] = TrendKey.author,
    every: Annotated[
        Every, typer.Option("--every", help="Period: day, week or month.")
    ] = Every.month,
    since: Since = None,
    until: Until = None,
    author: Annotated[str | None, typer.Option("--author", help="Only this author.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only this outlet.")] = None,
    csv: Csv = None,
    parquet: ParquetOut = None,
    chart: Chart = None,
    rows: Rows = 50,
) -> None:
    """Escalation index and highest advocated level over time, per author, outlet or speaker."""
    _view(
        "trends",
        db,
        dict(by=by.value, every=every.value),
        _window(since, until, author, outlet),
        csv=csv,
        parquet=parquet,
        chart=chart,
        rows=rows,
        chart_by=by.value,
    )


@corpus_app.command()
def techniques(
    db: Db = DEFAULT_DB,
    by: Annotated[
        TechniqueKey, typer.Option("--by", help="Group by author or outlet.")
    ] = TechniqueKey.author,
    since: Since = None,
    until: Until = None,
    csv: Csv = None,
    parquet: ParquetOut = None,
    chart: Chart = None,
    rows: Rows = 50,
) -> None:
    """Persuasion-technique frequencies per author or outlet."""
    _view(
        "techniques",
        db,
        dict(by=by.value),
        _window(since, until),
        csv=csv,
        parquet=parquet,
        chart=chart,
        rows=rows,
        chart_by=by.value,
    )


@corpus_app.command()
def actors(
    db: Db = DEFAULT_DB,
    since: Since = None,
    until: Until = None,
    top: Annotated[int, typer.Option("--top", help="How many actors.", min=1)] = 20,
    csv: Csv = None,
    parquet: ParquetOut = None,
    chart: Chart = None,
    rows: Rows = 50,
) -> None:
    """The most mentioned actors in a time window."""
    _view(
        "actors",
        db,
        dict(limit=top),
        _window(since, until),
        csv=csv,
        parquet=parquet,
        chart=chart,
        rows=rows,
    )


@corpus_app.command()
def alignment(
    db: Db = DEFAULT_DB,
    since: Since = None,
    until: Until = None,
    graph: Annotated[
        Path | None, typer.Option("--graph", help="Also write the graph: .json or .graphml.")
    ] = None,
    csv: Csv = None,
    parquet: ParquetOut = None,
    chart: Chart = None,
    rows: Rows = 50,
) -> None:
    """The alignment graph (ally, enemy, vassal... assertions) over a time window."""
    if graph is not None and graph.suffix.lower() not in (".json", ".graphml"):
        _usage_error(f"--graph must end in .json or .graphml, got {graph.name!r}")
    frame = _view(
        "alignment", db, {}, _window(since, until), csv=csv, parquet=parquet, chart=chart, rows=rows
    )
    if graph is not None:
        from redline.store.export import write_graph

        with _failing_cleanly():
            nodes, edges = write_graph(frame, graph)
        stderr.print(f"{nodes} actors, {edges} edges -> {escape(str(graph))}")


@corpus_app.command()
def redlines(
    db: Db = DEFAULT_DB,
    every: Annotated[
        Every, typer.Option("--every", help="Period: day, week or month.")
    ] = Every.month,
    since: Since = None,
    until: Until = None,
    csv: Csv = None,
    parquet: ParquetOut = None,
    chart: Chart = None,
    rows: Rows = 50,
) -> None:
    """Red lines per actor over time."""
    _view(
        "redlines",
        db,
        dict(every=every.value),
        _window(since, until),
        csv=csv,
        parquet=parquet,
        chart=chart,
        rows=rows,
    )


def _window(
    since: str | None, until: str | None, author: str | None = None, outlet: str | None = None
) -> Any:
    from redline.store.trends import Window

    for name, value in (("--since", since), ("--until", until)):
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                _usage_error(f"{name} expects a date as YYYY-MM-DD, got {value!r}")
    return Window(since, until, author, outlet)


def _view(
    name: str,
    db: Path,
    options: dict[str, Any],
    window: Any,
    *,
    csv: Path | None,
    parquet: Path | None,
    chart: Path | None,
    rows: int,
    chart_by: str = "author",
) -> Any:
    from redline.store import CorpusStore
    from redline.store.trends import VIEWS

    if chart is not None and chart.suffix.lower() not in (".html", ".htm"):
        _usage_error(f"--chart writes HTML; expected a file ending in .html, got {chart.name!r}")
    with _failing_cleanly(), CorpusStore.open(db, read_only=True) as store:
        relation = VIEWS[name](store.con, window=window, **options)
        frame = _show(relation, rows, csv, parquet)
        if chart is not None:
            from redline.store.charts import write_chart

            write_chart(name, frame, chart, by=chart_by)
            stderr.print(f"chart -> {escape(str(chart))}")
    return frame


def _show(relation: Any, rows: int, csv: Path | None, parquet: Path | None) -> Any:
    """Write the files asked for, print up to ``rows`` rows; returns the rows as a DataFrame."""
    from redline.store.export import write_relation
    from redline.store.status import render_frame

    for path, suffix in ((csv, ".csv"), (parquet, ".parquet")):
        if path is not None:
            write_relation(
                relation, path if path.suffix.lower() == suffix else path.with_suffix(suffix)
            )
    frame = relation.df()
    render_frame(frame, _stdout(), rows=rows)
    if len(frame) > rows:
        stderr.print(f"{len(frame)} rows, {rows} shown (--rows, --csv, --parquet for more)")
    return frame


def _config(path: Path | None, **changes: Any) -> RedlineConfig:
    try:
        base = RedlineConfig.from_toml(path) if path is not None else RedlineConfig()
        return base.updated(**changes)
    except RedlineError as error:
        _usage_error(str(error))
        raise  # unreachable: _usage_error exits


@contextmanager
def _progress(total: int | None, *, enabled: bool) -> Iterator[Callable[[int], None]]:
    """A Rich progress bar on standard error: done/total, documents per second, ETA."""
    if not enabled:
        yield lambda n: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        SpinnerColumn(),
        TextColumn("storing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task("store", total=total, rate="")

        def advance(n: int) -> None:
            progress.advance(task, n)
            state = progress.tasks[task]
            if state.elapsed:
                progress.update(task, rate=f"{state.completed / state.elapsed:.1f} docs/s")

        yield advance


__all__ = ["corpus_app"]
