"""A repair of the English parse: a capitalised imperative before a name.

The small English pipeline reads "Nuke Moscow before it's too late", "Bomb Tehran now", "Kill
Putin." as one proper noun ("Nuke Moscow", a PERSON) with no verb: the capital letter every
sentence opens with makes the verb look like a first name. Claims and calls to violence are read
off the verb and its object, so these commands, common in comment threads, went unread.

The repair is a spaCy component that runs after the parser. It changes a sentence only when all
of these hold: its first word is a verb of Redline's English action or incitement lexicon; the
parse made that word part of a name that is the sentence's root (so the sentence has no other
verb: "Bomb Cyclone hits Florida" is left alone), or the subject of a root verb after "and"
("Bomb Kaliningrad and be done with it"); the rest of the name is a gazetteer entry and
the whole name is not one ("Storm Shadow" is a missile), or the word after the verb is a plural
noun ("Ban liberals from getting guns"). The word then heads the sentence as a
verb, the name is its object, and the name's entity no longer takes in the verb.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from redline.gazetteer import Gazetteer

COMPONENT = "redline_imperative_before_name"

# Entity labels by the gazetteer type of the name now standing alone.
_LABELS = {"person": "PERSON", "state": "GPE", "city": "GPE", "place": "GPE", "region": "GPE"}
# What the parse may have made the verb of the name it took it into.
_NAME_DEPS = frozenset({"compound", "amod", "nmod"})
_NAME_TAGS = frozenset({"NNP", "NNPS", "NN", "JJ"})


@cache
def _verbs() -> frozenset[str]:
    """Verbs of the English action lexicon and of the incitement lexicon (lemmas)."""
    from redline.claims.lexicon import ActionLexicon
    from redline.incitement.cues import load_cues

    actions = ActionLexicon.load("en")
    verbs = {
        lemma for lemma, found in actions.lemmas.items() if any("VERB" in a.pos for a in found)
    }
    return frozenset(verbs | set(load_cues("en").violent_verbs))


@cache
def _gazetteer() -> Gazetteer:
    return Gazetteer.load()


@Language.component(COMPONENT)
def imperative_before_name(doc: Doc) -> Doc:
    """Re-read each sentence that opens with a verb the parse took into a name."""
    for sentence in list(doc.sents):
        verb = next((t for t in sentence if not (t.is_punct or t.is_space)), None)
        if verb is not None and _misread(verb):
            _repair(doc, verb, verb.head)
    return doc


def _misread(verb: Token) -> bool:
    name = verb.head
    if not (
        verb.text[:1].isupper()
        and verb.lower_ in _verbs()
        and verb.tag_ in _NAME_TAGS
        and verb.dep_ in _NAME_DEPS
        and name.i > verb.i
        and (name.dep_ == "ROOT" or _subject_before_and(name))
    ):
        return False
    if name.pos_ == "NOUN":
        # "Ban liberals from getting guns", "Deport illegals": people named in the plural.
        return name.i == verb.i + 1 and "Plur" in name.morph.get("Number", [])
    between = verb.doc[verb.i + 1 : name.i]
    if name.pos_ != "PROPN" or any(t.head.i != name.i or t.pos_ != "PROPN" for t in between):
        return False
    whole = verb.doc[verb.i : name.i + 1].text
    rest = verb.doc[verb.i + 1 : name.i + 1].text
    return not _gazetteer().named(whole) and bool(_gazetteer().named(rest))


def _subject_before_and(name: Token) -> bool:
    """ "Bomb Kaliningrad and be done with it": the parse made the name the subject of a root
    verb that follows "and" (a subject is never cut from its verb by "and" and a verb)."""
    root = name.head
    if name.dep_ not in ("nsubj", "nsubjpass") or root.dep_ != "ROOT" or root.i < name.i:
        return False
    after = name.doc[name.i + 1 : root.i]
    return (
        len(after) >= 1
        and after[0].dep_ == "cc"
        and after[0].head.i == name.i
        and all(t.pos_ in ("AUX", "VERB", "PART", "ADV") for t in after[1:])
    )


def _repair(doc: Doc, verb: Token, name: Token) -> None:
    outside = [c for c in name.children if c.i > name.i or c.dep_ not in ("compound", "amod")]
    verb.pos_, verb.tag_, verb.lemma_, verb.dep_ = "VERB", "VB", verb.lower_, "ROOT"
    verb.head = verb
    if name.dep_ != "ROOT":
        # the verb the name was the subject of ("and be done with it") is the command's second
        root = name.head
        root.head, root.dep_ = verb, "conj"
        for child in outside:
            if child.dep_ == "cc":
                child.head = root
        outside = [c for c in outside if c.dep_ != "cc"]
    name.head, name.dep_ = verb, "dobj"
    for child in outside:
        if child.i != verb.i:
            child.head = verb
    entity = _entity_of(doc, name)
    doc.ents = [
        e for e in doc.ents if not (e.start <= verb.i < e.end) and not (e.start <= name.i < e.end)
    ] + ([entity] if entity is not None else [])


def _entity_of(doc: Doc, name: Token) -> Span | None:
    """The name alone as an entity, labelled by what the gazetteer says it is."""
    if name.pos_ != "PROPN":
        return None
    start = min(t.i for t in name.subtree if t.i <= name.i and t.pos_ == "PROPN")
    entries = _gazetteer().named(doc[start : name.i + 1].text)
    if not entries:
        return None
    labels = [_LABELS[e.type] for e in entries if e.type in _LABELS]
    return Span(doc, start, name.i + 1, label=labels[0] if labels else "ORG")
