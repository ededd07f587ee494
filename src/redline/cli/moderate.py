"""``redline moderate``: the reader comments of documents, most severe incitement first.

Thin: options become a :class:`RedlineConfig`, the readers and pipeline of ``redline analyze``
do the work, :mod:`redline.render.moderation` draws the result. Exit codes: 0 every input was
analysed, 1 some failed (one line each on standard error; the others are still listed), 2 usage.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from redline.cli.options import MaxBytes, PipelineName
from redline.render.moderation import DEFAULT_MIN_SEVERITY

# The analyzers the incitement layer needs, and itself; the other layers are not shown here.
MODERATION_ANALYZERS = ("structure", "actors", "groups", "claims", "incitement")


class ModerationFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


def moderate(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories, corpus files (.jsonl/.csv/.parquet) or - for stdin."
        ),
    ],
    output_format: Annotated[
        ModerationFormat,
        typer.Option("--format", "-f", help="A terminal table, or JSON lines for a queue."),
    ] = ModerationFormat.table,
    min_severity: Annotated[
        int,
        typer.Option(
            "--min-severity",
            min=0,
            max=5,
            help="Only comments whose severity (ladder level 1-5) is at least this; 0 lists every "
            "comment.",
        ),
    ] = DEFAULT_MIN_SEVERITY,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write to this file instead of standard output."),
    ] = None,
    pipeline: PipelineName = None,
    max_bytes: MaxBytes = None,
) -> None:
    """List the reader comments of documents by incitement severity, with spans and targets."""
    from rich.markup import escape

    from redline.cli import _analysed, stderr
    from redline.config import RedlineConfig
    from redline.document import Document
    from redline.render.moderation import moderation_items, render_jsonl, render_table
    from redline.store.files import write_atomic

    config = RedlineConfig(analyzers=MODERATION_ANALYZERS).updated(
        pipeline=pipeline, max_bytes=max_bytes
    )
    documents: list[Document] = []
    failures = 0
    for item in _analysed(paths, config):
        if isinstance(item, Document):
            documents.append(item)
        else:
            failures += 1
            stderr.print(f"[red]error:[/red] {escape(str(item))}", markup=True, highlight=False)
    if not documents:
        raise typer.Exit(1)  # every input failed, each said so on stderr; nothing to list
    items = moderation_items(documents, min_severity=min_severity)
    body = render_jsonl(items) if output_format is ModerationFormat.jsonl else render_table(items)
    if out is None:
        typer.echo(body, nl=False)
    else:
        write_atomic(out, body)
    raise typer.Exit(1 if failures else 0)
