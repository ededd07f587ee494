"""The HTML report: one self-contained file (or a fragment for Jupyter) with the text highlighted.

Safety rules, kept in this one module:

* every piece of source text and every attribute value passes through :func:`escape`
  (``html.escape(quote=True)`` plus the characters HTML would silently change);
* class names and tag names come from constants, never from data;
* data for the script travels in a ``<script type="application/json">`` block written by
  :func:`script_json`, which escapes ``<``, ``>``, ``&`` and U+2028/U+2029;
* the standalone page carries a Content-Security-Policy that admits only the report's own
  style and script (by SHA-256 hash) and no network at all.

>>> from redline.document import Document
>>> "&lt;b&gt;" in render_html(Document.from_text("<b>hi</b>"), standalone=False)
True
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from redline.attributes import StructureAttributes
from redline.document import Document, Span
from redline.render import _digest as digest
from redline.render import _summary as summary
from redline.render._nesting import Element, nest

if TYPE_CHECKING:
    import networkx as nx

# Structure spans drawn as block regions (left border + badge) or inline styling; all other
# structure labels (paragraph, body, ...) would only add noise and are not drawn.
BLOCK_LABELS = frozenset(
    {
        "title",
        "subtitle",
        "standfirst",
        "dateline",
        "byline",
        "translation_credit",
        "turn",
        "comments",
        "comment",
        "note",
        "advert",
    }
)
INLINE_LABELS = frozenset({"speaker_label", "comment_label", "stage_direction", "footnote_marker"})
_BLOCK_RANK, _INLINE_RANK, _MARK_RANK = 0, 1, 2
# Highlighted when the page opens (claims only at rung 2 or above); other layers are a tick away.
DEFAULT_LAYERS = frozenset({"claims", "redlines", "incitement"})

# HTML turns CR into LF and drops NUL while parsing; character references keep CR intact.
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
# "'" is harmless in a JSON script block; escaping it too means no payload survives verbatim.
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "'": "\\u0027",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def escape(text: str) -> str:
    """``text`` as HTML text or a quoted attribute value."""
    escaped = html.escape(text, quote=True)
    return _UNSAFE_CHARS.sub(lambda m: f"&#{ord(m.group())};", escaped)


def script_json(data: object) -> str:
    """JSON that is safe inside ``<script type="application/json">``."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return re.sub("[<>&'\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def render_html(
    document: Document,
    standalone: bool = True,
    *,
    full: bool = False,
    min_confidence: Mapping[str, float] | None = None,
) -> str:
    """The HTML report of ``document``: a whole page, or a fragment for a notebook cell.

    The summary comes first; the text highlights the claims at rung 2 or above, the red lines
    and incitement, and the other layers are a tick away. The structure, actors, techniques
    and every finding sit in closed sections, open when ``full``. Findings below their layer's
    ``min_confidence`` are left out (``None``: the default).
    """
    document, notes = digest.thresholded(document, min_confidence)
    style, script = _style(document), _script()
    fragment = _fragment(document, style, script, full=full, notes=notes)
    if not standalone:
        return fragment
    title = escape("Redline report: " + (document.metadata.title or document.id))
    # The page's language is the text's: browsers pick fonts, hyphenation and quotes by it.
    language = escape(document.metadata.language or "en")
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(page_csp(style, script))}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n</head>\n<body>\n{fragment}\n</body>\n</html>\n"
    )


def page_csp(style: str, script: str | None) -> str:
    """The Content-Security-Policy of a standalone page: its one style and one script (by
    hash; none at all when ``script`` is None), images from data: URLs, and no network."""
    scripts = f"'{_sha256(script)}'" if script is not None else "'none'"
    return (
        f"default-src 'none'; style-src '{_sha256(style)}'; script-src {scripts}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _fragment(
    document: Document, style: str, script: str, *, full: bool = False, notes: Sequence[str] = ()
) -> str:
    more = "".join(
        _more(title, body, full)
        for title, body in (
            ("Escalation by speaker and section", _escalation(document)),
            ("Structure", _outline(document)),
            ("Actors", _actors(document)),
            ("Persuasion techniques", _techniques(document)),
            ("Alignment", _graph(document)),
            ("All findings", _findings(document)),
        )
    )
    parts = [
        f'<div class="rl-report" data-document="{escape(document.id)}">',
        f"<style>{style}</style>",
        _header(document),
        _summary_section(document),
        f'<p class="rl-hint">Hidden: {escape("; ".join(notes))}.</p>' if notes else "",
        _claims(document),
        _legend(document),
        _main(document),
        more,
        f'<script type="application/json" class="rl-data">{script_json(_data(document))}</script>',
        f"<script>{script}</script>",
        "</div>",
    ]
    return "\n".join(part for part in parts if part)


def _more(title: str, body: str, full: bool) -> str:
    """A closed section (``<details>``: no script needed) holding one part of the report."""
    if not body:
        return ""
    opened = " open" if full else ""
    return f'<details class="rl-more"{opened}><summary>{escape(title)}</summary>{body}</details>'


# -- the summary -----------------------------------------------------------------------------


def _summary_section(document: Document) -> str:
    brief = digest.digest(document)
    parts = ['<section class="rl-summary"><h2>Summary</h2>', _glance(document, brief)]
    if brief.index is not None:
        parts.append(
            f'<p class="rl-index"><strong>Escalation index {brief.index}/100</strong> over '
            f'{brief.claims} claims. <span class="rl-hint">{escape(digest.index_method())}'
            "</span></p>"
        )
    if brief.voices:
        rows = [digest.voice_cells(v) for v in brief.voices]
        parts.append("<h3>Voices</h3>" + _table(digest.VOICE_HEADER, rows))
    if brief.rungs:
        rung_rows = [digest.rung_cells(r) for r in brief.rungs]
        parts.append("<h3>Highest rungs</h3>" + _table(digest.RUNG_HEADER, rung_rows))
    if brief.red_lines:
        parts.append(f'<h3>Red lines ({len(brief.red_lines)})</h3><div class="rl-cards">')
        parts.extend(_card(card) for card in brief.red_lines)
        parts.append("</div>")
    parts.append("<h3>Incitement</h3>")
    if brief.incitement:
        rows = [(i.kind, f"“{i.quote}”", i.speaker, i.target, i.severity) for i in brief.incitement]
        parts.append(_table(("Kind", "Quote", "Speaker", "Target", "Severity"), rows))
    else:
        parts.append("<p>None found.</p>")
    parts.append(_ladder(document))
    return "".join(parts) + "</section>"


def _glance(document: Document, brief: digest.Digest) -> str:
    """The summary in one row of tiles, for reading at a glance: the index, the highest rung
    of each stance, and how many red lines, incitement findings and high claims there are."""
    levels = {rung.stance: rung.level for rung in brief.rungs}
    meanings = {rung: what for rung, what, _ in digest.ladder()}
    tiles = [_tile("—" if brief.index is None else str(brief.index), "escalation index /100")]
    for stance, word in zip(digest.PROFILED, GLANCE_STANCES, strict=True):
        level = levels.get(stance)
        meaning = meanings.get(level, "") if level is not None else "none"
        tiles.append(_tile("—" if level is None else str(level), word, meaning, level))
    tiles += [
        _tile(str(len(brief.red_lines)), "red lines"),
        _tile(str(len(brief.incitement)), "incitement"),
        _tile(str(len(digest.claim_rows(document))), f"claims at rung {digest.MIN_RUNG}+"),
    ]
    return f'<div class="rl-glance">{"".join(tiles)}</div>'


GLANCE_STANCES = ("rung advocated", "rung threatened", "rung predicted", "rung reported")


def _tile(value: str, label: str, note: str = "", level: int | None = None) -> str:
    # The rung class comes from an int in 0-5, never from text.
    rung = f" rl-rung-{level}" if isinstance(level, int) and 0 <= level <= 5 else ""
    note_html = f'<span class="rl-tile-note">{escape(note)}</span>' if note else ""
    return (
        f'<div class="rl-tile{rung}"><span class="rl-tile-value">{escape(value)}</span>'
        f'<span class="rl-tile-label">{escape(label)}</span>{note_html}</div>'
    )


def _ladder(document: Document) -> str:
    """The ladder's rungs, each with its claims as chips coloured by stance; a chip pins its
    claim in the text."""
    by_rung: dict[int, list[Span]] = {}
    for claim in document.layer("claims"):
        by_rung.setdefault(digest.claim_level(claim), []).append(claim)
    rows = []
    for level, what, examples in digest.ladder():
        chips = "".join(
            f'<button type="button" class="rl-chip rl-st-{_stance_class(claim)}" '
            f'data-span="{escape(claim.id)}" title="{escape(summary.quote(claim.text, 200))}">'
            f"{escape(digest.claim_stance(claim))}</button>"
            for claim in by_rung.get(level, [])
        )
        rows.append(
            f'<tr><td class="rl-num">{level}</td><td>{escape(what)}</td>'
            f'<td class="rl-hint">{escape(examples)}</td><td>{chips}</td></tr>'
        )
    return (
        '<h3>The escalation ladder</h3><div class="rl-ladder"><table class="rl-table"><thead><tr>'
        "<th>Rung</th><th>Meaning</th><th>For example</th><th>Claims here (click to find)</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


_STANCE_CLASSES = frozenset(
    {"advocate", "threaten", "predict", "report", "hypothetical", "question", "reject"}
)


def _stance_class(claim: Span) -> str:
    """A class name for the claim's stance, from a fixed set (never from data)."""
    stance = digest.claim_stance(claim)
    return stance if stance in _STANCE_CLASSES else "other"


def _card(card: digest.RedLineCard) -> str:
    fields = (
        ("Set by", card.setter),
        ("Against", card.against),
        ("If", card.condition),
        ("Then", card.consequence),
        ("Rung", digest.rung_name(card.level)),
    )
    # A threshold or ultimatum often states no condition or consequence: no row of dashes.
    rows = "".join(
        f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>"
        for k, v in fields
        if k not in ("If", "Then") or v.strip() not in ("", "—")
    )
    return (
        f'<article class="rl-card"><h4>{escape(card.kind)}</h4><dl>{rows}</dl>'
        f"<blockquote>“{escape(card.quote)}” <cite>{escape(card.speaker)}</cite></blockquote>"
        "</article>"
    )


def _claims(document: Document) -> str:
    rows = digest.claim_rows(document)
    if not rows:
        return ""
    head = "".join(
        f"<th>{c}</th>" for c in ("Rung", "Stance", "Quote", "Speaker", "Who → whom", "Conf.")
    )
    body = "".join(
        f'<tr data-span="{escape(r.span_id)}"><td class="rl-num">{r.level}</td>'
        f"<td>{escape(r.stance)}</td><td>“{escape(r.quote)}”</td><td>{escape(r.speaker)}</td>"
        f'<td>{escape(r.who)}</td><td class="rl-num">{r.confidence:.2f}</td></tr>'
        for r in rows
    )
    return (
        f'<section class="rl-claims"><h2>Claims at rung {digest.MIN_RUNG} or above '
        f'({len(rows)})</h2><table class="rl-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></section>"
    )


def _actors(document: Document) -> str:
    rows = [
        (a.name, a.kind, str(a.mentions), f"“{a.first_quote}”", a.role)
        for a in digest.actor_rows(document)
    ]
    if not rows:
        return ""
    return _table(("Actor", "Type", "Mentions", "First quote", "Role"), rows)


# -- page parts ------------------------------------------------------------------------------


def _header(document: Document) -> str:
    meta = document.metadata
    heading = f"<h1>{escape(meta.title or 'Redline report')}</h1>"
    subtitle = f'<p class="rl-subtitle">{escape(meta.subtitle)}</p>' if meta.subtitle else ""
    rows = "".join(
        f"<dt>{escape(name)}</dt><dd>{escape(value)}</dd>"
        for name, value in summary.metadata_rows(document)
        if name not in ("Title", "Subtitle")
    )
    return f'<header class="rl-header">{heading}{subtitle}<dl class="rl-meta">{rows}</dl></header>'


def _escalation(document: Document) -> str:
    return "".join(
        f"<h3>Escalation {escape(b.title)}</h3>" + _table(b.columns, b.rows)
        for b in summary.escalation_breakdowns(document)
    )


def _techniques(document: Document) -> str:
    """A bar per technique; hovering a row shows the technique's definition."""
    rows = summary.technique_histogram(document)
    if not rows:
        return ""
    largest = max(row.spans for row in rows)
    colour = summary.layer_colour("techniques")
    # Bars are SVG rects: the report's CSP forbids inline style attributes.
    items = "".join(
        f'<tr title="{escape(row.definition)}"><th scope="row">{escape(row.technique)}</th>'
        f'<td>{escape(row.category)}</td><td class="rl-num">{row.spans}</td>'
        f'<td><svg class="rl-bar" width="160" height="12" role="img" '
        f'aria-label="{row.spans}"><rect width="{160 * row.spans / largest:.0f}" height="12" '
        f'fill="{colour}"/></svg></td></tr>'
        for row in rows
    )
    return (
        '<section class="rl-techniques">'
        '<table class="rl-table rl-histogram"><thead><tr><th>Technique</th><th>Category</th>'
        f"<th>Spans</th><th></th></tr></thead><tbody>{items}</tbody></table></section>"
    )


def _graph(document: Document) -> str:
    """The alignment graph: an SVG drawn with a networkx layout, or a table when sparse."""
    if not document.layer("alignment"):
        return ""
    from redline.graph import alignment_graph

    return f'<section class="rl-graph">{graph_view(alignment_graph([document]))}</section>'


def graph_view(graph: nx.MultiDiGraph[str], *, both: bool = False) -> str:
    """The graph as an SVG drawing, or as a table of edges when it is sparse; ``both`` draws
    the SVG (when there is an edge) and the table together."""
    from redline.render import graph_svg

    rows = [row.cells() for row in graph_svg.edge_rows(graph)]
    if not rows:
        return '<p class="rl-hint">No alignment between actors found.</p>'
    table = _table(graph_svg.EDGE_HEADER, rows)
    if graph_svg.is_sparse(graph) and not both:
        touched = len({n for a, b in graph.edges() for n in (a, b)})
        return (
            f'<p class="rl-hint">{len(rows)} alignment edges among {touched} actors: too few to '
            f"draw, listed instead.</p>{table}"
        )
    return graph_svg.alignment_svg(graph) + (table if both else "")


def _outline(document: Document) -> str:
    parts = ['<section class="rl-outline">']
    for table in summary.structure_tables(document):
        parts.append(f"<h3>{html.escape(table.title)}</h3>" + _table(table.header, table.rows))
    comments, authors = summary.comment_summary(document)
    if comments:
        parts.append(f"<p>Comments: {comments} (named authors: {authors})</p>")
    counts = [(r.layer, str(r.spans), r.labels) for r in summary.layer_counts(document)]
    parts.append("<h3>Layers</h3>" + _table(("Layer", "Spans", "Labels"), counts))
    return "".join(parts) + "</section>"


def _legend(document: Document) -> str:
    shown = _shown_layers(document)
    toggles = [
        f'<label class="rl-toggle rl-l{index}"><input type="checkbox"'
        f'{" checked" if name in shown else ""} data-layer="{index}">'
        f'<span class="rl-swatch"></span>{escape(name)} '
        f'<span class="rl-count">({len(document.layer(name))})</span></label>'
        for index, name in enumerate(summary.finding_layers(document))
        if document.layer(name)
    ]
    minor = sum(1 for span in document.layer("claims") if not _major(span))
    if minor:
        toggles.append(
            '<label class="rl-toggle"><input type="checkbox" class="rl-minor-toggle">'
            f"claims below rung {digest.MIN_RUNG} "
            f'<span class="rl-count">({minor})</span></label>'
        )
    body = "".join(toggles) or '<span class="rl-hint">No finding layers.</span>'
    return f'<section><h2>Highlights</h2><div class="rl-legend">{body}</div></section>'


def _shown_layers(document: Document) -> set[str]:
    """The layers highlighted when the page opens: the default ones present, else all."""
    layers = set(summary.finding_layers(document))
    return (layers & DEFAULT_LAYERS) or layers


def _major(claim: Span) -> bool:
    return digest.claim_level(claim) >= digest.MIN_RUNG


def _main(document: Document) -> str:
    text = "".join(nest(document.text, _elements(document), escape))
    details = (
        '<aside class="rl-details"><h2>Details</h2>'
        '<p class="rl-hint">Hover a highlight for a summary; click it to pin its details here.'
        '</p><div class="rl-details-body"></div></aside>'
    )
    return (
        '<section><h2>Text</h2><div class="rl-main">'
        f'<div class="rl-text">{text}</div>{details}</div></section>'
    )


def _findings(document: Document) -> str:
    parts = []
    for name in summary.finding_layers(document):
        spans = document.layer(name)
        if not spans:
            continue
        rows = "".join(_finding_row(number, span, name) for number, span in enumerate(spans, 1))
        head = "".join(f"<th>{c}</th>" for c in ("#", "Quote", "Label", "Details", "Confidence"))
        parts.append(
            f'<h3>{escape(name)} ({len(spans)})</h3><table class="rl-table">'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        )
    if not parts:
        return ""
    return '<section class="rl-findings">' + "".join(parts) + "</section>"


def _finding_row(number: int, span: Span, layer: str) -> str:
    cells = (summary.quote(span.text), span.label.replace("_", " "), digest.describe(span, layer))
    text_cells = "".join(f"<td>{escape(cell)}</td>" for cell in cells)
    return (
        f'<tr data-span="{escape(span.id)}"><td class="rl-num">{number}</td>{text_cells}'
        f'<td class="rl-num">{span.confidence:.2f}</td></tr>'
    )


def _table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    head = "".join(f"<th>{escape(column)}</th>" for column in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f'<table class="rl-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


# -- the highlighted text --------------------------------------------------------------------


def _elements(document: Document) -> list[Element]:
    elements = [
        _structure_element(span, document.text)
        for span in document.layer(summary.STRUCTURE_LAYER)
        if span.label in BLOCK_LABELS | INLINE_LABELS
    ]
    for index, name in enumerate(summary.finding_layers(document)):
        elements.extend(_mark(span, name, index) for span in document.layer(name))
    return elements


def _structure_element(span: Span, text: str) -> Element:
    if span.label in INLINE_LABELS:
        tag = f'<span class="rl-s rl-s-{span.label}">'
        return Element(span.start, span.end, _INLINE_RANK, tag, tag, "</span>", (0, span.id))
    classes = f"rl-block rl-b-{span.label}"
    first = f'<div class="{classes}" data-badge="{escape(_badge(span))}">'
    # A newline left between two blocks would render as an empty line; drawing it inside the
    # block it ends keeps nesting intact (an enclosing block ending there takes it as well).
    end = span.end + 1 if text[span.end : span.end + 1] == "\n" else span.end
    return Element(
        span.start,
        end,
        _BLOCK_RANK,
        first,
        f'<div class="{classes} rl-cont">',
        "</div>",
        (0, span.id),
    )


def _badge(span: Span) -> str:
    return summary.quote(_badge_text(span), 60)


def _badge_text(span: Span) -> str:
    part = StructureAttributes.read_or_none(span)
    if span.label == "turn":
        return str(part.speaker if part and part.speaker else "turn")
    if span.label == "comment":
        index = part.index if part else None
        name = f"comment {index}" if index is not None else "comment"
        author = part.author if part else None
        return f"{name} · {author}" if author else name
    return span.label.replace("_", " ")


def _mark(span: Span, layer: str, index: int) -> Element:
    minor = " rl-minor" if layer == "claims" and not _major(span) else ""
    tag = (
        f'<mark class="rl-hl rl-l{index}{minor}" data-layer="{index}" '
        f'data-span="{escape(span.id)}" title="{escape(_tooltip(span, layer))}">'
    )
    return Element(span.start, span.end, _MARK_RANK, tag, tag, "</mark>", (index, span.id))


def _tooltip(span: Span, layer: str) -> str:
    lines = [f"{layer}: {span.label.replace('_', ' ')} · confidence {span.confidence:.2f}"]
    lines += [
        f"{label}: {value}" if value else label for label, value in digest.details(span, layer)
    ]
    return "\n".join(lines)


# -- data, style and script ------------------------------------------------------------------


def _data(document: Document) -> dict[str, object]:
    spans = {
        span.id: {
            "layer": name,
            "label": span.label,
            "start": span.start,
            "end": span.end,
            "text": summary.quote(span.text, 400),
            "analyzer": span.analyzer,
            "rule": span.rule,
            "confidence": span.confidence,
            "details": digest.details(span, name),
        }
        for name in summary.finding_layers(document)
        for span in document.layer(name)
    }
    return {"document": document.id, "spans": spans}


def _style(document: Document) -> str:
    rules = [template("report.css")]
    for index, name in enumerate(summary.finding_layers(document)):
        colour = summary.layer_colour(name)
        rules.append(f".rl-report .rl-l{index} {{ --rl-c: {colour}; --rl-bg: {colour}38; }}")
        # Hiding a layer needs no script, so the toggles also work in untrusted notebooks.
        rules.append(
            f'.rl-report:has(input[data-layer="{index}"]:not(:checked)) mark.rl-l{index} '
            "{ background: transparent; box-shadow: none; cursor: text; }"
        )
    rules.append(
        ".rl-report:not(:has(input.rl-minor-toggle:checked)) mark.rl-minor "
        "{ background: transparent; box-shadow: none; cursor: text; }"
    )
    return "\n".join(rules)


def _script() -> str:
    return template("report.js")


@cache
def template(name: str) -> str:
    """A file of the package's ``render/templates`` folder (style sheets and scripts)."""
    return files("redline.render").joinpath("templates").joinpath(name).read_text(encoding="utf-8")
