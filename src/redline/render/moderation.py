"""The moderation view: the reader comments of analysed documents, most severe first.

Each comment (a ``comment`` span of the structure layer; a comment section with no single
comments found is one item) becomes a :class:`ModerationItem` with the incitement spans inside
it: labels, targets, the quotes with their offsets, and the comment's severity (the highest
ladder level among its spans). Two renderers: a Rich table for a terminal and JSON lines, one
comment per line, for a moderation queue.

The view shows what the text says and where; it never suggests what to do about it.

>>> from redline.document import Document
>>> moderation_items([Document.from_text("No comments here.")], min_severity=0)
[]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from rich.table import Table
from rich.text import Text

from redline.attributes import IncitementAttributes, StructureAttributes
from redline.document import Document, Span
from redline.render.terminal import plain_text

LAYER = "incitement"
# Comments below this severity are left out; 0 lists every comment, with findings or not.
DEFAULT_MIN_SEVERITY = 1
_QUOTE_LIMIT = 160


@dataclass(frozen=True)
class ModerationSpan:
    """One incitement finding inside a comment, with its evidence."""

    label: str
    start: int
    end: int
    quote: str
    severity: int | None
    target: str | None
    target_name: str | None
    target_group: str | None
    rule: str
    confidence: float


@dataclass(frozen=True)
class ModerationItem:
    """One reader comment and its findings; ``severity`` is None when it has none."""

    document_id: str
    source: str | None
    comment_index: int | None
    author: str | None
    start: int
    end: int
    text: str
    severity: int | None
    labels: tuple[str, ...]
    targets: tuple[str, ...]
    spans: tuple[ModerationSpan, ...] = field(default_factory=tuple)

    def to_json(self) -> str:
        """One JSON line (no newline inside)."""
        data = asdict(self)
        data["labels"], data["targets"] = list(self.labels), list(self.targets)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def moderation_items(
    documents: Iterable[Document], *, min_severity: int = DEFAULT_MIN_SEVERITY
) -> list[ModerationItem]:
    """The comments of ``documents`` with their findings, most severe first.

    Comments below ``min_severity`` are left out; one without findings has severity None and
    is kept only when ``min_severity`` is 0.
    Ties keep the most labels first, then the highest confidence, then document order.
    """
    found: list[tuple[tuple[Any, ...], ModerationItem]] = []
    for order, document in enumerate(documents):
        for position, comment in enumerate(_comments(document)):
            item = _item(document, comment, position)
            if (item.severity if item.severity is not None else 0) < min_severity:
                continue
            best = max((s.confidence for s in item.spans), default=0.0)
            key = (
                -(item.severity if item.severity is not None else -1),
                -len(item.labels),
                -best,
                order,
                item.start,
            )
            found.append((key, item))
    found.sort(key=lambda pair: pair[0])
    return [item for _, item in found]


def render_jsonl(items: Sequence[ModerationItem]) -> str:
    """JSON lines, one comment per line, for a moderation queue."""
    return "".join(item.to_json() + "\n" for item in items)


def render_table(items: Sequence[ModerationItem], *, width: int = 120) -> str:
    """A plain-text table (no colour codes) of the items, ``width`` columns wide."""
    return plain_text(lambda console: console.print(moderation_table(items)), width=width)


def moderation_table(items: Sequence[ModerationItem]) -> Table:
    """The Rich table: severity, document, comment, author, labels, targets, evidence."""
    table = Table(title="Reader comments by severity", show_lines=True)
    table.add_column("Sev.", justify="right", no_wrap=True)
    table.add_column("Document", overflow="fold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Author", overflow="fold")
    table.add_column("Labels")
    table.add_column("Targets", overflow="fold")
    table.add_column("Evidence (offsets: quote)", overflow="fold", ratio=3)
    for item in items:
        evidence = Text()
        for number, span in enumerate(item.spans):
            if number:
                evidence.append("\n")
            evidence.append(f"{span.start}-{span.end} {span.label}: ", style="bold")
            evidence.append(_clip(span.quote))
        if not item.spans:
            evidence.append(_clip(item.text), style="dim")
        table.add_row(
            Text("-" if item.severity is None else str(item.severity)),
            Text(_short_source(item)),
            Text("-" if item.comment_index is None else str(item.comment_index)),
            Text(item.author or "-"),
            Text("\n".join(item.labels) or "-"),
            Text("\n".join(item.targets) or "-"),
            evidence,
        )
    return table


def _comments(document: Document) -> list[Span]:
    structure = document.layer("structure")
    comments = [s for s in structure if s.label == "comment"]
    return comments or [s for s in structure if s.label == "comments"]


def _item(document: Document, comment: Span, position: int) -> ModerationItem:
    inside = [s for s in document.layer(LAYER) if comment.start <= s.start < comment.end]
    inside.sort(key=lambda s: (-_severity(s), s.start, s.label))
    spans = tuple(_moderation_span(s) for s in inside)
    targets = []
    for span in spans:
        name = span.target_name or span.target
        if name and name not in targets:
            targets.append(name)
    part = StructureAttributes.read_or_none(comment) if comment.label == "comment" else None
    index = part.index if part else None
    return ModerationItem(
        document_id=document.id,
        source=document.metadata.source,
        comment_index=int(index)
        if index is not None
        else position
        if comment.label == "comment"
        else None,
        author=part.author if part else None,
        start=comment.start,
        end=comment.end,
        text=comment.text,
        severity=max((_severity(s) for s in inside), default=None),
        labels=tuple(sorted({s.label for s in inside})),
        targets=tuple(targets),
        spans=spans,
    )


def _moderation_span(span: Span) -> ModerationSpan:
    found = IncitementAttributes.read_or_none(span) or IncitementAttributes()
    return ModerationSpan(
        label=span.label,
        start=span.start,
        end=span.end,
        quote=span.text,
        severity=found.severity,
        target=found.target,
        target_name=found.target_name,
        target_group=found.target_group,
        rule=span.rule or "",
        confidence=span.confidence,
    )


def _severity(span: Span) -> int:
    found = IncitementAttributes.read_or_none(span)
    return found.severity or 0 if found else 0


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1] + "…"


def _short_source(item: ModerationItem) -> str:
    return f"{item.source} ({item.document_id[:8]})" if item.source else item.document_id[:16]
