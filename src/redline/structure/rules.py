"""The heuristics of the structure analyzer, as pure functions over lines of text.

Each returns :class:`Finding` records (offsets, label, rule id, confidence, attrs); the analyzer
turns them into spans. Nothing here reads files: the cues arrive as :class:`StructureCues`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from redline.structure.cues import StructureCues, normalise_apostrophes

ADVERT_MAX_WORDS = 30
BIO_MAX_WORDS = 60
_TERMINAL = tuple(".!?:;\"'”\u2019)]…»")
# "Host:", also in Markdown emphasis ("**Host:**", "**Host**:").
_LABEL = re.compile(r"^[*_]{0,2}(?P<name>[^\W\d_][^:*\n]{0,58}?)\s*[*_]{0,2}:[*_]{0,2}(?=\s|$)")
_PAREN = re.compile(r"^(?P<name>.*?)\s*[(\[](?P<note>[^()\[\]]{1,40})[)\]]$")
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w.'\u2019\-]*$")
_NOT_IN_NAMES = re.compile(r"[,;!?\"“”«»]")
_STAGE = re.compile(r"[(\[]\s*(?P<inside>[^()\[\]\n]{1,60}?)\s*[)\]]")
_FOOTNOTE_GLUED = re.compile(
    r"(?<=[^\W\d_])(?P<word_end>[.,;!?”\u2019\"')\]])(?P<number>[1-9]\d?)(?=\s|$)"
)
_FOOTNOTE_BRACKET = re.compile(r"(?:(?<=\S)|(?<=\S ))(?P<mark>\[(?P<number>\d{1,3})\])")
_FOOTNOTE_SUPERSCRIPT = re.compile(r"(?<=\S)(?P<number>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
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
    rest_words: int = 0  # words after the colon on the label's line


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
    speaker = (
        cues.role_speakers.get(_key(name), _display_name(name))
        if kind == "role"
        else _display_name(name)
    )
    rest_words = len(line.text[match.end() :].split())
    return Label(line.start, line.start + match.end(), raw, speaker, kind, note, rest_words)


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
    if (
        len(tokens) <= 4
        and all(t[0].isupper() or t.lower() in particles for t in tokens)
        and tokens[0][0].isupper()
    ):
        return "name"
    return None


def _display_name(name: str) -> str:
    """ALL-CAPS names in title case ("MARIA ZAKHAROVA" -> "Maria Zakharova"); others as written."""
    name = " ".join(name.split())
    letters = [c for c in name if c.isalpha()]
    acronym = len(name.split()) == 1 and len(letters) <= 4  # "AFP", "CCTV", "TASS" stay
    if len(letters) > 2 and name.upper() == name and not acronym:
        return name.title()
    return name


def accept_speakers(
    labels: Sequence[Label], interviewee: str | None, text: str = ""
) -> dict[int, str]:
    """Which labels open real turns: start offset -> rule id.

    A colon at a line start is common in prose ("Bottom line: ..."), so a name must recur or be
    a role word, and more than one voice must speak unless only roles or the interviewee do; a
    name that occurs once is kept where a role speaks too («Ведущий:») and the ``text`` before
    it has named it («Сегодня в студии политолог Сергей Марков» ... «Марков:»), or inside an
    established alternation of several speakers when it is a full name or so named.
    """
    counts = Counter(label.speaker for label in labels)
    hosted = any(label.kind == "role" for label in labels)
    rules = {}
    for label in labels:
        if label.kind == "role":
            rules[label.start] = "turn.role_label"
        elif counts[label.speaker] >= 2 or label.speaker == interviewee:
            rules[label.start] = "turn.recurring_name"
        elif hosted and _named_before(label, text):
            # «Ведущий: ... в студии Андрей Гурулёв ...» then «Гурулёв:»: a guest the host
            # introduced, though he speaks once.
            rules[label.start] = "turn.introduced_name"
    voices = {label.speaker for label in labels if label.start in rules}
    named_only = all(
        label.kind != "role" and label.speaker != interviewee
        for label in labels
        if label.start in rules
    )
    if len(voices) < 2 and named_only:
        return _briefing(labels, rules) or _lone_speaker(labels)
    if len(voices) >= 2 and len(rules) >= 3:
        for label in labels:
            if label.start not in rules and (
                label.kind == "caps"
                or len(label.speaker.split()) >= 2
                or _named_before(label, text)
            ):
                rules[label.start] = "turn.alternation"
    return rules


def _named_before(label: Label, text: str) -> bool:
    """The label's one-word name occurs earlier in the text, in any case ending («с Сергеем
    Марковым», "analyst Mark Smith")."""
    name = label.speaker.strip()
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}", text[: label.start]) is not None


LONE_SPEAKER_MIN_WORDS = 12


def _lone_speaker(labels: Sequence[Label]) -> dict[int, str]:
    """An excerpt of a transcript where one person speaks ("Vladimir Putin: Colleagues, ...").

    Only a full name (two words at least) before a long line of speech, and only when it is the
    text's one label: "Ukraine: the view from Kyiv" or a "Name: Title" headline stays prose.
    """
    if len(labels) != 1:
        return {}
    label = labels[0]
    full_name = label.kind in ("name", "caps") and len(label.speaker.split()) >= 2
    if full_name and label.rest_words >= LONE_SPEAKER_MIN_WORDS:
        return {label.start: "turn.lone_named_speaker"}
    return {}


def _briefing(labels: Sequence[Label], rules: dict[int, str]) -> dict[int, str]:
    """A press briefing: one recurring speaker ("Lin Jian:") answering askers who each speak
    once and are named by their outlet ("Bloomberg:", "Phoenix TV:", "AFP:").

    Accepted only when the recurring speaker answers at least two different askers and every
    asker's label is followed by the recurring speaker's, so that a run of one-off "Word:"
    openings in prose is never read as a dialogue.
    """
    if not rules:
        return {}
    answerer = labels[next(i for i, label in enumerate(labels) if label.start in rules)].speaker
    askers = [i for i, label in enumerate(labels) if label.speaker != answerer]
    answered = [i for i in askers if i + 1 < len(labels) and labels[i + 1].speaker == answerer]
    if not askers or len(answered) < len(askers):
        return {}
    # One asker is enough when each of their labels sits between two answers and names a person
    # ("Vladimir Putin: ... Andrei Vandenko: ... Vladimir Putin: ...").
    sandwiched = all(i > 0 and labels[i - 1].speaker == answerer for i in askers) and all(
        len(labels[i].speaker.split()) >= 2 for i in askers
    )
    if len({labels[i].speaker for i in answered}) < 2 and not sandwiched:
        return {}
    briefing = dict(rules)
    for index in askers:
        briefing[labels[index].start] = "turn.briefing_asker"
    return briefing


def turns(
    labels: Sequence[Label],
    rules: Mapping[int, str],
    lines: Sequence[Line],
    body_end: int,
    interviewee: str | None,
    answer_roles: frozenset[str],
) -> list[Finding]:
    """A turn per accepted label, through its continuation paragraphs; plus the label spans."""
    accepted = [label for label in labels if label.start in rules]
    starts = [line.start for line in lines]
    found: list[Finding] = []
    for index, label in enumerate(accepted):
        limit = accepted[index + 1].start if index + 1 < len(accepted) else body_end
        last = bisect_left(starts, limit) - 1  # the last line that starts before the next label
        end = max(lines[last].end, label.end) if last >= 0 else label.end
        answer = interviewee and label.raw.lower() in answer_roles
        speaker = interviewee if answer and interviewee else label.speaker
        found.extend(_turn(label, index, end, speaker, rules[label.start]))
    return found


def _turn(label: Label, index: int, end: int, speaker: str, rule: str) -> list[Finding]:
    attrs: dict[str, Any] = {"speaker": speaker, "index": index, "label": label.raw}
    if label.note:
        attrs["note"] = label.note
    confidence = {"turn.role_label": 0.9, "turn.recurring_name": 0.85}.get(rule, 0.7)
    marker = {"speaker": speaker, "label": label.raw}
    return [
        Finding(label.start, end, "turn", rule, confidence, attrs),
        Finding(label.start, label.end, "speaker_label", rule, confidence, marker),
    ]


# -- notes, credits, adverts, bios -----------------------------------------------------------------


def is_note(text: str, cues: StructureCues) -> bool:
    return note_kind(text, cues) is not None


def note_kind(text: str, cues: StructureCues) -> str | None:
    normal = normalise_apostrophes(text)
    return next((kind for pattern, kind in cues.notes if pattern.match(normal)), None)


FURNITURE_MAX_WORDS = 40


def furniture_kind(text: str, cues: StructureCues) -> str | None:
    """The kind of page furniture a short line is ("Read also: ...", "Share this article")."""
    if len(text.split()) > FURNITURE_MAX_WORDS:
        return None
    normal = normalise_apostrophes(text)
    return next((kind for pattern, kind in cues.furniture if pattern.match(normal)), None)


def classify_apparatus(text: str, cues: StructureCues) -> Finding | None:
    """A note, translation credit, advert or page furniture making up ``text`` (offsets
    relative to it)."""
    normal = normalise_apostrophes(text)
    kind = note_kind(normal, cues)
    if kind:
        return Finding(0, len(text), "note", f"note.{kind}", 0.95, {"kind": kind})
    furniture = furniture_kind(text, cues)
    if furniture:
        return Finding(
            0, len(text), "furniture", f"furniture.{furniture}", 0.9, {"kind": furniture}
        )
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
    """The NAME of "Order NAME's BOOK here": most often the author of the piece it ends."""
    first_word = re.match(r"\S+\s*", normal)
    match = cues.promo_author.search(normal, first_word.end() if first_word else 0)
    return (
        {"author": match.group("author"), "author_rule": "advert.possessive_promo"} if match else {}
    )


SIGNATURE_MAX_WORDS = 20


def classify_closing(text: str, cues: StructureCues) -> Finding | None:
    """What a paragraph in the text's closing run may be: an author's bio or a signature."""
    return classify_bio(text, cues) or classify_signature(text, cues)


def classify_signature(text: str, cues: StructureCues) -> Finding | None:
    """A signature closing the text ("— Anna Kowalczyk"): the author, as a byline would say."""
    if len(text.split()) > SIGNATURE_MAX_WORDS or "\n" in text.strip():
        return None
    normal = normalise_apostrophes(text.strip())
    for pattern in cues.signatures:
        match = pattern.match(normal)
        if match:
            attrs = {"author": match.group("author"), "kind": "signature"}
            return Finding(0, len(text), "byline", "byline.signature", 0.75, attrs)
    return None


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
    return Finding(
        finding.start + offset, stop, finding.label, finding.rule, finding.confidence, finding.attrs
    )


# -- inline marks -------------------------------------------------------------------------------


def stage_directions(text: str, start: int, end: int, cues: StructureCues) -> list[Finding]:
    """Brackets holding only stage words: "(Applause)", "[Laughter]", "(APPLAUSE.)"."""
    found = []
    for match in _STAGE.finditer(text, start, end):
        words = re.findall(r"[^\W\d_][\w\-]*", match.group("inside").lower())
        if words and set(words) <= cues.stage_words and set(words) & cues.stage_heads:
            found.append(
                Finding(
                    match.start(),
                    match.end(),
                    "stage_direction",
                    "stage.bracketed",
                    0.9,
                    {"direction": match.group("inside").strip(" .").lower()},
                )
            )
    return found


def footnote_markers(text: str, start: int, end: int, cues: StructureCues) -> list[Finding]:
    """Note numbers glued to the text they annotate: "Bharat.1 Let", "[3]", "¹"."""
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


class SpanIndex:
    """Findings that do not overlap one another (one label's), looked up by offset."""

    def __init__(self, findings: Iterable[Finding]):
        self._items = sorted(findings, key=lambda f: f.start)
        self._starts = [f.start for f in self._items]

    def at(self, offset: int) -> Finding | None:
        """The finding containing ``offset``, if any."""
        index = bisect_right(self._starts, offset) - 1
        item = self._items[index] if index >= 0 else None
        return item if item is not None and offset < item.end else None

    def covers(self, start: int, end: int) -> bool:
        """Whether one finding contains all of ``[start, end)``."""
        item = self.at(start)
        return item is not None and end <= item.end


def is_handle(word: str) -> bool:
    """A user name as sites write them, one word with a digit or an underscore ("mike_77",
    "realist2024"): never an ordinary word, whatever its case."""
    return bool(re.fullmatch(r"[^\W\d_]\w*", word)) and bool(re.search(r"[\d_]", word))
