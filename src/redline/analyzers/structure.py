"""The structure layer: the parts of a document and who speaks in each.

The cascade, in order, each stage working on what the earlier ones left:
1. reader comments: a region a reader already found (HTML), an explicit opener ("12 Comments"),
   or a run of two or more blank lines near the end followed by text in another voice;
2. the leading dateline, title block (title, subtitle, standfirst, byline, interview intro);
3. trailing apparatus: translation credits, translator's and editor's notes, adverts;
4. speaker turns: "Name:" labels that recur or are role words ("Host:", "Q:"), each turn running
   through its continuation paragraphs;
5. body, paragraphs, stage directions and footnote markers; sentences from the parse.
All cue words live in ``data/structure.yaml``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, ClassVar

import yaml

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.document import Document, Span

ANALYZER = "structure"
_LABEL = re.compile(r"^(?P<label>[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3}|[A-Z][A-Z .’'\-]{0,40}[A-Z]|Q|A)\s*:\s+\S")
_TITLE_MAX = 160


@cache
def _cues() -> dict[str, Any]:
    text = (resources.files("redline") / "data" / "structure.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


_CASE_SENSITIVE = frozenset({"advert_author", "byline", "intro"})


@cache
def _rx(key: str) -> re.Pattern[str]:
    return re.compile(_cues()[key], 0 if key in _CASE_SENSITIVE else re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # without the newline
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    end = len(text) if end is None else end
    found = []
    position = start
    for raw in text[start:end].split("\n"):
        stripped_left = len(raw) - len(raw.lstrip())
        content = raw.strip()
        begin = position + stripped_left
        found.append(Line(begin, begin + len(content), content))
        position += len(raw) + 1
    return found


class StructureAnalyzer:
    """Finds dateline, title block, turns, body, comments, notes, credits and adverts."""

    name: ClassVar[str] = ANALYZER
    version: ClassVar[str] = "1.0.0"
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ("structure", "sentences")

    def initialize(self) -> None:
        _cues()

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        text = document.text
        builder = _Builder(document)
        metadata: dict[str, Any] = {}
        article_end = _comments(document, builder)
        lines = [line for line in _lines(text, 0, article_end) if not line.blank]
        body_start = _head(document, lines, builder, metadata)
        lines = [line for line in lines if line.start >= body_start]
        body_end = _tail(lines, builder, metadata, article_end)
        body_lines = [line for line in lines if line.end <= body_end and not builder.claimed(line)]
        _turns(body_lines, builder, body_end)
        _body(text, body_lines, builder)
        _inline_marks(text, body_start, body_end, builder)
        if "language" not in metadata:
            metadata["language"] = _language(text[body_start:body_end] or text)
        sentences = [
            document.make_span(s.start_char + _lead(s.text), s.end_char - _trail(s.text), "sentence",
                               analyzer=ANALYZER, rule="spacy.sents", confidence=0.9)
            for s in context.parsed.sents if s.text.strip()
        ]  # fmt: skip
        return AnalyzerOutput(layers={"structure": builder.spans, "sentences": sentences}, metadata=metadata)


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


def _trail(text: str) -> int:
    return len(text) - len(text.rstrip())


class _Builder:
    def __init__(self, document: Document):
        self.document = document
        self.spans: list[Span] = []
        self._claimed: list[tuple[int, int]] = []

    def add(self, start: int, end: int, label: str, rule: str, confidence: float, claim: bool = False, **attrs: Any) -> Span:
        span = self.document.make_span(start, end, label, analyzer=ANALYZER, rule=rule, confidence=confidence, attrs=attrs)
        self.spans.append(span)
        if claim:
            self._claimed.append((start, end))
        return span

    def claimed(self, line: Line) -> bool:
        return any(s <= line.start and line.end <= e for s, e in self._claimed)


# -- 1. comments ---------------------------------------------------------------------------------


def _comments(document: Document, builder: _Builder) -> int:
    """Mark the reader-comment region and its comments; return where the article ends."""
    text = document.text
    region = _region_from_reader(document) or _region_from_opener(text) or _region_after_gap(text)
    if region is None:
        return len(text.rstrip()) if text.strip() else len(text)
    start, end, rule = region
    builder.add(start, end, "comments", rule, 0.8 if rule != "comments.blank_run_voice_shift" else 0.65, claim=True)
    for index, (c_start, c_end, author) in enumerate(_split_comments(text, start, end)):
        attrs = {"index": index, **({"author": author} if author else {})}
        builder.add(c_start, c_end, "comment", "comments.split", 0.7, **attrs)
    return start


def _region_from_reader(document: Document) -> tuple[int, int, str] | None:
    for region in document.metadata.extra.get("regions") or []:
        if isinstance(region, dict) and region.get("kind") == "comments":
            start, end = int(region["start"]), int(region["end"])
            if 0 <= start < end <= len(document.text):
                return start, end, "comments.reader_region"
    return None


def _region_from_opener(text: str) -> tuple[int, int, str] | None:
    openers = [re.compile(p, re.IGNORECASE) for p in _cues()["comment_openers"]]
    for line in _lines(text):
        if line.start > len(text) * 0.3 and any(p.match(line.text) for p in openers):
            end = len(text.rstrip())
            first = _next_content(text, line.end)
            if first is not None and first < end:
                return first, end, "comments.opener"
    return None


def _region_after_gap(text: str) -> tuple[int, int, str] | None:
    """After the last run of 2+ blank lines in the second half, if another voice follows."""
    gaps = [m for m in re.finditer(r"\n[ \t]*\n[ \t]*\n\s*", text) if m.start() > len(text) * 0.5]
    if not gaps:
        return None
    gap = gaps[-1]
    end = len(text.rstrip())
    tail = text[gap.end() : end]
    if not tail.strip() or len(tail) > 0.4 * len(text) or _LABEL.match(tail):
        return None
    if not re.search(r"\b(?:I|I'm|I am|my|me)\b|!|\?|\breply\b|@\w+", tail, re.IGNORECASE):
        return None
    return gap.end(), end, "comments.blank_run_voice_shift"


def _next_content(text: str, offset: int) -> int | None:
    match = re.compile(r"\S").search(text, offset)
    return match.start() if match else None


def _split_comments(text: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    lines = [line for line in _lines(text, start, end) if not line.blank]
    header = _rx("comment_header")
    markers = [re.compile(p, re.IGNORECASE) for p in _cues()["comment_markers"]]
    has_headers = sum(bool(header.match(line.text)) for line in lines) >= 1
    comments: list[list[Any]] = []
    for line in lines:
        if any(m.match(line.text) for m in markers):
            if comments:
                comments[-1][1] = line.end
            continue
        if has_headers and header.match(line.text):
            author = re.split(r"\s*(?:says:|wrote:|said:|[·|•—-])", line.text)[0].strip().lstrip("@")
            comments.append([line.start, line.end, author, True])
        elif has_headers and comments and comments[-1][3]:
            comments[-1][1] = line.end
            comments[-1][3] = False if False else comments[-1][3]
        elif has_headers and comments:
            comments[-1][1] = line.end
        else:
            comments.append([line.start, line.end, None, False])
    return [(s, e, author) for s, e, author, _ in comments]


# -- 2. head ------------------------------------------------------------------------------------


def _head(document: Document, lines: list[Line], builder: _Builder, metadata: dict[str, Any]) -> int:
    """Dateline and title block; returns where the body starts."""
    if not lines:
        return 0
    start = lines[0].start
    dateline = _rx("dateline").match(document.text[start : start + 200])
    if dateline and dateline.start("date") < 40:
        date = _iso(dateline.group("date"))
        if date:
            builder.add(start + _lead(dateline.group()), start + dateline.end(), "dateline", "dateline.leading", 0.9, claim=True, date=date)
            metadata["date"] = date
            rest = _next_content(document.text, start + dateline.end())
            if rest is None:
                return len(document.text)
            if lines[0].end > rest:  # the body goes on on the same line
                return rest
            lines = [line for line in lines if line.start >= rest]
    block = _title_block(lines)
    labels = ("title", "subtitle")
    for index, line in enumerate(block):
        byline = _rx("byline").match(line.text)
        intro = _rx("intro").match(line.text)
        if byline:
            builder.add(line.start, line.end, "byline", "byline.by", 0.85, claim=True, author=byline.group("author"))
            metadata.setdefault("author", byline.group("author"))
        elif intro:
            builder.add(line.start, line.end, "standfirst", "intro.conversation_with", 0.8, claim=True, interviewee=intro.group("name"))
            metadata.setdefault("standfirst", line.text)
        else:
            label = labels[index] if index < 2 and not line.text.endswith(".") or index == 0 else "standfirst"
            builder.add(line.start, line.end, label, f"head.{label}", 0.7, claim=True)
            metadata.setdefault(label, line.text)
    if block:
        after = lines[len(block)] if len(lines) > len(block) else None
        return after.start if after else block[-1].end
    return lines[0].start if lines else 0


def _title_block(lines: list[Line]) -> list[Line]:
    """Short leading lines followed by the longer text they head (never the whole document)."""
    block = []
    for line in lines[:5]:
        if len(line.text) > _TITLE_MAX or _LABEL.match(line.text) or _is_apparatus(line.text):
            break
        block.append(line)
    if len(block) == len(lines) or not block:
        return []
    if block[0].text.endswith((".", "!", "?")) and not _rx("byline").match(block[0].text):
        return []
    return block


def _is_apparatus(text: str) -> bool:
    return bool(_rx("advert").match(text) or _rx("translation_credit").match(text) or _note(text))


def _iso(raw: str) -> str | None:
    from datetime import datetime

    for pattern in ("%Y-%m-%d", "%B %d, %Y", "%d %B %Y"):
        try:
            return datetime.strptime(raw, pattern).date().isoformat()
        except ValueError:
            continue
    return None


# -- 3. tail --------------------------------------------------------------------------------------


def _note(text: str) -> bool:
    return any(re.match(p, text, re.IGNORECASE) for p in _cues()["note_openers"])


def _tail(lines: list[Line], builder: _Builder, metadata: dict[str, Any], article_end: int) -> int:
    """Credits, notes and adverts (anywhere, usually at the end); returns where the body ends."""
    body_end = article_end
    trailing = True
    for line in reversed(lines):
        credit = _rx("translation_credit").match(line.text)
        if credit:
            language = (credit.group("language") or "").lower()
            code = _cues()["languages"].get(language)
            builder.add(line.start, line.end, "translation_credit", "credit.translated", 0.9, claim=True,
                        **({"language": code} if code else {}))  # fmt: skip
            if code:
                metadata.setdefault("translated_from", code)
        elif _note(line.text):
            kind = "translator" if re.match(r"^translator", line.text, re.IGNORECASE) else "editor" if re.match(r"^editor", line.text, re.IGNORECASE) else "note"
            builder.add(line.start, line.end, "note", "note.opener", 0.9, claim=True, kind=kind)
        elif _rx("advert").match(line.text) and len(line.text) < 200:
            builder.add(line.start, line.end, "advert", "advert.call_to_buy", 0.8, claim=True)
            author = _rx("advert_author").match(line.text)
            if author:
                metadata.setdefault("author", author.group("author"))
        else:
            trailing = False
            continue
        if trailing:
            body_end = min(body_end, line.start)
    return body_end


# -- 4. turns ---------------------------------------------------------------------------------------


def _speaker(line: Line) -> str | None:
    match = _LABEL.match(line.text)
    if not match:
        return None
    label = " ".join(match.group("label").split())
    if label.lower().rstrip(".") in _cues()["not_speakers"] or _note(line.text):
        return None
    return label


def _turns(lines: list[Line], builder: _Builder, body_end: int) -> None:
    labelled = [(line, _speaker(line)) for line in lines]
    speakers = Counter(label for _, label in labelled if label)
    roles = set(_cues()["role_labels"])
    accepted = {
        label for label, count in speakers.items()
        if count >= 2 or label.lower() in roles or (len(speakers) >= 2 and sum(speakers.values()) >= 3)
    }  # fmt: skip
    if sum(speakers[label] for label in accepted) < 2:
        return
    starts = [(line, label) for line, label in labelled if label in accepted]
    for index, (line, label) in enumerate(starts):
        end = starts[index + 1][0].start if index + 1 < len(starts) else body_end
        last = max((candidate.end for candidate in lines if line.start <= candidate.start < end), default=line.end)
        colon = line.text.index(":")
        builder.add(line.start, last, "turn", "turn.speaker_label", 0.85, speaker=_display(label), raw_label=label, index=index)
        builder.add(line.start, line.start + colon + 1, "speaker_label", "turn.speaker_label", 0.85, speaker=_display(label))


def _display(label: str) -> str:
    return label.title() if label.isupper() and len(label) > 2 else label


# -- 5. body and inline marks --------------------------------------------------------------------------


def _body(text: str, lines: list[Line], builder: _Builder) -> None:
    if not lines:
        return
    builder.add(lines[0].start, lines[-1].end, "body", "body.between_head_and_tail", 0.8)
    for line in lines:
        builder.add(line.start, line.end, "paragraph", "paragraph.line", 0.9)


def _inline_marks(text: str, start: int, end: int, builder: _Builder) -> None:
    for match in _rx("stage_direction").finditer(text, start, end):
        builder.add(match.start(), match.end(), "stage_direction", "stage.bracketed", 0.9)
    for match in re.finditer(r"(?<=[a-z\]\)])[.,;:]?(?P<n>\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹])(?=\s|$)|\[(?P<b>\d{1,2})\]", text[start:end]):
        group = "n" if match.group("n") else "b"
        s, e = match.span(group)
        if group == "b":
            s, e = match.span()
        builder.add(start + s, start + e, "footnote_marker", "footnote.glued_digit", 0.7)


def _language(text: str) -> str | None:
    import py3langid

    sample = text[:5000].strip()
    if len(sample) < 20:
        return None
    code, _ = py3langid.classify(sample)
    return str(code)
