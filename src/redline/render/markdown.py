"""The Markdown report: the terminal report's content as headings and tables.

Every piece of source text goes through :func:`md_escape`, so table cells cannot be split by
``|`` or newlines, Markdown syntax is shown literally and raw HTML is inert (``<`` -> ``&lt;``).

>>> md_escape("a | <b>*x*</b>")
'a \\\\| &lt;b&gt;\\\\*x\\\\*&lt;/b&gt;'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from redline.document import Document
from redline.render import _summary as summary

# Inline syntax of CommonMark/GFM. Block syntax (lists, "1.") needs a line start, which a cell
# or a heading never gives source text, so "-", "+" and "." stay readable.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def md_escape(text: str) -> str:
    """``text`` on one line, safe inside a Markdown paragraph or table cell."""
    line = summary.clean(text)
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", line)


def render_markdown(document: Document) -> str:
    """The report of ``document`` as Markdown.

    >>> from redline.document import Document
    >>> render_markdown(Document.from_text("Hi.")).splitlines()[0]
    '# Redline report'
    """
    blocks: list[str] = [_header(document)]
    escalation = summary.escalation_rows(document)
    if escalation is not None:
        blocks.append("## Escalation profile\n\n" + _table(("Item", "Value"), escalation))
        blocks.extend(
            f"### Escalation {b.title}\n\n" + _table(b.columns, b.rows)
            for b in summary.escalation_breakdowns(document)
        )
    blocks.append(_structure(document))
    blocks.append(_techniques(document))
    blocks.append(_layer_counts(document))
    blocks.extend(_findings(document, layer) for layer in summary.finding_layers(document))
    return "\n\n".join(block for block in blocks if block) + "\n"


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
            s.label,
            summary.attrs_line(s, layer),
            summary.provenance(s),
            f"{s.confidence:.2f}",
        )
        for n, s in enumerate(spans, 1)
    ]
    columns = ("#", "Quote", "Label", "Attributes", "Analyzer/rule", "Confidence")
    body = _table(columns, rows) if rows else "No findings."
    return f"## Findings: {md_escape(layer)} ({len(spans)})\n\n{body}"


def _table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = [_row(columns), "|" + "|".join(" --- " for _ in columns) + "|"]
    lines.extend(_row(row) for row in rows)
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(md_escape(cell) for cell in cells) + " |"
