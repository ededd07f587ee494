"""The red-lines layer: conditions and thresholds a text states, who sets them, against whom.

Three sources, all cited:
1. conditional threats: a claim the speaker's side threatens, in the consequence of an "if"
   clause in its own or the previous sentence ("If Ukraine and NATO go further, ... we will
   have to strike"); where the language's file allows it, a side's force foretold under an "if"
   of its own sentence too;
2. conditions joined to their consequence with no "if" (the file's ``links``: «любая попытка X
   вынудит Россию на …», «в случае X последует ответ»);
3. threshold and ultimatum wording from ``data/redlines.yaml`` ("the limit of our compromise",
   "categorically unacceptable", "we have no other choice but to ...").

Who sets a line and whom it is against: ``redline_sides``.

The cues and the condition clause are the language's own: ``data/redlines.yaml`` for English,
``data/<lang>/redlines.yaml`` (same schema) for another language («красная линия»,
«неприемлемо», «не потерпим», «если ..., то ...»).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import ClassVar

from pydantic import Field
from spacy.tokens import Doc as SpacyDoc

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.analyzers.redline_sides import (
    actors_in,
    claim_actors,
    cue_subject,
    demander,
    doer,
    named_side,
    permitted,
    placed,
    targets_of,
    teller,
    undergoer,
    voice_side,
)
from redline.analyzers.versions import content_version
from redline.attributes import (
    ANY_LABEL,
    Attributes,
    ClaimAttributes,
    InGroupAttributes,
    RedLineAttributes,
)
from redline.claims.lexicon import data_name
from redline.data_files import DataFile, load
from redline.document import Document, Span
from redline.intervals import SortedSpans
from redline.scope import Scope, ScopeIndex, TextUnits

ANALYZER = "redlines"


class RedLineCue(DataFile):
    id: str
    kind: str
    pattern: str
    # What must stand in the sentence before the cue for it to count (an ultimatum's demand);
    # empty: nothing.
    before: str = ""
    # True when the cue is a verb whose subject is the side that sets the line («Москва не
    # потерпит угроз»): where the voice has no side of its own, the named actor of the claim the
    # cue stands in sets it.
    subject_sets: bool = False


class RedLineLink(DataFile):
    """A condition and its consequence joined in one clause, with no "if": «любая попытка X
    вынудит Россию на Y», «в случае X последует ответ», «ответом на X станет Y»."""

    id: str
    # Named groups: ``condition``; ``consequence`` (absent: the consequence is the claim just
    # before the condition, «удар в ответ на любую агрессию»); ``setter``, optional, the words
    # naming the side that will act («вынудит Россию»).
    pattern: str
    # True when the consequence's own words are a response («последует жёсткий ответ»): the line
    # stands without a claim of force in it.
    response: bool = False


class RedLinesFile(DataFile):
    """``data/redlines.yaml``: the cues of a red line, each with its kind."""

    version: int
    # A condition clause: the words that open it, then the clause itself as group 1.
    condition_clause: str
    cues: list[RedLineCue]
    condition_window: int
    # Stances besides "threaten" whose claim of force, by a named side, in the consequence of a
    # condition makes the condition that side's line ("if NATO enters, Russia will use nuclear
    # arms", told by an analyst). Empty: only the voice's own threats count.
    forecast_stances: list[str] = Field(default_factory=list)
    links: list[RedLineLink] = Field(default_factory=list)
    # A verb of saying: a line whose side nothing else names is the side of the one said to
    # state it ("Moscow warned that ..."). Empty: the voice's "we" alone.
    saying: str = ""
    # Prepositions whose object does the act, where other prepositional objects are what it is
    # done to or where ("by NATO", «оружие из США», «со стороны НАТО»): lower case words.
    agent_prepositions: list[str] = Field(default_factory=list)
    # Prepositions whose object is where an act is done («на территории Украины», "at the
    # plant"): a threshold is not against a place it names. Lower case words.
    place_prepositions: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class _Cues:
    """One language's compiled red-line cues."""

    condition: re.Pattern[str]
    cues: list[tuple[str, str, re.Pattern[str]]]  # (cue id, kind, pattern)
    before: Mapping[str, re.Pattern[str]] = field(default_factory=dict)  # cue id -> demand
    subject_sets: frozenset[str] = frozenset()  # cue ids whose subject sets the line
    forecast_stances: frozenset[str] = frozenset()
    links: tuple[tuple[str, bool, re.Pattern[str]], ...] = ()  # (link id, response, pattern)
    saying: re.Pattern[str] | None = None
    agent_prepositions: frozenset[str] = frozenset()
    place_prepositions: frozenset[str] = frozenset()


@cache
def _data(language: str = "en") -> _Cues:
    """The compiled cues of ``language``'s packaged file."""
    data = load(data_name("redlines.yaml", language), RedLinesFile)
    return _Cues(
        re.compile(data.condition_clause, re.IGNORECASE),
        [(c.id, c.kind, re.compile(c.pattern, re.IGNORECASE)) for c in data.cues],
        {c.id: re.compile(c.before, re.IGNORECASE) for c in data.cues if c.before},
        frozenset(c.id for c in data.cues if c.subject_sets),
        frozenset(data.forecast_stances),
        tuple((k.id, k.response, re.compile(k.pattern, re.IGNORECASE)) for k in data.links),
        re.compile(data.saying, re.IGNORECASE) if data.saying else None,
        frozenset(data.agent_prepositions),
        frozenset(data.place_prepositions),
    )


class RedLineAnalyzer:
    """Finds red lines: threshold, setter, target, condition, consequence and its level."""

    name: ClassVar[str] = ANALYZER
    # The release, then a digest of the code, data and model its findings depend on.
    version: ClassVar[str] = content_version(
        "1.0.0",
        "analyzers/redlines.py",
        "analyzers/redline_sides.py",
        "data/redlines.yaml",
        "data/ru/redlines.yaml",
    )
    requires: ClassVar[tuple[str, ...]] = ("structure", "sentences", "actors", "groups", "claims")
    provides: ClassVar[tuple[str, ...]] = ("redlines",)
    attributes: ClassVar[Mapping[str, type[Attributes]]] = {ANY_LABEL: RedLineAttributes}
    languages: ClassVar[tuple[str, ...]] = ("en", "ru")

    def initialize(self) -> None:
        for language in self.languages:
            _data(language)

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        cues = _data(context.language)
        scopes = ScopeIndex(document)
        sentences = [(s.start, s.end) for s in document.layer("sentences")]
        in_groups = {
            InGroupAttributes.read(s).scope: s
            for s in document.layer("groups")
            if s.label == "in_group"
        }
        claims = SortedSpans(document.layer("claims"))
        actors = SortedSpans(document.layer("actors"))
        # Whose conduct a condition is: its doers, not what it is done to or where.
        doers = SortedSpans(
            [
                a
                for a in document.layer("actors")
                if not undergoer(context.parsed, a, cues.agent_prepositions)
            ]
        )
        # Whose conduct a threshold judges: any side it names but where the act is done.
        unplaced = SortedSpans(
            [
                a
                for a in document.layer("actors")
                if not placed(context.parsed, a, cues.place_prepositions)
            ]
        )
        units = TextUnits(document)
        spans: dict[str, Span] = {}
        for index, (start, end) in enumerate(sentences):
            if not units.is_text(start):
                continue  # a share prompt or a byline sets no red line
            sentence_claims = claims.starting_in(start, end)
            previous = sentences[index - 1] if index else None
            following = sentences[index + 1] if index + 1 < len(sentences) else None
            for span in _conditional_threats(
                document, sentence_claims, (start, end), previous, scopes, in_groups,
                (actors, doers), cues,
            ):  # fmt: skip
                spans[span.id] = span
            conditionals = [(s.start, s.end) for s in spans.values() if s.start >= start]
            for span in _linked_lines(
                document, sentence_claims, (start, end), scopes, in_groups, (actors, doers), cues
            ):
                # One line per condition: «если …» read as a threat already holds it.
                if not any(a < span.end and span.start < b for a, b in conditionals):
                    spans.setdefault(span.id, span)
                    conditionals.append((span.start, span.end))
            # «Если …, мы будем вынуждены ответить»: the cue of the consequence is the conditional
            # line already read, not a second line.
            answered = {
                s.attrs.get("consequence_claim") for s in spans.values() if s.start >= start
            }
            for span in _cue_lines(
                document, (start, end), (previous, following), claims, scopes, in_groups,
                (actors, unplaced, doers), cues, context.parsed,
            ):  # fmt: skip
                if span.attrs.get("consequence_claim") not in answered - {None}:
                    spans.setdefault(span.id, span)
        return AnalyzerOutput(
            layers={"redlines": _carry_against(list(spans.values()), document.text, scopes)}
        )


def _conditional_threats(
    document: Document,
    claims: list[Span],
    sentence: tuple[int, int],
    previous: tuple[int, int] | None,
    scopes: ScopeIndex,
    in_groups: dict[str, Span],
    mentions: tuple[SortedSpans[Span], SortedSpans[Span]],
    cues: _Cues,
) -> list[Span]:
    actors, doers = mentions  # every actor named; those the parse does not make undergo an act
    found = []
    for claim in claims:
        forecast = _is_forecast_consequence(claim, cues.forecast_stances)
        if ClaimAttributes.read(claim).stance != "threaten" and not forecast:
            continue
        # A foretold act is a line only under a condition of its own sentence, closed before it
        # («Если НАТО введёт войска, Россия применит …»): a condition further off is another's.
        condition = (
            _own_condition(document.text, sentence, claim, cues.condition)
            if forecast
            else _condition(document.text, sentence, previous, claim.start, cues.condition)
            or (
                _condition_after(document.text, sentence, claim, cues.condition)
                if _warns(claim)
                else None
            )
        )
        if condition is None:
            continue
        cond_start, cond_end = condition
        scope = scopes.at(claim.start)
        setter, setter_name = voice_side(scope.key, in_groups, claim)
        if forecast and (setter is None or setter.startswith("ner:")):
            # An unlinked doer («ВС») is no side: the side of the one said to have told it.
            setter, setter_name = teller(document.text, sentence, actors, cues.saying)
        # Against whom: whoever the condition names; failing that, whom the consequence targets
        # ("if anybody tries ..., Russia will respond against the places where terrorists ...").
        against = (
            actors_in(doers, cond_start, cond_end, setter)
            or claim_actors(claims, cond_start, cond_end, setter)
            or targets_of(claim, setter)
        )
        if forecast and not against:
            continue  # a forecast with a condition no one sets off is a forecast
        against_from = "condition" if against else None
        if not against:
            against, against_from = _named_beside(
                actors, _in_voice(sentence, scope), cond_start, claim.end, setter
            )
        found.append(
            document.make_span(
                min(cond_start, claim.start),
                max(claim.end, cond_end),
                "conditional_threat",
                analyzer=ANALYZER,
                rule="condition+forecast" if forecast else "condition+threat",
                confidence={"condition": 0.7, "sentence": 0.6}.get(against_from or "", 0.55),
                span_id=f"redlines/{min(cond_start, claim.start)}-{claim.end}/conditional",
                attrs=_conditional_attrs(
                    (setter, setter_name),
                    (against, against_from),
                    document.text[cond_start:cond_end],
                    claim.text,
                    claim,
                    scope,
                ),
            )
        )
    return found


def _in_voice(sentence: tuple[int, int], scope: Scope) -> tuple[int, int]:
    """The part of a sentence in the line's own voice: a quotation's words, not the words that
    attribute it («..., — сказал дипломат в интервью газете «Известия»»)."""
    if scope.label != "quote":
        return sentence
    return max(sentence[0], scope.start), min(sentence[1], scope.end)


def _named_beside(
    actors: SortedSpans[Span], sentence: tuple[int, int], start: int, end: int,
    setter: str | None,
) -> tuple[list[dict[str, str]], str | None]:  # fmt: skip
    """Whom a line names no one in is against: the sides its sentence names outside it ("It
    must be made clear to Iran that if it advances its programme, the world will respond")."""
    named = actors_in(actors, sentence[0], start, setter) + actors_in(
        actors, end, sentence[1], setter
    )
    sides = list({a["id"]: a for a in named}.values())
    return sides, ("sentence" if sides else None)


def _same_stretch(text: str, scopes: ScopeIndex, earlier: Span, line: Span) -> bool:
    """The two lines are in one paragraph or two adjacent ones, with no turn or comment opening
    between them: a line in the answer to another question («Вопрос: ... Ответ: ...») is on
    another matter (a quote inside the same text is not)."""
    return text.count("\n", earlier.end, line.start) <= 2 and not any(
        earlier.end <= voice.start <= line.start
        for voice in scopes.scopes()
        if voice.label in ("turn", "comment")
    )


def _carry_against(lines: list[Span], text: str, scopes: ScopeIndex) -> list[Span]:
    """A conditional line that names no one it is against continues the setter's last line
    that does («попытка НАТО захватить Калининград вынудит РФ на ядерный удар» ...
    «гипотетическая попытка захватить Калининградскую область вынудит Москву нанести удар»)."""
    last: dict[str, Span] = {}
    carried = []
    for line in sorted(lines, key=lambda span: (span.start, span.end)):
        read = RedLineAttributes.read(line)
        earlier = last.get(read.setter) if read.setter is not None else None
        if earlier is not None and not _same_stretch(text, scopes, earlier, line):
            earlier = None
        if not read.against and earlier is not None and read.kind == "conditional_threat":
            attrs = dict(line.attrs)
            attrs.update(
                against=list(RedLineAttributes.read(earlier).against),
                against_names=list(RedLineAttributes.read(earlier).against_names),
                against_from="earlier line",
            )
            line = line.model_copy(update={"attrs": attrs})
        if read.setter is not None and line.attrs.get("against"):
            last[read.setter] = line
        carried.append(line)
    return carried


def _conditional_attrs(
    setter: tuple[str | None, str | None],
    against: tuple[list[dict[str, str]], str | None],
    condition: str,
    consequence: str,
    claim: Span | None,
    scope: Scope,
) -> dict[str, object]:
    """A conditional threat's attributes: who sets it against whom (and where that was read),
    its two halves, and the claim of its consequence (rung 1, a threat with no stated means,
    where there is none)."""
    sides, source = against
    return {
        "kind": "conditional_threat",
        "setter": setter[0],
        "setter_name": setter[1],
        "against": [a["id"] for a in sides],
        "against_names": [a["name"] for a in sides],
        "against_from": source,
        "condition": condition,
        "consequence": consequence,
        "consequence_claim": claim.id if claim is not None else None,
        "level": ClaimAttributes.read(claim).level if claim is not None else 1,
        "speaker": scope.speaker,
        "section": scope.section,
    }


def _condition(
    text: str, sentence: tuple[int, int], previous: tuple[int, int] | None, before: int,
    if_clause: re.Pattern[str],
) -> tuple[int, int] | None:  # fmt: skip
    for start, end in [sentence] + ([previous] if previous else []):
        limit = min(end, before) if start <= before < end else end
        match = if_clause.search(text, start, limit)
        if match:
            return match.start(), match.end(1)
    return None


_TRAILING = frozenset(" \t\n.!?…\"'»”)")


def _condition_after(
    text: str, sentence: tuple[int, int], claim: Span, if_clause: re.Pattern[str]
) -> tuple[int, int] | None:
    """A condition set after the threat in its sentence, in any order as the threat may be
    ("we will strike Warsaw if NATO sends troops", «мы будем бить, пока Россия не ...»): after
    the threatened act's own words, not after a subject the claim opens with ("You said that
    if ..., I should be jailed" has its condition first)."""
    action = ClaimAttributes.read(claim).action or ""
    at = text.find(action, claim.start, claim.end) if action else -1
    if at < 0:
        return None
    match = if_clause.search(text, at + len(action), sentence[1])
    if match is None:
        return None
    end = match.end(1)  # (the sentence's own end is not the condition's)
    while end > match.start() and text[end - 1] in _TRAILING:
        end -= 1
    return match.start(), end


def _is_forecast_consequence(claim: Span, stances: frozenset[str]) -> bool:
    """A claim of force or coercion by a named side, in one of the file's forecast stances."""
    read = ClaimAttributes.read(claim)
    return read.stance in stances and read.level >= 2 and bool(read.actor)


def _own_condition(
    text: str, sentence: tuple[int, int], claim: Span, if_clause: re.Pattern[str]
) -> tuple[int, int] | None:
    """The condition clause of ``claim``'s sentence that closes before the claim with a comma or
    a dash («Если …, (то) Россия …»), or opens after it («Россия …, если …»)."""
    start, end = sentence
    for match in if_clause.finditer(text, start, end):
        if match.end(1) <= claim.start and re.search(r"[,—–]", text[match.end(1) : claim.start]):
            return match.start(), match.end(1)
        # The claim may run on over its condition («Россия применит …, если НАТО …»).
        if match.start() > claim.start and re.search(r"[,—–]", text[claim.start : match.start()]):
            return match.start(), match.end(1)
    return None


def _linked_lines(
    document: Document, claims: list[Span], sentence: tuple[int, int], scopes: ScopeIndex,
    in_groups: dict[str, Span], mentions: tuple[SortedSpans[Span], SortedSpans[Span]],
    cues: _Cues,
) -> list[Span]:  # fmt: skip
    """Conditions joined to their consequence by the words of the clause, with no "if"."""
    actors, doers = mentions
    start, end = sentence
    text = document.text
    found = []
    for link_id, response, pattern in cues.links:
        # Matched on the sentence alone, so that a pattern may anchor at the sentence's start.
        for match in pattern.finditer(text[start:end]):
            cond_start, cond_end = (start + i for i in match.span("condition"))
            (cons_start, cons_end), claim = _link_consequence(match, start, claims)
            if claim is None and not response:
                continue
            scope = scopes.at(cond_start)
            # The side named as the one forced («вынудит Россию»), the consequence's doer, the
            # voice's "we", or the one said to have warned.
            named = named_side(match, "setter", start, actors)
            setter, setter_name = named or voice_side(scope.key, in_groups, claim)
            if setter is None and claim is not None:
                setter, setter_name = doer(claim, actors)
            if setter is None:
                setter, setter_name = teller(text, sentence, actors, cues.saying)
            against = (
                actors_in(doers, cond_start, cond_end, setter)
                or claim_actors(claims, cond_start, cond_end, setter)
                or (targets_of(claim, setter) if claim is not None else [])
            )
            line_start, line_end = min(cond_start, cons_start), max(cond_end, cons_end)
            against_from = "condition" if against else None
            if not against:
                against, against_from = _named_beside(
                    actors, _in_voice(sentence, scope), line_start, line_end, setter
                )
            found.append(
                document.make_span(
                    line_start,
                    line_end,
                    "conditional_threat",
                    analyzer=ANALYZER,
                    rule=link_id,
                    confidence={"condition": 0.6, "sentence": 0.55}.get(against_from or "", 0.5),
                    span_id=f"redlines/{line_start}-{line_end}/{link_id}",
                    attrs=_conditional_attrs(
                        (setter, setter_name),
                        (against, against_from),
                        text[cond_start:cond_end],
                        text[cons_start:cons_end],
                        claim,
                        scope,
                    ),
                )
            )
    return found


def _link_consequence(
    match: re.Match[str], offset: int, claims: list[Span]
) -> tuple[tuple[int, int], Span | None]:
    """The consequence of a link and its claim of force: inside the ``consequence`` group, or,
    where the pattern has none, the claim before the condition."""
    if "consequence" in match.re.groupindex and match.group("consequence") is not None:
        start, end = (offset + i for i in match.span("consequence"))
        return (start, end), _force_in(claims, start, end)
    cond_start = offset + match.start("condition")
    claim = _force_before(claims, offset, cond_start)
    return ((claim.start, claim.end) if claim else (cond_start, cond_start)), claim


def _warns(claim: Span) -> bool:
    """A threat of force, coercion or retaliation: what a condition after it makes a line of
    ("we will strike if ..."), not an offer («мы готовы отказаться от ..., если ...»)."""
    read = ClaimAttributes.read(claim)
    return read.level >= 2 or read.plover == "THREATEN"


def _is_force(claim: Span) -> bool:
    read = ClaimAttributes.read(claim)
    return read.level >= 2 and read.stance not in ("reject", "question")


def _force_in(claims: list[Span], start: int, end: int) -> Span | None:
    """The first claim of force or coercion overlapping ``start``..``end``."""
    return next((c for c in claims if c.start < end and start < c.end and _is_force(c)), None)


def _force_before(claims: list[Span], sentence_start: int, before: int) -> Span | None:
    """The last claim of force or coercion of the sentence that starts before ``before``."""
    earlier = [c for c in claims if sentence_start <= c.start < before and _is_force(c)]
    return earlier[-1] if earlier else None


def _cue_lines(
    document: Document, sentence: tuple[int, int],
    around: tuple[tuple[int, int] | None, tuple[int, int] | None],
    all_claims: SortedSpans[Span], scopes: ScopeIndex, in_groups: dict[str, Span],
    sides: tuple[SortedSpans[Span], SortedSpans[Span], SortedSpans[Span]], cues: _Cues,
    parsed: SpacyDoc,
) -> list[Span]:  # fmt: skip
    actors = sides[0]  # (and the unplaced ones and the doers, for whom a line is against)
    start, end = sentence
    previous, following = around
    text = document.text
    found = []
    for cue_id, kind, pattern in cues.cues:
        match = pattern.search(text, start, end)
        if match is None or (kind == "condition" and _asks(text[start:end])):
            # "What if NATO goes further?" poses a condition and sets no line; the answer may
            # set one, and is read on its own.
            continue
        demand = cues.before.get(cue_id)
        if demand is not None and not demand.search(text, start, match.start()):
            continue
        scope = scopes.at(match.start())
        limit = following[1] if following else end
        consequence = _consequence((start, match.end()), all_claims, limit, scopes, scope)
        # «красная линия для России» names whose line it is; otherwise it is the voice's side.
        named = named_side(match, "setter", 0, actors)
        setter, setter_name = named or voice_side(scope.key, in_groups, None)
        if setter is None and cue_id in cues.subject_sets:
            # The subject of its verb («Москва ... не позволит»), else the last named doer.
            setter, setter_name = cue_subject(parsed, match.start(), match.end(), actors)
            if setter is None:
                setter, setter_name = demander(all_claims, start, match.end())
        if setter is None and kind == "ultimatum":
            # «требовать прекращения сотрудничества, а то будут санкции»: who demands sets it.
            setter, setter_name = demander(all_claims, start, match.start())
        if setter is None:
            setter, setter_name = teller(text, sentence, actors, cues.saying)
        condition = cues.condition.search(text, start, end)
        against = _cue_against(
            parsed,
            match,
            (_in_voice(sentence, scope), previous),
            sides,
            setter,
            cue_id in cues.subject_sets,
            (condition.start(), condition.end(1)) if condition else None,
        )
        level = ClaimAttributes.read(consequence).level if consequence is not None else 1
        found.append(
            document.make_span(
                match.start(),
                match.end(),
                kind,
                analyzer=ANALYZER,
                rule=cue_id,
                confidence=0.6,
                span_id=f"redlines/{match.start()}-{match.end()}/{cue_id}",
                attrs={
                    "kind": kind,
                    "setter": setter,
                    "setter_name": setter_name,
                    "against": [a["id"] for a in against],
                    "against_names": [a["name"] for a in against],
                    "condition": text[condition.start() : condition.end(1)] if condition else None,
                    "consequence": consequence.text if consequence is not None else None,
                    "consequence_claim": consequence.id if consequence is not None else None,
                    "level": level,
                    "sentence": text[start:end].strip(),
                    # The threshold's evidence is its sentence: what is unacceptable, what crosses
                    # it.
                    "sentence_span": [start, start + len(text[start:end].rstrip())],
                    "speaker": scope.speaker,
                    "section": scope.section,
                },
            )
        )
    return found


def _cue_against(
    parsed: SpacyDoc, match: re.Match[str],
    sentences: tuple[tuple[int, int], tuple[int, int] | None],
    sides: tuple[SortedSpans[Span], SortedSpans[Span], SortedSpans[Span]], setter: str | None,
    allowing: bool, condition: tuple[int, int] | None,
) -> list[dict[str, str]]:  # fmt: skip
    """Against whose conduct a cue's line is: the one not allowed (a cue of not allowing), else
    the sides the cue itself names («означать участие стран НАТО в войне»), else the doers its
    condition names («Если Запад передаст Киеву Taurus, Германия станет стороной конфликта»:
    the West, not Kyiv, which receives), else those its sentence names but where the act is
    done («военные на территории Украины» is no line against Ukraine). "This is unacceptable"
    judges what the sentence before it told: look back one sentence when this one names no
    one."""
    (start, end), previous = sentences
    actors, unplaced, doers = sides
    return (
        (permitted(parsed, match.start(), match.end(), actors, setter) if allowing else [])
        or actors_in(actors, match.start(), match.end(), setter)
        or (actors_in(doers, *condition, setter) if condition else [])
        or actors_in(unplaced, start, end, setter)
        or (
            actors_in(actors, previous[0], previous[1], setter)
            if previous and not actors_in(actors, start, end, setter)
            else []
        )
    )


def _asks(sentence: str) -> bool:
    return sentence.rstrip().rstrip("\"'”’»)").endswith("?")


def _consequence(
    cue: tuple[int, int], all_claims: SortedSpans[Span], limit: int, scopes: ScopeIndex,
    scope: Scope,
) -> Span | None:  # fmt: skip
    """The first threatened or advocated action after the cue, in the cue's sentence (a claim
    that runs on over the cue included: «мы будем вынуждены ответить») or the next one, in the
    same voice: a reader's comment further on answers no line of the article."""
    sentence_start, after = cue
    for claim in all_claims.starting_in(sentence_start, limit):
        if claim.end <= after or scopes.at(claim.start).key != scope.key:
            continue
        if ClaimAttributes.read(claim).stance in ("threaten", "advocate"):
            return claim
    return None
