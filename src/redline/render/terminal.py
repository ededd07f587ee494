"""The terminal report, drawn with Rich.

Source text only ever reaches Rich as :class:`rich.text.Text` (never parsed as markup or
emoji codes), so a document containing ``[bold]`` prints it literally.

>>> from redline.document import Document, Metadata
>>> "Say [bold] loudly" in render_text(Document.from_text("", Metadata(title="Say [bold] loudly")))
True
"""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO

from rich.console import Console, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from redline.document import Document
from redline.render import _summary as summary

REPORT_WIDTH = 100


def render_text(document: Document, *, width: int = REPORT_WIDTH) -> str:
    """The terminal report as plain text (no colour, no control codes), ``width`` columns wide."""
    return plain_text(lambda console: print_report(document, console), width=width)


def plain_text(draw: Callable[[Console], None], *, width: int) -> str:
    """What ``draw`` prints on a console of ``width`` columns, as plain text: no colour, no
    control codes, and no markup or emoji codes read from the text."""
    buffer = StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system=None,
        force_terminal=False,
        force_jupyter=False,
        markup=False,
        emoji=False,
        highlight=False,
    )
    draw(console)
    return buffer.getvalue()


def print_report(document: Document, console: Console) -> None:
    """Print the report of ``document`` on ``console`` (colour follows the console's terminal)."""
    for part in _sections(document):
        console.print(part)


def _sections(document: Document) -> list[RenderableType]:
    parts: list[RenderableType] = [_header(document)]
    escalation = summary.escalation_rows(document)
    if escalation is not None:
        parts.append(_pairs_table("Escalation profile", escalation))
        for breakdown in summary.escalation_breakdowns(document):
            table = _table(f"Escalation {breakdown.title}", breakdown.columns)
            for row in breakdown.rows:
                table.add_row(*(_plain(cell, 60) for cell in row))
            parts.append(table)
    parts.extend(_structure(document))
    histogram = summary.technique_histogram(document)
    if histogram:
        parts.append(_techniques(histogram))
    parts.append(_layer_counts(document))
    for layer in summary.finding_layers(document):
        parts.append(_findings(document, layer))
    return parts


def _header(document: Document) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for name, value in summary.metadata_rows(document):
        grid.add_row(Text(name), _plain(value, 300))
    return Panel(grid, title=Text("Redline report", style="bold"), title_align="left")


def _pairs_table(title: str, rows: list[tuple[str, str]]) -> Table:
    table = Table(title=Text(title, style="bold"), title_justify="left", show_header=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for key, value in rows:
        table.add_row(_plain(key, 100), _plain(value, 400))
    return table


def _structure(document: Document) -> list[RenderableType]:
    parts: list[RenderableType] = []
    speakers = summary.speaker_rows(document)
    if speakers:
        table = _table("Turns by speaker", ("Speaker", "Turns", "Words"))
        for row in speakers:
            table.add_row(_plain(row.speaker, 60), str(row.turns), str(row.words))
        parts.append(table)
    sections = summary.section_rows(document)
    if sections:
        table = _table("Sections", ("Kind", "Count", "First words"))
        for section in sections:
            table.add_row(_plain(section.kind), str(section.count), _plain(section.first_words))
        parts.append(table)
    comments, authors = summary.comment_summary(document)
    if comments:
        parts.append(Text(f"Comments: {comments} (named authors: {authors})"))
    return parts


def _techniques(rows: list[summary.TechniqueCount]) -> Table:
    table = _table("Persuasion techniques", ("Technique", "Category", "Spans", ""))
    largest = max(row.spans for row in rows)
    for row in rows:
        bar = Text(
            summary.histogram_bar(row.spans, largest), style=summary.layer_colour("techniques")
        )
        table.add_row(_plain(row.technique, 60), _plain(row.category, 40), str(row.spans), bar)
    return table


def _layer_counts(document: Document) -> Table:
    table = _table("Layers", ("Layer", "Spans", "Labels"))
    for row in summary.layer_counts(document):
        table.add_row(_plain(row.layer), str(row.spans), _plain(row.labels, 400))
    return table


def _findings(document: Document, layer: str) -> Table:
    spans = document.layer(layer)
    table = _table(
        f"Findings: {summary.quote(layer, 80)} ({len(spans)})",
        ("#", "Quote", "Label", "Attributes", "Analyzer/rule", "Conf."),
    )
    for number, span in enumerate(spans, 1):
        table.add_row(
            str(number),
            _plain(span.text),
            _plain(span.label, 60),
            _plain(summary.attrs_line(span, layer), 400),
            _plain(summary.provenance(span), 100),
            f"{span.confidence:.2f}",
        )
    return table


def _plain(value: str, limit: int = summary.QUOTE_LIMIT) -> Text:
    """Source text for Rich: one line, controls made visible, never read as markup."""
    return Text(summary.quote(value, limit))


def _table(title: str, columns: tuple[str, ...]) -> Table:
    table = Table(title=Text(title, style="bold"), title_justify="left")
    for column in columns:
        numeric = column in ("#", "Turns", "Words", "Count", "Spans", "Conf.")
        table.add_column(column, justify="right" if numeric else "left", overflow="fold")
    return table
