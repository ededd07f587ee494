"""The speaker's stance toward an action, read off the dependency parse.

One function, :func:`stance_of`, answers for an action word in its sentence: does the speaker
report it, advocate it, threaten it, predict it, ask about it, imagine it, or reject it? The
decision runs as a numbered cascade; each step says why it comes where it does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from redline.data_files import DataFile, load

STANCES = ("report", "advocate", "threaten", "predict", "question", "hypothetical", "reject")


class StanceFile(DataFile):
    """``data/stance.yaml``: the words and frames the stance cascade reads."""

    version: int
    obligation_modals: list[str]
    proposal_modals: list[str]
    future_modals: list[str]
    conditional_modals: list[str]
    advocacy_verbs: list[str]
    epistemic_verbs: list[str]
    inevitability_frames: list[str]
    speech_verbs: list[str]
    rejection_verbs: list[str]
    negative_evaluations: list[str]
    evaluation_verbs: list[str]
    prescriptive_frames: list[str]
    imperative_markers: list[str]
    condition_marks: list[str]


@cache
def cues() -> StanceFile:
    """The packaged stance cues, read once per process."""
    return load("stance.yaml", StanceFile)


@dataclass(frozen=True)
class StanceReading:
    stance: str
    rule: str
    also: tuple[str, ...] = ()
    negated: bool = False
    reported_by: int | None = None  # token index of the third party whose words are reported
    reported_stance: str | None = None


def governing_verb(token: Token) -> Token:
    """The verb whose clause carries an action word: itself for a verb, else the nearest verb
    above."""
    if token.pos_ in ("VERB", "AUX"):
        return token
    current = token
    for _ in range(8):
        head = current.head
        if head == current or head.pos_ in ("VERB", "AUX"):
            return head
        current = head
    return current


def verb_chain(verb: Token) -> list[Token]:
    """The verb and the verbs it is the complement of ("have to strike" -> strike, have)."""
    chain = [verb]
    current = verb
    while current.dep_ in ("xcomp", "ccomp", "conj", "pcomp") and current.head != current:
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
                if (
                    child.lower_ in ("have", "has", "had")
                    and child.i + 1 < len(child.doc)
                    and child.doc[child.i + 1].lower_ == "to"
                ):
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
    return any(
        child.lower_ in ("no", "never") and child.dep_ in ("det", "neg", "advmod")
        for child in trigger.children
    )


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
        if ancestor.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in ancestor.children
        ):
            return True
        if any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in ancestor.children
        ) and ancestor.dep_ in ("advcl", "ccomp"):
            return True
    sentence = token.sent
    before = sentence.text[: max(0, token.idx - sentence.start_char)]
    if re.search(
        r"\bin (?:the )?(?:event|case) of (?:a |an |the )?(?:[\w-]+ ){0,2}$", before, re.IGNORECASE
    ):
        return True
    clause = (
        token.doc[token.left_edge.i : token.right_edge.i + 1].text
        if token.pos_ in ("VERB", "AUX")
        else ""
    )
    if re.search(r"\bin (?:the )?(?:event|case) of\b", clause, re.IGNORECASE):
        return True
    # Inverted counterfactual, ordinary English grammar ("had we known", "had they not shelled
    # the plant"): the clause imagines, it neither reports nor denies.
    return bool(
        re.search(
            r"(?:^|[,;—-]\s*)had\s+(?:we|they|he|she|it|you|i)\b",
            sentence.text[: max(0, token.idx - sentence.start_char)],
            re.IGNORECASE,
        )
    )


def _has_condition(verb: Token) -> bool:
    """The clause is the consequence of a condition in the same sentence: an "if" or "unless"
    clause, an inverted "should X ...", or an imperative joined by "and" ("keep pushing, and
    ...")."""
    for candidate in verb_chain(verb):
        for child in candidate.children:
            if child.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in child.children
            ):
                return True
            if (
                child.dep_ == "advcl"
                and child.i < candidate.i
                and any(c.lower_ == "should" and c.i == child.left_edge.i for c in child.children)
            ):
                return True
    head = verb.head
    return (
        verb.dep_ == "conj"
        and head.i < verb.i
        and _is_imperative(head)
        and any(c.dep_ == "cc" and c.lower_ == "and" for c in head.children)
    )


def _passive(verb: Token) -> bool:
    """Passive with no "by" agent; "will be boarded and seized" lends its auxiliaries to
    "seized"."""
    verbs = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    return any(c.dep_ == "auxpass" for v in verbs for c in v.children) and not any(
        c.dep_ == "agent" for c in verb.children
    )


def _conditional_subject(verb: Token) -> bool:
    """A subject restricted by a relative clause: "any warship that enters our waters"."""
    subject = _subject(verb)
    return (
        subject is not None
        and any(c.dep_ == "relcl" for c in subject.children)
        and any(t.lower_ in ("any", "every", "anyone", "whoever") for t in subject.subtree)
    )


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
    if trigger.pos_ == "VERB" or verb == trigger:
        return False
    low, high = sorted((trigger.right_edge.i, verb.i))
    return any(t.text in ("—", "–", ":", ";") for t in trigger.doc[low:high])


def _is_imperative(verb: Token) -> bool:
    if verb.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children):
        return False
    if verb.dep_ == "ROOT" or (
        verb.dep_ == "conj" and verb.head.tag_ == "VB" and verb.head.dep_ == "ROOT"
    ):
        return True
    return verb.i > verb.sent.start and verb.doc[verb.i - 1].lower_ in ("please", "kindly")


def _let_us(verb: Token) -> bool:
    head = verb.head if verb.dep_ in ("ccomp", "xcomp") else verb
    return head.lemma_ == "let" and any(c.lower_ in ("us", "'s") for c in head.children)


def _reported_speech(verb: Token) -> Token | None:
    """The third-party subject of a verb of saying that this clause is the content of."""
    current = verb
    for _ in range(4):
        if (
            current.dep_ not in ("ccomp", "xcomp", "advcl", "pcomp", "pobj", "dobj")
            or current.head == current
        ):
            return None
        current = current.head
        if current.lemma_ in cues().speech_verbs:
            subject = _subject(current)
            if subject is not None and subject.lower_ not in ("i", "we"):
                return subject
    return None


def _epistemic_frame(chain: list[Token]) -> Token | None:
    for verb in chain[1:] + [a for a in chain[-1].ancestors][:2]:
        if verb.lemma_ in cues().epistemic_verbs and any(c.lower_ == "i" for c in verb.children):
            return verb
    return None


def _rejection_frame(trigger: Token, verb: Token) -> str | None:
    if _rejecting_verb(trigger) is not None:
        return "reject.verb"
    evaluated = _evaluated_subject(trigger)
    if evaluated is not None or verb.lemma_ in cues().evaluation_verbs:
        head = evaluated.head if evaluated is not None else trigger
        tail = trigger.doc[max(head.i, trigger.i) : trigger.sent.end].text.lower()
        if any(re.search(rf"\b{re.escape(word)}\b", tail) for word in cues().negative_evaluations):
            return "reject.evaluation"
    return None


def _rejecting_verb(trigger: Token) -> Token | None:
    """A verb of refusal above the action whose subject is the speaker or unstated.

    "We refuse to negotiate", "we reject any talks that begin with surrender", "rule out
    strikes": the speaker rejects. "Moscow rejected the talks" only reports someone's refusal.
    """
    for ancestor in list(trigger.ancestors)[:5]:
        if ancestor.dep_ == "relcl" and any(
            c.lower_ in ("who", "whom", "whose") for c in ancestor.children
        ):
            return None  # "terrorists who hold hostages": what they do is not what is refused
        if ancestor.lemma_ not in cues().rejection_verbs:
            continue
        subject = next((c for c in ancestor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and ancestor.dep_ in ("xcomp", "ccomp", "conj"):
            subject = _subject(ancestor)
        if subject is None or subject.lower_ in ("i", "we"):
            return ancestor
        return None
    return None


def _evaluated_subject(trigger: Token) -> Token | None:
    """The subject phrase, holding the action, of a copula or verb of evaluation.

    "Calls to nuke Gaza are disgusting", "Killing teenagers is nothing to cheer".
    """
    for node in [trigger, *trigger.ancestors][:5]:
        if (
            node.dep_ in ("nsubj", "nsubjpass", "csubj")
            and node.head.lemma_ in cues().evaluation_verbs
        ):
            return node
        nominal_modifier = node.head.pos_ in (
            "NOUN",
            "PROPN",
        )  # "calls to nuke", "killing teenagers"
        if (
            node.pos_ in ("VERB", "AUX")
            and not nominal_modifier
            and node.dep_ not in ("xcomp", "pcomp", "pobj")
        ):
            return None
    return None


def _prescriptive(trigger: Token) -> bool:
    sentence = trigger.sent
    before = sentence.doc[sentence.start : trigger.i].text
    return any(
        re.search(pattern, before + " ", re.IGNORECASE) for pattern in cues().prescriptive_frames
    ) or bool(
        re.search(
            r"\b(?:guarantee|key|solution|way)\b[^.;!?]{0,40}\blies\s+in\b", before, re.IGNORECASE
        )
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
        return StanceReading(
            "report",
            "report.speech",
            reported_by=speaker.i,
            reported_stance=inner.stance,
            negated=negated,
        )
    # 2. Questions ask; an action inside the question's "if" is also imagined.
    if _is_question(sentence, trigger):
        return StanceReading(
            "question",
            "question.mark",
            also=("hypothetical",) if _in_if_clause(trigger) else (),
            negated=negated,
        )
    # 3. The condition of a conditional is imagined, not claimed.
    if _in_if_clause(trigger):
        return StanceReading("hypothetical", "hypothetical.condition", negated=negated)
    if (
        any(m in modals for m in c.conditional_modals)
        and re.search(r"\bwould have\b|\bhad\b", sentence.text.lower())
        and not _rejection_frame(trigger, verb)
    ):
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
    obligation = bool(modals & set(c.obligation_modals) or "need" in modals)
    # 5. Inevitability ("I do not see how a nuclear conflict can be avoided") predicts.
    if any(re.search(p, sentence_text, re.IGNORECASE) for p in c.inevitability_frames):
        return StanceReading("predict", "predict.inevitable")
    # 6. "I think / I do not think ..." without an obligation is a belief about what will be.
    epistemic = _epistemic_frame(chain)
    if epistemic is not None and not obligation:
        return StanceReading("predict", "predict.epistemic")
    # 7. The speaker's side, in the consequence of a condition or with "will": a threat.
    future = bool(modals & set(c.future_modals))
    if in_group_subject and (future or _has_condition(verb)) and level >= 1 and not negated:
        return StanceReading(
            "threaten", "threaten.own_side_future", also=("advocate",) if obligation else ()
        )
    # 8. Obligation, proposal, imperative, hortative, wish: the speaker calls for it.
    if obligation or _is_imperative(verb) or _let_us(verb) or "would like" in modals:
        return StanceReading(
            "reject" if negated else "advocate",
            "advocate.modal" if obligation else "advocate.imperative",
        )
    if modals & set(c.proposal_modals) and (in_group_subject or _generic_subject(verb)):
        return StanceReading("reject" if negated else "advocate", "advocate.proposal")
    if any(
        a.lemma_ in c.advocacy_verbs and any(ch.lower_ in ("i", "we") for ch in a.children)
        for a in chain[1:]
    ):
        return StanceReading("reject" if negated else "advocate", "advocate.verb")
    if _prescriptive(trigger):
        return StanceReading("advocate", "advocate.prescriptive")
    # 9. "We will not / never ...": the speaker's side refuses it.
    if in_group_subject and negated and future:
        return StanceReading("reject", "reject.own_side")
    # 10. An agentless consequence of a condition ("keep pushing, and Kiev will be wiped off the
    # map"; "any warship that enters will be seized"): a threat whose author is left unsaid.
    if (
        future
        and not negated
        and level >= 2
        and _passive(verb)
        and (_has_condition(verb) or _conditional_subject(verb))
    ):
        return StanceReading("threaten", "threaten.agentless_condition", also=("predict",))
    # 11. "will" for others: a prediction.
    if future or modals & {"may", "might"}:
        return StanceReading("predict", "predict.future")
    # 12. Otherwise the speaker says it happened or is happening.
    return StanceReading("report", "report.default", negated=negated)


def _generic_subject(verb: Token) -> bool:
    subject = _subject(verb)
    return subject is not None and subject.lower_ in ("one", "you", "someone", "somebody", "we")
