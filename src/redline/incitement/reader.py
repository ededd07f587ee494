"""The cue cascade of the incitement layer: one sentence of a parsed document at a time.

For a violent word (``violent_verbs``, ``violent_phrases``, ``patient_verbs``, or a noun frame
such as "death to X"), in this order:

1. **Contrasts** come first, because they look like calls: words inside quotation marks,
   clauses under a verb of saying whose subject is someone else ("they call for genocide"),
   under a verb, noun or adjective of condemnation ("I condemn those who ...", "it is wrong to
   ..."), clauses used as a subject ("threatening to kill X will get you jailed"), negated
   clauses and negative subjects ("no one should ever ..."), and questions are not calls.
2. **The frame** makes a call or a threat: a regretted missed chance ("we had a chance to hang
   ...") or "time to X"; an endorsing copula ("it would be best to X"); an imperative,
   "please" or "let's"; a wish ("I hope someone ..."); "deserve"; first-person intent or future
   ("I will / am going to / want to X") is a **threat**, and so is "you will be X-ed"; an
   obligation modal ("we should X", "X must die") is a **call**; where the claims layer reads
   the same word as advocated ("one could destroy ...") or threatened by the speaker's side, so
   is it here. Without a frame a violent word reports or predicts, and yields nothing.
3. **The target**: the verb's object (or the subject of a passive, of "die", of "deserve"),
   linked to the actors layer, else a named group (identity term, dehumanising term, a noun for
   people), else a pronoun. A verb with an everyday sense ("kill the lights") needs a person,
   a group or a place as its object; without one, the model must vouch for the sentence.
4. **The severity** is the ladder level of the claim on the same word, else the cue's level.

The words of each step come from the language's cue file (English ``data/incitement.yaml``,
Russian ``data/ru/incitement.yaml``); what Russian adds is grammar, not words in code: the
infinitive as a command («Расстрелять!»), «пусть»/«чтоб ты» wishes, the hortative «Уничтожим
их!», the perfective future of «мы» as intent, predicates with no copula («Они — нелюди»;
«Бомбить города — преступление» condemns, «Ликвидировать его — единственный выход» endorses),
slurs for nations and ethnic groups («хохлы», «русня»), an identity attack wherever used, and
calls with no violent verb: praise of a strike done («Правильно, что ударили по ...»), a strike
noun asked for («Нужен удар по ...», «Побольше бы таких прилётов по ...») or cried out, with a
weapon for the strike («Удар по Киеву!», «Сармат по Лондону!»), and verbless slogans sending
people to die («Предателей — на виселицу!»); and frames of Russian usage: advice
against taking prisoners («нет смысла брать в плен»), a fundraising appeal paying for the
violence it names («... уничтожать технику врага можно на карту 2202 ...»), the speaker's stand
«я за то, чтобы ...», a strike noun praised («Отличный прилёт по ...»), eager waiting («жду не
дождусь, когда ...»); idioms («сжечь мосты») and compounds («база данных») name no target.
Whatever the frame, "us" alone as the target is not the voice's call («они ворвались нас
убивать»).
Switches in the file's ``grammar`` turn on what only Russian needs: a named voice's direct
quotation read as its own words (``direct_speech``: the corpus credits the quoted voice's call),
a slur or monster word dying relished (``gloating_*``: «русня дохнет»), repairs of slovnet's
misreadings of short exclamations (``tagger_repairs``), the fronted object of «надо»/«нужно»
(``impersonal_modals``), animate nouns as people, objects shared by coordinated verbs, and a
modal's scope stopping at a finite clause (``strict_modal_scope``).
A sentence whose parse has a cycle in it (the Russian parser does not guarantee a tree) is
skipped: every step walks the tree.

Dehumanising terms count when said of someone (predicate, "X of Y", apposition) or, plural and
alone, of a group; an identity group among a finding's targets makes it an identity attack too;
with no cue at all, a named identity group as subject or object of a sentence the model finds
hateful is an identity attack (the model decides, see the analyzer).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from redline.attributes import ClaimAttributes
from redline.claims.stance import in_condition, own_clause
from redline.document import Document
from redline.incitement import parse
from redline.incitement.cues import Cues
from redline.incitement.targets import Target, TargetResolver
from redline.slogans import is_slogan_head

_QUOTES = '"“”«»„'
# A bank card's number (four groups of four digits): the mark of a fundraising appeal.
_CARD_NUMBER = re.compile(r"(?<!\d)\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}(?!\d)")
# How far after a sentence naming a card its number may stand (a bank's name, line breaks).
_CARD_REACH = 60
# Ladder level of words that name no violence (insults, dehumanisation): hostile rhetoric.
RHETORIC_LEVEL = 1
# Killing those who surrender is killing a group of people: rung 3 (ANNOTATION.md, section 5),
# as the file's own "take no prisoners" phrases are.
NO_QUARTER_LEVEL = 3


@lru_cache(maxsize=4096)
def _dative_nouns(word: str) -> frozenset[str]:
    """The lemmas under which pymorphy3 reads ``word`` (lower case) as a noun in the dative:
    for Russian, whose tagger (slovnet) misreads rare nouns that its lemmatiser knows."""
    from redline.russian_names import morph_analyzer

    return frozenset(
        p.normal_form
        for p in morph_analyzer().parse(word)
        if {"NOUN", "datv"} <= set(p.tag.grammemes)
    )


@dataclass
class Finding:
    """One cue finding before the model has scored its sentence."""

    label: str
    kind: str
    start: int
    end: int
    cue: str
    level: int
    targets: list[Target] = field(default_factory=list)
    needs_model: bool = False
    base: float = 0.75
    head: int = -1
    claim_stance: str | None = None  # the claims layer's stance on the same word, if it has one
    # Kept without the model's corroboration where no model scores the language (a hostile
    # word said of a named group: "I hate X"); other findings that need the model are not.
    stands_alone: bool = False


class SentenceReader:
    """The cue cascade over the parse of one document (see the module docstring)."""

    def __init__(self, document: Document, parsed: SpacyDoc, cues: Cues):
        self.document = document
        self.doc = parsed
        self.cues = cues
        self.grammar = cues.grammar
        self.targets = TargetResolver(document, parsed, cues)
        # Direct speech of named voices (the voices layer's quotes), where the language's file
        # reads it as that voice's own words.
        self.quotes = (
            sorted((s.start, s.end) for s in document.layer("voices") if s.label == "quote")
            if self.grammar.direct_speech
            else []
        )
        # The negation a phrase holds itself («пленных не брать»), by the verb it negates: not
        # a negated call.
        self.own_negation: dict[int, int] = {}
        # Capture verbs a dissuasion heads («нет смысла брать в плен»), by index: its words.
        self.dissuaded: dict[int, list[Token]] = {}

    def sentence(self, start: int, end: int) -> list[Finding]:
        tokens = self.doc.char_span(start, end, alignment_mode="expand")
        if tokens is None or not len(tokens):
            return []
        if not parse.is_tree(list(tokens)):
            return []
        findings: list[Finding] = []
        taken: set[int] = set()
        for token in tokens:
            if token.i in taken:
                continue
            found = (
                self._violence(token, start, end)
                or self._noun_frame(token, start, end)
                or self._strike_noun(token, start, end)
                or self._destination(token, start, end)
            )
            if found is not None:
                taken.add(found.head)
                if not self._joined(found, findings):
                    findings.append(found)
        findings.extend(self._dehumanization(tokens, start, end))
        findings.extend(self._identity_attacks(findings, tokens, start, end))
        # Dehumanising words name no violence (hostile rhetoric) unless the sentence calls for it.
        violent = max(
            (f.level for f in findings if f.label in ("call_to_violence", "threat")),
            default=RHETORIC_LEVEL,
        )
        for finding in findings:
            if finding.label in ("dehumanization", "identity_attack"):
                finding.level = max(finding.level, violent)
        return findings

    def _joined(self, found: Finding, findings: list[Finding]) -> bool:
        """Where the language's file says so, a violent verb coordinated with one already
        found under the same label is one act of the same call («уничтожать как крыс и не брать
        в плен»): the earlier finding grows to cover it, and True."""
        if not self.grammar.one_call_per_series:
            return False
        chain = parse.chain(self.doc[found.head])
        for earlier in findings:
            if earlier.label == found.label and self.doc[earlier.head] in chain:
                earlier.start = min(earlier.start, found.start)
                earlier.end = max(earlier.end, found.end)
                earlier.targets = earlier.targets + found.targets
                earlier.level = max(earlier.level, found.level)
                # «расстрелять и закопать всех предателей»: the target one verb names makes the
                # whole series identifiable.
                earlier.needs_model = earlier.needs_model and found.needs_model
                return True
        return False

    # -- violent verbs ----------------------------------------------------------------------

    def _trigger(self, token: Token) -> tuple[str, int, bool] | None:
        """(cue, level, person_only) when ``token`` heads a violent action."""
        lemma, lower = token.lemma_.lower(), token.lower_
        negations = self.grammar.negations
        for words, level, cue in self.cues.phrases:
            negated = next((k for k, w in enumerate(words[:-1]) if w in negations), None)
            if negated is None:
                if words[0] in (lemma, lower) and parse.phrase_at(token, words):
                    return cue, level, False
                continue
            # A phrase whose violence is a negation («не брать в плен») triggers on the verb
            # after its negation; the phrase may start before it («пленных не брать»).
            begin = token.i - negated - 1
            if (
                words[negated + 1] in (lemma, lower)
                and begin >= token.sent.start
                and parse.phrase_at(token.doc[begin], words)
            ):
                self.own_negation[token.i] = begin + negated
                return cue, level, False
        if any(parse.phrase_at(token, idiom) for idiom in self.cues.idioms):
            return None
        dissuasion = self._dissuasion(token)
        if dissuasion is not None:
            self.dissuaded[token.i] = dissuasion
            negation = next((t.i for t in dissuasion if t.lower_ in negations), None)
            if negation is not None:
                self.own_negation[token.i] = negation
            return "phrase:no_quarter", NO_QUARTER_LEVEL, False
        verb = self.cues.violent_verbs.get(lemma) or self.cues.violent_verbs.get(lower)
        # A lemmatiser that reads the word alone (pymorphy3) took it for a verb of the lexicon
        # where the tagger, on a short exclamation, did not («Орки сдохли!» tagged a noun).
        verbal = token.pos_ in ("VERB", "AUX") or (
            self.grammar.tagger_repairs and lemma != lower and token.pos_ != "PROPN"
        )
        if verb is not None and (verbal or parse.sentence_initial(token, self.grammar)):
            return f"verb:{lemma if lemma in self.cues.violent_verbs else lower}", verb[0], verb[1]
        if lemma in self.cues.patient_verbs and (
            token.pos_ == "VERB" or (verbal and self.grammar.tagger_repairs)
        ):
            return f"verb:{lemma}", self.cues.patient_verbs[lemma], False
        return None

    def _object(self, child: Token) -> bool:
        """A direct object, or (where the file repairs the tagger) a "subject" the tagger itself
        put in the accusative («Всех предателей нужно расстрелять», «этот Киев»)."""
        return child.dep_ == "dobj" or (
            self.grammar.tagger_repairs and child.dep_ == "nsubj" and parse.accusative(child)
        )

    def _dissuasion(self, token: Token) -> list[Token] | None:
        """«Нет смысла брать в плен», «незачем брать их в плен»: the words that advise against
        taking prisoners, right before the capture phrase ``token`` opens (one pronoun may stand
        between), if any: killing those who surrender, asked for as «пленных не брать» is."""
        grammar = self.grammar
        if not any(parse.phrase_at(token, words) for words in grammar.capture_phrases):
            return None
        doc = token.doc
        for gap in (0, 1):
            end = token.i - gap
            if gap and (end <= token.sent.start or doc[end].pos_ != "PRON"):
                continue
            for words in grammar.dissuasions:
                begin = end - len(words)
                if begin >= token.sent.start and tuple(t.lower_ for t in doc[begin:end]) == words:
                    return list(doc[begin:end])
        return None

    def _violence(self, token: Token, start: int, end: int) -> Finding | None:
        trigger = self._trigger(token)
        if trigger is None:
            return None
        cue, level, person_only = trigger
        if self._contrast(token):
            return None
        frame = self._frame(token)
        if frame is None:
            return None
        label, kind, frame_tokens = frame
        # A phrase's object may hang on its noun: «нанести удар по Киеву».
        targets = self.targets.of_verb(token, kind, nested=cue.startswith("phrase:"))
        if self.grammar.tagger_repairs and all(t.kind == "thing" for t in targets):
            targets = self.targets.lost_object(token) or targets
        if (
            token.lemma_.lower() in self.cues.patient_verbs
            and not targets
            and token.lemma_.lower() not in self.cues.violent_verbs
        ):
            return None
        # A voice does not call for violence against itself: "us" as the only target is what
        # others do or want («они ворвались нас убивать»), however the parse hung the verb.
        if label == "call_to_violence" and targets and all(self._own(t) for t in targets):
            return None
        # Identifiable targets: people, groups, places, institutions; "kill the lights" has none.
        identifiable = any(t.kind != "thing" for t in targets)
        if person_only and targets and not identifiable:
            return None
        # Those not taken prisoner are people, whether or not the sentence names them.
        needs_model = not identifiable and kind != "no_quarter"
        # A subject in the frame brings its whole phrase ("All gay people should be shot").
        first = min(
            [
                token.i,
                *(t.left_edge.i if t.dep_ in ("nsubj", "nsubjpass") else t.i for t in frame_tokens),
                # An object before its verb («Всех предателей нужно расстрелять»).
                *(c.left_edge.i for c in token.children if c.i < token.i and self._object(c)),
            ]
        )
        last = max([token.right_edge.i, *(t.i for t in frame_tokens)])
        if token.dep_ == "amod" and token.head.i > token.i:
            last = max(last, token.head.right_edge.i)  # a participle and the noun it describes
        start, end = self._within_quote(token, start, end)
        span_start, span_end = parse.bounded(self.doc, first, last, start, end)
        claim = self.targets.claim_on(token)
        return Finding(
            label,
            kind,
            span_start,
            span_end,
            f"{cue}|frame:{kind}",
            self.targets.level(token, level, targets),
            targets,
            needs_model=needs_model,
            base=0.8 if identifiable else 0.6,
            head=token.i,
            claim_stance=ClaimAttributes.read(claim).stance if claim is not None else None,
        )

    def _noun_frame(self, token: Token, start: int, end: int) -> Finding | None:
        """Nominal calls: "Death to X", "execution is the only solution for X", "I call for the
        extermination of X"."""
        key = token.lemma_.lower()
        if (
            key not in self.cues.violent_nouns
            or token.pos_ not in ("NOUN", "PROPN")
            or self._contrast(token)
        ):
            return None
        level = self.cues.violent_nouns[key]
        objects: list[Token] = []
        kind = ""
        grammar = self.grammar
        preps = {c.lower_: c for c in token.children if c.dep_ == "prep"}
        # Russian puts the target in a case: «Смерть оккупантам!» (dative), «уничтожения
        # нацистов» (genitive).
        arguments = [c for c in token.children if c.dep_ in grammar.noun_argument_deps]
        death_to = [p for word, prep in preps.items() if word in grammar.death_to_preps
                    for p in parse.pobjs(prep)]  # fmt: skip
        death_to += [
            c
            for c in (token.children if grammar.tagger_repairs else arguments)
            if ("Dat" in c.morph.get("Case", []) and c.pos_ in ("NOUN", "PROPN", "PRON"))
            or (
                grammar.tagger_repairs
                and c.pos_ not in ("NOUN", "PROPN", "PRON")
                and self._misread_people(c)
            )
        ]
        head = token.head
        # «Смерть хохлам!» parsed the other way round: the dative as the root, «смерть» its
        # subject, or its object where the parse took the dative for a verb («Смерть
        # ворогам!», «ворогам» re-tagged a noun); or such a noun the tagger left a verb, a word
        # the lexicon names people by, not as its lemma.
        if (
            grammar.tagger_repairs
            and not death_to
            and token.dep_ in ("nsubj", "dobj")
            and head.dep_ == "ROOT"
            and token.i == token.sent.start
            and (
                "Dat" in head.morph.get("Case", [])
                or (head.pos_ not in ("NOUN", "PROPN", "PRON") and self._misread_people(head))
            )
        ):
            death_to = [head]
        if death_to and (token.dep_ == "ROOT" or token.i == token.sent.start):
            kind, objects = "death_to", death_to
        elif token.dep_ in ("nsubj", "attr") and any(
            c.lemma_.lower() in self.cues.solution_nouns
            for c in head.children
            if c.dep_ in ("attr", "nsubj") and c is not token
        ):
            kind = "solution"
            for noun in [
                token,
                *(c for c in head.children if c.lemma_.lower() in self.cues.solution_nouns),
            ]:
                objects += [
                    p
                    for prep in noun.children
                    if prep.dep_ == "prep" and prep.lower_ in grammar.solution_preps
                    for p in parse.pobjs(prep)
                ]
        elif (
            token.dep_ == "nsubj"
            and head.lemma_.lower() in grammar.need_predicates
            and not any(c.dep_ == "neg" for c in head.children)
            # (not «была необходима»: a need that was, justifying a deed done)
            and not any(
                "Past" in c.morph.get("Tense", [])
                for c in head.children
                if c.dep_ in ("aux", "cop")
            )
        ) or (
            token.dep_ in grammar.noun_argument_deps and head.lemma_.lower() in grammar.need_nouns
        ):
            # «Необходима ликвидация террористов», «о необходимости уничтожения ...»: the act
            # said to be needed is asked for; its people are in its genitive.
            kind, objects = "needed", arguments
        elif token.dep_ in ("dobj", "pobj") or (
            # «достойны смерти»: the parse hangs the deserved noun on the adjective as a modifier
            token.dep_ == "nmod" and head.lemma_.lower() in grammar.deserve_verbs
        ):
            verb = head.head if token.dep_ == "pobj" else head
            subject = parse.subject(verb)
            own = self._speaker(subject, verb)
            verb_lemma = verb.lemma_.lower()
            deserve = verb_lemma in grammar.deserve_verbs
            if verb_lemma in grammar.demand_verbs and (
                own or parse.imperative(verb, grammar) or deserve
            ):
                kind = "demand"
                if deserve and subject is not None:
                    objects = [subject]
                for prep in token.children:
                    if prep.dep_ == "prep" and prep.lower_ in grammar.demand_preps:
                        objects += parse.pobjs(prep)
                objects += arguments
        if not kind and self._donation(token) is not None:
            kind, objects = "fundraising", arguments
        if not kind:
            return None
        targets = [self.targets.resolve(o) for o in objects]
        if kind == "fundraising":
            # «Помочь в уничтожении техники врага можно на карту ...»: the enemy's forces are
            # targets enough, as for a violent verb; the call is the noun's own phrase.
            if not any(t.kind != "thing" for t in targets):
                return None
            return self._noun_call(
                token,
                kind,
                (token.i, token.right_edge.i),
                (start, end),
                self.targets.level(token, level, targets),
                targets,
            )
        human = any(t.human for t in targets)
        return self._noun_call(
            token,
            kind,
            (token.sent.start, token.sent.end - 1),
            (start, end),
            self.targets.level(token, level, targets),
            targets,
            base=0.8 if human else 0.55,
            needs_model=not human,
        )

    def _misread_people(self, token: Token) -> bool:
        """Whether ``token`` is a noun of people in the dative that the tagger took for another
        part of speech («Смерть ворогам!», «ворогам» a verb): the lexicon names people by its
        lemma, and the lemmatiser (pymorphy3, which reads the word alone) has a dative noun
        reading of it under that lemma."""
        lemma = token.lemma_.lower()
        named = lemma in self.cues.person_nouns or any(
            parse.lookup([lemma], table) is not None
            for table in (self.cues.dehumanizing, self.cues.identity)
        )
        return named and lemma != token.lower_ and lemma in _dative_nouns(token.lower_)

    def _noun_call(
        self,
        token: Token,
        kind: str,
        words: tuple[int, int],
        bounds: tuple[int, int],
        level: int,
        targets: list[Target],
        base: float = 0.8,
        needs_model: bool = False,
    ) -> Finding:
        """A call cued by the noun ``token`` in frame ``kind``, over the ``words`` (first, last
        token) kept inside ``bounds`` and the quotation holding the noun."""
        start, end = self._within_quote(token, *bounds)
        span_start, span_end = parse.bounded(self.doc, *words, start, end)
        return Finding(
            "call_to_violence",
            kind,
            span_start,
            span_end,
            f"noun:{token.lemma_.lower()}|frame:{kind}",
            level,
            targets,
            needs_model=needs_model,
            base=base,
            head=token.i,
        )

    def _strike_noun(self, token: Token, start: int, end: int) -> Finding | None:
        """A strike named by a noun and asked for: «Нужен ядерный удар по Вашингтону», «Удар по
        Лондону необходим», «Побольше бы таких ударов по Киеву», or cried out with no verb
        («Удар по Киеву!», «Сармат по Лондону!»: the weapon names the strike). A strike noun
        anywhere else reports or predicts («удар по Киеву был нанесён ночью»)."""
        grammar = self.grammar
        key = token.lemma_.lower()
        if key not in self.cues.strike_nouns or token.pos_ not in ("NOUN", "PROPN"):
            return None
        head = token.head
        needed = token.dep_ == "nsubj" and head.lemma_.lower() in grammar.need_predicates
        # «(По)больше бы таких ударов по ...»: a wished-for quantity, in the genitive.
        before = token.doc[token.sent.start : token.i]
        more = (
            "Gen" in token.morph.get("Case", [])
            and any(t.lemma_.lower() in grammar.more_words for t in before)
            and any(t.lower_ in grammar.wish_auxiliaries for t in before)
        )
        # «Отличный прилёт по Харькову»: a strike praised by its adjective is endorsed.
        praised = any(
            c.dep_ == "amod" and c.lemma_.lower() in grammar.praise_adjectives
            for c in token.children
        )
        if not (needed or more or praised or is_slogan_head(token)) or self._contrast(head):
            return None
        if any(c.dep_ == "neg" for c in head.children):
            return None
        targets = [
            self.targets.resolve(o)
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ in grammar.target_preps
            for o in parse.pobjs(prep)
        ]
        if not any(t.kind != "thing" for t in targets):
            return None
        return self._noun_call(
            token,
            "needed" if needed else "wish" if more else "praise" if praised else "slogan",
            (min(token.left_edge.i, head.i), max(token.right_edge.i, head.i)),
            (start, end),
            self.targets.level(token, self.cues.strike_nouns[key], targets),
            targets,
        )

    def _destination(self, token: Token, start: int, end: int) -> Finding | None:
        """A verbless slogan sending people to their death: «Предателей — на виселицу!»,
        «Всех коллаборантов надо к стенке». A verb in the sentence makes it a statement of
        what was done («его отправили на виселицу»), left to the verb cues."""
        grammar = self.grammar
        key = token.lemma_.lower()
        level = self.cues.death_destinations.get(key) or self.cues.death_destinations.get(
            token.lower_
        )
        prep = token.head
        if (
            level is None
            or token.dep_ != "pobj"
            or prep.lower_ not in grammar.destination_preps
            or any(
                t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in grammar.lemma_modals
                for t in token.sent
            )
            or self._contrast(prep.head)
            or any(c.dep_ == "neg" for c in prep.head.children)
        ):
            return None
        people = [
            self.targets.resolve(t)
            for t in token.doc[token.sent.start : prep.i]
            if t.pos_ in ("NOUN", "PROPN", "PRON") and t.dep_ != "pobj"
        ]
        targets = [t for t in people if t.human and t.kind != "thing"]
        if not targets:
            return None
        return self._noun_call(
            token,
            "sent_to_death",
            (token.sent.start, token.sent.end - 1),
            (start, end),
            level,
            targets,
        )

    def _nominal_predicate(self, verb: Token) -> Token | None:
        """What an infinitive is said to be, with no copula: «Бомбить города — преступление»
        (a dash, parsed as parataxis), «Ликвидировать его — единственный выход» (the infinitive
        the subject of the noun)."""
        if not self.grammar.nominal_predicates or "Inf" not in verb.morph.get("VerbForm", []):
            return None
        if verb.dep_ == "csubj":
            return verb.head
        return next(
            (
                c
                for c in verb.children
                if c.dep_ == "parataxis"
                and c.i > verb.i
                and any(t.text in "—–-" for t in verb.doc[verb.i : c.i])
            ),
            None,
        )

    def _contrast(self, token: Token) -> bool:
        """Quoted, reported, condemned, negated, asked or used as a topic: not the speaker's
        call."""
        sentence = token.sent
        quote = self._direct_quote(token)
        # Inside direct speech the marks are counted from the quotation's start: a quotation
        # within it still quotes.
        before = self.document.text[
            max(sentence.start_char, quote[0]) if quote else sentence.start_char : token.idx
        ]
        if sum(before.count(q) for q in _QUOTES) % 2 == 1:
            return True
        if parse.is_question(token, self.grammar):
            return True
        chain = parse.chain(token)
        if any(
            (c.dep_ == "neg" and c.i != self.own_negation.get(token.i) and not self._eager(v))
            or (c.lower_ in self.grammar.negating_adverbs and c.dep_ == "advmod")
            for v in chain
            for c in v.children
        ):
            return True
        subject = parse.subject(token)
        if subject is not None and parse.negative_subject(subject, self.cues):
            return True
        predicate = self._nominal_predicate(chain[-1])
        if predicate is not None and predicate.lemma_.lower() in (
            self.cues.condemn_nouns | self.cues.condemn_adjectives
        ):
            return True
        if predicate is not None and self._solution(predicate):
            return False
        beside = self._beyond_parataxis(chain[-1])
        for node in [*chain, *list(chain[-1].ancestors)[:6]]:
            if quote and not quote[0] <= node.idx < quote[1]:
                break  # the words that frame a direct quotation are not the voice's own
            lemma = node.lemma_.lower()
            # «Хватит жалеть их — пора бить по Киеву»: a clause set beside another condemns
            # nothing in it; only a verb of saying before it («Он заявил: ...») frames it.
            if node.i in beside and lemma not in self.cues.reporting_verbs:
                continue
            if node is not token and node.dep_ in ("csubj", "csubjpass"):
                return True
            if node is not token and lemma in self.cues.condemn_verbs and node.pos_ == "VERB":
                return True
            if node is not token and lemma in self.cues.condemn_nouns and node.pos_ == "NOUN":
                return True
            if (
                node is not token
                and lemma in self.cues.reporting_verbs
                and node.pos_ in ("VERB", "AUX")
                and node not in chain[:1]
            ):
                speaker = parse.subject(node)
                if not self._speaker(speaker, node) and not (
                    lemma in self.grammar.own_wish_verbs and self._first_person(speaker, node)
                ):
                    return True
            if node is not token and (lemma in self.grammar.copulas or node.pos_ == "AUX"):
                complements = [c for c in node.children if c.dep_ in ("acomp", "attr")]
                if any(
                    c.lemma_.lower() in self.cues.condemn_adjectives
                    or c.lemma_.lower() in self.cues.condemn_nouns
                    for c in complements
                ):
                    return True
                if any(c.dep_ == "neg" for c in node.children) and any(
                    c.lower_ in self.grammar.acceptable for c in complements
                ):
                    return True
        return False

    @staticmethod
    def _beyond_parataxis(top: Token) -> set[int]:
        """The ancestors of a clause the parse sets beside another (after a dash, a colon or a
        comma): the other clause's words, which frame nothing in this one."""
        node = top
        while node.dep_ not in ("parataxis", "ROOT") and node.head.i != node.i:
            node = node.head
        return {a.i for a in node.ancestors} if node.dep_ == "parataxis" else set()

    def _eager(self, verb: Token) -> bool:
        """«(Жду) не дождусь, когда ...»: the speaker's own negated waiting is eagerness, not a
        negation of what is waited for."""
        return verb.lemma_.lower() in self.grammar.eager_negations and parse.person(verb) == "1"

    def _direct_quote(self, token: Token) -> tuple[int, int] | None:
        """The direct quotation of a named voice that ``token`` stands in, if any."""
        at = bisect.bisect_right(self.quotes, (token.idx, len(self.document.text) + 1)) - 1
        if at >= 0 and self.quotes[at][0] <= token.idx < self.quotes[at][1]:
            return self.quotes[at]
        return None

    def _within_quote(self, token: Token, start: int, end: int) -> tuple[int, int]:
        """The sentence's bounds, narrowed to the direct quotation ``token`` stands in: the
        words that frame it («— заявил депутат») are not part of the call."""
        quote = self._direct_quote(token)
        return (max(start, quote[0]), min(end, quote[1])) if quote else (start, end)

    def _frame(self, token: Token) -> tuple[str, str, list[Token]] | None:
        """(label, frame kind, the frame's own tokens) when the clause calls for or threatens it."""
        grammar = self.grammar
        chain = own_clause(parse.chain(token))
        subject = parse.subject(token, grammar.tagger_repairs)
        modals = parse.modals(chain, grammar)
        lemma = token.lemma_.lower()
        if token.i in self.dissuaded:
            return "call_to_violence", "no_quarter", self.dissuaded[token.i]
        # A regretted missed chance or "time to X" endorses X in ordinary usage ("we should have
        # bombed them when we had the chance", "it is time to ..."); only violent verbs reach here.
        for node in chain:
            if (
                node.dep_ in ("acl", "relcl")
                and node.head.lemma_.lower() in self.cues.opportunity_nouns
            ):
                noun = node.head
                return (
                    "call_to_violence",
                    "time_to" if noun.lemma_.lower() in grammar.time_nouns else "missed_chance",
                    [noun.head if noun.head.i < noun.i else noun, noun],
                )
            if node.dep_ in ("xcomp", "advcl") and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in grammar.time_nouns
                for c in node.head.children
            ):
                return "call_to_violence", "time_to", [node.head]
        if (
            any(m.lower_ in grammar.regret_modals for m in modals)
            and any(
                c.lower_ in grammar.regret_auxiliaries and c.dep_ == "aux" for c in token.children
            )
            and token.tag_ == "VBN"
        ):
            return "call_to_violence", "regret", modals
        top = chain[-1]
        praise = self._praise(chain)
        if praise is not None:
            return "call_to_violence", "praise", [praise]
        stand = self._in_favour(chain)
        if stand:
            return "call_to_violence", "endorsement", stand
        predicate = self._nominal_predicate(top)
        if predicate is not None and self._solution(predicate):
            return "call_to_violence", "endorsement", [predicate]
        # An endorsing copula: "it would be best to X", "it's in everybody's interest to X".
        for node in [top, top.head]:
            if node.lemma_ in grammar.copulas and any(
                c.lemma_.lower() in self.cues.endorsing for c in node.subtree if c.i < token.i
            ):
                return "call_to_violence", "endorsement", [node]
        # The speaker's own "would": «Сжечь бы ...», «Я бы их всех расстрелял» (not inside a
        # condition: «мы бы ответили, если бы ...»).
        wish_aux = [
            c for v in chain for c in v.children
            if c.dep_ == "aux" and c.lower_ in grammar.wish_auxiliaries
        ]  # fmt: skip
        if (
            wish_aux
            and (subject is None or self._first_person(subject, token))
            and not any(t.lower_ in grammar.conditional_marks for t in token.sent)
        ):
            return "call_to_violence", "wish", [*wish_aux, *([subject] if subject else [])]
        # Imperatives and "let's" (Russian: «Давайте уничтожим», «Уничтожим их!»); a violent
        # verb the tagger misread that opens an exclamation («Бей москалей!», «Бей» a noun).
        if (
            (
                grammar.tagger_repairs
                and token.pos_ not in ("VERB", "AUX")
                and parse.opens_exclamation(token, grammar)
            )
            or parse.imperative(top, grammar)
            or parse.imperative(token, grammar)
            or parse.hortative(token)
        ):
            extra = [
                t
                for t in self.doc[token.sent.start : token.i]
                if t.lower_ in grammar.imperative_particles
            ]
            return (
                "call_to_violence",
                "please" if any(t.lower_ in grammar.politeness for t in extra) else "imperative",
                extra,
            )
        # Wishes: "I hope someone shoots him", "I would love to see them suffer", "if only someone
        # would".
        for ancestor in list(token.ancestors)[:5]:
            # «Хочу увидеть, как ...»: the wish may be the auxiliary of the verb it governs.
            node = next(
                (
                    c
                    for c in ancestor.children
                    if c.dep_ == "aux" and c.lemma_.lower() in self.cues.wish_verbs
                ),
                ancestor,
            )
            if node.lemma_.lower() in self.cues.wish_verbs and node.pos_ == "VERB":
                wisher = parse.subject(node)
                if wisher is not None and wisher.pos_ in ("VERB", "AUX"):
                    # «Жду не дождусь, когда ...»: the parse made one verb the other's subject.
                    wisher = None
                # An unsaid wisher is the speaker, unless the verb says another person.
                if (
                    parse.person(node) in (None, "1")
                    if wisher is None
                    else self._first_person(wisher, node)
                    or wisher.lower_ in grammar.generic_subjects
                ):
                    if node.lemma_.lower() in grammar.seeing_wish_verbs and not any(
                        a.lemma_ in grammar.see_verbs for a in token.ancestors
                    ):
                        break
                    return (
                        "call_to_violence",
                        "wish",
                        [node, *([wisher] if wisher is not None else [])],
                    )
        sentence_start = self.doc[token.sent.start : token.i].text.lower()
        if any(
            re.search(r"(?<!\w)" + re.escape(marker) + r"(?!\w)", sentence_start)
            for marker in grammar.wish_markers
        ):
            return "call_to_violence", "wish", []
        deserve = parse.deserving(token, grammar.deserve_verbs)
        if deserve is not None:
            return "call_to_violence", "deserve", [deserve]
        call_modal = [
            m
            for m in modals
            if parse.modal_key(m, grammar) in self.cues.call_modals
            and (not grammar.strict_modal_scope or parse.governs(m, chain))
        ]
        threat_modal = [m for m in modals if parse.modal_key(m, grammar) in self.cues.threat_modals]
        intent = next(
            (
                v
                for v in chain[1:]
                if v.lemma_.lower() in self.cues.intent_verbs or v.lower_ in self.cues.intent_verbs
            ),
            None,
        )
        first_person = self._first_person(subject, chain[-1])
        future = parse.future(chain, grammar)
        # Threats: the speaker's own intent or future ("I will", "I'm going to", "I want to",
        # «уничтожим»).
        if first_person and (
            threat_modal or intent is not None or parse.going_to(chain, grammar) or future
        ):
            return (
                "threat",
                "intent",
                [*([subject] if subject else []), *threat_modal, *([intent] if intent else [])],
            )
        # Obligation: "we should X", "X must die", "X should be shot", "someone should X"; not
        # inside a condition, whose act is imagined («Стоит им только ударить по Крыму, как
        # ...», "if we must strike them, ...").
        if call_modal and not in_condition(token):
            return (
                "call_to_violence",
                "obligation",
                [*call_modal, *([subject] if subject is not None else [])],
            )
        # "You will be X-ed", "you will die", "X will die at my hands": announced violence.
        if (
            subject is not None
            and subject.lower_ in grammar.second_person
            and (threat_modal or parse.going_to(chain, grammar) or future)
            and (parse.passive(token) or lemma in self.cues.patient_verbs)
        ):
            return "threat", "announced", [subject, *threat_modal]
        if (
            (threat_modal or future)
            and lemma in self.cues.patient_verbs
            and any(
                t.lower_ in grammar.first_person_possessives
                or t.lemma_.lower() in grammar.first_person_possessives
                for t in token.subtree
            )
        ):
            return "threat", "announced", threat_modal
        donation = self._donation(token)
        if donation is not None:
            return "call_to_violence", "fundraising", []
        if self._gloat(token, subject):
            return "call_to_violence", "gloat", [subject] if subject is not None else []
        # The claims layer's stance reader knows more frames ("one could destroy X" advocates,
        # "we will strike" threatens); its reading of the same word is taken over.
        claim = self.targets.claim_on(token)
        read = ClaimAttributes.read(claim) if claim is not None else None
        if read is not None and not read.negated:
            agent = [subject] if subject is not None else []
            if read.stance == "advocate":
                return "call_to_violence", "advocated", agent
            if read.stance == "threaten":
                return "threat", "threatened", agent
        return None

    def _donation(self, token: Token) -> list[Token] | None:
        """«Помочь бойцам уничтожать технику врага можно на карту 2202 ...»: money asked for in
        the sentence (a card number or a word of the language's ``donation_words``) endorses the
        violence it is to pay for (the purpose of the help asked, ``_paid_for``); the donation
        words found (none for a bare number), or None."""
        grammar = self.grammar
        if not grammar.donation_words or self._paid_for(token) is None:
            return None
        sentence = token.sent
        found = [t for t in sentence if {t.lemma_.lower(), t.lower_} & grammar.donation_words]
        if found or _CARD_NUMBER.search(sentence.text):
            return found
        # «... можно на карту\nСбер\n 2202 ...»: a post puts the number on a line of its own,
        # right after the sentence that names the card.
        after = self.document.text[sentence.end_char : sentence.end_char + _CARD_REACH]
        card = [t for t in sentence if t.lemma_.lower() in grammar.card_words]
        return card if card and _CARD_NUMBER.search(after) else None

    def _paid_for(self, token: Token) -> Token | None:
        """The word of the appeal whose purpose ``token`` is: a verb of helping or collecting
        with ``token`` as its infinitive («помочь уничтожать»), in its «в»/«на» phrase through
        the nouns of that phrase («помочь в уничтожении техники») or in its purpose clause
        («собираем, чтобы жечь танки»); or, where a post's line break split the help verb off,
        the verbless root of a «в»/«на» phrase holding it («... в уничтожении техники нацистов
        можно на карту»). Not the people helped («помогите жителям города, который
        обстреливают»), nor what they suffered («пострадавшим от обстрела»), nor an act told
        in the indicative («... в Донецке, где уничтожили больницу»)."""
        grammar = self.grammar
        if "Ind" in token.morph.get("Mood", []):
            return None
        node, purpose_phrase = token, False
        for _ in range(12):
            head = node.head
            if head.i == node.i:
                verbless = node.i != token.i and node.pos_ not in ("VERB", "AUX")
                return node if verbless and purpose_phrase else None
            if node.i != token.i and (
                node.pos_ not in ("NOUN", "PROPN", "ADP")
                or (node.pos_ == "ADP" and node.lower_ not in grammar.purpose_preps)
            ):
                return None
            purpose_phrase = purpose_phrase or node.pos_ == "ADP"
            if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in grammar.help_verbs:
                marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
                purpose = (
                    node.dep_ == "xcomp"
                    or (node.dep_ == "prep" and node.lower_ in grammar.purpose_preps)
                    or bool(marks & grammar.purpose_marks)
                )
                return head if purpose else None
            node = head
        return None

    def _own(self, target: Target) -> bool:
        """Whether ``target`` is the speaker's own side named by a first-person pronoun."""
        return target.kind == "pronoun" and (target.name or "").lower() in self.grammar.first_person

    def _praise(self, chain: list[Token]) -> Token | None:
        """«Правильно, что ударили по Киеву», «Молодцы, что накрыли колонну», «Правильно
        сделали, что разбомбили»: a clause of «что» under a word of praise (or under a verb the
        praise modifies) endorses the act it reports; «неправильно», «не молодцы» do not."""
        grammar = self.grammar
        for node in chain:
            head = node.head
            marked = any(
                c.dep_ == "mark" and c.lower_ in grammar.praise_marks for c in node.children
            )
            if head is node or not marked:
                continue
            for word in [head, *(c for c in head.children if c.dep_ == "advmod")]:
                if (
                    word.lower_ in grammar.praise_words
                    or word.lemma_.lower() in grammar.praise_words
                ) and not any(c.dep_ == "neg" for c in [*word.children, *head.children]):
                    return word
        return None

    def _in_favour(self, chain: list[Token]) -> list[Token]:
        """«Я за то, чтобы ударить по Лондону», «Мы только за то, чтобы ...»: the speaker's
        stand for a purpose clause endorses its act; the stand's words («Я», «за то»), or none
        («Он за то, чтобы ...» reports another's)."""
        grammar = self.grammar
        for node in chain:
            marks = [c for c in node.children if c.dep_ == "mark"]
            mark = next((c for c in marks if c.lower_ in grammar.purpose_marks), None)
            if mark is None:
                continue
            before = [t for t in node.doc[node.sent.start : mark.i] if not t.is_punct]
            for words in grammar.stand_phrases:
                stand = before[-len(words) :]
                if tuple(t.lower_ for t in stand) != words:
                    continue
                speaker = [t for t in before if t.lower_ in grammar.speaker_subjects]
                others = [t for t in before if t.dep_ == "nsubj" and t not in speaker]
                if speaker and not others:
                    return [*speaker, *stand]
        return []

    def _solution(self, predicate: Token) -> bool:
        """Whether a nominal predicate endorses its subject as the way out: «... — единственный
        выход», «... — лучшее решение» (a bare «решение» may only describe)."""
        return predicate.lemma_.lower() in self.cues.solution_nouns and any(
            c.lemma_.lower() in self.cues.endorsing for c in predicate.children
        )

    def _gloat(self, token: Token, subject: Token | None) -> bool:
        """«Русня дохнет», «орки сдохли»: people named by a slur or a dehumanising term of the
        language's gloating families as the subject of a verb of dying, in the voice's own
        words, is the death relished, not reported."""
        families = self.grammar.gloating_families
        if subject is None or token.lemma_.lower() not in self.grammar.gloating_verbs:
            return False
        hit = parse.lookup([subject.lower_], self.cues.dehumanizing) or parse.lookup(
            [subject.lemma_.lower()], self.cues.dehumanizing
        )
        return hit is not None and hit[1] in families

    def _first_person(self, subject: Token | None, verb: Token) -> bool:
        """Whether the clause's subject is "I/we" (or, unsaid, the verb is first person)."""
        if subject is None:
            return parse.person(verb) == "1"
        return subject.lower_ in self.grammar.first_person

    def _speaker(self, subject: Token | None, verb: Token) -> bool:
        """Whether the speaker is the clause's subject: "I/we", or a first-person verb alone."""
        if subject is None:
            return parse.person(verb) == "1"
        return subject.lower_ in self.grammar.speaker_subjects

    # -- dehumanisation -----------------------------------------------------------------------

    def _terms(
        self, tokens: Any, i: int, table: dict[tuple[str, ...], str]
    ) -> tuple[tuple[str, ...], str] | None:
        """The longest term of ``table`` at token ``i``, by words, else (in an inflecting
        language) by lemmas: «хохлов» is «хохол»."""
        hit = parse.lookup([t.lower_ for t in tokens[i : i + 4]], table, anchored=True)
        if hit is None and self.grammar.match_lemmas:
            hit = parse.lookup([t.lemma_.lower() for t in tokens[i : i + 4]], table, anchored=True)
        return hit

    def _dehumanization(self, tokens: Any, start: int, end: int) -> list[Finding]:
        findings: list[Finding] = []
        i = 0
        while i < len(tokens):
            hit = self._terms(tokens, i, self.cues.dehumanizing)
            if hit is None:
                i += 1
                continue
            term, family = hit
            if family in self.grammar.slur_families:
                slur = self._slur(tokens[i : i + len(term)], term, family, start, end)
                findings.extend([slur] if slur is not None else [])
                i += len(term)
                continue
            term_tokens = tokens[i : i + len(term)]
            head = (
                term_tokens[-1]
                if term_tokens[-1].pos_ in ("NOUN", "PROPN", "ADJ")
                else term_tokens[0]
            )
            if (
                len(term) > 1
                and term_tokens[0].pos_ == "NOUN"
                and term_tokens[0].dep_ != "compound"
                and term_tokens[0].head.i > term_tokens[-1].i
            ):
                head = term_tokens[0]
            i += len(term)
            if term[0] in self.grammar.negations:
                # «(Хохлы —) не люди»: the term's own negation is what it says, not a denial of
                # it; said of someone only as a predicate («это сделали не люди, а машины»).
                predicate = (
                    head.dep_ in ("acomp", "attr")  # "they are not human"
                    or _after_dash(term_tokens[0])
                    or any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)
                )
                if not predicate:
                    continue
                self.own_negation[head.i] = term_tokens[0].i
            if (
                head.dep_ in ("compound", "amod")
                and head.head.i > head.i
                and len(term) == 1
                and (family != "subhuman" or self._term_word(head.head))
            ):
                continue  # ("subhuman vermin": the noun it qualifies is the finding)
            if self._contrast(head) or (
                parse.negated_copula(head, self.grammar) and term[0] not in self.grammar.negations
            ):
                continue
            referents, how = self._referent(head, term_tokens)
            # «Это не люди, это нелюди»: a pointing pronoun names no one; the term is still
            # said of someone (a predicate), as of a subject left unsaid.
            referents = [
                r for r in referents if r.lower_ not in self.grammar.demonstrative_subjects
            ]
            targets = [self.targets.resolve(r) for r in referents]
            if referents and not any(t.human for t in targets):
                continue
            if (
                how == "self"
                and family in ("filth", "disease")
                and head.tag_ not in ("NNS", "NNPS")
            ):
                continue
            strong = (
                bool(referents)
                or (family in ("subhuman", "demonic") and how != "self")
                or (len(term) > 1 and family == "subhuman")
            )
            first = (
                min([term_tokens[0].i, *(t.i for t in referents if t.i < term_tokens[0].i)])
                if how == "of"
                else term_tokens[0].i
            )
            last = term_tokens[-1].i
            if how == "of":
                last = max(last, *(r.right_edge.i for r in referents))
                det = [c for c in head.children if c.dep_ == "det"]
                first = min([first, *(d.i for d in det)])
            span_start, span_end = parse.bounded(self.doc, first, last, start, end)
            findings.append(
                Finding(
                    "dehumanization",
                    family,
                    span_start,
                    span_end,
                    f"term:{'_'.join(term)}",
                    RHETORIC_LEVEL,
                    targets,
                    needs_model=not strong,
                    base=0.8 if strong else 0.5,
                    head=head.i,
                    # Plural monsters and subhumans of people («упыри», «нелюди») are rarely
                    # literal: where no model scores the language, the family decides.
                    stands_alone=family in self.grammar.standalone_families
                    and (head.tag_ in ("NNS", "NNPS") or head.morph.get("Number", []) == ["Plur"]),
                )
            )
        return findings

    def _term_word(self, token: Token) -> bool:
        """The word is itself a dehumanising term of the lexicon."""
        return any(
            parse.lookup([word], self.cues.dehumanizing)
            for word in (token.lower_, token.lemma_.lower())
        )

    def _slur(
        self, term_tokens: Any, term: tuple[str, ...], family: str, start: int, end: int
    ) -> Finding | None:
        """A slur for a nation or ethnic group («хохлы», «русня») names its target itself: an
        identity attack wherever it is used (quoted or reported slurs are left out)."""
        head = term_tokens[-1]
        if self._contrast(head):
            return None
        target = self.targets.resolve(head)
        span_start, span_end = parse.bounded(
            self.doc, term_tokens[0].i, term_tokens[-1].i, start, end
        )
        return Finding(
            "identity_attack",
            family,
            span_start,
            span_end,
            f"slur:{'_'.join(term)}",
            RHETORIC_LEVEL,
            [target],
            base=0.8,
            head=head.i,
        )

    def _referent(self, head: Token, term: Sequence[Token]) -> tuple[list[Token], str]:
        """Whom a dehumanising term is said of, and how: predicate, "of X", modifier, or itself."""
        grammar = self.grammar
        leading = grammar.of_preps | grammar.like_preps
        copula = head.head
        node = head
        # Only "of" and "like" lead up to a predicate ("they are a bunch of rats", "they are like
        # rats"); "our nation is in subjugation to the Antichrists" predicates nothing of "nation".
        while node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ in leading:
            node = node.head.head
        if node is not head or head.dep_ in ("attr", "acomp", "oprd"):
            copula = node.head if node.dep_ in ("attr", "acomp", "oprd", "dobj") else node
            subject = parse.subject(copula)
            if subject is not None and copula.lemma_ in grammar.predicating_verbs:
                return list(parse.unwrap(subject, self.cues)), "predicate"
        # In a language whose noun predicates need no copula, the term heads its clause: «Они —
        # нелюди» (a noun of the lexicon, whatever part of speech the tagger gave it), and so
        # does each of its conjuncts («... нелюди и недочеловеки»).
        predicate = head.head if head.dep_ == "conj" else head
        own_subject = [c for c in predicate.children if c.dep_ == "nsubj"]
        said_of = predicate is head or any(
            parse.lookup([word], self.cues.dehumanizing)
            for word in (predicate.lower_, predicate.lemma_.lower())
        )
        if own_subject and grammar.nominal_predicates and said_of:
            return list(parse.unwrap(own_subject[0], self.cues)), "predicate"
        # «Москали — не люди»: the term after a dash, which the parse hung on the noun before it.
        if (
            grammar.nominal_predicates
            and _after_dash(term[0])
            and head.dep_ in ("parataxis", "appos")
            and head.head.i < head.i
            and head.head.pos_ in ("NOUN", "PROPN", "PRON")
        ):
            return list(parse.unwrap(head.head, self.cues)), "predicate"
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in grammar.of_preps:
                return list(parse.pobjs(child)), "of"
            if (
                child.dep_ in ("amod", "compound")
                and parse.lookup([child.lower_], self.cues.identity) is not None
            ):
                return [child], "modifier"
            if child.dep_ == "prep" and child.lower_ in grammar.like_preps:
                return list(parse.pobjs(child)), "like"
        # «Эти люди как свиньи»: the comparison hangs on the term, the term on whom it is said of.
        if head.dep_ in ("acl", "nmod", "appos") and any(
            c.dep_ in ("case", "mark") and c.lower_ in grammar.like_preps for c in head.children
        ):
            return [head.head], "like"
        if head.dep_ == "appos":
            return [head.head], "appos"
        return [], "self"

    # -- identity attacks ---------------------------------------------------------------------

    def _identity_attacks(
        self, findings: list[Finding], tokens: Any, start: int, end: int
    ) -> list[Finding]:
        """A finding aimed at an identity group is also an identity attack; and the model may
        find one where a named group is the subject or object of a hostile sentence."""
        attacks = []
        for finding in findings:
            groups = [t for t in finding.targets if t.group]
            if groups:
                attacks.append(
                    Finding(
                        "identity_attack",
                        groups[0].group or "identity",
                        finding.start,
                        finding.end,
                        finding.cue,
                        finding.level,
                        groups,
                        finding.needs_model,
                        finding.base,
                        finding.head,
                    )
                )
        if attacks or findings:
            return attacks
        for i, token in enumerate(tokens):
            hit = self._terms(tokens, i, self.cues.identity)
            if hit is None or token.dep_ not in (
                "nsubj",
                "nsubjpass",
                "dobj",
                "pobj",
                "attr",
                "amod",
                "compound",
                "poss",
            ):
                continue
            noun = token if token.dep_ not in ("amod", "compound") else token.head
            # "X are disgusting" would read as a condemnation to the general contrast check; the
            # hostility check runs its own on the verb.
            hostile = self._hostility(noun)
            if hostile is None and (
                self._contrast(token) or parse.negated_copula(token, self.grammar)
            ):
                continue
            target = self.targets.resolve(noun)
            if not target.group:
                continue
            span_start, span_end = parse.bounded(self.doc, tokens[0].i, tokens[-1].i, start, end)
            # A hostile word names the rule and weighs more; otherwise only the model decides.
            attacks.append(
                Finding(
                    "identity_attack",
                    target.group,
                    span_start,
                    span_end,
                    f"hostile:{hostile}" if hostile is not None else "model",
                    RHETORIC_LEVEL,
                    [target],
                    needs_model=True,
                    base=0.6 if hostile is not None else 0.3,
                    head=token.i,
                    stands_alone=hostile is not None,
                )
            )
            break
        return attacks

    def _hostility(self, group: Token) -> str | None:
        """The word that makes a sentence hostile to ``group``: "I hate X", "X are disgusting"."""
        verb = group.head
        if group.dep_ == "dobj" and verb.lemma_.lower() in self.cues.hostile_verbs:
            agent = parse.subject(verb)
            if self._first_person(agent, verb) and not self._contrast(verb):
                return verb.lemma_.lower()
        if group.dep_ != "nsubj" or any(c.dep_ == "neg" for c in verb.children):
            return None
        if verb.lemma_ in self.grammar.copulas:
            for complement in verb.children:
                words = {complement.lemma_.lower(), complement.lower_}
                if complement.dep_ in ("acomp", "attr") and words & self.cues.hostile_adjectives:
                    return complement.lower_ if not self._contrast(verb) else None
        # A nominal predicate with no copula verb: «Мигранты — грязные».
        if self.grammar.nominal_predicates and {verb.lemma_.lower(), verb.lower_} & (
            self.cues.hostile_adjectives
        ):
            return verb.lower_ if not self._contrast(verb) else None
        return None


def _after_dash(token: Token) -> bool:
    """The token follows a dash: «Москали — не люди» (the dash of a verbless predicate)."""
    return token.i > 0 and token.doc[token.i - 1].text in ("—", "–", "-")
