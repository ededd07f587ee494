"""The terminal report, drawn with Rich.

Source text only ever reaches Rich as :class:`rich.text.Text` (never parsed as markup or
emoji codes), so a document containing ``[bold]`` prints it literally.

>>> from redline.document import Document, Metadata
>>> "Say [bold] loudly" in render_text(Document.from_text("", Metadata(title="Say [bold] loudly")))
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from io import StringIO

from rich.console import Console, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from redline.document import Document
from redline.render import _digest as digest
from redline.render import _summary as summary

REPORT_WIDTH = 100


def render_text(
    document: Document,
    *,
    width: int = REPORT_WIDTH,
    full: bool = False,
    min_confidence: Mapping[str, float] | None = None,
) -> str:
    """The terminal report as plain text (no colour, no control codes), ``width`` columns wide.

    By default the summary and the claims at rung 2 or above; ``full`` adds every layer.
    Findings below their layer's ``min_confidence`` are left out (``None``: the default).
    """
    return plain_text(
        lambda console: print_report(document, console, full=full, min_confidence=min_confidence),
        width=width,
    )


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


def print_report(
    document: Document,
    console: Console,
    *,
    full: bool = False,
    min_confidence: Mapping[str, float] | None = None,
) -> None:
    """Print the report of ``document`` on ``console`` (colour follows the console's terminal).

    By default the summary and the claims at rung 2 or above; ``full`` adds every layer.
    Findings below their layer's ``min_confidence`` are left out (``None``: the default).
    """
    shown, notes = digest.thresholded(document, min_confidence)
    for part in _sections(shown, notes, full=full):
        console.print(part)


def _sections(document: Document, notes: list[str], *, full: bool) -> list[RenderableType]:
    parts: list[RenderableType] = [_header(document), *_summary_parts(document)]
    if notes:
        parts.append(Text("Hidden: " + "; ".join(notes) + ".", style="dim"))
    parts.append(_claims(document, min_rung=0 if full else digest.MIN_RUNG))
    if not full:
        parts.append(Text("Run with --full for every claim, actor, technique and finding."))
        return parts
    for breakdown in summary.escalation_breakdowns(document):
        table = _table(f"Escalation {breakdown.title}", breakdown.columns)
        for row in breakdown.rows:
            table.add_row(*(_plain(cell, 60) for cell in row))
        parts.append(table)
    parts.extend(_structure(document))
    actors = digest.actor_rows(document)
    if actors:
        parts.append(_actors(actors))
    histogram = summary.technique_histogram(document)
    if histogram:
        parts.append(_techniques(histogram))
    parts.append(_layer_counts(document))
    for layer in summary.finding_layers(document):
        if document.layer(layer):
            parts.append(_findings(document, layer))
    return parts


def _summary_parts(document: Document) -> list[RenderableType]:
    brief = digest.digest(document)
    parts: list[RenderableType] = [Text("Summary", style="bold underline")]
    if brief.index is not None:
        parts.append(
            Text(f"Escalation index {brief.index}/100 over {brief.claims} claims. ")
            + Text(digest.index_method(), style="dim")
        )
    if brief.voices:
        table = _table("Voices", digest.VOICE_HEADER)
        for voice in brief.voices:
            speaker, kind, words, claims, we = digest.voice_cells(voice)
            table.add_row(_plain(speaker, 60), kind, words, claims, _plain(we))
        parts.append(table)
    if brief.rungs:
        table = _table("Highest rungs", digest.RUNG_HEADER)
        for rung in brief.rungs:
            stance, meaning, quote, speaker = digest.rung_cells(rung)
            table.add_row(stance, _plain(meaning, 80), _plain(quote, 400), _plain(speaker, 60))
        parts.append(table)
    if brief.red_lines:
        parts.append(Text(f"Red lines ({len(brief.red_lines)})", style="bold"))
        for card in brief.red_lines:
            parts.append(_card(card))
    if brief.incitement:
        table = _table("Incitement", ("Kind", "Quote", "Speaker", "Target", "Severity"))
        for item in brief.incitement:
            table.add_row(
                _plain(item.kind, 60),
                _plain(f"“{item.quote}”", 400),
                _plain(item.speaker, 60),
                _plain(item.target, 60),
                item.severity,
            )
        parts.append(table)
    else:
        parts.append(Text("Incitement: none found."))
    ladder = Text("Ladder: ", style="bold")
    ladder += Text("; ".join(f"{level} {what}" for level, what, _ in digest.ladder()) + ".")
    parts.append(ladder)
    return parts


def _card(card: digest.RedLineCard) -> Text:
    """A red line in three lines: who sets it against whom, its if/then, its quote."""
    line = Text("• ")
    line += Text(card.setter, style="bold")
    line += Text(f" against {card.against} · {card.kind} · rung {digest.rung_name(card.level)}\n")
    line += Text(f"  if: {card.condition}; then: {card.consequence}\n")
    line += Text(f"  “{card.quote}” ({card.speaker})", style="italic")
    return line


def _claims(document: Document, *, min_rung: int) -> RenderableType:
    rows = digest.claim_rows(document, min_rung)
    title = "Claims" if min_rung == 0 else f"Claims at rung {min_rung} or above"
    if not rows:
        return Text(f"{title}: none.")
    table = _table(
        f"{title} ({len(rows)})", ("Rung", "Stance", "Quote", "Speaker", "Who → whom", "Conf.")
    )
    for row in rows:
        table.add_row(
            str(row.level),
            row.stance,
            _plain(f"“{row.quote}”", 400),
            _plain(row.speaker, 60),
            _plain(row.who, 80),
            f"{row.confidence:.2f}",
        )
    return table


def _actors(rows: list[digest.ActorRow]) -> Table:
    table = _table("Actors", ("Actor", "Type", "Mentions", "First quote", "Role"))
    for row in rows:
        table.add_row(
            _plain(row.name, 60),
            _plain(row.kind, 30),
            str(row.mentions),
            _plain(f"“{row.first_quote}”", 200),
            _plain(row.role, 120),
        )
    return table


def _header(document: Document) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for name, value in summary.metadata_rows(document):
        grid.add_row(Text(name), _plain(value, 300))
    return Panel(grid, title=Text("Redline report", style="bold"), title_align="left")


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
        ("#", "Quote", "Label", "Details", "Conf."),
    )
    for number, span in enumerate(spans, 1):
        table.add_row(
            str(number),
            _plain(span.text),
            _plain(span.label, 60),
            _plain(digest.describe(span, layer), 400),
            f"{span.confidence:.2f}",
        )
    return table


def _plain(value: str, limit: int = summary.QUOTE_LIMIT) -> Text:
    """Source text for Rich: one line, controls made visible, never read as markup."""
    return Text(summary.quote(value, limit))


def _table(title: str, columns: tuple[str, ...]) -> Table:
    table = Table(title=Text(title, style="bold"), title_justify="left")
    for column in columns:
        numeric = column in ("#", "Turns", "Words", "Count", "Spans", "Conf.", "Mentions", "Claims")
        table.add_column(column, justify="right" if numeric else "left", overflow="fold")
    return table
