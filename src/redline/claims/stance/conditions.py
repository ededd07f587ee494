"""Conditions and consequences: "if" clauses, ultimatums, suppositions, and what a condition
brings about."""

from __future__ import annotations

from spacy.tokens import Token

from redline.claims.stance.clauses import (
    _first_person,
    _is_imperative,
    _modals,
    _predicate,
    _subject,
    verb_chain,
)
from redline.claims.stance.cues import (
    FUTURE,
    OBLIGATION,
    StanceFile,
    _after,
    _before,
    _cues,
    _frame,
    _is,
)


def _marks_condition(clause: Token, c: StanceFile) -> bool:
    if any(m.dep_ == "mark" and _is(m, c.condition_subordinators) for m in clause.children):
        return True
    # «пока Россия не остановит атаки»: "until ... not" of what is still to come is "unless"
    # (the parse hangs «пока» as a mark or an adverb), where it is another's conduct: «пока не
    # вернём Донбасс» is the speaker's goal.
    return (
        clause.pos_ == "VERB"
        and clause.dep_ == "advcl"
        and any(
            m.dep_ in ("mark", "advmod") and _is(m, c.until_subordinators) for m in clause.children
        )
        and any(ch.dep_ == "neg" for ch in clause.children)
        and "Past" not in clause.morph.get("Tense", [])
        and any(ch.dep_ in ("nsubj", "nsubjpass") for ch in clause.children)
        and not _first_person(clause, c)
    )


def _condition_phrase(prep: Token, c: StanceFile) -> bool:
    """«в случае нападения», «при условии ...», "in case of an attack": a phrase before the
    verb that states its condition (the language's condition marks, preposition and noun)."""
    return any(
        g.dep_ == "pobj" and f"{prep.lower_} {g.lower_}" in c.condition_marks for g in prep.children
    )


def _in_if_clause(token: Token, c: StanceFile) -> bool:
    if _contrastive_if(token, c):
        return False
    # A clause marked "if" is a condition wherever the parse hangs it (an adverbial clause, a
    # complement, or a clause the parser made a root when it stands alone: «Если Киев ...»).
    for ancestor in [token, *token.ancestors]:
        if _marks_condition(ancestor, c):
            return True
    # "in case of an attack on ...", counterfactual "had we known ...": the frames end where
    # the imagined action begins.
    if _frame(c.condition_frames, _before(token)):
        return True
    if _before_consequence(token, c):
        return True
    clause = (
        token.doc[token.left_edge.i : token.right_edge.i + 1].text
        if token.pos_ in ("VERB", "AUX")
        else ""
    )
    return _frame(c.condition_clause_frames, clause)


def _last_if(token: Token, c: StanceFile) -> Token | None:
    """The last "if" of the token's sentence before the token."""
    found = [t for t in token.sent if t.i < token.i and _is(t, c.condition_subordinators)]
    return found[-1] if found else None


def _contrastive_if(token: Token, c: StanceFile) -> bool:
    """«если раньше было наше требование о признании Крыма, то теперь ...», «если в XX веке
    гитлеровцы ..., то в XXI ...»: an "if" that sets a past against the present states both
    halves; it imagines neither."""
    opener = _last_if(token, c)
    if opener is None or not _frame(
        c.contrastive_condition_frames, token.doc.text[opener.idx : token.idx]
    ):
        return False
    # «если раньше они нападут, ...» is a condition: the future imagines.
    clause = token.doc[opener.i : token.i + 1]
    return not any("Fut" in t.morph.get("Tense", []) or _is(t, c.future_forms) for t in clause)


def _imperative_condition(verb: Token, c: StanceFile) -> bool:
    """«Не заморозь Запад резервы, доверие к доллару не пошатнулось бы», «Ударь Израиль по Фордо
    в одиночку, ущерб оказался бы минимальным»: an imperative with a named subject, beside a
    clause in the conditional mood, is the condition of a counterfactual (a language whose file
    lists the mood's particle)."""
    if "Imp" not in verb.morph.get("Mood", []) or not c.subjunctive_particles:
        return False
    # (The parse often reads the named subject as an object: «Не заморозь Запад резервы».)
    named = any(
        (ch.dep_ == "nsubj" and ch.pos_ in ("NOUN", "PROPN"))
        or (ch.dep_ == "dobj" and ch.pos_ == "PROPN" and ch.i == verb.i + 1)
        for ch in verb.children
    )
    return named and any(_is(t, c.subjunctive_particles) and t.head != verb for t in verb.sent)


def _expected_condition(token: Token, c: StanceFile) -> bool:
    """«Не удивимся, если Лондон вышлет дипломатов», "I would not be surprised if they
    strike": the "if" states what the speaker expects."""
    opener = _last_if(token, c)
    return opener is not None and _frame(
        c.expectation_frames, token.doc.text[opener.sent.start_char : opener.idx]
    )


def _before_consequence(token: Token, c: StanceFile) -> bool:
    """«если у России будут сомнения в том, что Калининград будет захвачен, то ...»: the
    condition runs from "if" to the comma and word that open its consequence, however deep the
    action sits in it and wherever the parse hangs the clauses."""
    sentence = token.sent
    opens_consequence = [
        t.i for t in sentence
        if _is(t, c.consequence_openers) and t.i > sentence.start and t.nbor(-1).text == ","
    ]  # fmt: skip
    if not any(i > token.i for i in opens_consequence):
        return False
    opener = _last_if(token, c)
    return opener is not None and not any(opener.i < i < token.i for i in opens_consequence)


def _has_condition(verb: Token, c: StanceFile) -> bool:
    """The clause is the consequence of a condition in the same sentence: an "if" or "unless"
    clause, an inverted "should X ...", or an imperative joined by "and" ("keep pushing, and
    ...")."""
    for candidate in verb_chain(verb):
        for child in candidate.children:
            if child.dep_ == "advcl" and _marks_condition(child, c):
                return True
            if child.dep_ == "prep" and child.i < candidate.i and _condition_phrase(child, c):
                return True
            if (
                child.dep_ == "advcl"
                and child.i < candidate.i
                and any(
                    m.lower_ in c.inverted_condition_modals and m.i == child.left_edge.i
                    for m in child.children
                )
            ):
                return True
    head = verb.head
    # «Стоит им только ударить, как от Лондона останется пепел»: the parse hangs the
    # consequence on the condition's verb.
    if verb.dep_ == "advcl" and head.i < verb.i and _in_if_clause(head, c):
        return True
    return (
        verb.dep_ == "conj"
        and head.i < verb.i
        and _is_imperative(head, c)
        and any(ch.dep_ == "cc" and _is(ch, c.consequence_conjunctions) for ch in head.children)
    ) or _ultimatum_consequence(verb, c)


def _ultimatum_consequence(verb: Token, c: StanceFile) -> bool:
    """«Покиньте наши воды, иначе ваше судно будет задержано», «обстрелы должны прекратиться,
    иначе армия будет вынуждена ...»: the clause after "or else" joined to a demand (an
    imperative or an obligation) is what follows if the demand is not met."""
    otherwise = next(
        (ch for ch in verb.children if _is(ch, c.otherwise_words) and ch.i < verb.i), None
    )
    if otherwise is None:
        return False
    # The demand is a verb before the "or else" in the same sentence, wherever the parse hangs
    # the two clauses.
    return any(
        t.pos_ == "VERB"
        and (
            _is_imperative(t, c)
            # (a bare infinitive opening the sentence commands too: "Leave our waters, otherwise
            # ...", where the parse hangs it on the consequence)
            or (t.i == t.sent.start and "Inf" in t.morph.get("VerbForm", []))
            or bool(_modals(verb_chain(t), c) & {*c.obligation_modals, OBLIGATION})
        )
        for t in verb.doc[verb.sent.start : otherwise.i]
    )


def _addressed_subject(verb: Token, c: StanceFile) -> bool:
    """The verb's subject belongs to the one addressed («ваши авианосцы пойдут ко дну»)."""
    subject = _subject(verb)
    return subject is not None and any(_is(ch, c.addressee_possessives) for ch in subject.children)


def in_condition(trigger: Token) -> bool:
    """The action is imagined in a condition of its sentence: «Если Киев ударит ...», "in case
    of an attack on ...", «Стоит им только ударить по Крыму, как ...»."""
    return _in_if_clause(trigger, _cues(trigger))


def answers_condition(trigger: Token) -> bool:
    """The action is the consequence of a condition of its sentence, not part of the condition:
    «Если санкции будут введены, мы ответим», "if they attack, the response will be harsh"."""
    c = _cues(trigger)
    return not _in_if_clause(trigger, c) and _has_condition(_predicate(trigger), c)


def _any_act_to_come(trigger: Token, verb: Token, modals: set[str], c: StanceFile) -> bool:
    """«Любые удары по территории России будут рассматриваться как ...», "any use of nuclear
    weapons against Russia would ...": the act, the subject of a clause of what will or may be,
    is any act of its kind; none is claimed to come."""
    subject = trigger  # «любая попытка захвата Калининграда»: the attempt is the subject
    while subject.dep_ in ("nmod", "acl", "xcomp") and subject.head.pos_ == "NOUN":
        subject = subject.head
    if subject.pos_ != "NOUN" or subject.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if subject.head != verb:  # the act hangs on its subject: the clause is the subject's
        verb = subject.head
        modals = _modals(verb_chain(verb), c)
        if trigger.i > verb.i:
            return False  # (an act after the verb is no part of its subject: a misparse)
    to_come = modals & {*c.future_modals, *c.conditional_modals, *c.possibility_modals, FUTURE}
    return bool(to_come) and any(
        ch.dep_ in ("det", "amod") and _is(ch, c.imagined_determiners) for ch in subject.children
    )


def _conditional_subject(verb: Token, c: StanceFile) -> bool:
    """A subject restricted by a relative clause: "any warship that enters our waters"; or any
    side so restricted that the act befalls («пролив будет закрыт для судов любой страны,
    которая примет участие в агрессии»)."""
    subject = _subject(verb)
    if (
        subject is not None
        and any(ch.dep_ == "relcl" for ch in subject.children)
        and any(_is(t, c.universal_determiners) for t in subject.subtree)
    ):
        return True
    return any(
        any(ch.dep_ == "relcl" for ch in node.children)
        and any(ch.dep_ == "det" and _is(ch, c.universal_determiners) for ch in node.children)
        for node in verb.subtree
        if node.dep_ in ("pobj", "nmod", "dobj")
    )


def _only_if(trigger: Token, c: StanceFile) -> bool:
    """«Война ... возможна только в том случае, если ...», "war can come only if ...": what
    only a condition would bring is imagined, not forecast."""
    return _frame(c.restricting_condition_frames, _after(trigger))


def _subject_of_consequence(trigger: Token, verb: Token, c: StanceFile) -> bool:
    """«Санкции против РФ нанесут ущерб Евросоюзу», «контратаки ВСУ могут убедить Путина»: the
    action named by the subject of a verb that forecasts what it will cause, not that it will
    happen (as «начнётся» would)."""
    if not c.occurrence_verbs or trigger.pos_ in ("VERB", "AUX"):
        return False
    # A noun is no subject of a verb in the first or second person («допустим» read as "let us
    # assume"): the parse went wrong, and the action is left to the forecast.
    if {"1", "2"} & set(verb.morph.get("Person", [])):
        return False
    node = trigger
    while node.head != node and node.head != verb:
        node = node.head
    # «Сражение будет кровавым»: a predicate with a copula describes the action itself.
    return (
        node.head == verb
        and node.dep_ == "nsubj"
        and not any(ch.dep_ == "cop" for ch in verb.children)
        and not any(_is(v, c.occurrence_verbs) for v in verb_chain(verb))
    )
