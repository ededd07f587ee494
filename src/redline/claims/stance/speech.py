"""Someone else's words: verbs of saying before, after and around the action, quotes and
attributions, and beliefs stated in the first person."""

from __future__ import annotations

import re

from spacy.tokens import Token

from redline.claims.stance.clauses import (
    _first_person,
    _inflected_first_singular,
    _subject,
    inflected_first_person,
)
from redline.claims.stance.conditions import _marks_condition
from redline.claims.stance.cues import StanceFile, StanceReading, _frame, _is


def _attributed_by_next(token: Token, c: StanceFile) -> bool:
    """The sentence after the token's opens by saying whose words these were: «Франция
    поставит Украине ракеты. Об этом заявил министр обороны»."""
    end = token.sent.end
    if end >= len(token.doc):
        return False
    return _frame(c.attributing_sentence_frames, token.doc[end].sent.text)


def _reported_speech(verb: Token, c: StanceFile) -> Token | None:
    """The third-party subject of a verb of saying that this clause is the content of."""
    # (csubj: the infinitive subject of a predicate, «..., что не удастся поставить X на колени».)
    relations = (
        "ccomp", "xcomp", "csubj", "advcl", "pcomp", "pobj", "dobj", *c.reported_clause_relations
    )  # fmt: skip
    current = verb
    for _ in range(4):
        relation = current.dep_
        if relation not in relations or current.head == current:
            return None
        # «Если Запад передаст F-16, Россия будет считать их целью»: a verb of saying or opinion
        # with no clause of content says nothing; a condition of it is no content (one where it
        # has a content clause goes with it: «Он считает, что США потеряют лицо, если ...»).
        if (
            relation == "advcl"
            and _marks_condition(current, c)
            and current.head.lemma_ in c.speech_verbs
            and not any(ch.dep_ == "ccomp" for ch in current.head.children)
        ):
            return None
        current = current.head
        # A clause conjoined to the content is said too; one conjoined to the verb of saying
        # itself («X обвинял ..., Москва это отвергала») is a clause of its own.
        if relation in c.reported_clause_relations:
            continue
        if _asked_aside(current, c):
            return None
        # «Надеюсь, что ..., — объяснил министр»: a verb in the first person is the speaker's
        # own, whoever the clause above it («объяснил») names.
        if current.lemma_ in c.speech_verbs and not inflected_first_person(current):
            subject = _subject(current)
            if subject is not None and not _is(subject, c.first_person):
                return subject
        if _unnamed_saying(current, c):
            return current
    return None


def _asked_aside(saying: Token, c: StanceFile) -> bool:
    """«Введут ли США санкции, как обещали?»: a verb of saying set in as an aside to a question
    (the parse may make it the question's head)."""
    return saying.sent.text.rstrip().endswith("?") and any(
        ch.dep_ == "mark" and _is(ch, c.aside_marks) for ch in saying.children
    )


def _unnamed_saying(verb: Token, c: StanceFile) -> bool:
    """A verb of saying with no subject, in the passive («В заявлении говорится, что ...»,
    «Сообщается, что ...», «В документе указано, что ...») or in the plural that names no one
    («В Кремле заявили, что ...», «..., сообщили в ведомстве»): the writer reports what unnamed
    others say. (Only where the language lists the passive's reflexive ending: a language
    without such forms keeps its subjects.)"""
    morph = verb.morph
    # («Украине сообщат, что ...»: words still to be said report nothing.)
    if not c.reflexive_suffixes or _subject(verb) is not None or "Fut" in morph.get("Tense", []):
        return False
    passive = "Pass" in morph.get("Voice", [])
    indefinite = morph.get("Number", []) == ["Plur"] and "1" not in morph.get("Person", [])
    if not passive and not (indefinite and "Fin" in morph.get("VerbForm", [])):
        return False
    lemma = verb.lemma_
    for suffix in c.reflexive_suffixes:
        if passive and lemma.endswith(suffix):
            lemma = lemma[: -len(suffix)]
    return lemma in c.speech_verbs


def _postposed_speech(verb: Token, c: StanceFile) -> Token | None:
    """The third-party subject of a verb of saying set after the clause it reports, which the
    parse hangs on that clause («Поддержка ослабнет, отметил эксперт»: parataxis), or set in
    it with its subject after it («В этих условиях, пишет журнал, Россия продолжит ...»)."""
    relations = (*c.postposed_speech_relations, *c.postposed_inverted_relations)
    for node in [verb, *verb.ancestors][:5]:
        for child in node.children:
            saying = child.lemma_ in c.speech_verbs or _unnamed_saying(child, c)
            if not saying or child.dep_ not in relations:
                continue
            # «..., написал эксперт»: the subject after the verb marks the attribution, where
            # «... и написал письмо» (conj) is a second act of the same subject.
            inverted = next(
                (g for g in child.children if g.dep_ in ("nsubj", "nsubjpass") and g.i > child.i),
                None,
            )
            after = child.i > node.i
            if after and child.dep_ in c.postposed_speech_relations:
                subject = _subject(child)
                if subject is None and _unnamed_saying(child, c):
                    return child  # «..., сообщили в ведомстве»
            else:
                subject = inverted
            if subject is not None and not _is(subject, c.first_person):
                return subject
    return None


_QUOTE_MARKS = frozenset("«\"“„'")


def _attributed_after_dash(trigger: Token, c: StanceFile) -> bool:
    """«ФРГ предоставит Украине батарею Patriot – Белый дом», «..., — ISW»: a source named after
    a dash at the end of an unquoted sentence of its own (four words or more: «Наш ответ –
    Калибр» names no source); the writer paraphrases it. A quoted sentence before the dash is
    its speaker's own voice."""
    sentence = trigger.sent
    text = sentence.text
    at = trigger.idx - sentence.start_char
    for pattern in c.attribution_tail_frames:
        found = re.search(pattern, text)
        if found is None or found.start() <= at:
            continue
        said = text[: found.start()]
        if len(re.findall(r"\w+", said)) >= 4 and not any(mark in said for mark in _QUOTE_MARKS):
            return True
    return False


def _colon_speech(verb: Token, c: StanceFile) -> Token | None:
    """The third-party subject of a verb of saying whose content follows a colon, unquoted:
    «Немцы с тревогой пишут: как только ..., России понадобится ...». The writer paraphrases
    it (a quoted content is a voice of its own, read in its speaker's stance)."""
    for node in [verb, *verb.ancestors][:4]:
        head = node.head
        if node.dep_ not in c.colon_speech_relations or head.i >= node.i:
            continue
        between = [t.text for t in node.doc[head.i + 1 : node.i]]
        # «пишут: ...», or a verb of saying set in with its subject after it: «В этих условиях,
        # пишет Foreign Policy, Россия продолжит ...»
        inverted = any(ch.dep_ == "nsubj" and ch.i > head.i for ch in head.children)
        mark = ":" if ":" in between else ("," if inverted and "," in between else None)
        colon = between.index(mark) if mark is not None else None
        quoted = colon is not None and any(t in _QUOTE_MARKS for t in between[colon:])
        if head.lemma_ in c.speech_verbs and colon is not None and not quoted:
            subject = _subject(head)
            if subject is not None and not _is(subject, c.first_person):
                return subject
    return None


def _epistemic_frame(chain: list[Token], c: StanceFile) -> Token | None:
    """A verb of belief whose subject is "I" ("I think / I fear that ..."), said or, where the
    language drops it, only inflected («Боюсь, что ...», «Думаю, что ...»)."""
    for verb in chain[1:] + [a for a in chain[-1].ancestors][:2]:
        if verb.lemma_ in c.epistemic_verbs and (
            any(_is(ch, c.first_person_singular) for ch in verb.children)
            or _inflected_first_singular(verb)
        ):
            return verb
    return None


def _expected_object(trigger: Token, verb: Token, c: StanceFile) -> Token | None:
    """The action is what "I" expect or fear, named as the verb's object: «Предвижу
    обвинения», «Боюсь новой войны», "I expect strikes on Kyiv"."""
    if trigger == verb or trigger.head != verb or trigger.dep_ not in ("dobj", "obj"):
        return None
    if verb.lemma_ in c.expectation_verbs and _first_person(verb, c):
        return verb  # «Ждём ударов», "we expect strikes": "we" foresee as "I" do
    return _epistemic_frame([trigger, verb], c)


def _reported(speaker: Token, inner: StanceReading, negated: bool, c: StanceFile) -> StanceReading:
    """The writer reports a third party's words; what the words themselves do is kept beside.

    A paraphrased denial is the exception (ANNOTATION.md section 7: "Russia denied shelling the
    plant" rejects the shelling in the writer's voice): where the language lists its words of
    emphatic denial, «Песков заявил, что Москва никогда не наносила ударов» rejects the strikes.
    With none listed, any «не» would count, and a reported "did not" is no denial. Words that
    cast what is said as false («эксперт отметил, что ... фейки о российском вмешательстве»)
    deny it whatever the language.
    """
    # A verb of saying with no subject («говорится», «заявили») names no one: nobody is credited.
    reported_by = None if _unnamed_saying(speaker, c) else speaker.i
    if (c.denial_adverbs and inner.rule == "reject.denial") or inner.rule in (
        "reject.disputed",
        "reject.denial_verb",  # «Россия отвергает обвинения в ..., заявил Песков»
    ):
        return StanceReading(
            "reject",
            "reject.reported_denial",
            reported_by=reported_by,
            reported_stance=inner.stance,
            negated=negated,
        )
    return StanceReading(
        "report",
        "report.speech",
        reported_by=reported_by,
        reported_stance=inner.stance,
        negated=negated,
    )
