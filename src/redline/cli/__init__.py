"""The command line: options become a RedlineConfig, then the library does the work.

Exit codes: 0 all inputs analysed, 1 some inputs failed (the others are still written),
2 usage error.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from redline.cli.options import (
    AnalyzerSettings,
    ConfigFile,
    MaxBytes,
    MinConfidence,
    PipelineName,
    Quiet,
)
from redline.config import RedlineConfig, parse_setting
from redline.document import Document
from redline.errors import InputError, RedlineError
from redline.store.files import safe_file_name, write_atomic

if TYPE_CHECKING:
    import networkx as nx

    from redline.pipeline import Pipeline
    from redline.render.index import IndexRow

# The help names the configured defaults, so it cannot drift from them.
app = typer.Typer(
    name="redline",
    help="Evidence-linked analysis of geopolitical commentary.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    md = "md"
    html = "html"


EXTENSIONS = {"text": "txt", "json": "json", "jsonl": "jsonl", "md": "md", "html": "html"}


def _version(value: bool) -> None:
    if value:
        from redline import __version__

        typer.echo(f"redline {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Evidence-linked analysis of geopolitical commentary."""


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories, corpus files (.jsonl/.csv/.parquet) or - for stdin."
        ),
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.text,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write to this file, or one file per document into this directory."
        ),
    ] = None,
    pipeline: PipelineName = None,
    config_file: ConfigFile = None,
    max_bytes: MaxBytes = None,
    settings: AnalyzerSettings = None,
    quiet: Quiet = False,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Text and Markdown: every layer, not only the summary and the claims at "
            "rung 2 or above. HTML: all sections open.",
        ),
    ] = False,
    min_confidence: MinConfidence = None,
) -> None:
    """Analyse documents and write reports."""
    config = _updated(
        _config(config_file),
        settings,
        pipeline=pipeline,
        max_bytes=max_bytes,
        min_confidence=_thresholds(min_confidence),
    )
    fmt = output_format.value
    several = len(paths) > 1 or any(_is_collection(path) for path in paths)
    to_directory = out is not None and (out.is_dir() or (several and not out.suffix))
    if several and fmt == "html" and not to_directory:
        _usage_error("several documents as HTML need --out DIR (one report per document)")
    failures = 0
    written: list[Document] = []
    index: list[IndexRow] = []
    with _progress(enabled=several and not quiet) as advance:
        for item in _analysed(paths, config):
            if isinstance(item, RedlineError):
                failures += 1
                stderr.print(f"[red]error:[/red] {escape(str(item))}", markup=True, highlight=False)
            else:
                _notice_unanalysed(item)
                if to_directory and out is not None:
                    report = _report(item, fmt, full=full, config=config)
                    name = _file_name(item, fmt)
                    write_atomic(out / name, report)
                    if fmt == "html":
                        index.append(_index_row(item, name, config))
                else:
                    written.append(item)
            advance()
    if written:
        _emit(written, fmt, out, full=full, config=config)
    if index and out is not None:
        _write_index(index, out)
    raise typer.Exit(1 if failures else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a serialised Document."""
    from redline.document import json_schema

    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@app.command()
def ladder() -> None:
    """Print the escalation ladder claims are placed on."""
    from rich.table import Table

    from redline.claims.lexicon import LADDER, LADDER_EXAMPLES

    table = Table(title="Redline escalation ladder")
    table.add_column("level", justify="right")
    table.add_column("what")
    table.add_column("for example")
    for level, what in LADDER.items():
        table.add_row(str(level), what, LADDER_EXAMPLES[level])
    Console().print(table)


@app.command()
def techniques() -> None:
    """List the persuasion techniques (SemEval-2023 Task 3) with their definitions."""
    from redline.techniques import techniques_command

    techniques_command()


@app.command()
def graph(
    paths: Annotated[
        list[str], typer.Argument(help="Documents or corpora to draw the alignment graph of.")
    ],
    out: Annotated[
        list[Path],
        typer.Option(
            "--out",
            "-o",
            help="Output file: .json (node-link), .graphml, or .html (a page with the drawing "
            "and a table of the edges); repeat for several.",
        ),
    ],
    pipeline: PipelineName = None,
    quiet: Quiet = False,
) -> None:
    """Analyse documents and export their alignment graph (actors, ally/enemy/vassal edges)."""
    from redline.graph import alignment_graph, save_graph

    for path in out:
        if path.suffix.lower() not in GRAPH_SUFFIXES:
            _usage_error(f"--out must end in .json, .graphml or .html, got {path.name!r}")
    config = RedlineConfig().updated(pipeline=pipeline)
    documents: list[Document] = []
    failures = 0
    with _progress(enabled=not quiet) as advance:
        for item in _analysed(paths, config):
            if isinstance(item, RedlineError):
                failures += 1
                stderr.print(f"[red]error:[/red] {escape(str(item))}", markup=True, highlight=False)
            else:
                documents.append(item)
            advance()
    built = alignment_graph(documents)
    for path in out:
        if path.suffix.lower() == ".html":
            _save_graph_page(built, path, documents)
        else:
            save_graph(built, path)
    stderr.print(
        f"{built.number_of_nodes()} actors, {built.number_of_edges()} alignment edges -> "
        + ", ".join(str(path) for path in out)
    )
    raise typer.Exit(1 if failures else 0)


GRAPH_SUFFIXES = (".json", ".graphml", ".html")


def _save_graph_page(built: nx.MultiDiGraph[str], path: Path, documents: list[Document]) -> None:
    """The graph's HTML page, titled by its document when there is one."""
    from redline.render.graph_page import render_graph_page

    title = "Redline alignment graph"
    if len(documents) == 1 and documents[0].metadata.title:
        title += f": {documents[0].metadata.title}"
    elif len(documents) > 1:
        title += f" of {len(documents)} documents"
    write_atomic(path, render_graph_page(built, title))


def _notice_unanalysed(document: Document) -> None:
    """One line on stderr for a document in a language Redline does not analyse (exit 0)."""
    from redline.languages import unanalysed_notice

    language = document.metadata.unanalysed_language
    if language:
        where = document.metadata.source or document.id
        stderr.print(f"notice: {escape(where)}: {unanalysed_notice(language)}", highlight=False)


def _config(path: Path | None) -> RedlineConfig:
    if path is None:
        return RedlineConfig()
    try:
        return RedlineConfig.from_toml(path)
    except RedlineError as error:
        _usage_error(str(error))
        raise  # unreachable; _usage_error exits


def _updated(config: RedlineConfig, settings: list[str] | None, **changes: Any) -> RedlineConfig:
    """``config`` with the command's options and ``--set`` analyzer settings; a bad one is a
    usage error (exit 2), said once."""
    try:
        options: dict[str, dict[str, Any]] = {}
        for setting in settings or []:
            for name, values in parse_setting(setting).items():
                options.setdefault(name, {}).update(values)
        return config.updated(**changes, analyzer_options=options or None)
    except RedlineError as error:
        _usage_error(str(error))
        raise  # unreachable; _usage_error exits


def _ready_pipeline(config: RedlineConfig) -> Pipeline:
    """The pipeline of ``config`` with its models loaded, or one usage error (exit 2).

    A bad configuration (an unknown spaCy pipeline, analyzers out of order, a missing model)
    would fail every input alike; it is said once, before any input is read or file written.
    """
    from redline.analysis import get_pipeline
    from redline.nlp import load_pipeline

    try:
        pipeline = get_pipeline(config)
        pipeline.initialize()
        load_pipeline(config.pipeline)
    except RedlineError as error:
        _usage_error(f"configuration: {error}")
        raise  # unreachable; _usage_error exits
    return pipeline


def _analysed(paths: list[str], config: RedlineConfig) -> Iterator[Document | RedlineError]:
    """Each input's analysed Document, or the one-line error that stopped it."""
    from redline.readers import read_sources

    pipeline = _ready_pipeline(config)
    for item in read_sources(paths, max_bytes=config.max_bytes):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield pipeline.run(item)
        except RedlineError as error:
            yield InputError(item.metadata.source or item.id, str(error))
        except Exception as error:
            if os.environ.get("REDLINE_DEBUG"):
                raise
            first = str(error).splitlines()[0] if str(error) else ""
            problem = f"internal error {type(error).__name__}: {first}"
            yield InputError(
                item.metadata.source or item.id, problem + " (set REDLINE_DEBUG=1 for a traceback)"
            )


def _thresholds(settings: list[str] | None) -> dict[str, float] | None:
    """``--min-confidence`` settings as one mapping; a bad one is a usage error (exit 2)."""
    from redline.config import parse_threshold

    if not settings:
        return None
    thresholds: dict[str, float] = {}
    try:
        for setting in settings:
            thresholds.update(parse_threshold(setting))
    except RedlineError as error:
        _usage_error(str(error))
    return thresholds


def _report(
    document: Document, fmt: str, *, full: bool = False, config: RedlineConfig | None = None
) -> str:
    from redline.render import render

    thresholds = config.min_confidence if config is not None else None
    return render(document, fmt, full=full, min_confidence=thresholds)


def _index_row(document: Document, name: str, config: RedlineConfig) -> IndexRow:
    from redline.render.index import index_row

    return index_row(document, name, config.min_confidence)


def _write_index(rows: list[IndexRow], out: Path) -> None:
    """A directory of HTML reports opens on its index: one sortable row per document."""
    from redline.render.index import INDEX_NAME, render_index

    write_atomic(out / INDEX_NAME, render_index(rows))


def _emit(
    documents: list[Document],
    fmt: str,
    out: Path | None,
    *,
    full: bool = False,
    config: RedlineConfig | None = None,
) -> None:
    if fmt == "json" and len(documents) > 1:
        body = "[\n" + ",\n".join(doc.to_json() for doc in documents) + "\n]\n"
    elif fmt == "jsonl":
        body = "".join(_report(doc, fmt) + "\n" for doc in documents)
    else:
        body = "\n".join(_report(doc, fmt, full=full, config=config) for doc in documents)
    if not body.endswith("\n"):
        body += "\n"
    if out is None:
        sys.stdout.write(body)
    else:
        write_atomic(out, body)


def _file_name(document: Document, fmt: str) -> str:
    """``<stem>-<id>.<ext>``: the stem comes from the source (a URL's last path segment or
    host), made safe, because a URL or metadata may hold ``:``, ``/``, NUL or worse."""
    stem = safe_file_name(_source_stem(document.metadata.source or ""))
    return f"{stem}-{document.id[:8]}.{EXTENSIONS[fmt]}"


def _source_stem(source: str) -> str:
    if not source or source == "<stdin>":
        return ""
    if "://" in source:
        parts = urlsplit(source)
        segments = [segment for segment in parts.path.split("/") if segment]
        return Path(segments[-1]).stem if segments else parts.hostname or ""
    return Path(source.split("#")[0]).stem


def _is_collection(path: str) -> bool:
    return Path(path).is_dir() or Path(path).suffix.lower() in {
        ".jsonl",
        ".ndjson",
        ".csv",
        ".parquet",
    }


@contextmanager
def _progress(*, enabled: bool) -> Iterator[Callable[[], None]]:
    if not enabled:
        yield lambda: None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
    ) as progress:
        task = progress.add_task("analyse", total=None, rate="")

        def advance() -> None:
            progress.advance(task)
            elapsed = progress.tasks[task].elapsed or 0.0
            done = progress.tasks[task].completed
            if elapsed > 0:
                progress.update(task, rate=f"{done / elapsed:.1f} docs/s")

        yield advance


def _usage_error(message: str) -> None:
    stderr.print(f"[red]usage error:[/red] {escape(message)}", markup=True, highlight=False)
    raise typer.Exit(2)


def _register_subcommands() -> None:
    """Commands that live in their own modules of this package (imported here, after ``app``
    exists, because they use this module's helpers)."""
    from redline.cli.corpus import corpus_app
    from redline.cli.moderate import moderate
    from redline.cli.serve import serve

    app.command()(moderate)
    app.command()(serve)
    app.add_typer(corpus_app, name="corpus")


_register_subcommands()


def main() -> None:
    """Console-script entry point."""
    app()
