"""Dependency-parse helpers of the incitement cascade: clause frames, subjects, noun phrases.

Small functions over spaCy tokens, shared by :mod:`redline.incitement.reader`; none of them
reads the document's annotation layers. They read the parse in spaCy-English labels (the
Russian pipeline writes the same scheme: imperatives and infinitives are tag ``VB``, modal
predicates ``aux``/``MD``, «не» ``neg``); the words they look for come from the language's
:class:`~redline.incitement.cues.Grammar`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from redline.incitement.cues import Cues, Grammar


def is_tree(tokens: Sequence[Token]) -> bool:
    """Whether every token's chain of heads reaches a root: the cascade walks ancestors and
    subtrees, which never end on a parse with a cycle in it."""
    limit = len(tokens[0].doc) + 1 if len(tokens) else 0
    for token in tokens:
        node, steps = token, 0
        while node.head.i != node.i:
            node, steps = node.head, steps + 1
            if steps > limit:
                return False
    return True


def phrase_at(token: Token, words: tuple[str, ...]) -> bool:
    """Whether the lemma pattern ``words`` ("*" one to four tokens, "[*]" none to four) starts
    at ``token``."""
    doc = token.doc
    sentence_end = token.sent.end

    def match(position: int, index: int) -> bool:
        if index == len(words):
            return True
        word = words[index]
        if word in ("*", "[*]"):
            least = 1 if word == "*" else 0
            if index == len(words) - 1:
                return position + least <= sentence_end
            return any(
                match(position + skip, index + 1)
                for skip in range(least, 5)
                if position + skip <= sentence_end
            )
        if position >= sentence_end:
            return False
        candidate = doc[position]
        return word in (candidate.lemma_.lower(), candidate.lower_) and match(
            position + 1, index + 1
        )

    return match(token.i, 0)


def sentence_initial(token: Token, grammar: Grammar) -> bool:
    """ "Nuke them all": a sentence-initial violent word before an object reads as an imperative."""
    before = [
        t
        for t in token.doc[token.sent.start : token.i]
        if not (t.is_punct or t.lower_ in grammar.fillers)
    ]
    return (
        not before
        and token.i + 1 < token.sent.end
        and token.doc[token.i + 1].pos_ in ("PRON", "PROPN", "NOUN", "DET")
    )


def chain(token: Token) -> list[Token]:
    """The token and the verbs it is the complement or conjunct of ("want to kill" -> kill,
    want)."""
    chain = [token]
    current = token
    while (
        current.dep_ in ("xcomp", "ccomp", "conj", "pcomp", "advcl")
        and current.head is not current
        and len(chain) < 5
    ):
        if current.dep_ == "advcl" and any(c.dep_ == "mark" for c in current.children):
            break
        current = current.head
        chain.append(current)
    return chain


def deserving(token: Token, deserve_verbs: frozenset[str]) -> Token | None:
    """The word that says ``token`` is deserved: a verb of its chain ("deserve to die"), or
    the head of what a dash sets out («Они достойны одного — сдохнуть»)."""
    found = next((v for v in chain(token) if v.lemma_.lower() in deserve_verbs), None)
    after_dash = token.i > 0 and token.doc[token.i - 1].text in ("—", "–", "-")
    if found is None and token.dep_ == "parataxis" and after_dash:
        # on the deserving word, or on its object the dash explains («одного — сдохнуть»)
        head = token.head
        owners = [head, *([head.head] if head.dep_ in ("dobj", "nmod") else [])]
        found = next((v for v in owners if v.lemma_.lower() in deserve_verbs), None)
    return found


def subject(verb: Token, repairs: bool = False) -> Token | None:
    """The subject of ``verb`` or of the verb it complements; with ``repairs`` (the language's
    ``tagger_repairs``), a "subject" the tagger itself put in the accusative is none («Сжечь бы
    этот Киев», «Жгите их танки»: the object the parse mislabelled)."""
    for candidate in [verb, *list(verb.ancestors)[:3]]:
        for child in candidate.children:
            if child.dep_ in ("nsubj", "nsubjpass", "expl") and not (repairs and accusative(child)):
                return child
        if candidate.dep_ not in ("xcomp", "conj", "ccomp", "pcomp"):
            break
    return None


def accusative(token: Token) -> bool:
    """Whether the tagger put ``token`` in the accusative (and only there)."""
    return token.morph.get("Case", []) == ["Acc"]


def modals(chain: list[Token], grammar: Grammar) -> list[Token]:
    found = []
    for verb in chain:
        for child in verb.children:
            if child.dep_ in ("aux", "auxpass") and (
                child.tag_ == "MD" or child.lower_ in grammar.modal_words
            ):
                found.append(child)
        if verb.lemma_ in grammar.semi_modals and any(c.dep_ == "xcomp" for c in verb.children):
            found.append(verb)
    # «Всех нужно расстрелять»: a modal predicate the parse left as the head of its infinitive
    # subject.
    head = chain[0].head
    if chain[0].dep_ == "csubj" and head.lemma_.lower() in grammar.lemma_modals:
        found.append(head)
    return found


def governs(modal: Token, chain: list[Token]) -> bool:
    """Whether ``modal`` (found on ``chain``) governs the chain's first verb: not across a verb
    in the indicative or a clause with its own subject («он должен попасть в кровоток,
    страдает эндотелий»; «они должны знать, что они все сдохнут»)."""
    owner = modal if modal in chain else modal.head
    below = chain[: chain.index(owner)] if owner in chain else chain
    return not any(
        "Ind" in verb.morph.get("Mood", [])
        or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        for verb in below
    )


def modal_key(token: Token, grammar: Grammar) -> str:
    """The key of a modal in ``call_modals`` / ``threat_modals``: "has" -> "have to", "'ll",
    "need" (by lemma); Russian modal predicates by lemma («должны» -> «должный»)."""
    lower, lemma = token.lower_, token.lemma_.lower()
    if lower in grammar.modal_aliases:
        return grammar.modal_aliases[lower]
    return lemma if lemma in grammar.lemma_modals else lower


def going_to(chain: list[Token], grammar: Grammar) -> bool:
    return any(v.lower_ in grammar.going_to for v in chain) or any(
        c.lower_ in grammar.going_to for v in chain for c in v.children if c.dep_ in ("aux",)
    )


def future(chain: list[Token], grammar: Grammar) -> bool:
    """A verb in the future tense (Russian perfective «уничтожим», «будете уничтожены»); English
    marks its future with modals instead."""
    return any(
        "Fut" in t.morph.get("Tense", []) or t.lower_ in grammar.future_auxiliaries
        for v in chain[:1]
        for t in [v, *(c for c in v.children if c.dep_ in ("aux", "auxpass"))]
    )


def hortative(verb: Token) -> bool:
    """«Уничтожим врага!»: a first-person plural future with no subject word, exclaimed, is
    Russian's "let us" (with «мы» it is a declaration of intent)."""
    return (
        person(verb) == "1"
        and verb.morph.get("Number", []) == ["Plur"]
        and "Fut" in verb.morph.get("Tense", [])
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        and verb.sent.text.rstrip().rstrip("\"'”’»)").endswith("!")
    )


def person(verb: Token) -> str | None:
    """The grammatical person of a finite verb with no subject word (Russian drops it)."""
    values = verb.morph.get("Person", [])
    return str(values[0]) if values else None


def passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def imperative(verb: Token, grammar: Grammar) -> bool:
    """An imperative (or, in Russian, an infinitive: «Расстрелять!») heading its clause, or the
    verb of "let's"."""
    lets = grammar.let_verbs
    if grammar.tagger_repairs and _exclaimed_infinitive(verb, grammar):
        return True
    if verb.tag_ != "VB" or any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "expl")
        and not (grammar.tagger_repairs and accusative(c))
        for c in verb.children
    ):
        if not (
            verb.lemma_ in lets and any(c.lower_ in grammar.let_objects for c in verb.children)
        ):
            head = verb.head
            return (
                verb.dep_ in ("ccomp", "xcomp")
                and head.lemma_ in lets
                and any(c.lower_ in grammar.let_objects for c in verb.children)
            )
        return True
    if verb.dep_ == "ROOT" or "Imp" in verb.morph.get("Mood", []):
        # The imperative mood, where the tagger marks it («бейте»), whatever the clause's parse.
        return True
    if verb.dep_ == "conj" and verb.head.dep_ == "ROOT" and verb.head.tag_ == "VB":
        return not any(c.dep_ in ("nsubj", "aux") for c in verb.head.children)
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_ in lets:
        return True
    return verb.i > verb.sent.start and verb.doc[verb.i - 1].lower_ in grammar.politeness


def _exclaimed_infinitive(verb: Token, grammar: Grammar) -> bool:
    """«Расстреливать мародёров на месте!»: an infinitive opening an exclamation commands,
    however the parser hung the rest of the sentence on it."""
    return "Inf" in verb.morph.get("VerbForm", []) and opens_exclamation(verb, grammar)


def opens_exclamation(token: Token, grammar: Grammar) -> bool:
    """Whether ``token`` is the first word (fillers aside) of a sentence that ends in "!"."""
    before = token.doc[token.sent.start : token.i]
    return token.sent.text.rstrip().rstrip("\"'”’»)").endswith("!") and all(
        t.is_punct or t.lower_ in grammar.fillers for t in before
    )


def is_question(token: Token, grammar: Grammar) -> bool:
    """A question asks, unless it proposes ("why don't we ...", «почему бы не ...»); an
    infinitive under a question word titles or asks ("how to ...", «как победить ...»)."""
    sentence = token.sent
    if "Inf" in token.morph.get("VerbForm", []) and any(
        t.lower_ in grammar.question_words and t.i < token.i and t.head.i == token.i
        for t in sentence
    ):
        return True
    text = sentence.text.rstrip().rstrip("\"'”’»)")
    if not text.endswith("?"):
        return False
    opening = " ".join(sentence.text.lower().split())
    return not any(
        re.match(r"\s*" + re.escape(s) + r"(?!\w)", opening) for s in grammar.suggestion_questions
    )


def negative_subject(subject: Token, cues: Cues) -> bool:
    words = " ".join(t.lower_ for t in subject.subtree)
    return any(words == n or words.startswith(n + " ") for n in cues.negative_subjects) or any(
        c.dep_ == "det" and c.lower_ in cues.grammar.negative_determiners for c in subject.children
    )


def negated_copula(token: Token, grammar: Grammar) -> bool:
    head = token.head
    for node in (head, head.head):
        if node.lemma_ in grammar.copulas and any(c.dep_ == "neg" for c in node.children):
            return True
    return False


def pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def unwrap(token: Token, cues: Cues) -> list[Token]:
    """The people a phrase names: "all of the X" -> X, "them all" -> them, "their throats" ->
    their, "the necks of X" -> X, and the conjuncts of each."""
    found: list[Token] = []
    queue = [token]
    while queue:
        node = queue.pop(0)
        lower = node.lower_
        grammar = cues.grammar
        ofs = [
            p
            for c in node.children
            if c.dep_ == "prep" and c.lower_ in grammar.of_preps
            for p in pobjs(c)
        ]
        if (lower in grammar.quantifiers or node.lemma_.lower() in grammar.quantifiers) and ofs:
            queue.extend(ofs)
        elif lower in cues.body_parts:
            owners = [c for c in node.children if c.dep_ == "poss"] + ofs
            queue.extend(owners)
        else:
            found.append(node)
        queue.extend(c for c in node.children if c.dep_ == "conj")
    return found


def np_extent(token: Token, grammar: Grammar) -> tuple[int, int]:
    """Character extent of a noun phrase: its left modifiers, the head, an "of"/"like"
    complement."""
    left = token
    for child in token.children:
        if child.i < token.i and child.dep_ in (
            "det",
            "predet",
            "amod",
            "compound",
            "poss",
            "nummod",
            "quantmod",
            "nmod",
            "advmod",
        ):
            left = min(left, child.left_edge, key=lambda t: t.i)
    right = token
    for child in token.children:
        if child.i > token.i and (
            (child.dep_ == "prep" and child.lower_ in grammar.of_preps | grammar.like_preps)
            or child.dep_ in ("compound", "appos")
            or child.dep_ == "det"
        ):
            right = max(right, child.right_edge, key=lambda t: t.i)
    return left.idx, right.idx + len(right)


def of_complement(token: Token, grammar: Grammar) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ in grammar.of_preps


def token_index(doc: SpacyDoc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def lookup(
    words: Sequence[str], table: dict[tuple[str, ...], str], *, anchored: bool = False
) -> tuple[tuple[str, ...], str] | None:
    """The longest term of ``table`` at the start of ``words`` (anywhere when not anchored)."""
    starts = [0] if anchored else range(len(words))
    for begin in starts:
        for size in (4, 3, 2, 1):
            key = tuple(words[begin : begin + size])
            if len(key) == size and key in table:
                return key, table[key]
    return None


def surface(text: str, start: int, end: int, words: tuple[str, ...]) -> str | None:
    """Where ``words`` stand in ``text[start:end]``, as written there."""
    text = text[start:end]
    hit = re.search(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", text, re.IGNORECASE)
    return hit.group() if hit else None


def strip_det(text: str, start: int, end: int, grammar: Grammar) -> str:
    """``text[start:end]`` without a leading determiner (the first in the list that fits)."""
    text = text[start:end]
    lower = text.lower()
    for determiner in grammar.determiners:
        if lower.startswith(determiner) and lower[len(determiner) : len(determiner) + 1].isspace():
            return text[len(determiner) :].lstrip()
    return text


def bounded(doc: SpacyDoc, first: int, last: int, start: int, end: int) -> tuple[int, int]:
    """Character extent of tokens first..last, inside the sentence [start, end), without edge
    punctuation."""
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    span_start = max(doc[first].idx, start)
    span_end = min(doc[last].idx + len(doc[last]), end)
    return span_start, max(span_start, span_end)
