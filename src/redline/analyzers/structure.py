"""The structure layer: the parts of a document, who speaks in each, and its sentences.

The cascade, in order; each stage works on what the earlier ones left, because each needs
the boundary the one before it drew:

1. reader comments (:mod:`redline.structure.comments`): a region the reader found, an opener line, a
   blank-line run followed by other voices, or a cluster of comment headers. Found first so
   that nothing after it can be taken for the article's body or a speaker's turn.
2. speaker labels: "Name:" at a line start, kept when they recur, are role words ("Host",
   "Q") or alternate between several voices; prose colons and "Note:" never qualify.
3. the head (:mod:`redline.structure.head`): a leading dateline (a line, or an inline prefix as in
   " date 2025-05-21 Every"), title, subtitle, standfirst, byline and an interview intro
   naming the interviewee.
4. apparatus around the body (:mod:`redline.structure.rules`): translation credits, notes, adverts
and
   an author bio.
5. body, paragraphs and turns (each turn runs through its continuation paragraphs).
6. inline marks: stage directions "(Applause)", footnote markers "Bharat.1".
7. sentences from the spaCy parse, cut where a structural block begins or ends.

Every cue word lives in ``data/structure.yaml``.

>>> from redline.pipeline import Pipeline   # doctest: +SKIP
>>> text = "Host: Will you strike?\\nGuest: No."
>>> doc = Pipeline.from_names(["structure"]).run(Document.from_text(text))   # doctest: +SKIP
>>> [StructureAttributes.read(s).speaker for s in doc.layer("structure")
...  if s.label == "turn"]   # doctest: +SKIP
['Host', 'Guest']
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any, ClassVar

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.analyzers.versions import content_version
from redline.attributes import ANY_LABEL, Attributes, SentenceAttributes, StructureAttributes
from redline.dates import iso_day
from redline.document import Document, Span
from redline.structure.comments import Region, find_region, split_comments
from redline.structure.cues import StructureCues, iso_date, load_cues, month_day
from redline.structure.head import interviewee, scan_head
from redline.structure.rules import (
    Finding,
    Line,
    SpanIndex,
    accept_speakers,
    classify_apparatus,
    classify_closing,
    footnote_markers,
    furniture_kind,
    paragraphs,
    parse_label,
    shift,
    split_lines,
    stage_directions,
    turns,
)

ANALYZER = "structure"
LANGUAGE_MIN_LETTERS = 40
LANGUAGE_SAMPLE_CHARS = 10_000
# Where a sentence is said to stand, innermost first (turns count as the body).
_SECTIONS = (
    "comment",
    "note",
    "advert",
    "furniture",
    "translation_credit",
    "kicker",
    "title",
    "subtitle",
    "standfirst",
    "byline",
    "dateline",
    "turn",
    "body",
    "comments",
)
_BLOCKS = frozenset({*_SECTIONS, "paragraph", "speaker_label", "comment_label"})
_NOT_SENTENCES = frozenset({"speaker_label", "comment_label", "dateline", "stage_direction"})


class StructureAnalyzer:
    """Finds dateline, title block, turns, body, comments, notes, credits, adverts, sentences."""

    name: ClassVar[str] = ANALYZER
    # The release, then a digest of the code, data and model its findings depend on.
    version: ClassVar[str] = content_version(
        "1.0.0",
        "analyzers/structure.py",
        "dates.py",
        "structure",
        "data/structure.yaml",
    )
    requires: ClassVar[tuple[str, ...]] = ()
    # Structure is read from layout and labels, not from a language's grammar.
    languages: ClassVar[tuple[str, ...]] = ("*",)
    provides: ClassVar[tuple[str, ...]] = ("structure", "sentences")
    attributes: ClassVar[Mapping[str, type[Attributes]]] = {
        "sentence": SentenceAttributes,
        ANY_LABEL: StructureAttributes,
    }

    def __init__(self) -> None:
        self._cues: StructureCues | None = None

    def initialize(self) -> None:
        self._cues = self._cues or load_cues()

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        findings = _Structure(document, self._cues or load_cues()).findings()
        sentences = _sentences(context, findings)
        return AnalyzerOutput(
            layers={
                "structure": _spans(document, findings),
                "sentences": _spans(document, sentences),
            },
            metadata=_metadata(document.text, findings),
        )


class _Structure:
    """The cascade over one document; each step appends to ``found``."""

    def __init__(self, document: Document, cues: StructureCues):
        self.document, self.text, self.cues = document, document.text, cues
        self.lines = split_lines(self.text)
        self._line_starts = [line.start for line in self.lines]
        self.found: list[Finding] = []

    def findings(self) -> list[Finding]:
        region = find_region(
            self.document, self.lines, self.cues, self._labelled_anywhere(), self._is_apparatus
        )
        main_end = region.start if region else len(self.text)
        main = [line for line in self.lines if line.end <= main_end]
        guest = interviewee(main, self.cues)
        labels = [label for line in main if (label := parse_label(line, self.cues))]
        accepted = accept_speakers(labels, guest, self.text)
        head = scan_head(self.text, main, self.cues, lambda line: line.start in accepted)
        self.found.extend(head.findings)
        guest = head.interviewee or guest
        body = self._body(_clip(main, head.body_start), accepted)
        if body is not None:
            start, end, body_lines = body
            inside = [label for label in labels if start <= label.start < end]
            self.found.extend(
                turns(inside, accepted, body_lines, end, guest, self.cues.answer_roles)
            )
        self._inline(head.body_start, main_end)
        self._wire_dateline(_clip(main, head.body_start))
        if region is not None:
            self._comments(region)
        return self.found

    def _wire_dateline(self, main: list[Line]) -> None:
        """A wire dateline opening the story ("BEIJING --", "МОСКВА, 5 декабря. /ТАСС/."), in
        one of its first three lines: the place there is where the story was filed, never an
        actor or a target."""
        # A page may date itself above the story ("March 3, 2025 4:12 PM UTC") and the story
        # still open with its wire dateline: only a line already read as a dateline is skipped.
        taken = [(f.start, f.end) for f in self.found if f.label == "dateline"]
        for line in main[:3]:
            if any(start < line.end and line.start < end for start, end in taken):
                return
            for pattern in self.cues.wire_datelines:
                # Matched on the line itself: with a start position, "^" would only match at
                # the text's very beginning.
                match = pattern.match(line.text)
                if match is not None and match.end() < len(line.text):
                    end = line.start + len(line.text[: match.end()].rstrip())
                    attrs = self._wire_date(line.text[: match.end()])
                    self.found.append(
                        Finding(line.start, end, "dateline", "wire_dateline", 0.8, attrs)
                    )
                    return

    def _wire_date(self, dateline: str) -> dict[str, str]:
        """The day a wire dateline names: ISO when it gives the year, else "--MM-DD" (ISO 8601's
        form for a day of no stated year) and the year of the document's own date, if known."""
        day = iso_date(self.cues.date.search(dateline), self.cues.months)
        if day is not None:
            return {"date": day}
        found = month_day(dateline, self.cues)
        if found is None:
            return {}
        month, number = found
        attrs = {"month_day": f"--{month:02d}-{number:02d}"}
        year = (self.document.metadata.date or "")[:4]
        if year.isdigit():
            full = iso_day(f"{year}-{month:02d}-{number:02d}")
            if full is not None:
                attrs["date"] = full
        return attrs

    def _labelled_anywhere(self) -> Callable[[Line], bool]:
        labels = [label for line in self.lines if (label := parse_label(line, self.cues))]
        accepted = accept_speakers(labels, interviewee(self.lines, self.cues), self.text)
        return lambda line: line.start in accepted

    def _furniture(self, line: Line) -> bool:
        """A furniture line is a paragraph of its own, and so is the line after it."""
        index = bisect_left(self._line_starts, line.start)
        lines = (line, self.lines[index - 1]) if index > 0 else (line,)
        return any(furniture_kind(one.text, self.cues) is not None for one in lines)

    def _is_apparatus(self, line: Line) -> bool:
        return bool(
            classify_apparatus(line.text, self.cues) or classify_closing(line.text, self.cues)
        )

    def _body(
        self, lines: list[Line], accepted: dict[int, str]
    ) -> tuple[int, int, list[Line]] | None:
        """Body and paragraph findings; returns (start, end, lines) of the body."""
        groups = paragraphs(lines, lambda line: line.start in accepted or self._furniture(line))
        kinds = self._apparatus(groups)
        first = next((i for i, kind in enumerate(kinds) if kind is None), None)
        if first is None:
            return None
        last = max(i for i, kind in enumerate(kinds) if kind is None)
        for group, kind in zip(groups, kinds, strict=True):
            if kind is not None:
                self.found.append(kind)
            elif not self._only_stage_direction(group):
                rule = "paragraph.line" if len(group) == 1 else "paragraph.block"
                self.found.append(Finding(group[0].start, group[-1].end, "paragraph", rule, 0.9))
        start, end = groups[first][0].start, groups[last][-1].end
        self.found.append(Finding(start, end, "body", "body.between_head_and_apparatus", 0.85))
        return start, end, [line for group in groups[first : last + 1] for line in group]

    def _apparatus(self, groups: list[list[Line]]) -> list[Finding | None]:
        """Per paragraph, the note, credit or advert it is; author bios only in the closing run."""
        kinds = [self._classify(group, classify_apparatus) for group in groups]
        for index in reversed(range(len(groups))):
            if kinds[index] is None:
                kinds[index] = self._classify(groups[index], classify_closing)
                if kinds[index] is None:
                    break
        return kinds

    def _classify(
        self, group: list[Line], rule: Callable[[str, StructureCues], Finding | None]
    ) -> Finding | None:
        start, end = group[0].start, group[-1].end
        found = rule(self.text[start:end], self.cues)
        return shift(found, start) if found else None

    def _only_stage_direction(self, group: list[Line]) -> bool:
        marks = stage_directions(self.text, group[0].start, group[-1].end, self.cues)
        return any(mark.start == group[0].start and mark.end == group[-1].end for mark in marks)

    def _inline(self, start: int, end: int) -> None:
        self.found.extend(stage_directions(self.text, start, end, self.cues))
        self.found.extend(footnote_markers(self.text, start, end, self.cues))

    def _comments(self, region: Region) -> None:
        self.found.append(
            Finding(region.start, region.end, "comments", region.rule, region.confidence)
        )
        self.found.extend(split_comments(self.text, region, self.cues))


def _clip(lines: Sequence[Line], start: int) -> list[Line]:
    """The lines from ``start`` on; a line that ``start`` falls inside keeps only its rest."""
    kept = []
    for line in lines:
        if line.start >= start:
            kept.append(line)
        elif line.end > start:
            kept.append(Line(start, line.end, line.text[start - line.start :], line.gap))
    return kept


# -- sentences ------------------------------------------------------------------------------------


def _sentences(context: AnalysisContext, findings: Sequence[Finding]) -> list[Finding]:
    """spaCy's sentences, cut at block boundaries so that none runs from a title into the body."""
    cuts = sorted({p for f in findings if f.label in _BLOCKS for p in (f.start, f.end)})
    skip = [SpanIndex(f for f in findings if f.label == label) for label in _NOT_SENTENCES]
    sections = [(label, SpanIndex(f for f in findings if f.label == label)) for label in _SECTIONS]
    found = []
    for sentence in context.parsed.sents:
        for start, end in _cut(sentence.text, sentence.start_char, cuts):
            if not any(index.covers(start, end) for index in skip):
                attrs = _where(start, sections)
                found.append(Finding(start, end, "sentence", "spacy.sents", 0.9, attrs))
    return found


def _cut(text: str, offset: int, cuts: Sequence[int]) -> Iterable[tuple[int, int]]:
    stop = offset + len(text)
    inner = cuts[bisect_right(cuts, offset) : bisect_left(cuts, stop)]
    for begin, end in pairwise([offset, *inner, stop]):
        piece = text[begin - offset : end - offset]
        if piece.strip():
            yield begin + len(piece) - len(piece.lstrip()), end - (len(piece) - len(piece.rstrip()))


def _where(start: int, sections: Sequence[tuple[str, SpanIndex]]) -> dict[str, Any]:
    """The innermost section holding ``start`` (and the speaker, inside a turn)."""
    for label, index in sections:
        section = index.at(start)
        if section is not None:
            attrs: dict[str, Any] = {"section": _section_name(label)}
            if label == "turn":
                attrs["speaker"] = section.attrs["speaker"]
            return attrs
    return {"section": "other"}


def _section_name(label: str) -> str:
    return {"turn": "body", "comment": "comments"}.get(label, label)


# -- spans and metadata ----------------------------------------------------------------------------


def _spans(document: Document, findings: Iterable[Finding]) -> list[Span]:
    spans: dict[tuple[int, int, str], Span] = {}
    for f in findings:
        if f.end > f.start and (f.start, f.end, f.label) not in spans:
            spans[(f.start, f.end, f.label)] = document.make_span(
                f.start,
                f.end,
                f.label,
                analyzer=ANALYZER,
                rule=f.rule,
                confidence=f.confidence,
                attrs=f.attrs,
            )
    return sorted(spans.values(), key=lambda s: (s.start, -s.end, s.label))


def _metadata(text: str, findings: Sequence[Finding]) -> dict[str, Any]:
    first = {f.label: f for f in reversed(findings)}
    found: dict[str, Any] = {}
    for label in ("title", "subtitle"):
        if label in first:
            found[label] = text[first[label].start : first[label].end]
    standfirsts = [f for f in findings if f.label == "standfirst"]
    standfirsts.sort(key=lambda f: (f.attrs.get("kind") == "intro", f.start))
    if standfirsts:
        found["standfirst"] = text[standfirsts[0].start : standfirsts[0].end]
    if "dateline" in first:
        found["date"] = first["dateline"].attrs.get("date")
    found["author"] = _author(findings)
    credits = [
        f.attrs["language"]
        for f in findings
        if f.label == "translation_credit" and "language" in f.attrs
    ]
    found["translated_from"] = credits[0] if credits else None
    found["language"] = _language(text, first.get("body"))
    return {key: value for key, value in found.items() if value is not None}


def _author(findings: Sequence[Finding]) -> str | None:
    """A byline names the author; an op-ed's promo or bio may; an interview's never does."""
    bylines = [f for f in findings if f.label == "byline"]
    if bylines:
        return str(bylines[0].attrs["author"])
    if any(f.label == "turn" for f in findings):
        return None
    hints = [f for f in findings if f.label in ("advert", "note") and f.attrs.get("author")]
    return str(hints[0].attrs["author"]) if hints else None


def _language(text: str, body: Finding | None) -> str | None:
    import py3langid  # ships no type hints: see [[tool.mypy.overrides]] in pyproject.toml

    sample = (text[body.start : body.end] if body else text)[:LANGUAGE_SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < LANGUAGE_MIN_LETTERS:
        return None
    code, _ = py3langid.classify(sample)
    return str(code)


__all__ = ["StructureAnalyzer"]
