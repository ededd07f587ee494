"""Who sets a red line and whom it is against, read from the actors and claims around it.

The setter is, in order: the side a pattern names («вынудит Россию», «красная линия для
Москвы»), the doer of the consequence, the voice's "we", the one who demands (an ultimatum), or
the one said to have warned («заявили в Кремле»). Against whom: whoever the condition names, the
doers of the acts it tells, or whom the consequence targets.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from redline.attributes import ActorAttributes, ClaimAttributes, InGroupAttributes
from redline.document import Span
from redline.gazetteer import Gazetteer
from redline.intervals import SortedSpans

# Actor types whose conduct is their state's (a leader, a ministry, an army), unlike a place,
# which is more often what is struck than who acts.
_ACTING_FOR_A_STATE = frozenset({"person", "organisation", "government", "armed_group"})
# Actor types that never act: a weapon («передаст Киеву Taurus») or an event is what a line is
# about, not whose conduct it judges.
_NOT_A_SIDE = frozenset({"weapon", "event"})


def actors_in(
    actors: SortedSpans[Span], start: int, end: int, exclude: str | None
) -> list[dict[str, str]]:
    """The actors named inside ``start``..``end``, but the side ``exclude`` (the setter); a
    person's or a body's state follows it, as whose conduct it is («Путину» is Russia's)."""
    seen: dict[str, dict[str, str]] = {}
    for span in actors.starting_in(start, end):
        if span.end <= end:
            actor = ActorAttributes.read(span)
            if actor.type in _NOT_A_SIDE:
                continue
            if (actor.state or actor.actor_id) != exclude and actor.actor_id != exclude:
                seen.setdefault(actor.actor_id, {"id": actor.actor_id, "name": actor.name})
                if actor.state and actor.type in _ACTING_FOR_A_STATE:
                    seen.setdefault(actor.state, {"id": actor.state, "name": actor.state})
    return list(seen.values())


# How a name hangs when it is what an act is done to, to whom or where («поставлять Украине»,
# "an attack on Belarus", «появятся на Украине»), not who does it.
_UNDERGOING = frozenset({"dobj", "obj", "dative", "iobj", "obl", "pobj", "npadvmod", "nsubjpass"})
# Relations through which a name stands for the phrase it is part of («попытка НАТО»,
# «американские ракеты», «из США и Европы»).
_PART_OF_PHRASE = frozenset({"amod", "compound", "nmod", "poss", "det", "appos", "flat", "conj"})


def undergoer(parsed: SpacyDoc, actor: Span, agent_prepositions: frozenset[str]) -> bool:
    """The parse makes the actor's name (or the phrase it belongs to) the object, recipient or
    place of an act, not its doer. A passive's agent («захвачен странами НАТО», "by NATO") and
    the object of an agent preposition («оружие из США») still do it. Against whom a
    conditional line is set is "whose conduct is the condition" (ANNOTATION.md): «Если Запад
    продолжит поставлять Украине ракеты» is against the West."""
    token = _phrase_head(parsed, actor)
    if token is None:
        return False
    if token.dep_ == "pobj":
        preposition = token.head
        return not (preposition.dep_ == "agent" or preposition.lower_ in agent_prepositions)
    # slovnet labels a passive's instrumental agent ``obl`` («захвачен странами НАТО»).
    if token.dep_ == "obl" and "Ins" in token.morph.get("Case", []):
        return "Pass" not in token.head.morph.get("Voice", [])
    return token.dep_ in _UNDERGOING


def placed(parsed: SpacyDoc, actor: Span, place_prepositions: frozenset[str]) -> bool:
    """The actor's name (or the phrase it belongs to) is the object of a preposition of place:
    where an act is done («на территории Украины», "at the Zaporizhzhya plant"), not who does
    it."""
    token = _phrase_head(parsed, actor)
    return token is not None and token.dep_ == "pobj" and token.head.lower_ in place_prepositions


def _phrase_head(parsed: SpacyDoc, actor: Span) -> Token | None:
    """The head of the phrase the actor's name stands for: «стран» for «НАТО» in «участие стран
    НАТО», "personnel" for "Russian" in "Russian military personnel"."""
    mention = parsed.char_span(actor.start, actor.end, alignment_mode="expand")
    if mention is None:
        return None
    token = mention.root
    while token.dep_ in _PART_OF_PHRASE and token.head != token:
        token = token.head
    return token


def targets_of(claim: Span, exclude: str | None) -> list[dict[str, str]]:
    """The consequence claim's targets (ids; the first one's name is the only one it keeps)."""
    read = ClaimAttributes.read(claim)
    names = {read.target: read.target_name}
    return [
        {"id": target, "name": names.get(target) or target}
        for target in read.targets
        if target and target != exclude
    ]


def voice_side(
    scope_key: str, in_groups: dict[str, Span], claim: Span | None
) -> tuple[str | None, str | None]:
    """The actor of ``claim`` when it names one, else what the voice's "we" stands for."""
    read = ClaimAttributes.read(claim) if claim is not None else None
    if read is not None and read.actor:
        # A person speaking for a state sets the line as that state (a spokeswoman's "Russia
        # will be forced to ..." is Russia's line); a body keeps its own id (a parliament).
        if read.actor_state and _is_person(read.actor):
            return read.actor_state, read.actor_state.replace("_", " ").title()
        return read.actor, read.actor_name
    group = in_groups.get(scope_key)
    if group is not None:
        in_group = InGroupAttributes.read(group)
        return in_group.actor_id, in_group.name
    return None, None


def _is_person(actor_id: str) -> bool:
    entry = Gazetteer.load().get(actor_id)
    return entry is not None and entry.type == "person"


def named_side(
    match: re.Match[str], group: str, offset: int, actors: SortedSpans[Span]
) -> tuple[str | None, str | None] | None:
    """The state (or body) of the first actor inside ``group`` of ``match``, if it names one."""
    if group not in match.re.groupindex or match.group(group) is None:
        return None
    start, end = (offset + i for i in match.span(group))
    first = next(iter(actors.starting_in(start, end)), None)
    if first is None:
        return None
    actor = ActorAttributes.read(first)
    return actor.state or actor.actor_id, actor.name


def _cue_verb(parsed: SpacyDoc, start: int, end: int) -> Token | None:
    """The verb of a cue's words («не позволит», "will not tolerate")."""
    words = parsed.char_span(start, end, alignment_mode="expand")
    if words is None:
        return None
    verbs = [t for t in words if t.pos_ in ("VERB", "AUX")]
    return verbs[-1] if verbs else None


def _actors_at(token: Token, actors: SortedSpans[Span]) -> list[ActorAttributes]:
    """The sides named inside ``token``'s phrase."""
    start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    return [
        actor
        for span in actors.starting_in(start, end)
        if span.end <= end and is_side(actor := ActorAttributes.read(span))
    ]


def cue_subject(
    parsed: SpacyDoc, start: int, end: int, actors: SortedSpans[Span]
) -> tuple[str | None, str | None]:
    """The side named as the subject of a cue's verb, or of the predicate it is joined to
    («Москва привержена мораторию, однако не позволит ...») or is the complement of."""
    verb = _cue_verb(parsed, start, end)
    while verb is not None:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            named = _actors_at(subjects[0], actors)
            return (named[0].state or named[0].actor_id, named[0].name) if named else (None, None)
        # («Россия будет вынуждена принять меры»: the infinitive's subject is its governor's.)
        verb = verb.head if verb.dep_ in ("conj", "xcomp") and verb.head != verb else None
    return None, None


def permitted(
    parsed: SpacyDoc, start: int, end: int, actors: SortedSpans[Span], exclude: str | None
) -> list[dict[str, str]]:
    """Whom a cue of not allowing is against: the one not allowed, in the dative of its verb
    («не позволим Киеву шантажировать Европу» is against Kyiv, not Europe), its object before
    an infinitive ("will not permit Trump to normalize relations with Russia") or that
    infinitive's subject ("will not allow NATO to deploy missiles")."""
    verb = _cue_verb(parsed, start, end)
    children = list(verb.children) if verb is not None else []
    complements = [c for c in children if c.dep_ in ("xcomp", "ccomp")]
    allowed = [
        c
        for c in children
        if c.dep_ == "dative" or (c.dep_ == "dobj" and any(x.dep_ == "xcomp" for x in complements))
    ] + [s for x in complements for s in x.children if s.dep_ == "nsubj" and s.i < x.i]
    found = [
        side
        for child in allowed
        for side in actors_in(
            actors, child.left_edge.idx, child.right_edge.idx + len(child.right_edge), exclude
        )
    ]
    return list({side["id"]: side for side in found}.values())


def doer(claim: Span, actors: SortedSpans[Span]) -> tuple[str | None, str | None]:
    """The side of the first actor inside ``claim`` that is not what it is done to
    («молниеносный удар России»)."""
    targets = set(ClaimAttributes.read(claim).targets)
    for span in actors.starting_in(claim.start, claim.end):
        actor = ActorAttributes.read(span)
        if not is_side(actor) or actor.actor_id in targets:
            continue
        if (actor.state or actor.actor_id) not in targets:
            return actor.state or actor.actor_id, actor.name
    return None, None


def demander(
    claims: SortedSpans[Span], sentence_start: int, cue: int
) -> tuple[str | None, str | None]:
    """The side of the last claim with a named actor before an ultimatum's cue."""
    before = [ClaimAttributes.read(c) for c in claims.starting_in(sentence_start, cue)]
    named = [c for c in before if c.actor]
    if not named:
        return None, None
    return named[-1].actor_state or named[-1].actor, named[-1].actor_name


def is_side(actor: ActorAttributes) -> bool:
    """A linked actor or one with a state: an unlinked name («МИД», «ВС») is no side."""
    return actor.linked or actor.state is not None


def teller(
    text: str, sentence: tuple[int, int], actors: SortedSpans[Span], saying: re.Pattern[str] | None
) -> tuple[str | None, str | None]:
    """The side of the actor next to the sentence's first verb of saying (within a few words
    either way: «МИД России предупредил», «заявили в Кремле»), if any."""
    if saying is None:
        return None, None
    start, end = sentence
    verb = saying.search(text, start, end)
    if verb is None:
        return None, None
    near = [
        s for s in actors.starting_in(max(start, verb.start() - 40), min(end, verb.end() + 30))
        if (s.end <= verb.start() or s.start >= verb.end()) and is_side(ActorAttributes.read(s))
    ]  # fmt: skip
    if not near:
        return None, None
    closest = min(near, key=lambda s: min(abs(verb.start() - s.end), abs(s.start - verb.end())))
    actor = ActorAttributes.read(closest)
    return actor.state or actor.actor_id, actor.name


def claim_actors(
    claims: list[Span], start: int, end: int, exclude: str | None
) -> list[dict[str, str]]:
    """Who does the acts told inside ``start``..``end`` («гипотетическая попытка захватить …»:
    the claim's actor, read from the passage, when the words name no one)."""
    seen: dict[str, dict[str, str]] = {}
    for claim in claims:
        read = ClaimAttributes.read(claim)
        if start <= claim.start < end and read.actor and read.actor != exclude:
            seen.setdefault(read.actor, {"id": read.actor, "name": read.actor_name or read.actor})
    return list(seen.values())
