"""Who speaks, and so for which state: an official speaks for their state, or for the
organisation they serve when they have none (the EU's foreign-policy chief for the EU). A
quote's speaker, a turn's speaker label, the document's author, a statement's heading
(«Заявление МИД России ...») and a post's signature («Минобороны России») each name the state
"we" stands for in that voice."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from redline.attributes import ActorAttributes, QuoteAttributes, StructureAttributes
from redline.document import Document, Span
from redline.gazetteer import Entry, Gazetteer
from redline.groups.cues import GroupsFile
from redline.groups.mentions import Evidence, Mention
from redline.scope import ScopeIndex
from redline.structure.cues import load_cues as load_structure_cues

if TYPE_CHECKING:
    from redline.groups.russian import Words

_LETTERS = re.compile(r"[^\W\d_]")
_INITIALS = re.compile(r"^(?:[^\W\d_]\.\s*){1,2}(?P<surname>[^\W\d_][\w\-]+)$")
_SENTENCE_ENDS = (".", "!", "?", "…")

Keyed = list[tuple[str, Evidence]]
"""(voice key, evidence) pairs: evidence that may stand outside the voice it speaks for."""


def speaker_evidence(
    document: Document, scopes: ScopeIndex, gazetteer: Gazetteer, cues: GroupsFile
) -> Keyed:
    """The document's author as its metadata names them (a UN speech's country, a ministry's
    statement), each turn's speaker, each quote's speaker linked by the actors layer to a
    person, ministry or government. (The voices layer, when the pipeline has it, holds the
    quotes.)"""
    weight = cues.speaker_state_weight
    found: Keyed = []
    author = document.metadata.author
    if author:
        state = state_named(gazetteer, author)
        if state is not None:
            found.append(("body", Evidence(state.id, state.name, weight, "author_metadata", 0, 0)))
    turns = _turn_evidence(document, scopes, gazetteer, weight)
    found += turns + _host_evidence(document, scopes, turns, cues)
    found += _quote_evidence(document, scopes, gazetteer, weight)
    return found


def _turn_evidence(
    document: Document, scopes: ScopeIndex, gazetteer: Gazetteer, weight: float
) -> Keyed:
    """A transcript's speaker label names who speaks the turn ("LAVROV:"), by a name the
    gazetteer knows or through the person the actors layer linked the label to (a surname
    the text gave in full before: «Вечер с Владимиром Соловьёвым» ... «Соловьёв:»)."""
    found: Keyed = []
    for turn in document.layer("structure"):
        attrs = StructureAttributes.read_or_none(turn) if turn.label == "turn" else None
        if attrs is None or not attrs.speaker:
            continue
        label_end = turn.start + len(attrs.label or "")
        state = state_named(gazetteer, attrs.speaker) or _linked_state(
            document, gazetteer, turn.start, label_end
        )
        if state is not None:
            item = Evidence(state.id, state.name, weight, "turn_speaker", turn.start, label_end)
            found.append((scopes.at(turn.start).key, item))
    return found


def _host_evidence(document: Document, scopes: ScopeIndex, turns: Keyed, cues: GroupsFile) -> Keyed:
    """A show's host with two or more guests speaks for the one state those guests whose state
    is known speak for (a talk show on one side's television); an interviewer of one guest, or
    a host of guests from both sides, for none. The evidence is the host's first label,
    weighed as the guests' own."""
    labelled = [
        (turn, attrs, scopes.at(turn.start).key)
        for turn in document.layer("structure")
        if turn.label == "turn" and (attrs := StructureAttributes.read_or_none(turn)) is not None
    ]
    hosted = [
        (turn, attrs, key) for turn, attrs, key in labelled if attrs.speaker in cues.host_speakers
    ]
    host_scopes = {key for _, _, key in hosted}
    guests = {key for _, _, key in labelled} - host_scopes
    states = {evidence.actor_id: evidence.name for key, evidence in turns if key in guests}
    if not hosted or len(guests) < 2 or len(states) != 1:
        return []
    turn, attrs, _ = hosted[0]
    [(state, name)] = states.items()
    end = turn.start + len(attrs.label or "")
    item = Evidence(state, name, cues.speaker_state_weight, "host_of_guests", turn.start, end)
    return [(key, item) for key in sorted(host_scopes)]


def _linked_state(document: Document, gazetteer: Gazetteer, start: int, end: int) -> Entry | None:
    """The state of the one person the actors layer found in ``[start, end)``."""
    people = {
        ActorAttributes.read(span).actor_id
        for span in document.layer("actors")
        if start <= span.start and span.end <= end and span.label == "person"
    }
    state = gazetteer.state_of(people.pop()) if len(people) == 1 else None
    return gazetteer.get(state) if state is not None else None


def _quote_evidence(
    document: Document, scopes: ScopeIndex, gazetteer: Gazetteer, weight: float
) -> Keyed:
    """A quote's speaker, where the voices layer linked them to a state or an organisation."""
    found: Keyed = []
    for quote in document.layer("voices"):
        attrs = QuoteAttributes.read_or_none(quote) if quote.label == "quote" else None
        if attrs is None or attrs.speaker_start is None or attrs.speaker_end is None:
            continue  # not a quote the voices layer vouches for, or one with no speaker
        state = gazetteer.get(attrs.state) or body_of(gazetteer, attrs.speaker_id)
        if state is None:
            continue
        start, end = attrs.speaker_start, attrs.speaker_end
        item = Evidence(state.id, state.name, weight, "speaker_state", start, end)
        found.append((scopes.at(quote.start).key, item))
    return found


def heading_evidence(
    document: Document,
    words: Words,
    actors: list[Mention],
    gazetteer: Gazetteer,
    cues: GroupsFile,
) -> Keyed:
    """A statement's heading names its issuer («Заявление МИД России в связи с ...»): the first
    body named after the heading's noun; the text's own voice speaks for that body's state (or
    for the organisation, when it has none). A person or a capital there («Заявление Лаврова
    о ...», «Ответ Москвы ...») is a news headline's subject, not the text's issuer."""
    heading = _statement_heading(document, words, cues)
    if heading is None:
        return []
    issuers = [
        a
        for a in actors
        if heading.start <= a.start < heading.end
        and a.attrs.type in ("government", "organisation")
        and a.attrs.match != "metonym"
    ]
    entry = _speaks_for(gazetteer, issuers[0]) if issuers else None
    if entry is None:
        return []
    item = Evidence(
        entry.id,
        entry.name,
        cues.speaker_state_weight,
        "statement_heading",
        issuers[0].start,
        issuers[0].end,
    )
    return [("body", item), *((key, item) for key in _answer_turns(document))]


def _answer_turns(document: Document) -> list[str]:
    """The voice keys of the turns labelled with an answering role («Ответ:», "A:"): under a
    briefing's or interview's heading («Брифинг официального представителя МИД России»), the
    answers are the issuer's own words too."""
    roles = load_structure_cues().answer_roles
    scopes = ScopeIndex(document)
    return sorted(
        {
            scopes.at(span.start).key
            for span in document.layer("structure")
            if span.label == "turn"
            and (StructureAttributes.read(span).label or "").lower() in roles
        }
    )


def _statement_heading(document: Document, words: Words, cues: GroupsFile) -> Span | None:
    """The text's first title (else paragraph) when it opens with a statement's noun and is a
    heading. A wire's dateline says an agency reports the statement: no issuer's own text."""
    structure = document.layer("structure")
    if not cues.statement_headings or any(s.label == "dateline" for s in structure):
        return None
    heads = [s for s in structure if s.label == "title"] or [
        s for s in structure if s.label == "paragraph"
    ]
    if not heads:
        return None
    heading = min(heads, key=lambda s: s.start)
    first = words.after(heading.start)
    if first is None or first.lemma_ not in cues.statement_headings:
        return None
    if heading.text.rstrip().endswith(_SENTENCE_ENDS):
        return None  # a sentence («Заявление Лаврова вызвало ...»), a report of it, not a heading
    return heading


def signature_evidence(
    document: Document, actors: list[Mention], gazetteer: Gazetteer, cues: GroupsFile
) -> Keyed:
    """A post signed with a body's name on its last line («Минобороны России», as a ministry's
    channel signs its posts): the text's own voice speaks for that body's state."""
    text = document.text.rstrip()
    last_line = text.rfind("\n") + 1
    tail = [a for a in actors if a.start >= last_line]
    if len(tail) != 1 or _LETTERS.search(text[last_line : tail[0].start] + text[tail[0].end :]):
        return []
    signer = tail[0]
    if signer.attrs.type not in ("government", "organisation", "person"):
        return []
    entry = _speaks_for(gazetteer, signer)
    if entry is None:
        return []
    weight = cues.speaker_state_weight
    return [("body", Evidence(entry.id, entry.name, weight, "signature", signer.start, signer.end))]


def _speaks_for(gazetteer: Gazetteer, actor: Mention) -> Entry | None:
    """The state a body or person belongs to, else the organisation they speak for."""
    return gazetteer.get(actor.attrs.state) or body_of(gazetteer, actor.attrs.actor_id)


def body_of(gazetteer: Gazetteer, actor_id: str | None) -> Entry | None:
    """The organisation a stateless speaker speaks for: itself («ЕС», "NATO"), or the one a
    person belongs to (the EU's foreign-policy chief, NATO's secretary general)."""
    entry = gazetteer.get(actor_id)
    if entry is not None and entry.type == "person":
        entry = gazetteer.get(entry.affiliation)
    return entry if entry is not None and entry.type == "organisation" else None


def state_named(gazetteer: Gazetteer, name: str) -> Entry | None:
    """The state of the one gazetteer entry called ``name``; None when none or several are.

    A name written with initials ("V. Putin", «С.Лавров», «В.В.Путин») is looked up by its
    surname when the whole is not a known form.
    """
    entries = gazetteer.named(name)
    initials = _INITIALS.match(name.strip())
    if not entries and initials is not None:
        entries = gazetteer.named(initials.group("surname"))
    states = {gazetteer.state_of(entry.id) for entry in entries} - {None}
    return gazetteer.get(states.pop()) if len(states) == 1 else None
