"""Small hand-built documents for the renderer tests: a transcript with a comment section,
overlapping findings in three layers, and a document stuffed with injection payloads."""

from __future__ import annotations

import html
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest

from redline.document import Document, Metadata, Span

TRANSCRIPT = (
    "Host: Will Russia strike Kyiv if NATO sends jets?\n"
    "Guest: Moscow has warned that any F-16 delivery crosses a red line. NATO must not blink.\n"
    "Host: And Washington?\n"
    "Guest: Washington will wait [laughs].\n"
    "\n"
    "Comments\n"
    "ivan_k: Russia will never back down. [bold]not bold[/bold] | a|b *x*\n"
    "olga: NATO is the aggressor.\n"
)

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '"><svg onload=alert(1)>',
    "</script><script>alert(1)</script>",
    '<iframe src="javascript:alert(1)">',
    "{{7*7}}",
    "'-alert(1)-'",
    "<style>body{display:none}</style>",
    "\u2028",
)


def at(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """(start, end) of the ``occurrence``-th (0-based) ``needle`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _lines(text: str) -> list[tuple[int, int]]:
    bounds, offset = [], 0
    for line in text.splitlines(keepends=True):
        bounds.append((offset, offset + len(line.rstrip("\n"))))
        offset += len(line)
    return bounds


def structure_layer(doc: Document) -> list[Span]:
    """Turns (with speaker labels), the comment section and its comments, paragraphs."""
    spans: list[Span] = []
    text = doc.text
    lines = _lines(text)
    for index, (start, end) in enumerate(lines[:4]):
        speaker = text[start:end].split(":", 1)[0]
        spans.append(
            doc.make_span(
                start,
                end,
                "turn",
                analyzer="structure",
                rule="speaker_colon",
                attrs={"speaker": speaker, "index": index},
            )
        )
        spans.append(
            doc.make_span(
                start,
                start + len(speaker) + 1,
                "speaker_label",
                analyzer="structure",
                rule="speaker_colon",
            )
        )
        spans.append(doc.make_span(start, end, "paragraph", analyzer="structure", rule="line"))
    stage = at(text, "[laughs]")
    spans.append(doc.make_span(*stage, "stage_direction", analyzer="structure", rule="brackets"))
    section = (text.index("Comments"), len(text.rstrip("\n")))
    spans.append(doc.make_span(*section, "comments", analyzer="structure", rule="heading"))
    for index, (start, end) in enumerate(lines[6:8], 1):
        author = text[start:end].split(":", 1)[0]
        spans.append(
            doc.make_span(
                start,
                end,
                "comment",
                analyzer="structure",
                rule="author_colon",
                attrs={"index": index, "author": author},
            )
        )
    return spans


def finding_layers(doc: Document) -> dict[str, list[Span]]:
    """Actors, claims and techniques; the technique crosses a claim's end (no nesting)."""
    text = doc.text

    def actor(needle: str, occurrence: int, actor_id: str, kind: str) -> Span:
        attrs = {"actor_id": actor_id, "name": needle, "type": kind, "match": needle}
        return doc.make_span(
            *at(text, needle, occurrence),
            "actor",
            analyzer="actors",
            rule="alias",
            confidence=0.9,
            attrs=attrs,
        )

    actors = [
        actor("Russia", 0, "RUS", "state"),
        actor("Kyiv", 0, "UKR", "city"),
        actor("NATO", 0, "NATO", "alliance"),
        actor("Moscow", 0, "RUS", "state"),
        actor("NATO", 1, "NATO", "alliance"),
        actor("Washington", 0, "USA", "state"),
        actor("Washington", 1, "USA", "state"),
        actor("Russia", 1, "RUS", "state"),
        actor("NATO", 2, "NATO", "alliance"),
    ]
    threat = at(text, "Moscow has warned that any F-16 delivery crosses a red line.")
    stance = {"stance": "threat", "level": 5, "actor": "RUS", "target": "NATO"}
    claims = [
        doc.make_span(
            *threat, "threat", analyzer="claims", rule="warn_verb", confidence=0.75, attrs=stance
        )
    ]
    loaded = at(text, "crosses a red line. NATO must")
    cue = {"techniques": ["red_line", "loaded_language"], "cue": "red line"}
    techniques = [
        doc.make_span(
            *loaded,
            "technique",
            analyzer="techniques",
            rule="cue_lexicon",
            confidence=0.6,
            attrs=cue,
        )
    ]
    return {"actors": actors, "claims": claims, "techniques": techniques}


def build_transcript(extra: dict[str, Any] | None = None) -> Document:
    meta = Metadata(
        title="Jets for Kyiv? A debate",
        subtitle="Episode 12",
        author="Staff",
        date="2025-05-21",
        language="en",
        translated_from="ru",
        source="seeds/debate.txt",
        extra=extra or {},
    )
    doc = Document.from_text(TRANSCRIPT, meta)
    sentences = [
        doc.make_span(s, e, "sentence", analyzer="sentences", rule="spacy")
        for s, e in _lines(TRANSCRIPT)
        if e > s
    ]
    return doc.with_layers(
        {"structure": structure_layer(doc), "sentences": sentences, **finding_layers(doc)}
    )


@pytest.fixture
def transcript() -> Document:
    return build_transcript()


@pytest.fixture
def hostile() -> Document:
    """Payloads everywhere: text, metadata, layer name, labels, rules, span ids and attrs."""
    text = "Payloads: " + " ".join(PAYLOADS) + "\r\nend\x1b[31m red"
    payload = " ".join(PAYLOADS)
    meta = Metadata(
        title=payload,
        subtitle=payload,
        author=payload,
        source=payload,
        extra={payload: payload, "peak": [payload, {"k": payload}]},
    )
    # A summary that is not a valid profile (hand-made, hostile) is rendered escaped, never run.
    summary = {payload: payload, "by_speaker": {payload: {payload: payload}}}
    doc = Document.from_text(text, meta).model_copy(update={"summaries": {"escalation": summary}})
    spans = [
        doc.make_span(
            *at(text, p),
            p,
            analyzer=p,
            rule=p,
            confidence=0.5,
            attrs={p: p, "list": [p, p]},
            span_id=f"{number}{p}",
        )
        for number, p in enumerate(PAYLOADS)
    ]
    outer = doc.make_span(0, len(text), "all", analyzer="x", rule="y", span_id='"><b>outer')
    structure = [
        doc.make_span(
            0,
            len(text),
            "comment",
            analyzer="structure",
            rule="r",
            attrs={"author": payload, "index": payload},
        )
    ]
    return doc.with_layers({payload: spans, "actors": [outer], "structure": structure})


VOID_TAGS = frozenset({"meta", "input", "br", "img", "hr", "link"})


class ReportParser(HTMLParser):
    """Reads a rendered report back: tags, nesting errors, the text pane and the mark pieces."""

    def __init__(self) -> None:
        # Character references are resolved as a browser does (Python's unescape drops C0 ones).
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []
        self.stack: list[str] = []
        self.text_pane: list[str] = []
        self.mark_text: dict[str, str] = {}
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._pane_depth: int | None = None
        self._marks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in VOID_TAGS:
            return
        self.stack.append(tag)
        if tag == "div" and "rl-text" in (attributes.get("class") or "").split():
            self._pane_depth = len(self.stack)
        if tag == "mark":
            self._marks.append(attributes.get("data-span") or "")
        if tag == "script":
            self.scripts.append((attributes, ""))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        if self._pane_depth == len(self.stack):
            self._pane_depth = None
        if tag == "mark":
            self._marks.pop()
        self.stack.pop()

    def handle_charref(self, name: str) -> None:
        code = int(name[1:], 16) if name[:1] in "xX" else int(name)
        self.handle_data(chr(code) if code else "\ufffd")

    def handle_entityref(self, name: str) -> None:
        self.handle_data(html.unescape(f"&{name};"))

    def handle_data(self, data: str) -> None:
        current = self.stack[-1] if self.stack else ""
        if current == "script":
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)
        elif current == "style":
            self.styles.append(data)
        if self._pane_depth is not None:
            self.text_pane.append(data)
            for span_id in set(self._marks):
                self.mark_text[span_id] = self.mark_text.get(span_id, "") + data


@pytest.fixture
def parse_report() -> Callable[[str], ReportParser]:
    def parse(markup: str) -> ReportParser:
        parser = ReportParser()
        parser.feed(markup)
        parser.close()
        if parser.stack:
            parser.errors.append(f"unclosed at the end: {parser.stack}")
        return parser

    return parse


@pytest.fixture
def payloads() -> tuple[str, ...]:
    return PAYLOADS
