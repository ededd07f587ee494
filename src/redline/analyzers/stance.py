"""The speaker's stance toward an action, read off the dependency parse.

One function, :func:`stance_of`, answers for an action word in its sentence: does the speaker
report it, advocate it, threaten it, predict it, ask about it, imagine it, or reject it? The
decision runs as a numbered cascade; each step says why it comes where it does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

STANCES = ("report", "advocate", "threaten", "predict", "question", "hypothetical", "reject")


@cache
def cues() -> dict[str, Any]:
    text = (resources.files("redline") / "data" / "stance.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@dataclass(frozen=True)
class StanceReading:
    stance: str
    rule: str
    also: tuple[str, ...] = ()
    negated: bool = False
    reported_by: int | None = None  # token index of the third party whose words are reported
    reported_stance: str | None = None


def governing_verb(token: Token) -> Token:
    """The verb whose clause carries an action word: itself for a verb, else the nearest verb above."""
    if token.pos_ in ("VERB", "AUX"):
        return token
    current = token
    for _ in range(8):
        head = current.head
        if head is current or head.pos_ in ("VERB", "AUX"):
            return head
        current = head
    return current


def verb_chain(verb: Token) -> list[Token]:
    """The verb and the verbs it is the complement of ("have to strike" -> strike, have)."""
    chain = [verb]
    current = verb
    while current.dep_ in ("xcomp", "ccomp", "conj", "pcomp") and current.head is not current:
        current = current.head
        chain.append(current)
        if len(chain) > 5:
            break
    return chain


def _lower_words(tokens: list[Token]) -> set[str]:
    return {t.lower_ for t in tokens}


def _modals(chain: list[Token]) -> set[str]:
    found: set[str] = set()
    for verb in chain:
        for child in verb.children:
            if child.dep_ in ("aux", "auxpass") or child.tag_ == "MD":
                found.add(child.lower_)
                if child.lower_ in ("have", "has", "had") and child.i + 1 < len(child.doc) and child.doc[child.i + 1].lower_ == "to":
                    found.add("have to")
        if verb.lemma_ in ("have", "need") and any(c.dep_ == "xcomp" for c in verb.children):
            found.add("have to" if verb.lemma_ == "have" else "need")
        if verb.lower_ in ("need", "needs", "must"):
            found.add("need")
    doc = chain[0].doc
    start = chain[-1].left_edge.i
    text = doc[start : chain[0].i].text.lower()
    if "going to" in text or "gonna" in text:
        found.add("going to")
    if re.search(r"\b(?:would like|'d like)\b", text):
        found.add("would like")
    return found


def _negated(chain: list[Token], trigger: Token) -> bool:
    if any(child.dep_ == "neg" for verb in chain for child in verb.children):
        return True
    return any(child.lower_ in ("no", "never") and child.dep_ in ("det", "neg", "advmod") for child in trigger.children)


def _subject(verb: Token) -> Token | None:
    for candidate in [verb, *verb.ancestors][:4]:
        for child in candidate.children:
            if child.dep_ in ("nsubj", "nsubjpass", "expl"):
                return child
        if candidate.dep_ not in ("xcomp", "conj", "ccomp"):
            break
    return None


def _in_if_clause(token: Token) -> bool:
    for ancestor in [token, *token.ancestors]:
        if ancestor.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in ancestor.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in ancestor.children) and ancestor.dep_ in ("advcl", "ccomp"):
            return True
    sentence = token.sent
    before = sentence.text[: max(0, token.idx - sentence.start_char)]
    if re.search(r"\bin (?:the )?(?:event|case) of (?:a |an |the )?(?:[\w-]+ ){0,2}$", before, re.IGNORECASE):
        return True
    clause = token.doc[token.left_edge.i : token.right_edge.i + 1].text if token.pos_ in ("VERB", "AUX") else ""
    if re.search(r"\bin (?:the )?(?:event|case) of\b", clause, re.IGNORECASE):
        return True
    # Inverted counterfactual: "had we first taken control".
    return bool(re.search(r"(?:^|[,;—-]\s*)had\s+(?:we|they|he|she|it|you|i)\b", sentence.text[: max(0, token.idx - sentence.start_char)], re.IGNORECASE))


def _has_condition(verb: Token) -> bool:
    """The clause is the consequence of an 'if' (in the same sentence)."""
    for candidate in verb_chain(verb):
        for child in candidate.children:
            if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in child.children):
                return True
    return False


_BREAKS = ("—", "–", ";", ":", " - ")


def _is_question(sentence: SpacySpan, trigger: Token) -> bool:
    """The sentence asks, and the action is in the asking part (not before "—and so what?")."""
    text = sentence.text.rstrip().rstrip("\"'”’»)")
    if not text.endswith("?"):
        return False
    last_break = max(text.rfind(mark) for mark in _BREAKS)
    return trigger.idx - sentence.start_char > last_break


def _detached(trigger: Token, verb: Token) -> bool:
    """A noun phrase set off from the clause by a dash or colon is a fragment of its own."""
    if trigger.pos_ == "VERB" or verb is trigger:
        return False
    low, high = sorted((trigger.right_edge.i, verb.i))
    return any(t.text in ("—", "–", ":", ";") for t in trigger.doc[low:high])


def _is_imperative(verb: Token) -> bool:
    if verb.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children):
        return False
    if verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.tag_ == "VB" and verb.head.dep_ == "ROOT"):
        return True
    return verb.i > verb.sent.start and verb.doc[verb.i - 1].lower_ in ("please", "kindly")


def _let_us(verb: Token) -> bool:
    head = verb.head if verb.dep_ in ("ccomp", "xcomp") else verb
    return head.lemma_ == "let" and any(c.lower_ in ("us", "'s") for c in head.children)


def _reported_speech(verb: Token) -> Token | None:
    """The third-party subject of a verb of saying that this clause is the content of."""
    current = verb
    for _ in range(4):
        if current.dep_ not in ("ccomp", "xcomp", "advcl", "pcomp", "pobj", "dobj") or current.head is current:
            return None
        current = current.head
        if current.lemma_ in cues()["speech_verbs"]:
            subject = _subject(current)
            if subject is not None and subject.lower_ not in ("i", "we"):
                return subject
    return None


def _epistemic_frame(chain: list[Token]) -> Token | None:
    for verb in chain[1:] + [a for a in chain[-1].ancestors][:2]:
        if verb.lemma_ in cues()["epistemic_verbs"] and any(c.lower_ == "i" for c in verb.children):
            return verb
    return None


def _rejection_frame(trigger: Token, verb: Token) -> str | None:
    sentence = trigger.sent
    window = sentence.text.lower()
    tail = sentence.doc[trigger.i : sentence.end].text.lower()
    if verb.lemma_ in cues()["rejection_verbs"] and trigger is not verb:
        return "reject.verb"
    if trigger.dep_ in ("nsubj", "nsubjpass", "csubj") or verb.lemma_ in cues()["evaluation_verbs"]:
        if any(re.search(rf"\b{re.escape(word)}\b", tail) for word in cues()["negative_evaluations"]):
            return "reject.evaluation"
    del window
    return None


def _prescriptive(trigger: Token) -> bool:
    sentence = trigger.sent
    before = sentence.doc[sentence.start : trigger.i].text
    return any(re.search(pattern, before + " ", re.IGNORECASE) for pattern in cues()["prescriptive_frames"]) or bool(
        re.search(r"\b(?:guarantee|key|solution|way)\b[^.;!?]{0,40}\blies\s+in\b", before, re.IGNORECASE)
    )


def stance_of(trigger: Token, *, in_group_subject: bool, level: int) -> StanceReading:
    """The speaker's stance toward the action named by ``trigger``."""
    verb = governing_verb(trigger)
    chain = verb_chain(verb)
    modals = _modals(chain)
    negated = _negated(chain, trigger)
    sentence = trigger.sent
    c = cues()
    also: tuple[str, ...] = ()

    # 1. Someone else's words: the speaker reports them, whatever they advocate or threaten.
    speaker = _reported_speech(verb)
    if speaker is not None:
        inner = _own_stance(trigger, verb, chain, modals, negated, in_group_subject, level)
        return StanceReading("report", "report.speech", reported_by=speaker.i, reported_stance=inner.stance, negated=negated)
    # 2. Questions ask; an action inside the question's "if" is also imagined.
    if _is_question(sentence, trigger):
        return StanceReading("question", "question.mark", also=("hypothetical",) if _in_if_clause(trigger) else (), negated=negated)
    # 3. The condition of a conditional is imagined, not claimed.
    if _in_if_clause(trigger):
        return StanceReading("hypothetical", "hypothetical.condition", negated=negated)
    if any(m in modals for m in c["conditional_modals"]) and re.search(r"\bwould have\b|\bhad\b", sentence.text.lower()) and not _rejection_frame(trigger, verb):
        also = ("hypothetical",)
    if _detached(trigger, verb):
        return StanceReading("report", "report.fragment", negated=negated)
    reading = _own_stance(trigger, verb, chain, modals, negated, in_group_subject, level)
    return StanceReading(reading.stance, reading.rule, also=reading.also or also, negated=negated)


def _own_stance(
    trigger: Token, verb: Token, chain: list[Token], modals: set[str], negated: bool,
    in_group_subject: bool, level: int,
) -> StanceReading:  # fmt: skip
    c = cues()
    sentence_text = trigger.sent.text
    # 4. Arguing against an action ("a ceasefire would amount to defeat") rejects it.
    rejection = _rejection_frame(trigger, verb)
    if rejection:
        return StanceReading("reject", rejection)
    obligation = bool(modals & set(c["obligation_modals"]) or "need" in modals)
    # 5. Inevitability ("I do not see how a nuclear conflict can be avoided") predicts.
    if any(re.search(p, sentence_text, re.IGNORECASE) for p in c["inevitability_frames"]):
        return StanceReading("predict", "predict.inevitable")
    # 6. "I think / I do not think ..." without an obligation is a belief about what will be.
    epistemic = _epistemic_frame(chain)
    if epistemic is not None and not obligation:
        return StanceReading("predict", "predict.epistemic")
    # 7. The speaker's side, in the consequence of a condition or with "will": a threat.
    future = bool(modals & set(c["future_modals"]))
    if in_group_subject and (future or _has_condition(verb)) and level >= 1 and not negated:
        return StanceReading("threaten", "threaten.own_side_future", also=("advocate",) if obligation else ())
    # 8. Obligation, proposal, imperative, hortative, wish: the speaker calls for it.
    if obligation or _is_imperative(verb) or _let_us(verb) or "would like" in modals:
        return StanceReading("reject" if negated else "advocate", "advocate.modal" if obligation else "advocate.imperative")
    if modals & set(c["proposal_modals"]) and (in_group_subject or _generic_subject(verb)):
        return StanceReading("reject" if negated else "advocate", "advocate.proposal")
    if any(a.lemma_ in c["advocacy_verbs"] and any(ch.lower_ in ("i", "we") for ch in a.children) for a in chain[1:]):
        return StanceReading("reject" if negated else "advocate", "advocate.verb")
    if _prescriptive(trigger):
        return StanceReading("advocate", "advocate.prescriptive")
    # 9. "will" for others: a prediction.
    if future or modals & {"may", "might"}:
        return StanceReading("predict", "predict.future")
    if in_group_subject and negated and future:
        return StanceReading("reject", "reject.own_side")
    # 10. Otherwise the speaker says it happened or is happening.
    return StanceReading("report", "report.default", negated=negated)


def _generic_subject(verb: Token) -> bool:
    subject = _subject(verb)
    return subject is not None and subject.lower_ in ("one", "you", "someone", "somebody", "we")
