"""Quoted voices: who speaks inside a direct quotation, and for whom.

A direct quote in a news item or an article carries the quoted speaker's own words, so its
claims carry that speaker's stance while the writer reports them (see
``../shared/LADDER_CONVENTIONS.md``). This analyzer finds the quotes and their speakers and
writes one ``quote`` span per quotation, over its content, with:

- ``speaker``: the speaker as the text names them ("Sergei Lavrov", "the ministry"); a pronoun
  speaker ("he said") is the person last named before the quote;
- ``speaker_id`` and ``state``: the gazetteer entry that mention links to and the state it
  belongs to (a person's affiliation, a ministry's state), when the actors layer linked it;
- ``reported_by``: the voice the quote sits in (the article's author, a turn's speaker).

English direct quotations are found by textacy's ``direct_quotations`` over the spaCy parse (a
maintained extractor of quotation, cue verb and speaker triples), which handles English
quotation marks. textacy has no Russian, so Russian quotations are found here, from the cues
of ``data/ru/voices.yaml`` and the Russian parse: «...», — заявил X;
X заявил: «...»; по словам X (по его словам), «...»; «..., — сказал он. — ...»; «...», — уверен
X; «...», — передаёт слова X агентство; «...», — цитирует агентство X; в заявлении говорится:
«...» (the body last named); a paragraph of speech opened by a dash; speech whose marks were
dropped, before a comma and a dash: Мы ответим, — заявил X; a paragraph that is a quotation
with no cue of its own, after a paragraph whose last cue names a speaker; a quotation after a
colon that ends a clause with a named subject (X затронул тему: «...»); «в МИД России заявили»;
the lines of a list under a heading that names whose words they are («Главное из заявлений
Лаврова:», «от главы НАТО:»). Either way the speaker tokens are then mapped to the actors
layer (read through its typed model) here, and a speaker the gazetteer does not link takes the
state its title names («глава российского МИД», «премьер-министр страны»). Paraphrase
("Lavrov said that ...", "according to X", «по словам Лаврова, Россия ответит») is not a quote:
it stays the writer's report, as the conventions require.

In Russian the ``speaker`` is the name as the text gives it, in the nominative («по словам
Марии Захаровой» -> "Мария Захарова"), so that a reader of Russian sees the name they read.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.analyzers.versions import content_version
from redline.attributes import ActorAttributes, Attributes, QuoteAttributes
from redline.data_files import DataFile, load
from redline.document import Document, Span
from redline.intervals import OverlapIndex, SortedSpans
from redline.scope import ScopeIndex
from redline.structure.head import titleish

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

ANALYZER = "voices"
_PERSON_PRONOUNS = {"he", "she"}
# "we could say, '...'", "as I told them: '...'": the voice quotes itself; no new voice.
_SELF = {"i", "we"}
_PERSONISH = {"person", "government", "organisation", "state", "armed_group"}
_MARKS = "\"'“”‘’«»„ ,\n\t"


@dataclass(frozen=True)
class Mention:
    """An actor mention of the actors layer, its attributes read through that layer's model."""

    start: int
    end: int
    text: str
    actor: ActorAttributes


def _mentions(document: Document) -> list[Mention]:
    """The actor mentions in text order; one that breaks the actors' contract (a hand-made
    document) is left out rather than read half-way."""
    found = []
    for span in document.layer("actors"):
        actor = ActorAttributes.read_or_none(span)
        if actor is not None:
            found.append(Mention(span.start, span.end, span.text, actor))
    return sorted(found, key=lambda m: m.start)


class _Mentions:
    """Actor mentions in text order, with the look-ups the speaker rules make once per
    quotation answered from sorted offsets: scanning every mention for every quotation made
    the step quadratic in the length of a transcript."""

    def __init__(self, mentions: list[Mention]):
        self.items = mentions  # sorted by start (see _mentions)
        self._spans = SortedSpans(mentions)
        self._by_actor: dict[str, list[Mention]] = {}
        for mention in mentions:
            self._by_actor.setdefault(mention.actor.actor_id, []).append(mention)
        self._people = [m for m in mentions if m.actor.type == "person"]
        self._people_starts = [m.start for m in self._people]

    def of_actor(self, actor_id: str) -> list[Mention]:
        return self._by_actor.get(actor_id, [])

    def overlapping(self, start: int, end: int) -> list[Mention]:
        return self._spans.overlapping(start, end)

    def within(self, start: int, end: int) -> list[Mention]:
        """The mentions lying inside ``[start, end)``, in text order."""
        return [m for m in self._spans.overlapping(start, end) if start <= m.start and m.end <= end]

    def ending_before(self, before: int, reach: int) -> list[Mention]:
        """The mentions ending at or before ``before`` and at most ``reach`` before it."""
        window = self._spans.overlapping(before - reach - 1, before)
        return [m for m in window if m.end <= before and before - m.end <= reach]

    def last_person(self, before: int) -> Mention | None:
        """The last person (in text order) whose mention ends at or before ``before``."""
        for k in range(bisect_left(self._people_starts, before) - 1, -1, -1):
            if self._people[k].end <= before:
                return self._people[k]
        return None


@dataclass(frozen=True)
class Quotation:
    """A direct quotation: its content (without marks), the speaker's tokens and the cue."""

    start: int
    end: int
    speaker: tuple[Token, ...]
    cue: str
    rule: str


class VoiceAnalyzer:
    """Finds direct quotations and the voice that speaks in each."""

    name: ClassVar[str] = ANALYZER
    # The release, then a digest of the code, data and model its findings depend on.
    version: ClassVar[str] = content_version(
        "1.1.0",
        "analyzers/voices.py",
        "structure/head.py",
        "gazetteer.py",
        "data/gazetteer",
        "data/ru/voices.yaml",
    )
    requires: ClassVar[tuple[str, ...]] = ("structure", "actors")
    provides: ClassVar[tuple[str, ...]] = ("voices",)
    attributes: ClassVar[Mapping[str, type[Attributes]]] = {"quote": QuoteAttributes}
    languages: ClassVar[tuple[str, ...]] = ("en", "ru")

    def initialize(self) -> None:
        from textacy.extract import triples  # noqa: F401 - fail at build time, not per document

        _russian_cues()

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        if context.language not in self.languages:
            return AnalyzerOutput(layers={"voices": []})
        parsed = context.parsed
        russian = context.language == "ru"
        quotations = _russian_quotations(document.text, parsed) if russian else _english(parsed)
        scopes = ScopeIndex(document)
        actors = _Mentions(_mentions(document))
        # A Russian role word or pronoun stands for someone the narrative named, not a quotation.
        quoted = OverlapIndex((q.start, q.end) for q in quotations)
        narrated = _Mentions([a for a in actors.items if not quoted.overlaps(a.start, a.start + 1)])
        pronouns = _russian_cues().person_pronouns if russian else _PERSON_PRONOUNS
        spans: list[Span] = []
        for quotation in _one_per_start(quotations):
            start, end = quotation.start, quotation.end
            speaker_start = quotation.speaker[0].idx
            speaker_end = quotation.speaker[-1].idx + len(quotation.speaker[-1])
            who = _speaker_actor(
                actors, speaker_start, speaker_end, start, quotation.speaker, pronouns
            )
            if russian:
                who = _russian_speaker(parsed, narrated, quotation, who)
            outer = scopes.at(start)
            state = _state(who)
            if russian:
                name = _russian_name(parsed, actors, who, quotation.speaker)
                state = (
                    state
                    or _titled_state(parsed, actors, who)
                    or _country_in_title(parsed, narrated, who)
                    or _phrase_state(parsed, actors, speaker_start, speaker_end)
                )
            else:
                name = who.actor.name if who is not None else _phrase(quotation.speaker)
            attrs: dict[str, Any] = {
                "speaker": name,
                "speaker_id": who.actor.actor_id if who is not None else None,
                "state": state,
                "cue": quotation.cue,
                "speaker_start": speaker_start,
                "speaker_end": speaker_end,
                "reported_by": outer.speaker,
                "section": outer.section,
            }
            spans.append(document.make_span(
                start, end, "quote", analyzer=ANALYZER, rule=quotation.rule,
                confidence=0.8 if who is not None else 0.6, span_id=f"voices/{start}", attrs=attrs,
            ))  # fmt: skip
        return AnalyzerOutput(layers={"voices": spans})


def _one_per_start(quotations: list[Quotation]) -> list[Quotation]:
    """One quotation per opening: two cues can read the same words as a quotation (a dash line
    and a «...» after it), and a quote is one voice's, once; the longer reading is kept."""
    kept: dict[int, Quotation] = {}
    for quotation in quotations:
        held = kept.get(quotation.start)
        if held is None or quotation.end > held.end:
            kept[quotation.start] = quotation
    return sorted(kept.values(), key=lambda q: q.start)


def _english(parsed: SpacyDoc) -> list[Quotation]:
    """textacy's direct quotations, as :class:`Quotation` records."""
    from textacy.extract.triples import direct_quotations

    text = parsed.text
    try:
        triples = list(direct_quotations(parsed))
    except (ValueError, IndexError):
        triples = []  # textacy's quote pairing gives up on unbalanced marks
    found = []
    for triple in triples:
        start, end = _strip_marks(text, triple.content.start_char, triple.content.end_char)
        if end - start < 3 or not triple.speaker or _self_quote(triple.speaker, _SELF):
            continue
        cue = " ".join(t.text for t in triple.cue)
        found.append(Quotation(start, end, tuple(triple.speaker), cue, "textacy.direct_quotations"))
    return found


def _strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """The quotation's words without its quotation marks and trailing comma."""
    while start < end and text[start] in _MARKS:
        start += 1
    while end > start and text[end - 1] in _MARKS:
        end -= 1
    return start, end


def _self_quote(tokens: Sequence[Token], pronouns: frozenset[str] | set[str]) -> bool:
    return all(t.lower_ in pronouns for t in tokens)


def _phrase(tokens: Sequence[Token]) -> str:
    return " ".join(t.text for t in tokens)


def _speaker_actor(
    actors: _Mentions,
    start: int,
    end: int,
    quote_start: int,
    tokens: Sequence[Token],
    pronouns: frozenset[str] | set[str],
) -> Mention | None:
    """The actor mention that names the speaker; for a pronoun, the last person named before."""
    inside = [a for a in actors.overlapping(start, end) if a.actor.type in _PERSONISH]
    if inside:
        # "Foreign Minister Sergei Lavrov": the person, not the state in the title.
        return max(inside, key=lambda a: (a.actor.type == "person", a.end))
    if len(tokens) == 1 and tokens[0].lower_ in pronouns:
        return actors.last_person(min(start, quote_start))
    return None


def _russian_speaker(
    parsed: SpacyDoc, narrated: _Mentions, quotation: Quotation, who: Mention | None
) -> Mention | None:
    """A speaker named by a role word («отметил дипломат»), or by a pronoun, whose gender picks
    the person it stands for, is resolved by :func:`_anaphoric`; a name stays ``who``, and so
    does a body the role names when the person does not serve it."""
    named_here = who is not None and who.start >= quotation.speaker[0].idx
    if who is not None and who.actor.type == "person" and named_here:
        return who  # named in the attribution itself
    person = _anaphoric(parsed, narrated, quotation.speaker, quotation.start)
    body = who if who is not None and who.actor.linked and named_here else None
    if person is not None and body is not None and not _serves(person, body):
        return body  # «глава НАТО» after «Порошенко»: the body the role names, not him
    return person or who


def _serves(person: Mention, body: Mention) -> bool:
    """Whether a person may hold the role a body is named with: of the body's state, or of
    none when the body has none (the EU's, NATO's officials)."""
    return person.actor.state == _state(body)


def _state(actor: Mention | None) -> str | None:
    if actor is None:
        return None
    if actor.actor.type == "state":
        return actor.actor.actor_id
    return actor.actor.state or None


# -- Russian ------------------------------------------------------------------------------------


class RussianVoicesFile(DataFile):
    """``data/ru/voices.yaml``: the cues of Russian direct speech."""

    version: int
    speech_verbs: list[str]
    statement_nouns: list[str]
    citing_verbs: list[str]
    relaying_verbs: list[str]
    words_nouns: list[str]
    stance_adjectives: list[str]
    according_to: list[str]
    anaphoric_nouns: list[str]
    person_pronouns: list[str]
    self_pronouns: list[str]
    country_words: list[str]
    receiving_verbs: list[str]


@dataclass(frozen=True)
class RussianCues:
    speech_verbs: frozenset[str]
    statement_nouns: frozenset[str]
    citing_verbs: frozenset[str]
    relaying_verbs: frozenset[str]
    words_nouns: frozenset[str]
    stance_adjectives: frozenset[str]
    according_to: frozenset[str]
    anaphoric_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    self_pronouns: frozenset[str]
    country_words: frozenset[str]
    receiving_verbs: frozenset[str]


def _yo(word: str) -> str:
    """pymorphy3 writes some lemmas with "ё", texts mostly with "е": compared as one letter."""
    return word.lower().replace("ё", "е")


@cache
def _russian_cues() -> RussianCues:
    raw = load("ru/voices.yaml", RussianVoicesFile)

    def words(items: list[str]) -> frozenset[str]:
        return frozenset(_yo(item) for item in items)

    return RussianCues(
        words(raw.speech_verbs),
        words(raw.statement_nouns),
        words(raw.citing_verbs),
        words(raw.relaying_verbs),
        words(raw.words_nouns),
        words(raw.stance_adjectives),
        words(raw.according_to),
        words(raw.anaphoric_nouns),
        words(raw.person_pronouns),
        words(raw.self_pronouns),
        words(raw.country_words),
        words(raw.receiving_verbs),
    )


# A dash of direct speech; web texts often type it as a hyphen between spaces.
_DASH = r"(?:[—–]|-(?=\s))"
# After a closing mark: «...», — заявил ...; «...!» — сказал ...
_AFTER = re.compile(rf"[,!?…]?\s*{_DASH}\s*")
# Inside a quotation: «..., — сказал он. — ...» (the cue splits it in two); web texts often
# leave out the space after the dash («..., —сказал он»).
_INSIDE = re.compile(rf"[,!?…]\s*{_DASH}\s*")
_RESUME = re.compile(rf"[.,:]\s*{_DASH}\s+")
# A paragraph of direct speech: — Мы ответим, — заявил он.
_DASH_LINE = re.compile(rf"^[ \t]*{_DASH}[ \t]*", re.MULTILINE)
_LINE = re.compile(r"[^\r\n]+")
# A list's item: a dash (a hyphen even without a space after it) or a bullet.
_BULLET = re.compile(r"[ \t]*(?:[—–•▪●]|-)\uFE0F?[ \t]*(?=\S)")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")  # "\r\n\r\n" too
# Before an opening mark: заявил: «...»; заявил, что «...»; по словам X, «...».
_BEFORE = re.compile(r"(?:[:,]|\bчто)\s*$")
_CUE_WINDOW = 4  # the cue verb stands within this many words of the dash
_ANAPHORA_REACH = 600  # characters back to the person a role word or a pronoun stands for
_TITLE_REACH = 3  # words before a name that may hold its title's «страны»
_LIST_REACH = 40  # lines back from a list's item to its heading
_HEADLINE_WORDS = 8  # words at most before the colon of «Песков в эфире: «...»»
_SENTENCE_ENDS = frozenset(".!?…")


_PAIRS = {"„": "“", "“": "”"}
# A straight quote opens after a space, a bracket or a dash and before a word; else it closes.
_OPEN_BEFORE = frozenset(" \t\r\n([{«„“—–-/")
_PUNCT = frozenset(",.;:!?)]}»…")
_CLOSE_AFTER = frozenset(" \t\r\n") | _PUNCT


def _opens(text: str, index: int) -> bool:
    """Whether the straight quote at ``index`` opens (a nested one: «на "Никогда снова"
    отвечал») rather than closes, told by the characters either side of it."""
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return before in _OPEN_BEFORE and after not in _CLOSE_AFTER


def _visible_end(text: str, index: int) -> int:
    """Where ``text[:index]`` ends without its trailing whitespace (``len(text[:index].rstrip())``
    without copying the text before, which per quotation cost time quadratic in its length)."""
    while index > 0 and text[index - 1].isspace():
        index -= 1
    return index


def _opens_paragraph(text: str, index: int) -> bool:
    """Whether only spaces stand between a line break and ``index``."""
    line_start = text.rfind("\n", 0, index)
    return line_start >= 0 and not text[line_start + 1 : index].strip()


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """The outermost quotations of ``text`` as (start, end) with their marks: «...» (a «» or
    „“ nested inside stays inside), „...“, “...” and "..." (this one within a paragraph; see
    :func:`_straight_end`). A « that opens a paragraph and is never closed runs to the text's
    end: an excerpt cut inside a quoted speech.

    >>> quotation_spans('«Он сказал: «нет»», — „да“')
    [(0, 18), (22, 26)]
    """
    found: list[tuple[int, int]] = []
    depth, opened, resume = 0, 0, 0
    close_mark: str | None = None  # the mark that closes an open „“ or “” pair
    for index, char in enumerate(text):
        if index < resume:
            continue
        if close_mark is None and char == "«":
            # A quotation of several paragraphs opens each with «, closing only the last.
            opened = index if depth == 0 else opened
            depth += 0 if depth == 1 and _opens_paragraph(text, index) else 1
        elif close_mark is None and char == "»" and depth:
            depth -= 1
            if depth == 0:
                found.append((opened, index + 1))
        elif depth:
            continue
        elif char == close_mark:
            found.append((opened, index + 1))
            close_mark = None
        elif close_mark is None and char == '"' and text[index + 1 : index + 2] not in _PUNCT:
            # (a straight quote before a comma or a full stop closes one left unpaired)
            closed, resume = _straight_end(text, index)
            found += [(index, closed)] if closed is not None else []
        elif close_mark is None and char in _PAIRS:
            opened, close_mark = index, _PAIRS[char]
    if depth and close_mark is None and (opened == 0 or _opens_paragraph(text, opened)):
        found.append((opened, len(text)))  # an excerpt that ends inside a quoted paragraph
    return found


# After a nested quote's closing mark, what shows it closes the outer quotation too: an
# attribution dash («"можем повторить", - заявил он»), or the paragraph's end.
_MERGED_CLOSE = re.compile(rf"(?:[,!?…]\s*|\s*\n\s*){_DASH}\s|[.,!?…]?[ \t\r]*(?:\n[ \t\r]*\n|\Z)")


def _straight_end(text: str, start: int) -> tuple[int | None, int]:
    """Where the straight quotation opened at ``start`` ends (just past its closing mark, or
    None when it has none) and where reading goes on. A nested quote is told from the closing
    one by :func:`_opens`; writers often let a nested quote's closing mark close both
    (see ``_MERGED_CLOSE``). One still open at its paragraph's end is no pair."""
    level = 1
    for index in range(start + 1, len(text)):
        char = text[index]
        if char == "\n" and _BLANK_LINE.match(text, index):
            return None, index
        if char != '"':
            continue
        if _opens(text, index):
            level += 1
            continue
        level -= 1
        if level == 0 or _MERGED_CLOSE.match(text, index + 1):
            return index + 1, index + 1
    return None, len(text)


def _russian_quotations(text: str, parsed: SpacyDoc) -> list[Quotation]:
    cues = _russian_cues()
    starts = [token.idx for token in parsed]
    marked = quotation_spans(text)
    candidates = [q for marks in marked for q in _attributed(text, parsed, starts, marks, cues)]
    attributed = OverlapIndex((q.start, q.end) for q in candidates)
    reaching: list[Quotation] = []  # read off earlier lines, ending past this line's start
    for line in _LINE.finditer(text):
        # A line holding an attributed quotation is read as such; one that only quotes a name
        # or a phrase («— Это ошибка, — считает обозреватель газеты «Труд»») is read on.
        reaching = [q for q in reaching if q.end > line.start()]
        if attributed.overlaps(line.start(), line.end()) or any(
            q.start < line.end() for q in reaching
        ):
            continue
        own = _line_quotations(text, parsed, starts, line, cues)
        candidates += own
        reaching += own
    return [
        quotation
        for quotation in candidates
        if _long_enough(quotation) and not _self_quote(quotation.speaker, cues.self_pronouns)
    ]


def _line_quotations(
    text: str, parsed: SpacyDoc, starts: list[int], line: re.Match[str], cues: RussianCues
) -> list[Quotation]:
    """The quotations a line with no attributed quotation holds: a dash line of direct speech,
    a line listed under a heading that names its speaker, or a paragraph of direct speech."""
    headline = _headline_words(text, parsed, starts, line, cues)
    if headline:
        return headline
    dash = _DASH_LINE.match(text, line.start())
    if dash is not None:
        inner = (dash.end(), line.end())
        own = _split_by_cue(text, parsed, starts, inner, cues, "ru.dash_speech")
        own += _attribution_line(text, parsed, starts, line.start(), dash.end(), cues)
        return own or _listed_speech(text, parsed, starts, line.start(), cues)
    listed = _listed_speech(text, parsed, starts, line.start(), cues)
    if listed:
        return listed
    # «Мы ответим, - заявил он. - И ответ будет жёстким»: a paragraph of direct speech whose
    # opening dash was dropped.
    split = _split_by_cue(text, parsed, starts, (line.start(), line.end()), cues, "ru.split_speech")
    if len(split) == 2 and _long_enough(split[0]):
        return split
    if len(split) == 1:
        return _speech_sentence(parsed, starts, split[0])
    return []


def _listed_speech(
    text: str, parsed: SpacyDoc, starts: list[int], line_start: int, cues: RussianCues
) -> list[Quotation]:
    """«Главное из заявлений Лаврова:» or «Очень много базы от главы НАТО:» over lines opened
    by a dash or a bullet: each line is the words of whom the heading names (the owner of its
    statement noun, the one «от» names, a speech verb's subject), as posts list a speech."""
    bullet = _BULLET.match(text, line_start)
    heading = _list_heading(text, line_start) if bullet is not None else None
    if bullet is None or heading is None:
        return []
    first, last = bisect_left(starts, heading[0]), bisect_left(starts, heading[1])
    hit = _heading_speaker(parsed[first:last], cues)
    if hit is None:
        return []
    line_end = text.find("\n", line_start)
    speech = _strip_marks(text, bullet.end(), len(text) if line_end < 0 else line_end)
    return [Quotation(*speech, hit[1], hit[0].text, "ru.listed_speech")]


def _list_heading(text: str, line_start: int) -> tuple[int, int] | None:
    """The line ending with a colon above ``line_start``, with only bullet lines (or blank
    ones) between them: (its start, the colon). Read back ``_LIST_REACH`` lines at most, so
    that a text of many bullets costs linear time."""
    end = line_start - 1
    for _ in range(_LIST_REACH):
        if end <= 0:
            break
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].rstrip()
        if line.endswith(":"):
            return start, start + len(line) - 1
        if line and _BULLET.match(text, start) is None:
            return None
        end = start - 1
    return None


def _heading_speaker(tokens: SpacySpan, cues: RussianCues) -> Hit | None:
    """Whose words a list's heading names, when it names someone by name (a capital letter)."""
    for token in tokens:
        lemma = _yo(token.lemma_)
        speaker: tuple[Token, ...] = ()
        if lemma in cues.statement_nouns | cues.words_nouns | cues.according_to:
            speaker = _owner(token, None)
        elif token.lower_ == "от":
            speaker = _subtree([c for c in token.children if c.dep_ == "pobj"], None)
        elif _is_cue(token, cues):
            speaker = _speaker_of(token, cues)
        if _names_someone(speaker):
            return token, speaker
    return None


def _attribution_line(
    text: str, parsed: SpacyDoc, starts: list[int], line_start: int, cue_at: int, cues: RussianCues
) -> list[Quotation]:
    """«... могут стать гражданами России,\n\n— резюмировал депутат.»: a line that is only the
    attribution (dash, cue, speaker) of the paragraph before, which a comma leaves open, when
    the speech was broken off from its cue by a line break."""
    end = _visible_end(text, line_start)
    open_comma = end > 0 and text[end - 1] == ","
    hit = _cue_after(parsed, starts, cue_at, cues) if open_comma else None
    if hit is None or bisect_left(starts, cue_at) != hit[0].i:
        return []
    start = text.rfind("\n", 0, end) + 1
    speech = _strip_marks(text, start, end)
    return [Quotation(*speech, hit[1], hit[0].text, "ru.speech_then_cue")]


def _speech_sentence(parsed: SpacyDoc, starts: list[int], speech: Quotation) -> list[Quotation]:
    """«Мы ответим жёстко, — заявил министр.»: a comma and a dash before the cue mark direct
    speech even where its marks were dropped; it is the cue's sentence up to the dash (a
    sentence before it may be the writer's: «Лавров выступил в ООН. Мы ответим, — сказал он.»)."""
    last = bisect_left(starts, speech.end) - 1
    if last < 0:
        return []
    start = max(speech.start, parsed[last].sent.start_char)
    return [Quotation(start, speech.end, speech.speaker, speech.cue, "ru.speech_then_cue")]


def _long_enough(quotation: Quotation) -> bool:
    return quotation.end - quotation.start >= 3


def _attributed(
    text: str, parsed: SpacyDoc, starts: list[int], marks: tuple[int, int], cues: RussianCues
) -> list[Quotation]:
    """The quotation between ``marks`` with its speaker, in the first form that holds: a cue
    splitting it, a cue after it, a cue before it; none when no speaker is named."""
    open_at, close_at = marks
    inner = _strip_marks(text, open_at, close_at)
    split = _split_by_cue(text, parsed, starts, inner, cues, "ru.split_quote")
    if split:
        return split
    after = _AFTER.match(text, close_at)
    if after is not None and after.group().strip(",!?… "):
        hit = _cue_after(parsed, starts, after.end(), cues)
        if hit is not None:
            return [Quotation(*inner, hit[1], hit[0].text, "ru.quote_then_cue")]
    if _BEFORE.search(text[max(0, open_at - 12) : open_at]):
        hit = _cue_before(parsed, starts, open_at, cues) or _introducer(
            text, parsed, starts, open_at
        )
        if hit is not None:
            return [Quotation(*inner, hit[1], hit[0].text, "ru.cue_then_quote")]
        hit = _headline_speaker(text, parsed, starts, open_at, cues)
        if hit is not None:
            return [Quotation(*inner, hit[1], hit[0].text, "ru.speaker_colon_quote")]
    if _whole_paragraph(text, open_at, close_at):
        hit = _cue_in_paragraph_before(text, parsed, starts, open_at, cues) or _introducer(
            text, parsed, starts, open_at
        )
        if hit is not None:
            return [Quotation(*inner, hit[1], hit[0].text, "ru.paragraph_after_cue")]
    return []


def _introducer(text: str, parsed: SpacyDoc, starts: list[int], open_at: int) -> Hit | None:
    """«Порошенко, выступая на форуме, затронул тему членства в НАТО: «...»»: a colon right
    before the quotation (or ending the paragraph before it) hands the words to the subject of
    the clause it ends, when that is a name or «он», «она» (a verb of any kind: the colon is
    the cue; not one whose subject receives the words: «Киев получил ответ: «...»»)."""
    colon = _colon_before(text, open_at)
    if colon is None:
        return None
    last = bisect_left(starts, colon) - 1
    if last < 0:
        return None
    root = parsed[last].sent.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i <= last]
    speaker = _subtree(subjects, colon)
    cues = _russian_cues()
    pronouns = cues.person_pronouns
    if root.pos_ not in ("VERB", "AUX") or not speaker or _yo(root.lemma_) in cues.receiving_verbs:
        return None
    if _names_someone(speaker) or (len(speaker) == 1 and _yo(speaker[0].lemma_) in pronouns):
        return root, speaker
    return None


def _colon_before(text: str, open_at: int) -> int | None:
    """Where the colon stands that the quotation opening at ``open_at`` follows, if one."""
    colon = _visible_end(text, open_at) - 1
    return colon if colon >= 0 and text[colon] == ":" else None


def _headline_speaker(
    text: str, parsed: SpacyDoc, starts: list[int], open_at: int, cues: RussianCues
) -> Hit | None:
    """«Песков: «...»», «Захарова в эфире: «...»», «Заявление МИД России: «...»»: a line that
    opens with who speaks and holds no verb up to the colon before the quotation hands it to
    them, as a headline or a post does. The speaker is the line's first noun phrase (a
    statement's or words' noun gives way to whose they are), a name or a role; not «Итог:
    «...»», which names no one."""
    colon = _colon_before(text, open_at)
    return None if colon is None else _speaker_before_colon(parsed, starts, colon, text, cues)


def _speaker_before_colon(
    parsed: SpacyDoc, starts: list[int], colon: int, text: str, cues: RussianCues
) -> Hit | None:
    """Who speaks, named from the start of the colon's line up to it, with no verb between."""
    line_start = text.rfind("\n", 0, colon) + 1
    first, last = bisect_left(starts, line_start), bisect_left(starts, colon)
    words = [t for t in parsed[first:last] if not t.is_space]
    if (
        not words
        or len(words) > _HEADLINE_WORDS
        or any(t.pos_ in ("VERB", "AUX") or t.text in _SENTENCE_ENDS for t in words)
    ):
        return None
    if _yo(words[0].lemma_) in cues.statement_nouns | cues.words_nouns:
        words = words[1:]
    speaker: list[Token] = []
    for word in words:
        if word.pos_ == "ADP" or word.text == ",":
            break  # «в эфире», «, кратко и по делу»: where and how, not who
        speaker.append(word)
    while speaker and speaker[0].is_punct:
        speaker.pop(0)
    while speaker and speaker[-1].is_punct:
        speaker.pop()
    if not speaker or speaker[0].pos_ not in ("NOUN", "PROPN") or last >= len(parsed):
        return None
    if any(t.pos_ == "PROPN" for t in speaker) or _yo(speaker[0].lemma_) in cues.anaphoric_nouns:
        return parsed[last], tuple(speaker)
    return None


def _headline_words(
    text: str, parsed: SpacyDoc, starts: list[int], line: re.Match[str], cues: RussianCues
) -> list[Quotation]:
    """«Захарова: Запад пожалеет о поставках ракет Киеву» as a text's headline (its first line,
    short, with no final stop and text under it): the words after the colon are the named
    speaker's, quoted or not, as a headline gives them."""
    headline = line.group().rstrip()
    if text[: line.start()].strip() or not titleish(headline) or not text[line.end() :].strip():
        return []
    colon = line.start() + headline.find(":")
    if colon < line.start():
        return []
    hit = _speaker_before_colon(parsed, starts, colon, text, cues)
    start, end = colon + 1, line.start() + len(headline)
    while start < end and text[start].isspace():
        start += 1
    if hit is None or start >= end:
        return []
    return [Quotation(start, end, hit[1], hit[0].text, "ru.headline_speaker")]


def _names_someone(tokens: Sequence[Token]) -> bool:
    """Whether a phrase holds a name: a proper noun, or a capital not owed to a sentence's
    start («Надпись на плакате» names no one)."""
    return any(t.pos_ == "PROPN" or (t.text[:1].isupper() and not t.is_sent_start) for t in tokens)


_PARAGRAPH_END = re.compile(r"[.!?…]*[ \t\r]*(?:\n|\Z)")


def _whole_paragraph(text: str, open_at: int, close_at: int) -> bool:
    """Whether the quotation is a paragraph of its own (its full stop may follow the mark)."""
    starts_line = open_at == 0 or _opens_paragraph(text, open_at)
    return starts_line and _PARAGRAPH_END.match(text, close_at) is not None


def _cue_in_paragraph_before(
    text: str, parsed: SpacyDoc, starts: list[int], open_at: int, cues: RussianCues
) -> Hit | None:
    """«Лавров заявил, что Запад играет с огнём.\n\n«Мы ответим»»: a paragraph of quotation with
    no cue of its own goes on the words of the one the paragraph before says spoke, its last
    cue (a speech verb, a stance adjective, «по словам X») with a speaker."""
    line_start = text.rfind("\n", 0, open_at)
    end = _visible_end(text, line_start) if line_start >= 0 else 0
    if end == 0:
        return None
    paragraph_start = text.rfind("\n", 0, end) + 1
    first, last = bisect_left(starts, paragraph_start), bisect_left(starts, end)
    return _last_cue(list(parsed[first:last]), open_at, cues, outermost=True)


Hit = tuple["Token", tuple["Token", ...]]  # the cue word and the speaker's tokens


def _split_by_cue(
    text: str,
    parsed: SpacyDoc,
    starts: list[int],
    inner: tuple[int, int],
    cues: RussianCues,
    rule: str,
) -> list[Quotation]:
    """«Никаких переговоров не будет, — сказал он. — Мы своё слово сказали»: two parts (so is a
    paragraph of direct speech opened by a dash)."""
    start, end = inner
    for dash in _INSIDE.finditer(text, start, end):
        hit = _cue_after(parsed, starts, dash.end(), cues)
        if hit is None:
            continue
        cue, speaker = hit
        first = _strip_marks(text, start, dash.start() + 1)
        parts = [Quotation(*first, speaker, cue.text, rule)]
        attribution_end = speaker[-1].idx + len(speaker[-1])
        resume = _RESUME.search(text, attribution_end, end)
        if resume is not None and not text[attribution_end : resume.start()].strip():
            second = _strip_marks(text, resume.end(), end)
            parts.append(Quotation(*second, speaker, cue.text, rule))
        return parts
    return []


def _cue_after(parsed: SpacyDoc, starts: list[int], offset: int, cues: RussianCues) -> Hit | None:
    """A speech verb within a few words after ``offset`` (after the dash) and its speaker."""
    first = bisect_left(starts, offset)
    for token in parsed[first : first + _CUE_WINDOW]:
        if token.is_punct:
            return None
        if _is_cue(token, cues):
            speaker = _speaker_of(token, cues, after=offset)
            return (token, speaker) if speaker else None
    return None


def _cue_before(parsed: SpacyDoc, starts: list[int], offset: int, cues: RussianCues) -> Hit | None:
    """The nearest speech verb, or «по словам X», before ``offset`` in its sentence."""
    last = bisect_left(starts, offset) - 1
    if last < 0:
        return None
    sentence = parsed[last].sent
    return _last_cue(list(parsed[sentence.start : last + 1]), offset, cues)


def _last_cue(
    tokens: Sequence[Token], offset: int, cues: RussianCues, outermost: bool = False
) -> Hit | None:
    """The last «по словам X» or speech cue among ``tokens`` (before ``offset``), and its
    speaker; with ``outermost``, not a cue inside another's words («Путин заявил, что Москва
    не возражала»: Путин speaks)."""
    for token in reversed(tokens):
        lemma = _yo(token.lemma_)
        if lemma in cues.according_to and _after_po(token):
            owner = _owner(token, offset)
            return (token, owner) if owner else None
        inside = outermost and any(_is_cue(a, cues) for a in token.ancestors)
        if _is_cue(token, cues) and not inside:
            speaker = _speaker_of(token, cues, before=offset)
            return (token, speaker) if speaker else None
    return None


def _after_po(noun: Token) -> bool:
    """«по словам Лаврова», «по его словам», «по мнению экспертов»: the noun is the object of
    «по», right after it or after a possessive («его», «её», «их»)."""
    before = noun.doc[noun.i - 1] if noun.i > 0 else None
    if before is not None and before.lower_ == "по":
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ == "по" and noun.head.i >= noun.i - 2


def _is_cue(token: Token, cues: RussianCues) -> bool:
    """A word that attributes direct speech: a speech verb («заявил»); a short adjective or
    participle of stance («уверена председатель ЕК», «убеждён министр»), which the parse tags
    as an adjective; a verb that relays someone's words when its object is those words
    («передаёт слова президента», «приводит слова Захаровой»), not otherwise («привело к»)."""
    lemma = _yo(token.lemma_)
    if token.pos_ in ("VERB", "AUX") and lemma in cues.speech_verbs:
        return True
    if lemma in cues.stance_adjectives and "Short" in token.morph.get("Variant", []):
        return True
    return lemma in cues.relaying_verbs and _words_object(token, cues) is not None


def _words_object(verb: Token, cues: RussianCues) -> Token | None:
    """The verb's object when it is someone's words: «слова» in «передаёт слова президента»."""
    return next(
        (c for c in verb.children if c.dep_ == "dobj" and _yo(c.lemma_) in cues.words_nouns),
        None,
    )


def _owner(noun: Token, before: int | None) -> tuple[Token, ...]:
    """Whose the noun is: «слова президента», «заявлении МИД», «его слова»; «свои слова»,
    «в своём заявлении» name no one (the owner is the verb's subject)."""
    owners = [c for c in noun.children if c.dep_ in ("nmod", "poss", "det") and c.lemma_ != "свой"]
    return _subtree(owners, before)


def _cited(verb: Token, before: int | None) -> tuple[Token, ...]:
    """The one a citing verb quotes: its object, which the parse may label a second subject
    («цитирует ТАСС Полянского»), so it is told by case (accusative or genitive), not label."""
    objects = [
        c
        for c in verb.children
        if c.dep_ == "dobj"
        or (
            c.dep_ in ("nsubj", "nsubjpass", "nmod")
            and {"Acc", "Gen"} & set(c.morph.get("Case", []))
        )
    ]
    # An outlet's name reads as accusative as well (inanimate): a person is the likelier one.
    objects.sort(key=lambda c: "Anim" not in c.morph.get("Animacy", []))
    return _subtree(objects, before)


def _named_speaker(verb: Token, cues: RussianCues, before: int | None) -> tuple[Token, ...]:
    """Whose words the verb relays; the one a citing verb cites; else its subject."""
    words = _words_object(verb, cues)
    owner = _owner(words, before) if words is not None else ()
    if owner:
        return owner
    if _yo(verb.lemma_) in cues.citing_verbs:
        return _cited(verb, before)
    return _subtree([c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")], before)


def _speaker_of(
    verb: Token, cues: RussianCues, after: int = -1, before: int | None = None
) -> tuple[Token, ...]:
    """The owner of the words the verb relays («передаёт слова президента»); else the verb's
    subject (a citing verb's object); else the author of the statement it cites («говорится в
    заявлении МИД» -> МИД), or the statement itself when it names none («в заявлении
    говорится»: :func:`_anaphoric` finds whose), else the institution it was said in («в МИД
    России заявили»). Only tokens on the cue's side of the quotation count."""

    def side(tokens: Sequence[Token]) -> bool:
        return all(t.idx >= after and (before is None or t.idx < before) for t in tokens)

    # «приводит слова Захаровой ТАСС», «цитирует ТАСС Полянского»: the outlet relays; the
    # speaker is whose words they are, or the one cited.
    speaker = _named_speaker(verb, cues, before)
    if speaker and side(speaker):
        return speaker
    unowned: tuple[Token, ...] = ()
    for token in verb.subtree:
        if _yo(token.lemma_) in cues.statement_nouns and token.i != verb.i:
            owner = _owner(token, before)
            if owner and side(owner):
                return owner
            if not owner and not unowned and side((token,)) and _unowned(token):
                unowned = (token,)
    body = _institution(verb, before)
    return body if body and side(body) and not unowned else unowned


def _institution(verb: Token, before: int | None) -> tuple[Token, ...]:
    """«в МИД России заявили», «заявили в Кремле»: a plural verb with no subject speaks for
    the institution it is said «in» (a name: not «в заявлении», «в ответ»)."""
    if "Plur" not in verb.morph.get("Number", []) or any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
    ):
        return ()
    # («в» never governs the dative: a feminine name the tagger reads so, «в «Хезболле»», is in
    # the locative, whose form it shares.)
    places = [
        o
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("в", "во")
        for o in c.children
        if o.dep_ == "pobj"
        and {"Loc", "Dat"} & set(o.morph.get("Case", []))
        and o.text[:1].isupper()
    ]
    return _subtree(places, before)


def _unowned(noun: Token) -> bool:
    """A statement named with no owner at all («в заявлении говорится», «в документе
    отмечается»), not one whose owner is the verb's subject («в своём заявлении»)."""
    return not any(c.dep_ in ("nmod", "poss", "det", "amod", "appos") for c in noun.children)


def _subtree(heads: Sequence[Token], before: int | None) -> tuple[Token, ...]:
    """The words of the first head's phrase, without punctuation at its edges or anything from
    ``before`` on (the quotation itself)."""
    if not heads:
        return ()
    words = [t for t in heads[0].subtree if before is None or t.idx < before]
    while words and (words[0].is_punct or words[0].is_space):
        words.pop(0)
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    return tuple(words)


# -- Russian names in the nominative --------------------------------------------------------------

_UD_CASES = {"Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_UD_GENDERS = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}
# Words that agree with the phrase's head and change case with it: «официальному
# представителю МИД» -> «официальный представитель МИД» (the genitive «МИД» stays).
_AGREEING = frozenset({"amod", "det", "appos", "compound", "flat", "nummod"})


def _russian_name(
    parsed: SpacyDoc, actors: _Mentions, who: Mention | None, speaker: Sequence[Token]
) -> str:
    """The speaker's name as the text writes it, in the nominative: the fullest mention of the
    actor when the speaker is linked to one («Захарова» -> "Мария Захарова"), else the phrase;
    see :func:`_anaphoric` for a role word or a pronoun."""
    if who is not None:
        mentions = actors.of_actor(who.actor.actor_id)
        # A name over a title: «канцлер Германии» names the office, «Олаф Шольц» the man.
        fullest = max(
            mentions,
            key=lambda a: (a.actor.match != "role", len(a.text.split()), -a.start),
        )
        tokens = parsed.char_span(fullest.start, fullest.end, alignment_mode="expand")
        if tokens is not None:
            return _nominative(list(tokens))
    return _nominative(list(speaker))


def _anaphoric(
    parsed: SpacyDoc, actors: _Mentions, speaker: Sequence[Token], quote_start: int
) -> Mention | None:
    """«отметил дипломат», «по словам министра», «сказала она», «подчеркнул дипломат ЕС»: a
    speaker named by a role word (perhaps with the body it serves) or a pronoun is the person
    last named before the quotation (not one the quotation names: «...Рахманинова», —
    передаёт слова президента), within a few sentences, the last named as a subject where one
    was (not «передал кардиналу Паролину»); a pronoun's person is one of its gender («она»
    after «Мария Певчих и Алексей Навальный» is Певчих)."""
    cues = _russian_cues()
    head = _phrase_head(speaker)
    lemma = _yo(head.lemma_)
    # «в заявлении говорится»: a statement is made by a body as often as by a person.
    statement = lemma in cues.statement_nouns and len(speaker) == 1
    named_by_role = lemma in cues.anaphoric_nouns | cues.person_pronouns
    if len(speaker) > 3 or not (named_by_role or statement):
        return None
    genders = set(head.morph.get("Gender", [])) if lemma in cues.person_pronouns else set()
    before = min(speaker[0].idx, quote_start)
    near = [
        a
        for a in actors.ending_before(before, _ANAPHORA_REACH)
        if (a.actor.type in _PERSONISH if statement else a.actor.type == "person")
        and (not genders or _genders(parsed, a) in (set(), genders))
    ]
    # The one last named as a subject («Затулин акцентирует ...») before one only mentioned
    # («... поведению Зеленского»): the speaker is who the text is about.
    subjects = [a for a in near if _case(parsed, a) in ("Nom", None)]
    chosen = subjects or near
    return chosen[-1] if chosen else None


def _case(parsed: SpacyDoc, mention: Mention) -> str | None:
    """The grammatical case of a mention's head word (None where the parse gives none)."""
    tokens = parsed.char_span(mention.start, mention.end, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return None
    cases = _phrase_head(list(tokens)).morph.get("Case", [])
    return cases[0] if cases else None


def _genders(parsed: SpacyDoc, mention: Mention) -> set[str]:
    """The grammatical gender of a person's name (none for an indeclinable one the parse left
    without)."""
    tokens = parsed.char_span(mention.start, mention.end, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return set()
    return set(_phrase_head(list(tokens)).morph.get("Gender", []))


def _titled_state(parsed: SpacyDoc, actors: _Mentions, who: Mention | None) -> str | None:
    """The state in the title a person the gazetteer lacks is introduced with («премьер-министр
    Грузии Ираклий Кобахидзе», «российский политолог Иван Петров»), when one state is named so;
    not a state after a preposition («посол Франции в России», «эксперт по Китаю»)."""
    if who is None or who.actor.type != "person":
        return None
    states = set()
    for mention in actors.of_actor(who.actor.actor_id):
        tokens = parsed.char_span(mention.start, mention.end, alignment_mode="expand")
        if tokens is None:
            continue
        person = _phrase_head(list(tokens))
        titles = [c for c in person.children if c.dep_ in ("appos", "nmod") and c.i < tokens.start]
        if person.dep_ in ("appos", "flat", "compound") and person.head.i < tokens.start:
            titles.append(person.head)
        for title in titles:
            end = min(title.right_edge.idx + len(title.right_edge), mention.start)
            states |= {
                a.actor.state
                for a in actors.within(title.left_edge.idx, end)
                if a.actor.type in ("state", "government")
                and a.actor.state
                and not _after_preposition(parsed, a)
            }
    return states.pop() if len(states) == 1 else None


def _country_in_title(parsed: SpacyDoc, narrated: _Mentions, who: Mention | None) -> str | None:
    """«премьер-министр страны Даниэль Риш», «глава МИД страны»: a title whose state is «the
    country» is the state the narration last named before it, within a few sentences."""
    if who is None or who.actor.type != "person":
        return None
    country_words = _russian_cues().country_words
    for mention in narrated.of_actor(who.actor.actor_id):
        tokens = parsed.char_span(mention.start, mention.end, alignment_mode="expand")
        if tokens is None or tokens.start == 0:
            continue
        title = parsed[max(0, tokens.start - _TITLE_REACH) : tokens.start]
        if not any(_the_country(t, country_words) for t in title):
            continue
        before = [
            a
            for a in narrated.ending_before(title.start_char, _ANAPHORA_REACH)
            if a.actor.type in ("state", "government") and a.actor.state
        ]
        return before[-1].actor.state if before else None
    return None


def _the_country(token: Token, country_words: frozenset[str]) -> bool:
    """«страны» alone in the singular genitive, as a title's anaphor; not «стран СНГ», «европейской
    страны» (some other country)."""
    return (
        _yo(token.lemma_) in country_words
        and token.morph.get("Number", []) == ["Sing"]
        and "Gen" in token.morph.get("Case", [])
        and not any(c.dep_ in ("nmod", "amod", "appos") for c in token.children)
    )


def _phrase_state(parsed: SpacyDoc, actors: _Mentions, start: int, end: int) -> str | None:
    """The state the speaker's own phrase names them by, where it names a body or an office the
    gazetteer does not link («глава российского МИД», «представитель Минобороны РФ»): a
    state's adjective or genitive, not a state after a preposition («эксперт по России»)."""
    states = {
        a.actor.state
        for a in actors.within(start, end)
        if a.actor.type in ("state", "government")
        and a.actor.state
        and not _after_preposition(parsed, a)
    }
    return states.pop() if len(states) == 1 else None


def _after_preposition(parsed: SpacyDoc, mention: Mention) -> bool:
    tokens = parsed.char_span(mention.start, mention.end, alignment_mode="expand")
    return tokens is not None and tokens.start > 0 and parsed[tokens.start - 1].pos_ == "ADP"


def _phrase_head(tokens: Sequence[Token]) -> Token:
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])


def _nominative(tokens: list[Token]) -> str:
    head = _phrase_head(tokens)
    inside = {t.i for t in tokens}
    agreeing = {head.i, *(t.i for t in _agreeing(head) if t.i in inside)}
    words = [(_nominative_word(t) if t.i in agreeing else t.text) + t.whitespace_ for t in tokens]
    return "".join(words).strip()


def _agreeing(head: Token) -> Iterator[Token]:
    for child in head.children:
        if child.dep_ in _AGREEING:
            yield child
            yield from _agreeing(child)


def _nominative_word(token: Token) -> str:
    """``token`` in the nominative, its number and gender kept (pymorphy3's inflection)."""
    case = token.morph.get("Case", [])
    if not case or case[0] not in _UD_CASES:
        return token.text
    genders = {_UD_GENDERS.get(g) for g in token.morph.get("Gender", [])}
    for parse in _analyser().parse(token.text):
        if parse.tag.case != _UD_CASES[case[0]]:
            continue
        if genders and parse.tag.gender not in genders | {None, "ms-f"}:
            continue
        form = parse.inflect({"nomn"})
        if form is not None:
            return _shaped_like(form.word, token.text)
    return token.text


def _shaped_like(word: str, original: str) -> str:
    if len(original) > 1 and original.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


@cache
def _analyser() -> MorphAnalyzer:
    from pymorphy3 import MorphAnalyzer

    return MorphAnalyzer()
