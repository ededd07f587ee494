"""The Markdown report: the terminal report's content as headings and tables.

Every piece of source text goes through :func:`md_escape`, so table cells cannot be split by
``|`` or newlines, Markdown syntax is shown literally and raw HTML is inert (``<`` -> ``&lt;``).

>>> md_escape("a | <b>*x*</b>")
'a \\\\| &lt;b&gt;\\\\*x\\\\*&lt;/b&gt;'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from redline.document import Document
from redline.render import _digest as digest
from redline.render import _summary as summary

# Inline syntax of CommonMark/GFM. Block syntax (lists, "1.") needs a line start, which a cell
# or a heading never gives source text, so "-", "+" and "." stay readable.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def md_escape(text: str) -> str:
    """``text`` on one line, safe inside a Markdown paragraph or table cell."""
    line = summary.clean(text)
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", line)


def render_markdown(
    document: Document, *, full: bool = False, min_confidence: Mapping[str, float] | None = None
) -> str:
    """The report of ``document`` as Markdown: the summary and the claims at rung 2 or above;
    ``full`` adds every layer. Findings below their layer's ``min_confidence`` are left out
    (``None``: the default).

    >>> from redline.document import Document
    >>> render_markdown(Document.from_text("Hi.")).splitlines()[0]
    '# Redline report'
    """
    document, notes = digest.thresholded(document, min_confidence)
    blocks: list[str] = [_header(document), _summary(document)]
    if notes:
        blocks.append("_Hidden: " + md_escape("; ".join(notes)) + "._")
    blocks.append(_claims(document, min_rung=0 if full else digest.MIN_RUNG))
    if not full:
        blocks.append("_Run with `--full` for every claim, actor, technique and finding._")
        return "\n\n".join(block for block in blocks if block) + "\n"
    blocks.extend(
        f"### Escalation {b.title}\n\n" + _table(b.columns, b.rows)
        for b in summary.escalation_breakdowns(document)
    )
    blocks.append(_structure(document))
    blocks.append(_actors(document))
    blocks.append(_techniques(document))
    blocks.append(_layer_counts(document))
    blocks.extend(
        _findings(document, layer)
        for layer in summary.finding_layers(document)
        if document.layer(layer)
    )
    return "\n\n".join(block for block in blocks if block) + "\n"


def _summary(document: Document) -> str:
    brief = digest.digest(document)
    parts = ["## Summary"]
    if brief.index is not None:
        parts.append(
            f"**Escalation index {brief.index}/100** over {brief.claims} claims. "
            + md_escape(digest.index_method())
        )
    if brief.voices:
        rows = [digest.voice_cells(v) for v in brief.voices]
        parts.append("### Voices\n\n" + _table(digest.VOICE_HEADER, rows))
    if brief.rungs:
        rung_rows = [digest.rung_cells(r) for r in brief.rungs]
        parts.append("### Highest rungs\n\n" + _table(digest.RUNG_HEADER, rung_rows))
    if brief.red_lines:
        cards = [
            f"- **{md_escape(c.setter)}** against {md_escape(c.against)} · {md_escape(c.kind)}"
            f" · rung {md_escape(digest.rung_name(c.level))}  \n"
            f"  if: {md_escape(c.condition)}; then: {md_escape(c.consequence)}  \n"
            f"  > “{md_escape(c.quote)}” ({md_escape(c.speaker)})"
            for c in brief.red_lines
        ]
        parts.append(f"### Red lines ({len(cards)})\n\n" + "\n".join(cards))
    if brief.incitement:
        rows = [(i.kind, f"“{i.quote}”", i.speaker, i.target, i.severity) for i in brief.incitement]
        parts.append(
            "### Incitement\n\n" + _table(("Kind", "Quote", "Speaker", "Target", "Severity"), rows)
        )
    else:
        parts.append("### Incitement\n\nNone found.")
    ladder = [(str(level), what, examples) for level, what, examples in digest.ladder()]
    parts.append(
        "### The escalation ladder\n\n" + _table(("Rung", "Meaning", "For example"), ladder)
    )
    return "\n\n".join(parts)


def _claims(document: Document, *, min_rung: int) -> str:
    rows = [
        (str(r.level), r.stance, f"“{r.quote}”", r.speaker, r.who, f"{r.confidence:.2f}")
        for r in digest.claim_rows(document, min_rung)
    ]
    title = "Claims" if min_rung == 0 else f"Claims at rung {min_rung} or above"
    columns = ("Rung", "Stance", "Quote", "Speaker", "Who → whom", "Confidence")
    body = _table(columns, rows) if rows else "None."
    return f"## {title} ({len(rows)})\n\n{body}"


def _actors(document: Document) -> str:
    rows = [
        (a.name, a.kind, str(a.mentions), f"“{a.first_quote}”", a.role)
        for a in digest.actor_rows(document)
    ]
    if not rows:
        return ""
    return "## Actors\n\n" + _table(("Actor", "Type", "Mentions", "First quote", "Role"), rows)


def _header(document: Document) -> str:
    title = document.metadata.title
    heading = "# Redline report" + (f": {md_escape(title)}" if title else "")
    return heading + "\n\n" + _table(("Field", "Value"), summary.metadata_rows(document))


def _structure(document: Document) -> str:
    parts = [
        f"### {table.title}\n\n" + _table(table.header, table.rows)
        for table in summary.structure_tables(document)
    ]
    comments, authors = summary.comment_summary(document)
    if comments:
        parts.append(f"Comments: {comments} (named authors: {authors})")
    return "## Structure\n\n" + "\n\n".join(parts) if parts else ""


def _techniques(document: Document) -> str:
    rows = summary.technique_histogram(document)
    if not rows:
        return ""
    largest = max(row.spans for row in rows)
    body = _table(
        ("Technique", "Category", "Spans", "", "Definition"),
        [
            (
                r.technique,
                r.category,
                str(r.spans),
                summary.histogram_bar(r.spans, largest, 10),
                r.definition,
            )
            for r in rows
        ],
    )
    return "## Persuasion techniques\n\n" + body


def _layer_counts(document: Document) -> str:
    rows = [(r.layer, str(r.spans), r.labels) for r in summary.layer_counts(document)]
    return "## Layers\n\n" + (_table(("Layer", "Spans", "Labels"), rows) if rows else "No layers.")


def _findings(document: Document, layer: str) -> str:
    spans = document.layer(layer)
    rows = [
        (
            str(n),
            summary.quote(s.text),
            s.label.replace("_", " "),
            digest.describe(s, layer),
            f"{s.confidence:.2f}",
        )
        for n, s in enumerate(spans, 1)
    ]
    columns = ("#", "Quote", "Label", "Details", "Confidence")
    body = _table(columns, rows) if rows else "No findings."
    return f"## Findings: {md_escape(layer)} ({len(spans)})\n\n{body}"


def _table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = [_row(columns), "|" + "|".join(" --- " for _ in columns) + "|"]
    lines.extend(_row(row) for row in rows)
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(md_escape(cell) for cell in cells) + " |"
