"""Whom an incitement finding is aimed at: a linked actor, a named group, a place or a person.

A noun phrase's head resolves, in this order, to an actor of the actors layer (or a "they" the
groups layer resolved), else an identity group or a dehumanising term of the lexicon, else an
institution or place ("the regime", "the mosque"; a place named after it, "... in Kiev", becomes
the linked actor), else a noun for people, a pronoun, a named entity, and last a thing (which
no violent verb with an everyday sense counts as a target: "kill the lights").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from redline.attributes import ActorAttributes, ClaimAttributes, PronounAttributes
from redline.document import Document, Span
from redline.incitement import parse
from redline.incitement.cues import Cues
from redline.intervals import SortedSpans


@dataclass(frozen=True)
class Target:
    """Whom a finding is aimed at: a linked actor, a named group, or an unnamed person."""

    actor_id: str | None
    name: str | None
    group: str | None = None  # identity category (religion, nationality, ...)
    human: bool = True
    kind: str = "unknown"  # actor | identity | dehumanised | people | pronoun | institution | thing
    start: int = 0
    end: int = 0

    @property
    def value(self) -> str | None:
        """The span's ``target`` attribute: an actor id, else a named group or place, else None."""
        if self.actor_id:
            return self.actor_id
        return (
            self.name if self.kind in ("identity", "dehumanised", "people", "institution") else None
        )


class TargetResolver:
    """Targets of violent verbs and noun phrases, and the claims on the same words."""

    def __init__(self, document: Document, parsed: SpacyDoc, cues: Cues):
        self.doc = parsed
        # Doc.text joins every token on each call: read it once, not once per target.
        self.text = parsed.text
        self.cues = cues
        self.grammar = cues.grammar
        # Each target reads the spans at its own words: indexes, not a scan of the document's.
        self.actors = SortedSpans(document.layer("actors"))
        self.pronouns = SortedSpans(
            g
            for g in document.layer("groups")
            if g.label == "they" and PronounAttributes.read(g).resolved
        )
        self.claims = SortedSpans(document.layer("claims"))

    def of_verb(self, token: Token, kind: str, *, nested: bool = False) -> list[Target]:
        """Whom the violent verb ``token`` is aimed at; ``nested``: also the prepositional
        objects of its direct object (the object slot of a phrase, «нанести удар по X»)."""
        objects: list[Token] = []
        lemma = token.lemma_.lower()
        passive = parse.passive(token)
        patient = lemma in self.cues.patient_verbs and not any(
            c.dep_ == "dobj" for c in token.children
        )
        if passive or patient or kind == "deserve":
            holder = parse.deserving(token, self.grammar.deserve_verbs) or token
            subject = parse.subject(holder) if kind == "deserve" else parse.subject(token)
            if (
                subject is None
                and self.grammar.tagger_repairs
                and token.pos_ not in ("VERB", "AUX")
            ):
                # «Пусть эти упыри сдохнут!» tagged as adjectives: the subject hangs as a modifier.
                subject = next(
                    (c for c in token.children if c.dep_ == "amod" and c.i < token.i), None
                )
            if subject is not None:
                objects.append(subject)
        objects.extend(self._fronted_objects(token))
        # «Раз они бьют по нашим городам, то и мы должны бить по их городам»: a phrase before the
        # verb's own clause mark («то», "then") belongs to the clause before it, however the
        # parse hangs it.
        marks = [c.i for c in token.children if c.dep_ == "mark" and c.i < token.i]
        opened = max(marks, default=-1)
        if token.dep_ == "amod" and "Pass" in token.morph.get("Voice", []):
            # «уничтоженной техники»: a passive participle's patient is the noun it modifies.
            objects.append(token.head)
        for child in token.children:
            if self.grammar.tagger_repairs and child.dep_ == "nsubj" and parse.accusative(child):
                # «Жгите их танки», «разбомбили их штаб»: a "subject" the tagger itself puts in
                # the accusative is the object the parse mislabelled.
                objects.append(child)
            elif self.grammar.tagger_repairs and child.pos_ == "ADV":
                # «Сжечь бы этот Киев дотла»: the same, hung on an adverb of the verb.
                objects.extend(
                    c for c in child.children if c.dep_ == "nsubj" and parse.accusative(c)
                )
            elif (
                self.grammar.tagger_repairs
                and child.dep_ == "det"
                and token.pos_ == "VERB"
                and parse.accusative(child)
            ):
                # «Вешать таких надо»: a verb has no determiner; an accusative one is its object.
                objects.append(child)
            elif child.dep_ in ("dobj", "dative", "oprd"):
                objects.append(child)
                if nested:
                    objects.extend(
                        p
                        for prep in child.children
                        if prep.dep_ == "prep" and prep.lower_ in self.grammar.target_preps
                        for p in parse.pobjs(prep)
                    )
            elif child.dep_ == "prep" and child.lower_ in self.grammar.target_preps:
                if child.i > opened:
                    objects.extend(parse.pobjs(child))
            elif (
                child.dep_ in ("ccomp", "xcomp") and child.lemma_.lower() in self.cues.patient_verbs
            ):
                objects.extend(c for c in child.children if c.dep_ in ("nsubj", "nsubjpass"))
            elif child.dep_ == "prt":
                objects.extend(c for c in child.children if c.dep_ in ("dobj", "pobj"))
        if not objects and self.grammar.shared_objects and token.dep_ == "conj":
            # «найти их и уничтожить»: coordinated verbs share the first one's object.
            objects = [c for c in token.head.children if c.dep_ == "dobj"]
        if not objects and self.grammar.shared_objects:
            # «уничтожить и выгнать всех оккупантов»: or the last one's, said after the series.
            objects = [
                c
                for verb in token.children
                if verb.dep_ == "conj" and verb.i > token.i and verb.pos_ == "VERB"
                for c in verb.children
                if c.dep_ == "dobj" and c.i > verb.i
            ]
        expanded: list[Token] = []
        for obj in objects:
            expanded.extend(parse.unwrap(obj, self.cues))
        resolved = [self.resolve(o) for o in expanded]
        # "destroy the government quarter in Kiev": the parse hangs the place on the verb.
        places = [
            a
            for p in token.children
            if p.dep_ == "prep" and p.lower_ in self.grammar.place_preps
            for o in parse.pobjs(p)
            for a in self.actors.containing(o.idx)
        ]
        if places:
            place = ActorAttributes.read(places[0])
            resolved = [
                Target(
                    place.actor_id,
                    place.name,
                    None,
                    False,
                    "actor",
                    t.start,
                    t.end,
                )
                if t.kind == "institution"
                else t
                for t in resolved
            ]
        return [t for t in resolved if t.name]

    def _fronted_objects(self, token: Token) -> list[Token]:
        """«Киев нужно стереть», «Сжечь бы этот Киев»: an infinitive alone, or under a modal
        that takes no nominative subject, has none, so the noun the parse calls its subject is
        its object, put first (under «должен», «может» the subject is the agent)."""
        impersonal = self.grammar.impersonal_modals
        if not impersonal or "Inf" not in token.morph.get("VerbForm", []):
            return []
        free = impersonal | self.grammar.wish_auxiliaries
        if any(c.dep_ == "aux" and c.lemma_.lower() not in free for c in token.children):
            return []
        return [c for c in token.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]

    def lost_object(self, token: Token) -> list[Target]:
        """«..., когда этого предателя схватят, осудят и повесят»: in a series of verbs the
        parse may hang the object put first on none of them; an animate noun in the accusative
        earlier in the same clause, object of no other verb and after no preposition, is it."""
        doc = token.doc
        first = token.sent.start
        for i in range(token.i - 1, token.sent.start - 1, -1):
            if doc[i].dep_ == "mark" or doc[i].pos_ == "SCONJ":
                first = i + 1
                break
        found = [
            t
            for t in doc[first : token.i]
            if (
                (
                    (
                        (t.pos_ in ("NOUN", "PROPN") and "Anim" in t.morph.get("Animacy", []))
                        # «Хоть бы его грохнули»: a personal pronoun in the accusative is a
                        # person too.
                        or (t.pos_ == "PRON" and t.lower_ in self.cues.person_pronouns)
                    )
                    and "Acc" in t.morph.get("Case", [])
                )
                # «Укропов надо стереть ...»: a word the lexicon names people by, which the
                # tagger took for no noun (an adverb), in no nominative.
                or (self._named_people(t) and "Nom" not in t.morph.get("Case", []))
                # «ублюдочную украину нужно стереть ...»: a state or a place the actors layer
                # found, in the accusative or in no case (the tagger took it for an adverb).
                or (self._named_place(t) and set(t.morph.get("Case", [])) <= {"Acc"})
            )
            and t.dep_ != "pobj"
            and not (t.dep_ == "dobj" and t.head.pos_ == "VERB" and t.head is not token)
        ]
        return [self.resolve(t) for t in found[:1]]

    def _named_place(self, token: Token) -> bool:
        """Whether ``token`` is (part of) a state, a government or a place the actors layer
        found."""
        return any(
            a.attrs.get("type") in ("state", "government", "place")
            for a in self.actors.overlapping(token.idx, token.idx + len(token))
        )

    def _named_people(self, token: Token) -> bool:
        """Whether the lexicon names people by ``token`` alone (a slur, a dehumanising term or
        an identity group), by the word or its lemma."""
        keys = ([token.lower_], [token.lemma_.lower()])
        return any(
            parse.lookup(key, table) is not None
            for table in (self.cues.dehumanizing, self.cues.identity)
            for key in keys
        )

    def resolve(self, token: Token) -> Target:
        """Who a noun phrase's head names."""
        cues = self.cues
        grammar = self.grammar
        start, end = parse.np_extent(token, grammar)
        head_start, head_end = token.idx, token.idx + len(token)
        actors = self.actors.overlapping(start, end)
        if actors:
            best = next((a for a in actors if a.start <= head_start < a.end), actors[-1])
            a = best.attrs
            atype = str(a.get("type"))
            group = (
                "nationality"
                if atype == "state"
                and (a.get("match") == "demonym" or parse.of_complement(token, grammar))
                else None
            )
            # An actor the gazetteer does not know ("Muslims" found by NER) may still name an
            # identity group.
            named = parse.lookup(best.text.lower().split(), cues.identity)
            group = group or (named[1] if named is not None else None)
            institution = (
                atype in ("state", "government", "organisation", "armed_group", "place", "weapon")
                and not group
            )
            return Target(
                str(a.get("actor_id")),
                str(a.get("name")),
                group,
                human=not institution or atype in ("place", "state", "government"),
                kind="actor",
                start=best.start,
                end=best.end,
            )
        they = next(iter(self.pronouns.containing(head_start)), None)
        if they is not None:
            pronoun = PronounAttributes.read(they)
            return Target(
                str(pronoun.actor_id),
                str(pronoun.name),
                None,
                True,
                "actor",
                head_start,
                head_end,
            )
        phrase = self.doc[
            parse.token_index(self.doc, start) : parse.token_index(self.doc, end - 1) + 1
        ]
        words = [t.lower_ for t in phrase]
        lemmas = [t.lemma_.lower() for t in phrase]
        for table, kind in ((cues.identity, "identity"), (cues.dehumanizing, "dehumanised")):
            hit = parse.lookup(words, table)
            if hit is None and grammar.match_lemmas:
                hit = parse.lookup(lemmas, table)
            if hit is not None:
                name = " ".join(hit[0])
                surface = parse.surface(self.text, start, end, hit[0]) or self._surface(
                    words, lemmas, hit[0], start, end
                )
                category = hit[1] if kind == "identity" else None
                if (
                    kind == "identity"
                    and len(hit[0]) == 1
                    and hit[0][0] in grammar.adjectival_identity
                    and token.lower_ not in cues.person_nouns
                    # «русским оккупантам»: the head noun by its lemma where words inflect
                    and not (grammar.match_lemmas and token.lemma_.lower() in cues.person_nouns)
                    and hit[0][0] not in (token.lower_, token.lemma_.lower())
                ):
                    return Target(None, token.text, None, False, "thing", head_start, head_end)
                return Target(None, surface or name, category, True, kind, start, end)
        lower, lemma = token.lower_, token.lemma_.lower()
        if (lower in cues.institutions or lemma in cues.institutions) and not any(
            parse.phrase_at(token, words) for words in cues.thing_phrases
        ):
            # "the government quarter in Kiev": the place the institution belongs to is the target.
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
                    for place in parse.pobjs(prep):
                        actor = next(iter(self.actors.containing(place.idx)), None)
                        if actor is not None:
                            read = ActorAttributes.read(actor)
                            return Target(
                                read.actor_id,
                                read.name,
                                None,
                                False,
                                "actor",
                                start,
                                max(end, actor.end),
                            )
            return Target(None, self._name(start, end), None, False, "institution", start, end)
        if (
            lower in cues.person_nouns
            or lemma in cues.person_nouns
            or (
                (lower.endswith(grammar.person_suffixes) or lemma.endswith(grammar.person_suffixes))
                and token.pos_ in ("NOUN", "PROPN")
            )
        ):
            return Target(None, self._name(start, end), None, True, "people", start, end)
        if lower in cues.person_pronouns or lemma in cues.person_pronouns:
            return Target(None, token.text, None, True, "pronoun", head_start, head_end)
        if token.ent_type_ in ("PERSON", "NORP"):
            return Target(
                None,
                self._name(start, end),
                "nationality" if token.ent_type_ == "NORP" else None,
                True,
                "people",
                start,
                end,
            )
        if token.ent_type_ in ("GPE", "LOC", "FAC", "ORG"):
            return Target(None, self._name(start, end), None, True, "people", start, end)
        # Russian marks animate nouns: «главарей», «мародёров» name people (animals that are
        # insults are in the dehumanising table above).
        if (
            grammar.animate_people
            and token.pos_ == "NOUN"
            and "Anim" in token.morph.get("Animacy", [])
        ):
            return Target(None, self._name(start, end), None, True, "people", start, end)
        return Target(None, self._name(start, end), None, False, "thing", start, end)

    def _name(self, start: int, end: int) -> str:
        return parse.strip_det(self.text, start, end, self.grammar)

    def _surface(
        self, words: list[str], lemmas: list[str], term: tuple[str, ...], start: int, end: int
    ) -> str | None:
        """The words as written where ``term`` matched on lemmas («хохлов» for «хохол»)."""
        for i in range(len(lemmas) - len(term) + 1):
            if tuple(lemmas[i : i + len(term)]) == term:
                return parse.surface(self.text, start, end, tuple(words[i : i + len(term)]))
        return None

    def actors_in(self, token: Token) -> list[Span]:
        start, end = parse.np_extent(token, self.grammar)
        return self.actors.overlapping(start, end)

    def claim_on(self, token: Token) -> Span | None:
        """The claim whose action is this very word, if the claims layer found one."""
        for claim in self.claims.containing(token.idx):
            if token.text in (ClaimAttributes.read(claim).action or "").split():
                return claim
        return None

    def level(self, token: Token, level: int, targets: list[Target]) -> int:
        claim = self.claim_on(token)
        return (ClaimAttributes.read(claim).level or level) if claim is not None else level
