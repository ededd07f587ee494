"""The claims layer: who does what to whom, the speaker's stance toward it, its ladder level.

For every action the lexicon finds (verbs, nominalisations, multiword expressions):
1. the clause around it from the dependency parse: actor (subject, "by" agent, possessor or
   demonym of a nominalisation, the subject of a light verb: "we must deliver a strike"),
   target (object, passive subject, "against / on / of / over" phrases);
2. pronouns and speakers through the groups layer: "we" is the voice's in-group, and an implicit
   or generic agent of an advocated action ("one could destroy ...") is the in-group, inferred;
3. the ladder level: the lexicon's, raised by nuclear words in the clause or by capitals,
   leadership and regimes as targets of destruction;
4. the stance (see :mod:`redline.claims.stance`), the speaker and the section.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.analyzers.versions import content_version
from redline.attributes import (
    ANY_LABEL,
    ActorAttributes,
    Attributes,
    ClaimAttributes,
    InGroupAttributes,
    PronounAttributes,
)
from redline.claims.features import candidate_features
from redline.claims.lexicon import (
    Action,
    ActionLexicon,
    ActionMatch,
    ClauseWords,
    after_negating_prefix,
)
from redline.claims.model import ClaimDecision, ClaimModel, load_claim_model
from redline.claims.stance import (
    StanceReading,
    answered_objects,
    answers_condition,
    cues,
    governing_verb,
    in_threat_formula,
    inflected_first_person,
    is_capacity_noun,
    opposes_anothers_act,
    stance_of,
    subject_child,
    unnamed_necessity,
)
from redline.document import Document, Span
from redline.scope import ScopeIndex, TextUnits

ANALYZER = "claims"
# Clauses hung on an action are not its phrase: their words do not raise its level.
_CLAUSES = ("relcl", "advcl", "ccomp", "parataxis")
# PLOVER types of refusing or giving up: a nuclear word with them is no nuclear threat.
_RENOUNCING = ("REJECT", "RETREAT", "CONCEDE")
# Moving or showing weapons is not using them: a deployment or exercise with nuclear arms is a
# show of force (rung 3), as the ladder's conventions put deployments.
_SHOWING = ("MOBILIZE",)
# Supporting and aiding: nuclear only when nuclear weapons are what is given.
_COOPERATIVE = ("SUPPORT", "AID")
# Only these kinds of force reach level 4 by naming a capital, a regime or a leadership.
_DESTRUCTIVE_MODES = {
    "destroy",
    "aerial",
    "massacre",
    "assassinate",
    "unconventional",
    "explosives",
}


@dataclass(frozen=True)
class Mention:
    """An actor at [start, end): a mention from the actors layer or a resolved pronoun."""

    start: int
    end: int
    actor_id: str
    name: str
    type: str
    kind: str | None
    state: str | None
    pronoun: bool = False


class ClaimAnalyzer:
    """Extracts claims with actor, action, target, PLOVER type and mode, level and stance."""

    name: ClassVar[str] = ANALYZER
    # The release, then a digest of the code, data and model its findings depend on.
    version: ClassVar[str] = content_version(
        "1.0.0",
        "analyzers/claims.py",
        "claims",
        "slogans.py",
        "data/actions.yaml",
        "data/stance.yaml",
        "data/ru/actions.yaml",
        "data/ru/stance.yaml",
        "models/claims",
    )
    requires: ClassVar[tuple[str, ...]] = ("structure", "sentences", "actors", "groups")
    provides: ClassVar[tuple[str, ...]] = ("claims",)
    attributes: ClassVar[Mapping[str, type[Attributes]]] = {ANY_LABEL: ClaimAttributes}
    languages: ClassVar[tuple[str, ...]] = ("en", "ru")

    def __init__(self, model: str | None = "default") -> None:
        """``model``: "default" for the shipped claim model, a folder holding another one, or
        None for the rules alone. The model decides only in the languages its card says it
        was trained on; elsewhere the rules decide."""
        self.model_path = model
        self._model: ClaimModel | None = None

    def initialize(self) -> None:
        for language in self.languages:
            ActionLexicon.load(language)
        if self.model_path is not None and self._model is None:
            self._model = load_claim_model(
                None if self.model_path == "default" else self.model_path
            )

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        candidates = self.candidates(document, context)
        model = self._model
        if model is None or context.language not in model.languages:
            spans = [span for span, _ in candidates]
        else:
            decisions = model.decide([features for _, features in candidates])
            spans = [
                _decided(span, decision, model)
                for (span, _), decision in zip(candidates, decisions, strict=True)
                if decision.is_claim >= model.claim_threshold
            ]
        return AnalyzerOutput(layers={"claims": spans})

    def candidates(
        self, document: Document, context: AnalysisContext
    ) -> list[tuple[Span, list[str]]]:
        """Every claim the rules find, with the feature strings the claim model reads."""
        self.initialize()
        lexicon = ActionLexicon.load(context.language)
        parsed = context.parsed
        scopes = ScopeIndex(document)
        mentions = _mentions(document)
        in_groups = {
            InGroupAttributes.read(s).scope: s
            for s in document.layer("groups")
            if s.label == "in_group"
        }
        found: dict[str, tuple[Span, list[str]]] = {}
        events = [
            (s.start, s.end)
            for s in document.layer("actors")
            if ActorAttributes.read(s).type == "event"
        ]
        datelines = [(s.start, s.end) for s in document.layer("structure") if s.label == "dateline"]
        units = TextUnits(document)
        for match in lexicon.find(parsed):
            head = parsed[match.head].idx
            if _inside_named_event(head, events) or not units.is_text(head):
                continue  # "the Great Patriotic War" is a name; "Read also: ..." is the page's
            unit = units.at(head)
            bounds = (unit.start, unit.end) if unit is not None else (0, len(document.text))
            claim = _claim(document, parsed[match.head], match, mentions, scopes, in_groups,
                           lexicon, datelines, bounds)  # fmt: skip
            if claim is not None:
                found[claim[0].id] = claim
        return list(found.values())


def _natural(trigger: Token, actor_token: Token | None, words: ClauseWords) -> bool:
    """The action's doer or what it is done to is a germ, a drug, a cell or livestock."""
    arguments = [c for c in trigger.children if c.dep_ in _ARGUMENT_RELATIONS]
    arguments += [g for c in trigger.children if c.dep_ == "prep" for g in c.children]
    if actor_token is not None:
        arguments.append(actor_token)
    return any(_is(token, words.natural_participants) for token in arguments)


def _service(trigger: Token, words: ClauseWords) -> bool:
    """The action is help called medical or legal in its own phrase: «оказание медицинской
    помощи», «юридические консультации»."""
    return any(c.dep_ == "amod" and _is(c, words.service_qualifiers) for c in trigger.children)


_ARGUMENT_RELATIONS = ("nsubj", "nsubjpass", "dobj", "nmod", "obl", "pobj", "attr")


def _decided(span: Span, decision: ClaimDecision, model: ClaimModel) -> Span:
    """The candidate with the model's stance and level where the model is sure enough; the
    rules' reading is kept beside them."""
    rules = ClaimAttributes.read(span)
    stance = model.stance_for(decision, rules.stance)
    level = model.level_for(decision, rules.level)
    attrs = {
        **span.attrs,
        "rule_stance": rules.stance,
        "rule_level": rules.level,
        "stance": stance,
        "level": level,
        "stance_probability": round(decision.stance_probability, 3),
        "level_probability": round(decision.level_probability, 3),
        "stances": [stance] + [s for s in rules.stances if s != stance],
    }
    return span.model_copy(
        update={
            "label": stance,
            "rule": f"{span.rule}|model",
            "confidence": round(decision.is_claim, 3),
            "attrs": attrs,
        }
    )


def _inside_named_event(offset: int, events: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in events)


# -- actors and targets ----------------------------------------------------------------------


class _MentionIndex:
    def __init__(self, mentions: list[Mention]):
        self.items = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]

    def within(self, start: int, end: int) -> list[Mention]:
        index = bisect.bisect_left(self.starts, start)
        found = []
        while index < len(self.items) and self.items[index].start < end:
            if self.items[index].end <= end:
                found.append(self.items[index])
            index += 1
        return found

    def before(self, offset: int, since: int) -> list[Mention]:
        return self.items[
            bisect.bisect_left(self.starts, since) : bisect.bisect_left(self.starts, offset)
        ]


def _mentions(document: Document) -> _MentionIndex:
    found = []
    for span in document.layer("actors"):
        actor = ActorAttributes.read(span)
        found.append(
            Mention(
                span.start, span.end, actor.actor_id, actor.name, actor.type, actor.kind,
                actor.state,
            )
        )  # fmt: skip
    for span in document.layer("groups"):
        pronoun = PronounAttributes.read(span) if span.label in ("we", "they") else None
        if pronoun is not None and pronoun.resolved and pronoun.actor_id:
            found.append(
                Mention(
                    span.start, span.end, pronoun.actor_id, pronoun.name or pronoun.actor_id,
                    "state", None, pronoun.actor_id, pronoun=True,
                )
            )  # fmt: skip
    # Nested mentions ("U.S." inside "U.S. President"): keep the outermost.
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    outer: list[Mention] = []
    for mention in found:
        if not outer or mention.start >= outer[-1].end:
            outer.append(mention)
    return _MentionIndex(outer)


def _phrase_mentions(token: Token, mentions: _MentionIndex) -> list[Mention]:
    """The names inside ``token``'s phrase, not inside a sentence of its own the parse hung on
    it (parataxis): in «Удар по энергосистеме: Киев остался без света» Kyiv is no target of the
    strike. A relative clause stays: it still describes the phrase's noun."""
    start = token.left_edge.idx
    end = token.right_edge.idx + len(token.right_edge)
    hung = [
        (t.left_edge.idx, t.right_edge.idx + len(t.right_edge))
        for t in token.subtree
        if t is not token and t.dep_ == "parataxis"
    ]
    return [m for m in mentions.within(start, end) if not any(a <= m.start < b for a, b in hung)]


def _subject_of(verb: Token) -> Token | None:
    for candidate in [verb, *list(verb.ancestors)[:3]]:
        # (A passive verb whose infinitive the action is names its doer: «армия будет
        # вынуждена расширить ...».)
        forced = candidate == verb.head and verb.dep_ == "xcomp" and candidate.pos_ == "VERB"
        relations = ("nsubj", "expl", "nsubjpass") if forced else ("nsubj", "expl")
        subject = subject_child(candidate, relations)
        if subject is not None:
            return subject
        # «будем поражать» with «мы» misparsed away: the verb's own person says who acts, so
        # no subject is borrowed from the clause above (the speaker of «— заявил он»).
        if candidate.dep_ not in ("xcomp", "conj", "ccomp", "advcl") or _personal(candidate):
            break
    return None


def _personal(verb: Token) -> bool:
    """The verb, or its auxiliary («будем»), is in the first or second person."""
    return any({"1", "2"} & set(form.morph.get("Person", [])) for form in _forms(verb))


def _forms(verb: Token) -> list[Token]:
    """The verb and its auxiliaries: the words whose forms say its person («будем бить»)."""
    return [verb, *(ch for ch in verb.children if ch.dep_ in ("aux", "auxpass"))]


def _agent(verb: Token) -> Token | None:
    """The passive's agent: the object of English "by", or the agent noun itself where a
    language marks it by case (Russian instrumental: «нанесён армией»)."""
    for child in verb.children:
        if child.dep_ == "agent":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            return pobj or (child if child.pos_ in ("NOUN", "PROPN", "PRON") else None)
    return None


def _is(token: Token, words: Sequence[str]) -> bool:
    """The token's lower-case form or lemma is one of ``words`` (a language's data list)."""
    return token.lower_ in words or token.lemma_.lower() in words


def _actor_token(
    trigger: Token, verb: Token, words: ClauseWords, mentions: _MentionIndex
) -> Token | None:
    if trigger.pos_ != "VERB":
        for child in trigger.children:
            # "Russia's invasion", "the Russian invasion", «российское вторжение» (a demonym the
            # actors layer names); not "resolute countermeasures"
            named_modifier = child.pos_ == "PROPN" or (
                child.pos_ == "ADJ"
                and (child.text[:1].isupper() or bool(mentions.within(child.idx, child.idx + 1)))
            )
            if child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and named_modifier):
                return child
            if child.dep_ == "prep" and _is(child, words.agent_prepositions):
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if trigger.dep_ in ("dobj", "attr", "pobj", "xcomp") and (
            _is(verb, words.light_verbs) or trigger.dep_ == "dobj"
        ):
            return _subject_of(verb)
        means_of = _means_of(trigger)
        if means_of is not None:
            return _subject_of(means_of)
        top = trigger  # "fire" in "a sea of fire" -> "sea"
        while top.dep_ == "pobj" and top.head.dep_ == "prep" and top.head.head.pos_ == "NOUN":
            top = top.head.head
        if (
            top.dep_ == "pobj"
            and _is(top.head, words.result_prepositions)
            and top.head.head == verb
        ):
            return _subject_of(verb)  # a result: "our artillery will turn Seoul into a sea of fire"
        if top is not trigger and top.dep_ == "dobj" and is_capacity_noun(top):
            return _subject_of(verb)  # «сторона оставляет за собой право на ответные меры»
        return None
    holder = trigger.head
    if trigger.dep_ in ("nmod", "acl") and holder.dep_ == "dobj" and is_capacity_noun(holder):
        # «сторона оставляет за собой право принять любые меры»: the right's holder acts.
        return _subject_of(holder.head)
    return _agent(trigger) or _subject_of(trigger)


def _means_of(trigger: Token) -> Token | None:
    """The verb whose means an act in the instrumental is («ответит высылкой дипломатов»,
    «пригрозил ударами»), done by that verb's subject (a language that marks case); also where
    the parse hangs it on what is answered («ответим на гибель командира ударами»)."""
    if "Ins" not in trigger.morph.get("Case", []):
        return None
    if trigger.dep_ == "obl" and trigger.head.pos_ == "VERB":
        return trigger.head
    answered = trigger.head
    if trigger.dep_ != "nmod" or answered.dep_ != "pobj" or answered.head.dep_ != "prep":
        return None
    verb = answered.head.head
    return verb if verb.pos_ == "VERB" and verb.lemma_ in cues(verb.lang_).response_words else None


def _target_tokens(trigger: Token, words: ClauseWords) -> list[Token]:
    found = []
    for child in trigger.children:
        if child.dep_ in ("dobj", "dative", "attr", "oprd") or (
            trigger.pos_ == "VERB" and child.dep_ == "nsubjpass"
        ):
            found.append(child)
        elif child.dep_ == "prep" and (
            _is(child, words.target_prepositions) or _along_with(child, words)
        ):
            # (not a source: «по словам Пескова»)
            found.extend(
                c for c in child.children if c.dep_ == "pobj" and not _is(c, words.source_nouns)
            )
            for nested in (c for c in child.children if c.dep_ == "prep"):  # "out of Estonia"
                found.extend(c for c in nested.children if c.dep_ == "pobj")
    if trigger.pos_ != "VERB" and trigger.dep_ == "dobj":
        for sibling in trigger.head.children:
            if sibling.dep_ == "prep" and _is(sibling, words.noun_target_prepositions):
                found.extend(c for c in sibling.children if c.dep_ == "pobj")
    return found


def _outside_preps(names: list[Mention], token: Token) -> list[Mention]:
    """The names of ``token``'s phrase that are not in a prepositional phrase hung on it."""
    inside = [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
        for c in token.children
        if c.dep_ == "prep"
    ]
    return [m for m in names if not any(a <= m.start < b for a, b in inside)]


def _genitives(noun: Token) -> list[Token]:
    """The nouns in the genitive that complete a noun (languages that mark case)."""
    return [c for c in noun.children if c.dep_ == "nmod" and _genitive(c)]


def _along_with(prep: Token, words: ClauseWords) -> bool:
    """ "together with X", "along with X": X shares the action's fate."""
    return _is(prep, words.companion_prepositions) and any(
        _is(c, words.companion_adverbs) for c in prep.children
    )


def _condition_targets(
    trigger: Token, mentions: _MentionIndex, words: ClauseWords
) -> list[Mention]:
    """The actors of an "if" clause in this or the previous sentence: whom a threat answers."""
    for sentence in _sentences_back(trigger, 1):
        for token in sentence:
            if (
                _is(token, words.condition_subordinators)
                and token.dep_ == "mark"
                and token.i < trigger.i
            ):
                clause = token.head
                subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
                found = [m for subject in subjects for m in _phrase_mentions(subject, mentions)]
                if found:
                    return found
    return []


def _sentences_back(token: Token, count: int) -> list[SpacySpan]:
    """``token``'s sentence and up to ``count`` sentences before it, nearest first (walking back
    from the token, never listing the document's sentences: that made each call linear)."""
    found = [token.sent]
    while len(found) <= count and found[-1].start > 0:
        found.append(token.doc[found[-1].start - 1].sent)
    return found


def _nearby_places(
    trigger: Token, match: ActionMatch, mentions: _MentionIndex, actors: list[Mention],
    words: ClauseWords,
) -> list[Mention]:  # fmt: skip
    """When the parse gives no object: the state or place named next in the clause ("control ...
    over regions of former Ukraine"), or, for a pronoun object ("control of them"), just before."""
    sentence = trigger.sent
    own = {actors[0].state, actors[0].actor_id} if actors else set()
    last = trigger.doc[min(match.end + 25, sentence.end) - 1]
    after = [
        m
        for m in mentions.within(trigger.idx, last.idx + len(last))
        if m.type in ("state", "place") and m.state not in own
    ]
    if after:
        return after[:1]
    if any(
        _is(t, words.object_pronouns)
        for t in trigger.doc[match.end : min(match.end + 4, sentence.end)]
    ):
        before = [
            m
            for m in mentions.within(sentence.start_char, trigger.idx)
            if m.type in ("state", "place") and m.state not in own
        ]
        return before[-1:]
    return []


def _patient_subject(trigger: Token, words: ClauseWords) -> Token | None:
    """ "Kiev should have ceased to exist", "Kyiv was struck": the subject suffers the action."""
    verb = governing_verb(trigger)
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child
    if _is(trigger, words.patient_lemmas) or _is(verb, words.ceasing_verbs):
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return None


def _resolve_regime(
    token: Token, mentions: _MentionIndex, in_group: str | None, words: ClauseWords
) -> list[Mention]:
    """ "this terrorist regime" -> the state of the last foreign actor named just before it."""
    if token.lemma_.lower() not in words.regime_words:
        return []
    since = _sentences_back(token, 2)[-1].start_char
    for mention in reversed(mentions.before(token.idx, since)):
        if mention.state and mention.state != in_group:
            return [
                Mention(
                    mention.start,
                    mention.end,
                    mention.state,
                    mention.state.replace("_", " ").title(),
                    "state",
                    None,
                    mention.state,
                )
            ]
    return []


# -- the claim ---------------------------------------------------------------------------------


def _light_verb_of_an_action(trigger: Token, match: ActionMatch, lexicon: ActionLexicon) -> bool:
    """The trigger is a light verb whose object is an action of another kind ("deliver a
    strike": a delivery is aid, the strike is force). "launch missiles" stays: firing them is
    the same kind of act as the missiles'."""
    if trigger.pos_ != "VERB" or not _is(trigger, lexicon.clause.light_verbs):
        return False
    objects = [_object_action(child, lexicon) for child in trigger.children if child.dep_ == "dobj"]
    return any(a is not None and a.plover != match.action.plover for a in objects)


def _object_action(noun: Token, lexicon: ActionLexicon) -> Action | None:
    """The action the object names: a phrase that starts at a modifier before it ("a limited
    nuclear strike": "nuclear strike"; not "nuclear-armed missiles", whose "armed" is no
    phrase), or the noun's own."""
    for modifier in (t for t in noun.lefts if t.dep_ in ("amod", "compound")):
        action = lexicon.action_at(modifier)
        if action is not None and len(action.words) > 1:
            return action
    return lexicon.action_at(noun)


def _claim(
    document: Document,
    trigger: Token,
    match: ActionMatch,
    mentions: _MentionIndex,
    scopes: ScopeIndex,
    in_groups: dict[str, Span],
    lexicon: ActionLexicon,
    datelines: list[tuple[int, int]],
    bounds: tuple[int, int],
) -> tuple[Span, list[str]] | None:
    verb = governing_verb(trigger)
    words = lexicon.clause
    if match.end - match.start == 1 and _light_verb_of_an_action(trigger, match, lexicon):
        return None  # "deliver a nuclear strike": the strike is the claim, not a delivery
    scope = scopes.at(trigger.idx)
    in_group_span = in_groups.get(scope.key) or (
        in_groups.get("comments") if scope.section == "comments" else None
    )
    group = InGroupAttributes.read(in_group_span) if in_group_span else None
    in_group = group.actor_id if group else None
    actor_token = _actor_token(trigger, verb, words, mentions)

    def named(token: Token) -> list[Mention]:
        # Only names inside the claim's own unit: a parse that ran a headline into the byline
        # must not make the byline's author an actor.
        return [m for m in _phrase_mentions(token, mentions) if bounds[0] <= m.start < bounds[1]]

    actors = named(actor_token) if actor_token is not None else []
    objects = _target_tokens(trigger, words)
    targets = [
        m for t in objects for m in (named(t) or _resolve_regime(t, mentions, in_group, words))
    ]
    if not targets and trigger.pos_ == "NOUN":
        # «освобождение Донбасса», «захват Киева»: a named place in the genitive of an action
        # noun is what is done to it (a place is no doer; a state may be: «наступление России»).
        targets = [m for t in _genitives(trigger) for m in named(t) if m.type == "place"]
    patient = _patient_subject(trigger, words)
    if patient is not None and not targets:
        targets = named(patient)
        if actors and targets and actors[0] == targets[0]:
            actors = []
    if trigger.pos_ == "VERB" and trigger.dep_ == "prep":
        return None  # "Given the missiles ...", "following the strikes": a preposition's work
    # An ambiguous action needs a named target, or a word of its own phrase, to settle its
    # sense; for some, only a named object settles it, not the side it befalls (nor a regime
    # word: «потерять свою власть» names no loss in war).
    # (A name after a preposition, «победил в Колумбии», «победил на выборах в США», says
    # where, not what.) For others only their words settle it: what is launched is a missile,
    # not the coalition named as the object.
    if match.action.ambiguous and match.action.plover == "THREATEN" and _circumstance(trigger):
        return None  # «в ответ на поставки», "in response to": the act it answers is the claim
    if match.action.ambiguous and match.action.plover == "THREATEN" and _in_words(trigger, words):
        return None  # «Лавров ответил на вопрос»: an answer in words, whoever gives it
    if match.action.settled_only == "words":
        settling = False
    elif match.action.settled_only:
        settling = any(_outside_preps(named(t), t) for t in objects if t.dep_ != "pobj")
    else:
        settling = bool(targets)
    if (
        match.action.ambiguous
        and not settling
        and not _settled(trigger, match.action)
        and not _settled_response(trigger, match.action, (actor_token, actors), lexicon)
    ):
        return None
    if (
        not actors
        and not targets
        and (_natural(trigger, actor_token, words) or _service(trigger, words))
    ):
        return None
    generic = actor_token is not None and _is(actor_token, words.generic_actors)
    own_side = (
        bool(actors and in_group and actors[0].state == in_group)
        or generic
        or (
            actor_token is not None
            and (_is(actor_token, words.own_side_subjects) or _ours(actor_token, words))
        )
        # «наш ответ», «наши удары»: the side that owns a nominal action is its actor.
        or (trigger.pos_ == "NOUN" and _ours(trigger, words))
        or (actor_token is None and _against_enemy(trigger, [*objects, patient], words))
        or (actor_token is None and _own_experiencer(verb, words))
        or (actor_token is None and unnamed_necessity(verb))
        # «Победили нацизм — победим и рашизм»: the verb's own form says "we" (a language
        # that drops the pronoun); of the verb's own act, not of what it answers («ответим на
        # любую агрессию»).
        or (
            actor_token is None
            and (trigger == verb or _is(verb, words.light_verbs))
            and _inflected_we(verb)
        )
    )
    # «поставки Киеву «Томагавков»»: a weapon system completing an aid noun is what is given
    # (whatever case the tagger read: a weapon is no doer).
    given = (
        [m for t in trigger.children if t.dep_ == "nmod" for m in named(t) if m.type == "weapon"]
        if trigger.pos_ == "NOUN" and match.action.plover in ("AID", "SUPPORT")
        else []
    )
    level, level_rule = _level(trigger, match, [*targets, *given], lexicon)
    reading = _voice_reading(stance_of(trigger, in_group_subject=own_side, level=level), scope)
    inferred = False
    # (Not in what it condemns: «осудить этот теракт» is no act of the speaker's side.)
    speaker_involved = (
        reading.stance != "predict" or _first_person(trigger, words)
    ) and not opposes_anothers_act(trigger)
    if (
        speaker_involved
        and (not actors or generic)
        and in_group
        and reading.stance in ("advocate", "threaten", "reject", "predict")
        and in_group_span
        and group
    ):
        actors = [
            Mention(
                in_group_span.start,
                in_group_span.end,
                in_group,
                group.name,
                "state",
                None,
                in_group,
                pronoun=True,
            )
        ]
        inferred = True
    if not targets and reading.stance == "threaten":
        targets = _condition_targets(trigger, mentions, words)
    target_inferred = False
    if (
        not targets
        and match.action.plover in ("ASSAULT", "COERCE")
        and (own_side or reading.stance != "report")
    ):
        targets = _nearby_places(trigger, match, mentions, actors, words)
        target_inferred = bool(targets)
    targets = [t for t in targets if not actors or t.actor_id != actors[0].actor_id]
    targets = _rank_targets(targets, match, words)
    start, end = _after_dateline(document.text, datelines, *_extent(trigger, match, actor_token))
    start, end = _within(document.text, bounds, start, end)
    attrs = _attrs(
        match, trigger, actors, targets, reading, level, level_rule, scope, inferred, lexicon
    )
    attrs["target_inferred"] = target_inferred
    span = document.make_span(
        start, end, f"{reading.stance}", analyzer=ANALYZER,
        rule=f"{match.action.key}|{reading.rule}|{level_rule}",
        confidence=_confidence(actors, targets, reading),
        span_id=f"claims/{trigger.idx}/{match.action.key}", attrs=attrs,
    )  # fmt: skip
    features = candidate_features(
        trigger,
        verb,
        actor_token,
        reading,
        level,
        level_rule,
        match.action,
        scope,
        own_side,
        bool(actors),
        bool(targets),
    )
    return span, features


def _within(text: str, bounds: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The claim's extent cut to its structural unit (a headline, a paragraph), trimmed."""
    start, end = max(start, bounds[0]), min(end, bounds[1])
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _after_dateline(
    text: str, datelines: list[tuple[int, int]], start: int, end: int
) -> tuple[int, int]:
    """A claim never starts inside the dateline the parse may have joined to its sentence."""
    for line_start, line_end in datelines:
        if line_start <= start < line_end < end:
            start = line_end + (len(text[line_end:end]) - len(text[line_end:end].lstrip()))
    return start, end


def _voice_reading(reading: StanceReading, scope: Any) -> StanceReading:
    """Inside a direct quotation the quoted speaker speaks: the claim carries their own stance
    ("We will respond," Lavrov said: Lavrov threatens), and the writer's reporting is kept in
    ``reported_by``. Paraphrase stays the writer's report."""
    if scope.label != "quote" or reading.rule != "report.speech" or reading.reported_stance is None:
        return reading
    return StanceReading(
        reading.reported_stance, f"quote.{reading.reported_stance}", negated=reading.negated
    )


def _ours(token: Token, words: ClauseWords) -> bool:
    """ "our artillery", "my government", «наши войска»: a subject the speaker claims as their
    side's (a possessive is "poss" in English, a determiner in Russian)."""
    return any(
        c.dep_ in ("poss", "det") and _is(c, words.own_side_possessives) for c in token.children
    )


def _against_enemy(trigger: Token, objects: list[Token | None], words: ClauseWords) -> bool:
    """«Враг будет разбит», «уничтожить группировку противника», "the enemy will be crushed":
    "the enemy" is the speaker's, so an action against it (its objects, its patient, a noun's
    genitive) with no actor named is the speaker's side's."""
    done_to = [o for o in objects if o is not None]
    if trigger.pos_ == "NOUN":
        done_to += _genitives(trigger)
    return any(
        _is(o, words.enemy_words) or any(_is(g, words.enemy_words) for g in _genitives(o))
        for o in done_to
    )


def _own_experiencer(verb: Token, words: ClauseWords) -> bool:
    """«нам удастся довести их до трибунала»: the verb of managing has the doer of the action in
    the dative, and «нам» is the speaker's side."""
    current = verb
    for _ in range(3):
        if _is(current, words.experiencer_verbs):
            return any(
                c.dep_ in ("dative", "iobj", "obl") and _is(c, words.own_side_subjects)
                for c in current.children
            )
        if current.dep_ not in ("conj", "csubj", "xcomp") or current.head == current:
            return False
        current = current.head
    return False


def _inflected_we(verb: Token) -> bool:
    """The verb (or its auxiliary: «будем бить») is in the first person plural and has no
    subject of its own."""
    return any(
        inflected_first_person(form) and "Plur" in form.morph.get("Number", [])
        for form in _forms(verb)
    ) and not any(ch.dep_ in ("nsubj", "nsubjpass") for ch in verb.children)


def _first_person(trigger: Token, words: ClauseWords) -> bool:
    return any(_is(t, words.first_person) for t in trigger.sent)


def _rank_targets(targets: list[Mention], match: ActionMatch, words: ClauseWords) -> list[Mention]:
    """Seizing a country outranks seizing a person taken with it: in ordinary usage the land is
    what a seizure is about ("took the city and its mayor")."""
    if match.action.key in words.seize_lemmas:
        return sorted(targets, key=lambda t: t.type not in ("state", "place"))
    return targets


def _level(
    trigger: Token, match: ActionMatch, targets: list[Mention], lexicon: ActionLexicon
) -> tuple[int, str]:
    level, rule = match.action.level, "lexicon"
    if level == 3 and match.action.plover == "ASSAULT" and _abstract_object(trigger, lexicon):
        return 1, "target:abstract"
    if level >= 3 and any(
        c.dep_ in ("amod", "compound", "nmod") and _is(c, lexicon.clause.rhetoric_qualifiers)
        for c in trigger.children
    ):  # «информационная атака», "a propaganda war": rhetoric, not force
        return 1, "qualifier:rhetoric"
    # The rung comes from the action and what it is done to: the words of the action's own
    # phrase (its object, instrument, modifiers), never its subject's ("Russia, a nuclear
    # power, attacked ...") or the rest of the sentence. Cue words match the phrase's words or
    # their lemmas (an inflected language: «ядерным ударом» holds "ядерный").
    forms, lemmas = _action_phrase(trigger, lexicon.clause.negating_prefixes)
    own_words = set(forms.split()) | set(lemmas.split())
    for word, raised in lexicon.modifiers.items():
        destructive = level >= 3 and match.action.mode in _DESTRUCTIVE_MODES
        # "nuclear talks" and "the nuclear deal" stay diplomacy; a guarantee given "with our nuclear
        # weapons" is a nuclear commitment (the ladder's level 5 names it).
        # Refusing or giving up nuclear weapons is not nuclear use ("Ukraine gave up its warheads").
        hostile = (level >= 1 and match.action.plover not in (*_RENOUNCING, *_SHOWING)) or (
            match.action.plover in ("SUPPORT", "AID") and word in own_words
        )
        if (
            raised > level
            and ((raised == 5 and hostile) or destructive)
            and _in_phrase(word, forms, lemmas)
            and (raised < 5 or _nuclear_act(word, trigger, match, lexicon))
        ):
            level, rule = raised, f"modifier:{word}"
    top = _top_words(trigger, lexicon.clause.kind_nouns)
    for raised, cue_words in match.action.escalate_to.items():
        if raised > level and any(
            _in_phrase(w, forms, lemmas) and not top.isdisjoint(w.split()) for w in cue_words
        ):
            level, rule = raised, "escalate_to"
    if level == 0 and _arms_aid(trigger, match, lexicon.clause, lemmas):
        level, rule = 3, "sentence:arms"
    if (
        level == 0
        and match.action.plover in ("AID", "SUPPORT")
        and 3 in match.action.escalate_to
        and any(t.type == "weapon" for t in targets)
    ):  # «передаст Киеву F-16», "send Kyiv HIMARS": a weapon system named as what is given
        level, rule = 3, "target:weapon"
    if level == 0 and _aid_to_fight(trigger, match):
        level, rule = 3, "complement:military"
    means = _stated_means(trigger, lexicon) if match.action.plover == "THREATEN" else 0
    if means > level:
        level, rule = means, "means:stated"
    if (
        level < 3
        and match.action.plover == "THREATEN"
        and 3 in match.action.escalate_to
        and _strikes_named(trigger, targets, lexicon.clause)
    ):  # «мы ответим по Варшаве»: a response with a named place as its object is a strike
        level, rule = 3, "target:struck"
    if (
        level == 3
        and (match.action.plover == "ASSAULT" or rule == "target:struck")
        and any(t.kind == "capital" for t in targets)
    ):
        level, rule = 4, "target:capital"
    if (
        match.action.key in lexicon.clause.seize_lemmas
        and level < 3
        and any(
            (t.type in ("state",) or t.kind in ("territory", "region", "country"))
            and _names_object(t, trigger, lexicon.clause)
            for t in targets
        )
    ):  # a place seized is territory; "Russia's assets" seized are not
        level, rule = 3, "target:territory"
    if level >= 3:
        held = _nuclear_weapons_held(trigger, lexicon)
        if held is not None:
            level, rule = held
    return level, rule


def _nuclear_weapons_held(trigger: Token, lexicon: ActionLexicon) -> tuple[int, str] | None:
    """Nuclear weapons named, not used: disarmament is rung 0 and armament rung 1.

    Given up, cut or banned ("renounced its nuclear arsenal", "a world without nuclear
    weapons", «полная ликвидация ядерного оружия») they are disarmament; built, obtained or
    developed ("continue to develop nuclear weapons", "Iran will not get a nuclear weapon")
    they are a state arming itself, which the conventions put at rung 1 when it is presented
    as a threat. Either the weapons named as the action are what such a word governs, or the
    action is itself a disarming word whose object, not its instrument, is nuclear weapons."""
    words = lexicon.clause
    nuclear = [w for w, raised in lexicon.modifiers.items() if raised == 5]

    def nuclear_weapons(token: Token) -> bool:
        return (
            _is(token, words.nuclear_means)
            and not _instrument(token, words)
            and any(_is(m, nuclear) for m in (token, *token.children))
        )

    if _listed(trigger, words.disarming_words):
        found = any(nuclear_weapons(t) for t in trigger.subtree if t != trigger)
        return (0, "object:disarmed") if found else None
    if not nuclear_weapons(trigger):
        return None
    if any(c.dep_ == "case" and _listed(c, words.disarming_words) for c in trigger.children):
        return 0, "object:disarmed"  # «мир без ядерного оружия»: the preposition is a child
    # What governs the weapons: the word above them, through a preposition ("a world without
    # nuclear weapons", "the pursuit of ...") or the noun they qualify ("weapon stockpiles").
    governors: list[Token] = []
    node = trigger
    while node.head != node:
        passing = node.dep_ == "compound" or node.head.pos_ == "ADP"
        node = node.head
        governors.append(node)
        if not passing:
            break
    if any(_listed(g, words.disarming_words) for g in governors):
        return 0, "object:disarmed"
    if governors and _listed(governors[-1], words.arming_words):
        return 1, "object:armament"
    return None


def _listed(token: Token, listed: Sequence[str]) -> bool:
    """The token is one of ``listed``, alone or with its particle ("give up")."""
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    return _is(token, listed) or any(f"{token.lemma_.lower()} {p}" in listed for p in particles)


def _instrument(token: Token, words: ClauseWords) -> bool:
    """The means of the act, wherever the parse hangs it: in the instrumental case, or after
    "with" ("guarantee security with our weapons", «защитить ядерным оружием»)."""
    return "Ins" in token.morph.get("Case", []) or _is(token.head, words.companion_prepositions)


def _strikes_named(trigger: Token, targets: list[Mention], words: ClauseWords) -> bool:
    """A response whose object after a strike preposition is a named place or force, or a
    military object, is a strike («мы ответим по Варшаве», «ответ по Киеву», «ответ должен быть
    жёстким — по военным объектам»: the parse hangs the preposition on the predicate of which
    the response is the subject); «ответные меры по отношению к США» names a relation, not
    what is hit."""
    holders = [trigger]
    if trigger.dep_ in ("nsubj", "nsubjpass"):
        holders.append(trigger.head)
    objects = [
        g
        for holder in holders
        for c in holder.children
        if c.dep_ == "prep" and _is(c, words.strike_prepositions)
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return any(_is(g, words.struck_objects) for g in objects) or any(
        t.start <= g.idx < t.end for g in objects for t in targets
    )


def _nuclear_act(word: str, trigger: Token, match: ActionMatch, lexicon: ActionLexicon) -> bool:
    """A nuclear word counts for the action unless it only names weapons the action speaks of:
    between the word and the action stands a noun in the genitive that is no action («угроза
    ядерного оружия США», «удар по складу ядерных боеприпасов», «отказавшись от ядерных
    боеголовок»), or another action that does not use the weapons («угроза размещения
    ядерного оружия»: a deployment). Weapons as the means («угрожать ядерным оружием») or an
    act of use («угроза ядерной войны», «применение ядерного оружия») count. A parse that
    marks no case (English) keeps the phrase rule."""
    first = word.split()[0]
    if any(_is(t, [first]) for t in _participle_noun(trigger)):
        return True
    tokens = [t for t in trigger.subtree if _is(t, [first])]
    if match.action.plover in _COOPERATIVE and tokens:
        return any(
            _gives_nuclear_means(t, trigger, match, lexicon)
            and _path_uses(t, trigger, match, lexicon)
            for t in tokens
        )
    return not tokens or any(_path_uses(t, trigger, match, lexicon) for t in tokens)


def _gives_nuclear_means(
    token: Token, trigger: Token, match: ActionMatch, lexicon: ActionLexicon
) -> bool:
    """Support or aid is nuclear only when nuclear weapons are what it gives ("with our
    nuclear weapons", «передать ядерное оружие»): the nuclear word is, or modifies, a word of
    the means, and no other noun stands between the means and the action ("support nuclear-
    weapon-free zones", "an end to nuclear tests", «зона, свободная от ядерного оружия»)."""
    means = lexicon.clause.nuclear_means
    current = token if _is(token, means) else token.head
    if not _is(current, means) or _listed(current.head, lexicon.clause.disarming_words):
        return False  # "guaranteed without nuclear weapons" gives none
    if _instrument(current, lexicon.clause):
        return True
    while current != trigger and not match.start <= current.i < match.end:
        current = current.head
        if current.pos_ in ("NOUN", "PROPN") and not match.start <= current.i < match.end:
            return False
    return True


def _path_uses(token: Token, trigger: Token, match: ActionMatch, lexicon: ActionLexicon) -> bool:
    """Walk from the nuclear word up to the action: see :func:`_nuclear_act`."""
    current = token
    while current != trigger and not match.start <= current.i < match.end:
        nested = lexicon.action_at(current) if current != token else None
        if nested is not None:
            return nested.plover not in (*_RENOUNCING, *_SHOWING)
        if _genitive(current) and not _in_phrase_of(current, current.head, lexicon):
            return False
        current = current.head
    return True


def _genitive(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and "Gen" in token.morph.get("Case", [])


def _in_phrase_of(token: Token, head: Token, lexicon: ActionLexicon) -> bool:
    """The noun is a word of the phrase its head starts («применение ядерного оружия»)."""
    action = lexicon.action_at(head)
    return action is not None and _is(token, list(action.words))


def _stated_means(trigger: Token, lexicon: ActionLexicon) -> int:
    """The rung of the act a threat names as its means: a threat with stated means is on the
    means' rung («угроза размещения ядерного оружия» 3, «угроза санкций» 2, «угрожать
    войной» 3); 0 when it names none (a threat with no stated means stays 1). Read on the
    case the parse gives (genitive of a threat noun, instrumental of a threat verb)."""
    case = "Gen" if trigger.pos_ == "NOUN" else "Ins"
    means = [
        (child, lexicon.action_at(child))
        for child in trigger.children
        if child.pos_ == "NOUN"
        and case in child.morph.get("Case", [])
        and child.dep_ not in ("nsubj", "nsubjpass")
    ]
    # An ambiguous act counts only in its lexicon sense: «угрожая потерей работы» names no loss
    # in war.
    return max(
        (
            a.level
            for child, a in means
            if a is not None and (not a.ambiguous or _settled(child, a))
        ),
        default=0,
    )


def _circumstance(trigger: Token) -> bool:
    """«в ответ на агрессию», "in response to": a noun after a preposition that has one of its
    own names the circumstance of another act (the strike it qualifies), not an act of its own
    («после освобождения территорий», a noun after a preposition with none of its own, is
    one)."""
    return trigger.dep_ == "pobj" and any(c.dep_ == "prep" for c in trigger.children)


def _settled(trigger: Token, action: Action) -> bool:
    """An ambiguous action with no named target is still read in its lexicon sense when its own
    phrase, or the predicate said of it, holds a word that settles the sense: «ответить всеми
    средствами», «ответ будет симметричным», «наш ответ», "respond with force" (its force words
    count too)."""
    cues = set(action.settled_by).union(*action.escalate_to.values())
    if _circumstance(trigger):
        return False
    # A threat of unstated means that answers a condition is one («Если санкции будут
    # введены, мы ответим»): what is answered is the condition, not a question.
    # So is one a set phrase says will come («ответ не заставит себя ждать»). (An action only
    # its own words settle, «действовать зеркально», is not settled so.)
    if (
        action.plover == "THREATEN"
        and action.settled_only != "words"
        and (answers_condition(trigger) or in_threat_formula(trigger))
    ):
        return True
    if not cues:
        return False
    _, lemmas = _action_phrase(trigger)
    # A cue of several words counts where the action's phrase holds it whole («бить по
    # центрам принятия решений»).
    if any(" " in cue and f" {cue} " in f" {lemmas} " for cue in cues):
        return True
    words = set(lemmas.split()) | _top_words(trigger)
    # What is said of it («ответ будет симметричным», «ответ последует незамедлительно») and
    # the predicate it completes («будем вынуждены отреагировать»).
    if trigger.dep_ in ("nsubj", "nsubjpass", "xcomp"):
        # ("the response will be swift": English hangs the adjective on the copula)
        said = [
            trigger.head,
            *(c for c in trigger.head.children if c.dep_ in ("advmod", "acomp", "attr")),
        ]
        words |= {t.lower_ for t in said} | {t.lemma_.lower() for t in said}
    return not cues.isdisjoint(words)


def _settled_response(
    trigger: Token,
    action: Action,
    doer: tuple[Token | None, list[Mention]],
    lexicon: ActionLexicon,
) -> bool:
    """A response of unstated means («ответить») settled by what it answers or who declares it:
    one to a hostile deed the lexicon names is retaliation («Мир должен ответить на этот
    террор»), and so is one a side declares it will make («Мы ответим», «Россия ответит на это
    решение»). (An answer in words, «ответит на вопрос», was dropped before this is asked.)"""
    if action.plover != "THREATEN" or action.settled_only == "words":
        return False
    deeds = [lexicon.action_at(noun) for noun in answered_objects(trigger)]
    if any(deed is not None and deed.level >= 1 and not deed.ambiguous for deed in deeds):
        return True
    return _declared(trigger, doer, lexicon.clause)


def _declared(trigger: Token, doer: tuple[Token | None, list[Mention]], words: ClauseWords) -> bool:
    """The response is the future verb of the speaker's side or of a state or body, with no
    clause of what was said («ответил, что ...»): declared, not told. Only where the language
    lists what is answered in words (``spoken_objects``)."""
    if not words.spoken_objects or trigger.pos_ != "VERB" or not _future_form(trigger):
        return False
    if any(ch.dep_ == "ccomp" for ch in trigger.children):
        return False
    actor_token, actors = doer
    if actor_token is None:
        return _inflected_we(trigger)
    return _is(actor_token, words.own_side_subjects) or bool(
        actors and actors[0].type in ("state", "government", "organisation", "armed_group")
    )


def _in_words(trigger: Token, words: ClauseWords) -> bool:
    """A response to a question, a letter or a call («ответит на вопрос», «ответил на
    письмо») is made in words."""
    answered = [g for ch in trigger.children if ch.dep_ == "prep" for g in ch.children]
    answered += [ch for ch in trigger.children if ch.dep_ == "dobj"]
    return any(_is(t, words.spoken_objects) for t in answered)


def _future_form(verb: Token) -> bool:
    """The verb is in the future, by its own form («ответим») or its auxiliary («будем
    отвечать»), also under a predicate of compulsion («будем вынуждены ответить»)."""
    for node in (verb, verb.head) if verb.dep_ == "xcomp" else (verb,):
        if "Fut" in node.morph.get("Tense", []):
            return True
        if any(ch.dep_ == "aux" and "Fut" in ch.morph.get("Tense", []) for ch in node.children):
            return True
    return False


def _top_words(trigger: Token, kind_nouns: Sequence[str] = ()) -> set[str]:
    """The words (forms and lemmas, lower-case) of what the action is done to or with: its own
    dependents, a participle's noun and the objects of its prepositions. An escalating word
    must be one of them: «уничтожить город» and «стереть с лица земли» are rung 4; «уничтожили
    склад на окраине города», «инфраструктуру городов», "the economy of the country" are not a
    city destroyed."""
    tokens = [child for child in trigger.children] + _participle_noun(trigger)
    # What a passive is done to, its subject, also under a modal («ракеты могут быть
    # размещены»).
    clause = trigger.head if trigger.dep_ == "xcomp" else trigger
    tokens += [c for c in clause.children if c.dep_ == "nsubjpass"]
    tokens += [g for c in trigger.children if c.dep_ == "prep" for g in c.children]
    # «меры военно-технического характера», "measures of a military nature": a noun of kind
    # hands on the words that qualify it.
    tokens += [g for c in list(tokens) if _is(c, kind_nouns) for g in c.children]
    return {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}


def _aid_to_fight(trigger: Token, match: ActionMatch) -> bool:
    """Help to do something military is military aid (rung 3): «помочь Украине вести войну»,
    «помогать украинцам убивать», "help Kyiv repel the offensive": the helped act, the aid
    verb's infinitive complement, holds a word that raises the aid («война», «убивать»)."""
    if match.action.plover not in ("AID", "SUPPORT") or 3 not in match.action.escalate_to:
        return False
    military = match.action.escalate_to[3]
    return any(
        _is(t, military)
        for child in trigger.children
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ == "VERB"
        for t in child.subtree
    )


def _arms_aid(trigger: Token, match: ActionMatch, words: ClauseWords, lemmas: str) -> bool:
    """Aid or support in a sentence that names the weapons is military aid (rung 3), though the
    weapons sit outside the aid word's phrase («пакет помощи, включающий ракеты», «увеличение
    финансирования, вооружения и технической поддержки»); aid the phrase calls political,
    economic or humanitarian stays rung 0."""
    if match.action.plover not in ("AID", "SUPPORT") or 3 not in match.action.escalate_to:
        return False
    if any(_in_phrase(w, "", lemmas) for w in words.civil_aid_words):
        return False
    return any(_is(token, words.arms_words) for token in trigger.sent)


def _abstract_object(trigger: Token, lexicon: ActionLexicon) -> bool:
    """Force done to an idea, a right, a culture («вторжение в личные права», «атака на русскую
    культуру на Западе»: its first object; a place after it is where) is force used
    metaphorically: the conventions put it at rung 1."""
    objects = _target_tokens(trigger, lexicon.clause)
    # «разрушение экономики», «уничтожение культуры»: a noun's genitive is what it is done to.
    if not objects and trigger.pos_ == "NOUN":
        objects = _genitives(trigger)
    return bool(objects) and _is(objects[0], lexicon.clause.abstract_objects)


def _action_phrase(trigger: Token, negating_prefixes: Sequence[str] = ()) -> tuple[str, str]:
    """The trigger's phrase without its subjects and the clauses hung on it, as lower-case words
    and as lemmas, each padded with spaces: "use nuclear weapons against Kyiv", "a nuclear
    strike", "destroy the government quarter"; not "the war, when he has nuclear weapons", nor
    the word a negating prefix takes back ("strikes with non-nuclear weapons")."""
    subjects = {
        t.i
        for child in trigger.children
        if child.dep_ in ("nsubj", "nsubjpass", "csubj")
        or _hung_clause(child)
        or _joined_verb(child, trigger)  # «сносить мосты и бить по центрам принятия решений»
        for t in child.subtree
    }
    tokens = [
        t
        for t in trigger.subtree
        if t.i not in subjects and not after_negating_prefix(t, negating_prefixes)
    ] + _participle_noun(trigger)
    forms = " ".join(t.text for t in tokens).lower()
    lemmas = " ".join(t.lemma_ for t in tokens).lower()
    return f" {forms} ", f" {lemmas} "


def _participle_noun(trigger: Token) -> list[Token]:
    """A participle's noun is the action's own argument, though the parse hangs the participle
    on it: «переданное Украине вооружение» (what was passed), "the capital bombed overnight"."""
    if (
        trigger.dep_ in ("amod", "acl")
        and "Part" in trigger.morph.get("VerbForm", [])
        and trigger.head.pos_ in ("NOUN", "PROPN")
    ):
        return [trigger.head]
    return []


def _joined_verb(child: Token, trigger: Token) -> bool:
    """A verb joined to the action ("attacked and occupied"): an act of its own."""
    return child.head == trigger and child.dep_ == "conj" and "VERB" in (child.pos_, trigger.pos_)


def _hung_clause(child: Token) -> bool:
    """A clause of its own hung on the action; a converb is the action's means and stays
    («обострить конфликт, применив ядерное оружие»)."""
    return child.dep_ in _CLAUSES and "Conv" not in child.morph.get("VerbForm", [])


def _in_phrase(word: str, forms: str, lemmas: str) -> bool:
    return f" {word} " in forms or f" {word} " in lemmas


def _names_object(mention: Mention, trigger: Token, words: ClauseWords) -> bool:
    """The mention is the object itself ("seized Crimea"), not a possessor inside it ("seized
    Russia's assets") nor a bystander."""
    return any(mention.start <= token.idx < mention.end for token in _target_tokens(trigger, words))


def _extent(trigger: Token, match: ActionMatch, actor_token: Token | None) -> tuple[int, int]:
    """The claim's span: the act with its own words, its doer and what it befalls, as the
    corpus's guideline spans it (not the clauses or other acts hung on it)."""
    doc = trigger.doc
    start = _start(trigger, match, actor_token)
    end = max(doc[match.end - 1].i, _core_end(trigger))
    end = min(end, trigger.sent.end - 1, match.end - 1 + 30)
    while end > start and (doc[end].is_punct or doc[end].is_space or doc[end].dep_ == "cc"):
        end -= 1  # and the "and" of a verb joined after it
    # A noun's left edge may be the dash, comma or "and" the parse hangs on it («Цель — захват
    # Киева», «ракетных атак и атак беспилотников»).
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc"):
        start += 1
    return doc[start].idx, doc[end].idx + len(doc[end])


def _start(trigger: Token, match: ActionMatch, actor_token: Token | None) -> int:
    """The first word of the claim's span (before trimming)."""
    first = trigger.doc[match.start]
    start = first.left_edge.i if trigger.pos_ != "VERB" else first.i
    verb = trigger.head if trigger.dep_ in ("dobj", "nsubjpass") else trigger
    if verb.dep_ == "conj" and verb.pos_ == "VERB":
        # A verb joined after another starts at its own negation, auxiliary or adverb («и не
        # воюет»); a noun's, at its verb («и примет ответные меры»).
        own = [ch.i for ch in verb.lefts if ch.dep_ in ("neg", "aux", "auxpass", "advmod")]
        start = min(start, verb.i, *own)
    # (The means of another act keeps its own phrase: the act it serves is a claim of its own.
    # A verb joined to another shares its subject, which stays with the first: "they invited
    # experts and sent samples" spans "sent samples" for the second act.)
    if (
        actor_token is not None
        and actor_token.i < start
        and actor_token.sent == trigger.sent
        and _means_of(trigger) is None
        and not _joined_after(trigger, actor_token)
    ):
        start = actor_token.left_edge.i
    # What the action befalls, as its grammatical subject, is part of it («8 боевиков уничтожены»).
    # (Not a relative clause's pronoun: "those who were killed" is about those.)
    for child in trigger.lefts:
        if child.dep_ in ("nsubj", "nsubjpass") and trigger.dep_ != "relcl":
            start = min(start, child.left_edge.i)
    return start


def _joined_after(trigger: Token, actor_token: Token) -> bool:
    """Whether the act's verb (the trigger or the verb its noun hangs on) is joined after
    another verb whose subject it shares: «Россия не будет смотреть ... и примет ответные
    меры» spans «примет ответные меры»."""
    verb = trigger
    while verb.pos_ != "VERB" and verb.head != verb and verb.dep_ in ("dobj", "nsubjpass"):
        verb = verb.head
    return verb.pos_ == "VERB" and verb.dep_ == "conj" and actor_token not in verb.subtree


def _core_end(trigger: Token) -> int:
    """The last word of the action's own phrase: its subtree without the clauses hung on it
    or on its words (a condition, a relative clause, what was said) and without a verb joined
    to it ("attacked and occupied"), each a claim of its own or none. Joined nouns stay: "lies
    and propaganda" is one phrase."""
    left_out: set[int] = set()
    for token in trigger.subtree:
        if token.i in left_out or token == trigger:
            continue
        if _hung_clause(token) or _joined_verb(token, trigger):
            left_out.update(t.i for t in token.subtree)
    return max(t.i for t in trigger.subtree if t.i not in left_out and not t.is_punct)


def _attrs(
    match: ActionMatch, trigger: Token, actors: list[Mention], targets: list[Mention],
    reading: StanceReading, level: int, level_rule: str, scope: Any, inferred: bool,
    lexicon: ActionLexicon,
) -> dict[str, Any]:  # fmt: skip
    action = match.action
    attrs: dict[str, Any] = {
        "stance": reading.stance,
        "stances": [reading.stance, *reading.also],
        "action": trigger.doc[match.start : match.end].text,
        "action_key": action.key,
        "plover": action.plover,
        "mode": action.mode,
        "plover_score": lexicon.score(action.plover, action.mode),
        "level": level,
        "actor": actors[0].actor_id if actors else None,
        "actor_name": actors[0].name if actors else None,
        "actor_state": actors[0].state if actors else None,
        "actor_inferred": inferred,
        "target": targets[0].actor_id if targets else None,
        "target_name": targets[0].name if targets else None,
        "target_state": targets[0].state if targets else None,
        "targets": sorted({t.actor_id for t in targets}),
        "negated": reading.negated,
        "speaker": scope.speaker,
        "section": scope.section,
        "scope": scope.key,
    }
    if reading.reported_by is not None:
        attrs["reported_speaker"] = trigger.doc[reading.reported_by].text
        attrs["reported_stance"] = reading.reported_stance
    if scope.label == "quote":
        attrs["reported_by"] = scope.reported_by
    return attrs


def _confidence(actors: list[Mention], targets: list[Mention], reading: StanceReading) -> float:
    score = 0.5 + (0.15 if actors else 0.0) + (0.1 if targets else 0.0)
    if not reading.rule.endswith("default"):
        score += 0.1
    return round(min(score, 0.9), 2)
