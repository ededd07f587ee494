"""The index page of a directory of HTML reports: one row per document, sortable by column.

``redline analyze DIR --format html --out reports/`` writes it as ``reports/index.html``. Rows
are built while the documents stream past (:func:`index_row` keeps a few strings, not the
document), then drawn once by :func:`render_index`. The page follows the report's safety rules
(:mod:`redline.render.html`): every value escaped, and a Content-Security-Policy that admits
only its own style and sorting script by hash, no network.

>>> from redline.document import Document
>>> row = index_row(Document.from_text("Hello."), "hello.html")
>>> "hello.html" in render_index([row])
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from redline.document import Document
from redline.render import _digest as digest
from redline.render.html import escape, page_csp, template

INDEX_NAME = "index.html"
COLUMNS = (
    "Document", "Date", "Outlet / author", "Language", "Advocated", "Threatened", "Predicted",
    "Reported", "Escalation index", "Red lines", "Incitement",
)  # fmt: skip
_NUMERIC_FROM = 4  # columns from here on hold numbers (rungs, index, counts)


@dataclass(frozen=True)
class IndexRow:
    """What the index shows of one document; ``None`` rungs and index are shown as a dash."""

    href: str
    title: str
    date: str
    outlet: str
    language: str
    rungs: tuple[int | None, ...]  # advocated, threatened, predicted, reported
    index: int | None
    red_lines: int
    incitement: int


def index_row(
    document: Document, href: str, min_confidence: Mapping[str, float] | None = None
) -> IndexRow:
    """The index row of ``document`` whose report is the file ``href`` (relative to the index).

    Findings below their layer's ``min_confidence`` are not counted, as the report hides them.
    """
    shown, _ = digest.thresholded(document, min_confidence)
    brief = digest.digest(shown)
    meta = document.metadata
    levels = {rung.stance: rung.level for rung in brief.rungs}
    source = Path(meta.source.split("#")[0]).name if meta.source else ""
    return IndexRow(
        href=href,
        title=meta.title or source or document.id,
        date=meta.date or "",
        outlet=" · ".join(part for part in (meta.outlet, meta.author) if part),
        language=meta.language or "",
        rungs=tuple(levels.get(stance) for stance in digest.PROFILED),
        index=brief.index,
        red_lines=len(brief.red_lines),
        incitement=len(brief.incitement),
    )


def render_index(rows: Sequence[IndexRow], title: str = "Redline reports") -> str:
    """The standalone index page: a table of ``rows``, sortable by clicking a column header."""
    style, script = template("index.css"), template("index.js")
    head = "".join(
        f'<th scope="col" aria-sort="none"><button type="button" data-column="{i}"'
        f"{' data-numeric' if i >= _NUMERIC_FROM else ''}>{escape(name)}</button></th>"
        for i, name in enumerate(COLUMNS)
    )
    body = "".join(_row(row) for row in rows)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(page_csp(style, script))}">'
        '\n<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f'<main class="rl-index-page"><h1>{escape(title)}</h1>'
        f'<p class="rl-hint">{len(rows)} documents. Rungs are the highest each stance reaches on '
        "the escalation ladder (0–5; — none). Click a column header to sort.</p>"
        f'<table class="rl-index"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        f"</main>\n<script>{script}</script>\n</body>\n</html>\n"
    )


def _row(row: IndexRow) -> str:
    link = f'<a href="{escape(quote(row.href))}">{escape(row.title)}</a>'
    cells = [
        _cell(link, row.title.casefold(), markup=True),
        _cell(row.date, row.date, css="rl-date"),
        _cell(row.outlet, row.outlet.casefold()),
        _cell(row.language, row.language),
        *(_number(level) for level in row.rungs),
        _number(row.index),
        _number(row.red_lines),
        _number(row.incitement),
    ]
    return "<tr>" + "".join(cells) + "</tr>"


def _cell(content: str, key: str, *, markup: bool = False, css: str = "") -> str:
    shown = content if markup else escape(content)
    classes = f' class="{css}"' if css else ""  # css is a constant of this module
    return f'<td{classes} data-sort="{escape(key)}">{shown}</td>'


def _number(value: int | None) -> str:
    # Missing values sort below every number, so "—" rows sink when sorting high to low.
    key = "-1" if value is None else str(value)
    shown = "—" if value is None else str(value)
    return f'<td class="rl-num" data-sort="{key}">{shown}</td>'
