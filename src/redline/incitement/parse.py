"""Dependency-parse helpers of the incitement cascade: clause frames, subjects, noun phrases.

Small functions over spaCy tokens, shared by :mod:`redline.incitement.reader`; none of them
reads the document's annotation layers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from redline.incitement.cues import Cues

# Identity words that are adjectives: alone before a noun that is not a person ("black car"),
# they name no group.
ADJECTIVAL_IDENTITY = frozenset(
    {
        "black",
        "white",
        "gay",
        "trans",
        "disabled",
        "female",
        "jewish",
        "muslim",
        "christian",
        "islamic",
        "catholic",
        "hindu",
        "sikh",
        "asian",
        "african",
        "arab",
        "immigrant",
        "migrant",
        "refugee",
        "transgender",
        "homosexual",
    }
)


def phrase_at(token: Token, words: tuple[str, ...]) -> bool:
    """Whether the lemma pattern ``words`` ("*" up to four tokens) starts at ``token``."""
    doc = token.doc
    sentence_end = token.sent.end

    def match(position: int, index: int) -> bool:
        if index == len(words):
            return True
        word = words[index]
        if word == "*":
            if index == len(words) - 1:
                return position < sentence_end
            return any(
                match(position + skip, index + 1)
                for skip in range(1, 5)
                if position + skip <= sentence_end
            )
        if position >= sentence_end:
            return False
        candidate = doc[position]
        return word in (candidate.lemma_.lower(), candidate.lower_) and match(
            position + 1, index + 1
        )

    return match(token.i, 0)


def sentence_initial(token: Token) -> bool:
    """ "Nuke them all": a sentence-initial violent word before an object reads as an imperative."""
    before = [
        t
        for t in token.doc[token.sent.start : token.i]
        if not (t.is_punct or t.lower_ in ("please", "just", "so", "now", "ok", "okay", "then"))
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


def subject(verb: Token) -> Token | None:
    for candidate in [verb, *list(verb.ancestors)[:3]]:
        for child in candidate.children:
            if child.dep_ in ("nsubj", "nsubjpass", "expl"):
                return child
        if candidate.dep_ not in ("xcomp", "conj", "ccomp", "pcomp"):
            break
    return None


def modals(chain: list[Token]) -> list[Token]:
    found = []
    for verb in chain:
        for child in verb.children:
            if child.dep_ in ("aux", "auxpass") and (
                child.tag_ == "MD" or child.lower_ in ("'ll", "gotta", "gonna", "wo")
            ):
                found.append(child)
        if verb.lemma_ in ("have", "need", "ought", "got") and any(
            c.dep_ == "xcomp" for c in verb.children
        ):
            found.append(verb)
    return found


def modal_key(token: Token) -> str:
    lower = token.lower_
    if lower in ("have", "has", "had"):
        return "have to"
    if lower in ("got",):
        return "got to"
    if lower == "'ll" or lower == "wo":
        return "'ll" if lower == "'ll" else "will"
    return token.lemma_.lower() if token.lemma_.lower() in ("need", "ought") else lower


def going_to(chain: list[Token]) -> bool:
    return any(v.lower_ in ("going", "gonna") for v in chain) or any(
        c.lower_ in ("going", "gonna") for v in chain for c in v.children if c.dep_ in ("aux",)
    )


def passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def imperative(verb: Token) -> bool:
    if verb.tag_ != "VB" or any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "expl") for c in verb.children
    ):
        if not (verb.lemma_ == "let" and any(c.lower_ in ("us", "'s") for c in verb.children)):
            head = verb.head
            return (
                verb.dep_ in ("ccomp", "xcomp")
                and head.lemma_ == "let"
                and any(c.lower_ in ("us", "'s") for c in verb.children)
            )
        return True
    if verb.dep_ == "ROOT":
        return True
    if verb.dep_ == "conj" and verb.head.dep_ == "ROOT" and verb.head.tag_ == "VB":
        return not any(c.dep_ in ("nsubj", "aux") for c in verb.head.children)
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_ == "let":
        return True
    return verb.i > verb.sent.start and verb.doc[verb.i - 1].lower_ in ("please", "kindly")


def is_question(token: Token) -> bool:
    sentence = token.sent
    text = sentence.text.rstrip().rstrip("\"'”’»)")
    if not text.endswith("?"):
        return False
    return not re.match(
        r"\s*(?:why (?:don't|do not|not|can't|cannot)|how about|shall we)\b",
        sentence.text,
        re.IGNORECASE,
    )


def negative_subject(subject: Token, cues: Cues) -> bool:
    words = " ".join(t.lower_ for t in subject.subtree)
    return any(words == n or words.startswith(n + " ") for n in cues.negative_subjects) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children
    )


def negated_copula(token: Token) -> bool:
    head = token.head
    for node in (head, head.head):
        if node.lemma_ == "be" and any(c.dep_ == "neg" for c in node.children):
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
        ofs = [p for c in node.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)]
        if (
            lower
            in (
                "all",
                "each",
                "every",
                "any",
                "some",
                "many",
                "most",
                "rest",
                "none",
                "one",
                "end",
                "rid",
            )
            and ofs
        ):
            queue.extend(ofs)
        elif lower in cues.body_parts:
            owners = [c for c in node.children if c.dep_ == "poss"] + ofs
            queue.extend(owners)
        else:
            found.append(node)
        queue.extend(c for c in node.children if c.dep_ == "conj")
    return found


def np_extent(token: Token) -> tuple[int, int]:
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
            (child.dep_ == "prep" and child.lower_ in ("of", "like"))
            or child.dep_ in ("compound", "appos")
            or child.dep_ == "det"
        ):
            right = max(right, child.right_edge, key=lambda t: t.i)
    return left.idx, right.idx + len(right)


def of_complement(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ == "of"


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


def adjectival(word: str) -> bool:
    return word in ADJECTIVAL_IDENTITY


def surface(text: str, start: int, end: int, words: tuple[str, ...]) -> str | None:
    """Where ``words`` stand in ``text[start:end]``, as written there."""
    text = text[start:end]
    hit = re.search(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", text, re.IGNORECASE)
    return hit.group() if hit else None


def strip_det(text: str, start: int, end: int) -> str:
    """``text[start:end]`` without a leading determiner."""
    text = text[start:end]
    return re.sub(
        r"^(?:the|these|those|this|that|all|all the|all these|all "
        r"those|a|an|any|every|such|some)\s+",
        "",
        text,
        flags=re.IGNORECASE,
    )


def bounded(doc: SpacyDoc, first: int, last: int, start: int, end: int) -> tuple[int, int]:
    """Character extent of tokens first..last, inside the sentence [start, end), without edge
    punctuation."""
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    span_start = max(doc[first].idx, start)
    span_end = min(doc[last].idx + len(doc[last]), end)
    return span_start, max(span_start, span_end)
