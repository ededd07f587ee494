"""What a report says, apart from how it is drawn: shared by the text, Markdown and HTML renderers.

Every function returns plain, unescaped strings; each renderer escapes for its own medium.

>>> quote("a  very\\nlong text", limit=10)
'a very lo…'
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from redline.attributes import StructureAttributes, TechniqueAttributes
from redline.document import Document, Span

STRUCTURE_LAYER = "structure"
OUTLINE_LAYERS = frozenset({STRUCTURE_LAYER, "sentences"})
"""Layers shown as the report's outline rather than as highlighted findings."""

# Fixed so that a layer looks the same in every report; unknown layers draw from PALETTE.
KNOWN_COLOURS: dict[str, str] = {
    "actors": "#2563eb",
    "claims": "#ea8c00",
    "redlines": "#dc2626",
    "techniques": "#7c3aed",
    "incitement": "#be185d",
    "alignment": "#059669",
}
PALETTE: tuple[str, ...] = (
    "#0891b2",
    "#65a30d",
    "#c2410c",
    "#4f46e5",
    "#db2777",
    "#0d9488",
    "#a16207",
    "#9333ea",
    "#15803d",
    "#b91c1c",
)

QUOTE_LIMIT = 160
_ATTR_LIMIT = 60
_SECTION_SKIP = frozenset(
    {"turn", "paragraph", "sentence", "speaker_label", "comment_label", "comment"}
)
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
# C0/C1 controls (ESC above all) would drive a terminal; show them as code points instead.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_METADATA_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "Title"),
    ("subtitle", "Subtitle"),
    ("standfirst", "Standfirst"),
    ("author", "Author"),
    ("date", "Date"),
    ("language", "Language"),
    ("translated_from", "Translated from"),
    ("outlet", "Outlet"),
    ("source", "Source"),
)


@dataclass(frozen=True)
class SpeakerRow:
    speaker: str
    turns: int
    words: int


@dataclass(frozen=True)
class SectionRow:
    kind: str
    count: int
    first_words: str


@dataclass(frozen=True)
class TechniqueCount:
    technique: str
    category: str
    spans: int
    definition: str


@dataclass(frozen=True)
class LayerCount:
    layer: str
    spans: int
    labels: str


def layer_colour(name: str) -> str:
    """The layer's colour: fixed for known layers, else picked from PALETTE by a stable hash."""
    if name in KNOWN_COLOURS:
        return KNOWN_COLOURS[name]
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return PALETTE[int.from_bytes(digest[:4], "big") % len(PALETTE)]


def finding_layers(document: Document) -> list[str]:
    """Names of the layers whose spans are findings (everything but the outline), in order."""
    return [name for name in document.layers if name not in OUTLINE_LAYERS]


def metadata_rows(document: Document) -> list[tuple[str, str]]:
    """(field, value) for each metadata field that is set, then the document id."""
    meta = document.metadata
    rows = [
        (label, str(getattr(meta, name)))
        for name, label in _METADATA_FIELDS
        if getattr(meta, name) not in (None, "")
    ]
    if meta.unanalysed_language:
        from redline.languages import unanalysed_notice

        rows.append(("Analysis", unanalysed_notice(meta.unanalysed_language)))
    return [*rows, ("Id", document.id)]


@dataclass(frozen=True)
class Breakdown:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def escalation_breakdowns(document: Document) -> list[Breakdown]:
    """Tables of the escalation items that map names to profiles ("by_speaker", "by_section")."""
    escalation = document.summaries.get("escalation")
    if not isinstance(escalation, dict):
        return []
    tables = []
    for key, value in escalation.items():
        table = _breakdown(value)
        if table is not None:
            columns, rows = table
            tables.append(Breakdown(quote(str(key).replace("_", " "), 60), columns, rows))
    return tables


def _breakdown(value: object) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] | None:
    if (
        not isinstance(value, dict)
        or not value
        or not all(isinstance(v, dict) for v in value.values())
    ):
        return None
    columns: list[str] = []
    for profile in value.values():
        columns.extend(str(k) for k in profile if str(k) not in columns)
    rows = tuple(
        (
            quote(str(name), 60),
            *(
                ("" if profile.get(c) is None else format_value(profile.get(c), 40))
                for c in columns
            ),
        )
        for name, profile in value.items()
    )
    return ("", *(c.replace("max_", "highest ") for c in columns)), rows


def speaker_rows(document: Document) -> list[SpeakerRow]:
    """Turns and words per speaker, in order of first appearance."""
    structure = document.layer(STRUCTURE_LAYER)
    labels = [s for s in structure if s.label == "speaker_label"]
    turns: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for turn in (s for s in structure if s.label == "turn"):
        part = StructureAttributes.read_or_none(turn)
        speaker = str(part.speaker if part and part.speaker else "?")
        turns[speaker] += 1
        words[speaker] += word_count(turn.text) - sum(
            word_count(label.text)
            for label in labels
            if turn.start <= label.start and label.end <= turn.end
        )
    return [SpeakerRow(name, turns[name], max(words[name], 0)) for name in turns]


def section_rows(document: Document) -> list[SectionRow]:
    """One row per kind of structural section (title, body, comments, note, advert, ...)."""
    first: dict[str, Span] = {}
    counts: Counter[str] = Counter()
    for span in document.layer(STRUCTURE_LAYER):
        if span.label in _SECTION_SKIP:
            continue
        counts[span.label] += 1
        first.setdefault(span.label, span)
    return [SectionRow(kind, counts[kind], first_words(first[kind].text)) for kind in counts]


@dataclass(frozen=True)
class Table:
    """A titled table of plain strings, for a renderer to draw in its own medium."""

    title: str
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


def structure_tables(document: Document) -> list[Table]:
    """The structure outline's tables: turns by speaker and sections, each when it has rows."""
    tables = []
    speakers = speaker_rows(document)
    if speakers:
        rows = [(r.speaker, str(r.turns), str(r.words)) for r in speakers]
        tables.append(Table("Turns by speaker", ("Speaker", "Turns", "Words"), rows))
    sections = section_rows(document)
    if sections:
        rows = [(s.kind, str(s.count), s.first_words) for s in sections]
        tables.append(Table("Sections", ("Kind", "Count", "First words"), rows))
    return tables


def comment_summary(document: Document) -> tuple[int, int]:
    """(number of comments, number of distinct named authors)."""
    comments = [s for s in document.layer(STRUCTURE_LAYER) if s.label == "comment"]
    parts = (StructureAttributes.read_or_none(s) for s in comments)
    authors = {str(part.author) for part in parts if part and part.author}
    return len(comments), len(authors)


def layer_counts(document: Document) -> list[LayerCount]:
    """Spans per layer with the labels they carry, most frequent first."""
    rows = []
    for name, spans in document.layers.items():
        labels = Counter(span.label for span in spans).most_common()
        rows.append(LayerCount(name, len(spans), ", ".join(f"{lab} {n}" for lab, n in labels)))
    return rows


def technique_histogram(document: Document) -> list[TechniqueCount]:
    """Spans per persuasion technique (a span with several techniques counts for each), most first.

    Definitions come from the taxonomy, so a technique named only as a second label has one too.
    """
    from redline.techniques.taxonomy import TECHNIQUES

    counts: Counter[str] = Counter()
    for span in document.layer("techniques"):
        technique = TechniqueAttributes.read_or_none(span)
        counts.update(technique.techniques if technique and technique.techniques else [span.label])
    rows = []
    for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        known = TECHNIQUES.get(str(name))
        rows.append(
            TechniqueCount(
                str(name), known.category if known else "", count, known.definition if known else ""
            )
        )
    return rows


def histogram_bar(count: int, largest: int, width: int = 20) -> str:
    """A bar of block characters, ``width`` long for the largest count."""
    return "█" * max(1, round(width * count / largest)) if largest else ""


def first_words(text: str, count: int = 8) -> str:
    """The first ``count`` words of ``text`` on one line, with an ellipsis when cut."""
    words = clean(text).split(" ")
    head = " ".join(words[:count])
    return head + ("…" if len(words) > count else "")


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` on one line, controls made visible, cut to ``limit`` characters with an ellipsis."""
    line = clean(text)
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def clean(text: str) -> str:
    """Whitespace runs collapsed to one space and control characters shown as ``\\xNN``."""
    line = _SPACE.sub(" ", text).strip()
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", line)


def format_value(value: object, limit: int = _ATTR_LIMIT) -> str:
    """A JSON value as short readable text: lists joined by commas, mappings as ``k=v``."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, list | tuple):
        text = ", ".join(format_value(item, limit) for item in value)
    elif isinstance(value, dict):
        text = ", ".join(f"{k}={format_value(v, limit)}" for k, v in value.items())
    elif isinstance(value, float):
        text = f"{value:g}"
    else:
        text = json.dumps(value, ensure_ascii=False)
    return quote(text, limit)


def word_count(text: str) -> int:
    """Words (runs of letters or digits) in ``text``."""
    return len(_WORD.findall(text))
