"""The head of a document: dateline, title, subtitle, standfirst, byline, interview intro.

Only short lines before the body qualify. A line is head when a dateline, byline or intro
line comes after it (an anchor), or when it looks like a headline (short, no final full stop)
and enough text follows; otherwise short opening lines are the body (a post, a terse op-ed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from redline.structure.cues import StructureCues, iso_date, normalise_apostrophes
from redline.structure.rules import Finding, Line, classify_apparatus, shift

HEAD_MAX_LINES = 8
HEAD_MAX_WORDS = 45
TITLE_MAX_WORDS = 20
MIN_BODY_WORDS_AFTER_TITLE = 40
_ANCHORS = frozenset({"dateline", "byline", "standfirst", "kicker"})
_KICKER_SEPARATORS = re.compile(r"\s*[|/•·:›»>]\s*|\s+[-–—]\s+")
KICKER_MAX_WORDS = 5
_TRAILING_BRACKET = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")


def titleish(text: str) -> bool:
    """Short, no final full stop, colon or comma: the shape of a headline."""
    stripped = _TRAILING_BRACKET.sub("", text).rstrip("”\u2019\"'»")
    return (
        0 < len(text.split()) <= TITLE_MAX_WORDS
        and not stripped.endswith((".", ",", ";", ":", "…"))
        and not text.startswith(("@", "#", "http"))
    )


@dataclass
class Head:
    """What the head scan found, and where the body begins."""

    findings: list[Finding] = field(default_factory=list)
    body_start: int = 0
    interviewee: str | None = None


def interviewee(lines: Sequence[Line], cues: StructureCues) -> str | None:
    """The name in an intro line among the first lines ("Conversation with NAME on ...")."""
    for line in lines[:HEAD_MAX_LINES]:
        for pattern in cues.intro:
            match = pattern.match(normalise_apostrophes(line.text))
            if match and match.groupdict().get("name"):
                return match.group("name")
    return None


def scan_head(
    text: str, lines: Sequence[Line], cues: StructureCues, is_turn: Callable[[Line], bool]
) -> Head:
    """Dateline, title, subtitle, standfirst, byline and intro lines before the body."""
    head = Head(body_start=lines[0].start if lines else len(text))
    zone: list[tuple[Line, Finding | None]] = []
    for line in lines[:HEAD_MAX_LINES]:
        if is_turn(line):
            break
        special = _head_special(line, cues, dated=any(f and f.label == "dateline" for _, f in zone))
        if special is not None and special.label == "dateline" and special.end < line.end:
            zone.append((line, special))  # an inline dateline: the rest of its line is body
            return _resolve_head(text, lines, zone, head, inline=True)
        if line.words > HEAD_MAX_WORDS:
            break
        zone.append((line, special))
    return _resolve_head(text, lines, zone, head, inline=False)


def _head_special(line: Line, cues: StructureCues, dated: bool) -> Finding | None:
    normal = normalise_apostrophes(line.text)
    if is_kicker(normal, cues):
        return Finding(line.start, line.end, "kicker", "head.kicker", 0.8)
    if not dated:
        dateline = leading_dateline(line, cues)
        if dateline:
            return dateline
    for pattern in cues.byline:
        match = pattern.match(normal)
        if match and line.words <= 14:
            return Finding(
                line.start, line.end, "byline", "byline.by", 0.9, {"author": match.group("author")}
            )
    for pattern in cues.intro:
        match = pattern.match(normal)
        if match:
            name = match.groupdict().get("name")
            return Finding(
                line.start,
                line.end,
                "standfirst",
                "standfirst.intro_line",
                0.85,
                {"kind": "intro", **({"interviewee": name} if name else {})},
            )
    apparatus = classify_apparatus(line.text, cues)
    return shift(apparatus, line.start) if apparatus and apparatus.label != "advert" else None


def is_kicker(text: str, cues: StructureCues) -> bool:
    """A section label above a headline ("WORLD NEWS", "Opinion", "ANALYSIS | Middle East"):
    a few words, every part of it a section name."""
    if len(text.split()) > KICKER_MAX_WORDS:
        return False
    parts = [part.strip(" .").lower() for part in _KICKER_SEPARATORS.split(text)]
    parts = [part for part in parts if part]
    return bool(parts) and all(part in cues.kicker_words for part in parts)


def leading_dateline(line: Line, cues: StructureCues) -> Finding | None:
    """A date making up ``line``, or opening it in a form that cannot be prose."""
    whole = cues.dateline_line.match(line.text)
    if whole:
        day = iso_date(cues.date.search(line.text), cues.months)
        return (
            Finding(line.start, line.end, "dateline", "dateline.line", 0.9, {"date": day})
            if day
            else None
        )
    match = cues.dateline_prefix.match(line.text)
    if not match:
        return None
    day = iso_date(match, cues.months)
    rest = line.text[match.end("date") :]
    if match.group("keyword") and rest[:1].isspace():
        rule, confidence = "dateline.keyword_prefix", 0.95
    elif match.group("y1") and not match.group("place") and rest[:1].isspace():
        rule, confidence = "dateline.iso_prefix", 0.9
    elif match.group("separator"):
        rule, confidence = "dateline.wire_prefix", 0.8
    else:
        return None
    if not day:
        return None
    end = max(match.end("date"), _wire_end(line.text, cues))
    return Finding(line.start, line.start + end, "dateline", rule, confidence, {"date": day})


def _wire_end(text: str, cues: StructureCues) -> int:
    """Where a wire dateline's agency credit ends ("..., 14 марта 2025 — РИА Новости."), so that
    the credit is the dateline's and not the body's first words; 0 when no wire form matches."""
    for pattern in cues.wire_datelines:
        match = pattern.match(text)
        if match is not None and match.end() < len(text):
            return len(text[: match.end()].rstrip())
    return 0


def _resolve_head(
    text: str,
    lines: Sequence[Line],
    zone: list[tuple[Line, Finding | None]],
    head: Head,
    inline: bool,
) -> Head:
    size = _head_size(lines, zone)
    head.findings = _label_head(zone[:size])
    last = zone[size - 1][1] if size else None
    if inline and size == len(zone) and last is not None:
        head.body_start = _next_content(text, last.end, lines[size - 1].end)
    elif size < len(lines):
        head.body_start = lines[size].start
    else:
        head.body_start = lines[-1].end if lines else len(text)
    head.interviewee = next(
        (str(f.attrs["interviewee"]) for f in head.findings if "interviewee" in f.attrs), None
    )
    return head


def _head_size(lines: Sequence[Line], zone: list[tuple[Line, Finding | None]]) -> int:
    # Notes and credits also end texts and open posts, so only these prove a head above them.
    anchors = [i for i, (_, f) in enumerate(zone) if f is not None and f.label in _ANCHORS]
    last_anchor = anchors[-1] if anchors else -1
    size = last_anchor + 1
    limit = min(len(zone), last_anchor + 3)
    while size < limit and zone[size][1] is None and _headline(lines, size):
        size += 1
    return _keep_body(lines, zone, size, anchored=last_anchor >= 0)


def _headline(lines: Sequence[Line], index: int) -> bool:
    """Titleish, and not the first line of a hard-wrapped paragraph that the next line goes on."""
    following = lines[index + 1] if index + 1 < len(lines) else None
    continues = following is not None and following.gap == 1 and following.text[:1].islower()
    return titleish(lines[index].text) and not continues


def _keep_body(
    lines: Sequence[Line], zone: list[tuple[Line, Finding | None]], size: int, anchored: bool
) -> int:
    """Shrink the head so that a body remains; untitled short texts (posts) keep no head."""
    while size and zone[size - 1][1] is None:
        rest = sum(line.words for line in lines[size:])
        if rest and (anchored or rest >= MIN_BODY_WORDS_AFTER_TITLE):
            break
        size -= 1
    return size


def _label_head(zone: Sequence[tuple[Line, Finding | None]]) -> list[Finding]:
    findings: list[Finding] = []
    plain = 0
    for line, special in zone:
        if special is not None:
            findings.append(special)
            continue
        label = _plain_head_label(plain, line, findings)
        confidence = {"title": 0.8, "subtitle": 0.7}.get(label, 0.6)
        findings.append(Finding(line.start, line.end, label, f"head.{label}", confidence))
        plain += 1
    return findings


def _plain_head_label(position: int, line: Line, before: Sequence[Finding]) -> str:
    if position == 0 and titleish(line.text):
        return "title"
    previous = before[-1].label if before else None
    if position == 1 and previous == "title" and titleish(line.text):
        return "subtitle"
    return "standfirst"


def _next_content(text: str, offset: int, default: int) -> int:
    match = re.compile(r"\S").search(text, offset)
    return match.start() if match else default
