"""The heuristics of the structure analyzer, as pure functions over lines of text.

Each returns :class:`Finding` records (offsets, label, rule id, confidence, attrs); the analyzer
turns them into spans. Nothing here reads files: the cues arrive as :class:`StructureCues`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from redline.analyzers.structure_cues import StructureCues, iso_date, normalise_apostrophes

HEAD_MAX_LINES = 8
HEAD_MAX_WORDS = 45
TITLE_MAX_WORDS = 20
MIN_BODY_WORDS_AFTER_TITLE = 40
ADVERT_MAX_WORDS = 30
BIO_MAX_WORDS = 60
_ANCHORS = frozenset({"dateline", "byline", "standfirst"})
_TERMINAL = tuple(".!?:;\"'”’)]…»")
_LABEL = re.compile(r"^(?P<name>[^\W\d_][^:\n]{0,58}?)\s*:(?=\s|$)")
_PAREN = re.compile(r"^(?P<name>.*?)\s*[(\[](?P<note>[^()\[\]]{1,40})[)\]]$")
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w.'’\-]*$")
_NOT_IN_NAMES = re.compile(r"[,;!?\"“”«»]")
_STAGE = re.compile(r"[(\[]\s*(?P<inside>[^()\[\]\n]{1,60}?)\s*[)\]]")
_FOOTNOTE_GLUED = re.compile(r"(?<=[^\W\d_])(?P<word_end>[.,;!?”’\"')\]])(?P<number>[1-9]\d?)(?=\s|$)")
_FOOTNOTE_BRACKET = re.compile(r"(?:(?<=\S)|(?<=\S ))(?P<mark>\[(?P<number>\d{1,3})\])")
_FOOTNOTE_SUPERSCRIPT = re.compile(r"(?<=\S)(?P<number>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
_TRAILING_BRACKET = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@dataclass(frozen=True)
class Line:
    """One non-blank line: ``text`` is ``document.text[start:end]``, stripped."""

    start: int
    end: int
    text: str
    gap: int  # newlines since the previous non-blank line (0 for the first)

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Finding:
    """A structural finding before it becomes a span."""

    start: int
    end: int
    label: str
    rule: str
    confidence: float
    attrs: Mapping[str, Any] = field(default_factory=dict)


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The non-blank lines of ``text[start:end]``; only "\\n" ends a line."""
    end = len(text) if end is None else end
    lines: list[Line] = []
    position, newlines = start, 0
    for raw in text[start:end].split("\n"):
        content = raw.strip()
        if content:
            begin = position + len(raw) - len(raw.lstrip())
            lines.append(Line(begin, begin + len(content), content, newlines if lines else 0))
            newlines = 0
        newlines += 1
        position += len(raw) + 1
    return lines


def paragraphs(lines: Sequence[Line], breaks: Callable[[Line], bool]) -> list[list[Line]]:
    """Group lines into paragraphs: a blank line, a finished sentence or a short heading ends one.

    A hard-wrapped line (no final punctuation, ordinary length) continues its paragraph, the
    same rule the parser's pieces follow, so sentences never straddle two paragraphs.
    """
    groups: list[list[Line]] = []
    for line in lines:
        previous = groups[-1][-1] if groups else None
        if previous is None or line.gap >= 2 or breaks(line) or _ends_block(previous):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _ends_block(line: Line) -> bool:
    return line.text.endswith(_TERMINAL) or line.words <= 8


def titleish(text: str) -> bool:
    """Short, no final full stop, colon or comma: the shape of a headline."""
    stripped = _TRAILING_BRACKET.sub("", text).rstrip("”’\"'»")
    return (
        0 < len(text.split()) <= TITLE_MAX_WORDS
        and not stripped.endswith((".", ",", ";", ":", "…"))
        and not text.startswith(("@", "#", "http"))
    )


# -- speaker labels -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    """A "Name:" opening a line. ``kind``: role (Host, Q), caps (MARIA ZAKHAROVA) or name."""

    start: int
    end: int  # just after the colon
    raw: str
    speaker: str
    kind: str
    note: str | None = None


def parse_label(line: Line, cues: StructureCues) -> Label | None:
    """The speaker label opening ``line``, if its shape allows one (acceptance comes later)."""
    match = _LABEL.match(line.text)
    if not match or is_note(line.text, cues):
        return None
    raw = match.group("name").strip()
    paren = _PAREN.match(raw)
    name, note = (paren.group("name"), paren.group("note")) if paren else (raw, None)
    kind = _label_kind(name, cues)
    if kind is None:
        return None
    speaker = cues.role_speakers.get(_key(name), _display_name(name)) if kind == "role" else _display_name(name)
    return Label(line.start, line.start + match.end(), raw, speaker, kind, note)


def _key(name: str) -> str:
    return " ".join(normalise_apostrophes(name).lower().strip(" .").split())


def _label_kind(name: str, cues: StructureCues) -> str | None:
    key = _key(name)
    tokens = name.split()
    if not tokens or _NOT_IN_NAMES.search(name) or key in cues.not_speakers:
        return None
    if key.split()[-1] in ("note", "notes"):
        return None
    if key in cues.role_speakers:
        return "role"
    if not all(_NAME_TOKEN.match(token) for token in tokens):
        return None
    if name.upper() == name and len(tokens) <= 5 and any(c.isalpha() for c in name):
        return "caps"
    particles = cues.name_particles
    if len(tokens) <= 4 and all(t[0].isupper() or t.lower() in particles for t in tokens) and tokens[0][0].isupper():
        return "name"
    return None


def _display_name(name: str) -> str:
    """ALL-CAPS names in title case ("MARIA ZAKHAROVA" -> "Maria Zakharova"); others as written."""
    name = " ".join(name.split())
    letters = [c for c in name if c.isalpha()]
    if len(letters) > 2 and name.upper() == name:
        return name.title()
    return name


def accept_speakers(labels: Sequence[Label], interviewee: str | None) -> dict[int, str]:
    """Which labels open real turns: start offset -> rule id.

    A colon at a line start is common in prose ("Bottom line: ..."), so a name must recur or be
    a role word, and more than one voice must speak unless only roles or the interviewee do; a
    name that occurs once is kept only inside an established alternation of several speakers.
    """
    counts = Counter(label.speaker for label in labels)
    rules = {}
    for label in labels:
        if label.kind == "role":
            rules[label.start] = "turn.role_label"
        elif counts[label.speaker] >= 2 or label.speaker == interviewee:
            rules[label.start] = "turn.recurring_name"
    voices = {label.speaker for label in labels if label.start in rules}
    named_only = all(label.kind != "role" and label.speaker != interviewee
                     for label in labels if label.start in rules)  # fmt: skip
    if len(voices) < 2 and named_only:
        return {}
    if len(voices) >= 2 and len(rules) >= 3:
        for label in labels:
            if label.start not in rules and (label.kind == "caps" or len(label.speaker.split()) >= 2):
                rules[label.start] = "turn.alternation"
    return rules


def turns(
    labels: Sequence[Label], rules: Mapping[int, str], lines: Sequence[Line], body_end: int,
    interviewee: str | None, answer_roles: frozenset[str],
) -> list[Finding]:
    """A turn per accepted label, through its continuation paragraphs; plus the label spans."""
    accepted = [label for label in labels if label.start in rules]
    found: list[Finding] = []
    for index, label in enumerate(accepted):
        limit = accepted[index + 1].start if index + 1 < len(accepted) else body_end
        end = max((line.end for line in lines if label.start <= line.start < limit and line.end <= limit),
                  default=label.end)  # fmt: skip
        speaker = interviewee if interviewee and label.raw.lower() in answer_roles else label.speaker
        attrs = {"speaker": speaker, "index": index, "label": label.raw}
        if label.note:
            attrs["note"] = label.note
        confidence = {"turn.role_label": 0.9, "turn.recurring_name": 0.85}.get(rules[label.start], 0.7)
        found.append(Finding(label.start, end, "turn", rules[label.start], confidence, attrs))
        found.append(Finding(label.start, label.end, "speaker_label", rules[label.start], confidence,
                             {"speaker": speaker, "label": label.raw}))  # fmt: skip
    return found


# -- notes, credits, adverts, bios -----------------------------------------------------------------


def is_note(text: str, cues: StructureCues) -> bool:
    return note_kind(text, cues) is not None


def note_kind(text: str, cues: StructureCues) -> str | None:
    normal = normalise_apostrophes(text)
    return next((kind for pattern, kind in cues.notes if pattern.match(normal)), None)


def classify_apparatus(text: str, cues: StructureCues) -> Finding | None:
    """A note, translation credit or advert making up ``text`` (offsets relative to it)."""
    normal = normalise_apostrophes(text)
    kind = note_kind(normal, cues)
    if kind:
        return Finding(0, len(text), "note", f"note.{kind}", 0.95, {"kind": kind})
    for pattern in cues.translation:
        match = pattern.match(normal)
        if match:
            return _credit(text, match, cues)
    if len(text.split()) <= ADVERT_MAX_WORDS and any(p.match(normal) for p in cues.adverts):
        return Finding(0, len(text), "advert", "advert.call_to_action", 0.85, _promo(normal, cues))
    return None


def _credit(text: str, match: re.Match[str], cues: StructureCues) -> Finding:
    groups = match.groupdict()
    attrs: dict[str, Any] = {}
    language = (groups.get("lang") or "").lower()
    if language in cues.languages:
        attrs["language"] = cues.languages[language]
    if groups.get("translator"):
        attrs["translator"] = groups["translator"].strip()
    return Finding(0, len(text), "translation_credit", "credit.translated", 0.95, attrs)


def _promo(normal: str, cues: StructureCues) -> dict[str, Any]:
    """"Order NAME's BOOK here" names the author of the piece it ends, most often."""
    first_word = re.match(r"\S+\s*", normal)
    match = cues.promo_author.search(normal, first_word.end() if first_word else 0)
    return {"author": match.group("author"), "author_rule": "advert.possessive_promo"} if match else {}


def classify_bio(text: str, cues: StructureCues) -> Finding | None:
    """An end-of-article author note: "NAME is a senior fellow at ..."."""
    if len(text.split()) > BIO_MAX_WORDS:
        return None
    match = cues.bio.match(normalise_apostrophes(text))
    if not match:
        return None
    attrs = {"kind": "author_bio", "author": match.group("name"), "author_rule": "note.author_bio"}
    return Finding(0, len(text), "note", "note.author_bio", 0.7, attrs)


def shift(finding: Finding, offset: int, end: int | None = None) -> Finding:
    """``finding`` moved by ``offset`` (and ending at ``end`` when given)."""
    stop = end if end is not None else finding.end + offset
    return Finding(finding.start + offset, stop, finding.label, finding.rule, finding.confidence,
                   finding.attrs)  # fmt: skip


# -- the head: dateline, title block, byline, interview intro -------------------------------------


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


def scan_head(text: str, lines: Sequence[Line], cues: StructureCues, is_turn: Callable[[Line], bool]) -> Head:
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
    if not dated:
        dateline = leading_dateline(line, cues)
        if dateline:
            return dateline
    for pattern in cues.byline:
        match = pattern.match(normal)
        if match and line.words <= 14:
            return Finding(line.start, line.end, "byline", "byline.by", 0.9, {"author": match.group("author")})
    for pattern in cues.intro:
        match = pattern.match(normal)
        if match:
            name = match.groupdict().get("name")
            return Finding(line.start, line.end, "standfirst", "standfirst.intro_line", 0.85,
                           {"kind": "intro", **({"interviewee": name} if name else {})})  # fmt: skip
    apparatus = classify_apparatus(line.text, cues)
    return shift(apparatus, line.start) if apparatus and apparatus.label != "advert" else None


def leading_dateline(line: Line, cues: StructureCues) -> Finding | None:
    """A date making up ``line``, or opening it in a form that cannot be prose."""
    whole = cues.dateline_line.match(line.text)
    if whole:
        day = iso_date(cues.date.search(line.text), cues.months)
        return Finding(line.start, line.end, "dateline", "dateline.line", 0.9, {"date": day}) if day else None
    match = cues.dateline_prefix.match(line.text)
    if not match:
        return None
    day = iso_date(match, cues.months)
    rest = line.text[match.end("date"):]
    if match.group("keyword") and rest[:1].isspace():
        rule, confidence = "dateline.keyword_prefix", 0.95
    elif match.group("y1") and not match.group("place") and rest[:1].isspace():
        rule, confidence = "dateline.iso_prefix", 0.9
    elif match.group("separator"):
        rule, confidence = "dateline.wire_prefix", 0.8
    else:
        return None
    return Finding(line.start, line.start + match.end("date"), "dateline", rule, confidence, {"date": day}) if day else None


def _resolve_head(
    text: str, lines: Sequence[Line], zone: list[tuple[Line, Finding | None]], head: Head, inline: bool
) -> Head:
    # Notes and credits also end texts and open posts, so only these prove a head above them.
    anchors = [i for i, (_, f) in enumerate(zone) if f is not None and f.label in _ANCHORS]
    last_anchor = anchors[-1] if anchors else -1
    size = last_anchor + 1
    while size < len(zone) and zone[size][1] is None and titleish(zone[size][0].text) and size < 3 + last_anchor:
        size += 1
    size = _keep_body(text, lines, zone, size, anchored=last_anchor >= 0)
    head.findings = _label_head(zone[:size])
    if inline and size == len(zone):
        dateline = zone[-1][1]
        assert dateline is not None
        head.body_start = _next_content(text, dateline.end, head.body_start)
    elif size < len(lines):
        head.body_start = lines[size].start
    else:
        head.body_start = lines[-1].end if lines else len(text)
    head.interviewee = next((str(f.attrs["interviewee"]) for f in head.findings if "interviewee" in f.attrs), None)
    return head


def _keep_body(text: str, lines: Sequence[Line], zone: list[tuple[Line, Finding | None]], size: int,
               anchored: bool) -> int:  # fmt: skip
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


# -- inline marks -------------------------------------------------------------------------------


def stage_directions(text: str, start: int, end: int, cues: StructureCues) -> list[Finding]:
    """"(Applause)", "[Laughter]", "(APPLAUSE.)": a bracket holding only stage words."""
    found = []
    for match in _STAGE.finditer(text, start, end):
        words = re.findall(r"[^\W\d_][\w\-]*", match.group("inside").lower())
        if words and set(words) <= cues.stage_words and set(words) & cues.stage_heads:
            found.append(Finding(match.start(), match.end(), "stage_direction", "stage.bracketed", 0.9,
                                 {"direction": match.group("inside").strip(" .").lower()}))  # fmt: skip
    return found


def footnote_markers(text: str, start: int, end: int, cues: StructureCues) -> list[Finding]:
    """"Bharat.1 Let", "[3]", "¹": note numbers glued to the text they annotate."""
    found = []
    for match in _FOOTNOTE_GLUED.finditer(text, start, end):
        word = re.search(r"[^\W\d_]+$", text[max(start, match.start() - 12) : match.start()])
        if word and word.group().lower() not in cues.footnote_exclusions:
            found.append(_footnote(match, "footnote.glued_digit", 0.7))
    for match in _FOOTNOTE_BRACKET.finditer(text, start, end):
        found.append(_footnote(match, "footnote.bracketed", 0.8, group="mark"))
    for match in _FOOTNOTE_SUPERSCRIPT.finditer(text, start, end):
        found.append(_footnote(match, "footnote.superscript", 0.9))
    return found


def _footnote(match: re.Match[str], rule: str, confidence: float, group: str = "number") -> Finding:
    begin, stop = match.span(group)
    number = int(match.group("number").translate(_SUPERSCRIPT_DIGITS))
    return Finding(begin, stop, "footnote_marker", rule, confidence, {"number": number})


def covered(start: int, end: int, spans: Iterable[Finding]) -> bool:
    """Whether ``[start, end)`` lies inside one of ``spans``."""
    return any(span.start <= start and end <= span.end for span in spans)
