"""The action's clause as the parse gives it: its governing verb, chain of auxiliaries and
modals, tense, negation, subject, person and mood."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from redline.claims.stance.cues import FUTURE, OBLIGATION, WISH, StanceFile, _cues, _frame, _is


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


def _predicate(trigger: Token) -> Token:
    """The head of the action's clause: its verb, or a short adjective or a noun that is the
    predicate where the language has no copula («политика санкций ошибочна, заявил министр»:
    the clause is «ошибочна», not the verb of saying above it)."""
    verb = governing_verb(trigger)
    for node in [trigger, *trigger.ancestors]:
        if node == verb:
            break
        if node.pos_ == "ADJ" and "Short" in node.morph.get("Variant", []):
            return node
        # «„Мост — законная цель“, — заявил генерал»: a noun with a subject of its own is the
        # predicate of the clause a verb of saying says.
        if (
            node.pos_ == "NOUN"
            and node.dep_ in ("ccomp", "parataxis")
            and any(ch.dep_ == "nsubj" for ch in node.children)
        ):
            return node
        # «должны понимать: мы ответим, и ответ будет болезненным»: a predicate with a copula
        # and a subject of its own is its clause, not the verb the parse hangs it on.
        if (
            node != trigger
            and node.pos_ in ("ADJ", "NOUN")
            and any(ch.dep_ == "cop" for ch in node.children)
            and any(ch.dep_ == "nsubj" for ch in node.children)
        ):
            return node
    return verb


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


def _capacity_chain(verb: Token, c: StanceFile) -> list[Token]:
    """«Мы должны иметь возможность бить по аэродромам»: an infinitive hung on a noun of
    capacity («возможность», «право») that is the object of a verb shares that verb's modality."""
    top = verb_chain(verb)[-1]
    noun = top.head
    if (
        top.dep_ in ("nmod", "acl")
        and "Inf" in top.morph.get("VerbForm", [])
        and _is(noun, c.capacity_nouns)
        and noun.dep_ == "dobj"
        and noun.head != noun
    ):
        return verb_chain(noun.head)
    return []


def is_capacity_noun(token: Token) -> bool:
    """A noun of right or capacity («право», «возможность», "right"): the act it is to is the
    act of whoever holds it, in that verb's modality («Российская сторона оставляет за собой
    право на ответные меры», «должны иметь возможность бить»)."""
    return _is(token, _cues(token).capacity_nouns)


def _modals(chain: list[Token], c: StanceFile) -> set[str]:
    """The clause's modal words (lower-case), with the cascade's markers for an obligation
    verb, a future and a wish read off the parse and the words before the action."""
    found: set[str] = set()
    chain = _own_clause(chain, c)
    for verb in chain:
        for child in _auxiliaries(verb):
            found.add(_hedged_obligation(child, c) or child.lower_)
            if child.i + 1 < len(child.doc):
                pair = f"{child.lower_} {child.doc[child.i + 1].lower_}"
                if pair in c.two_word_modals:
                    found.add(pair)
        if _is(verb, c.obligation_verbs) and any(ch.dep_ == "xcomp" for ch in verb.children):
            found.add(OBLIGATION)
        if verb.dep_ == "csubj":  # a predicate whose subject is the action: «нужно ударить»
            found.add(verb.head.lower_)
        if verb.lower_ in c.obligation_forms:
            found.add(OBLIGATION)
    # A perfective future has no auxiliary: the verb's own tense says it (Russian «ударим»), or
    # that of the verb the action is the infinitive of («начнёт воевать», «не сможет начать»).
    if any(_future_tense(v) for v in _infinitive_heads(chain)):
        found.add(FUTURE)
    if chain[0].lower_ in c.future_forms:
        found.add(FUTURE)
    # «придётся уйти»: a necessity still to come says what will be, it calls for nothing.
    if found & set(c.necessity_future_modals):
        found.add(FUTURE)
    doc = chain[0].doc
    start = chain[-1].left_edge.i
    text = doc[start : chain[0].i].text.lower()
    if _frame(c.future_frames, text):
        found.add(FUTURE)
    # «Надеюсь, что ...», «Я надеюсь увидеть день, когда ...»: a hope that opens the sentence
    # governs all of it, however deep the parse hangs the action.
    opening = doc[chain[0].sent.start : chain[0].i].text
    if _frame(c.wish_frames, text) or _frame(c.opening_wish_frames, opening):
        found.add(WISH)
    return found


def _hedged_obligation(modal: Token, c: StanceFile) -> str | None:
    """The obligation modal that ``modal`` hedges, if it is a hedge right before one."""
    if modal.lower_ not in c.obligation_hedges:
        return None
    doc = modal.doc
    following = modal.i + 1
    while following < len(doc) and (
        doc[following].lower_ in c.obligation_hedge_fillers or doc[following].text == ","
    ):
        following += 1
    if following < len(doc) and doc[following].lower_ in c.obligation_modals:
        return doc[following].lower_
    return None


def _own_clause(chain: list[Token], c: StanceFile) -> list[Token]:
    """The chain up to a clause stated with «что»: «следует отметить, что армия наступает»,
    «приходится признать, что СМИ публикуют фейки» oblige the writer to say it, they do not
    call for what is said (a clause with «чтобы», «нужно, чтобы они ушли», is called for)."""
    for k, below in enumerate(chain[:-1]):
        if below.dep_ == "ccomp" and (
            any(ch.dep_ == "mark" and _is(ch, c.content_clause_marks) for ch in below.children)
            or _is(chain[k + 1], c.knowing_verbs)
        ):
            return chain[: k + 1]
    return chain


def own_clause(chain: list[Token]) -> list[Token]:
    """The part of a verb chain in the clause's own voice, with the language's own cues: what
    one must know, remember or say («надо признать, что ...», "we must remember that ...") is
    no call for what is known (the incitement layer reads modals the same way)."""
    return _own_clause(chain, _cues(chain[0]))


def _future_tense(verb: Token) -> bool:
    """The verb's own tense is the future. (A two-aspect verb, «атакует», «финансирует», which
    the tagger reads as a perfective future, is given its present by the Russian parse's repair
    in ``redline.russian``.)"""
    return (
        "Fut" in verb.morph.get("Tense", [])
        # The tagger gives a perfective imperative the future's tense («Остановите войну»,
        # Tense=Fut, Mood=Imp): it calls for the act, it does not foretell it.
        and "Imp" not in verb.morph.get("Mood", [])
    )


def _present_tense(verb: Token) -> bool:
    return "Pres" in verb.morph.get("Tense", [])


def _infinitive_heads(chain: list[Token]) -> list[Token]:
    """The verb and the verbs above it whose infinitive complement it is («начнёт воевать»:
    воевать, начнёт); a clause said or thought (ccomp) keeps its own tense."""
    heads = [chain[0]]
    for below, above in pairwise(chain):
        # «смогут перегруппироваться и начать наступление»: an infinitive conjoined to the
        # infinitive complement shares its head's tense.
        shared = below.dep_ == "conj" and _infinitive(below) and _infinitive(above)
        if below.dep_ != "xcomp" and not shared:
            break
        heads.append(above)
    return heads


def _infinitive(verb: Token) -> bool:
    return verb.morph.get("VerbForm", []) == ["Inf"]


def _auxiliaries(verb: Token) -> list[Token]:
    """The verb's auxiliaries and modals, with those of an auxiliary that carries its own
    («должны быть арестованы»: "быть" is the passive's auxiliary, "должны" is its modal)."""
    found = []
    for child in verb.children:
        # A copula carries the tense of a predicate with no verb: «ответ будет симметричным».
        if child.dep_ in ("aux", "auxpass", "cop") or child.tag_ == "MD":
            found.append(child)
            found.extend(
                c for c in child.children if c.dep_ in ("aux", "auxpass") or c.tag_ == "MD"
            )
    return found


def _negated(chain: list[Token], trigger: Token, c: StanceFile) -> bool:
    for verb in chain:
        if any(
            child.dep_ == "neg" and not _expletive_negation(child, c) for child in verb.children
        ):
            return True
        # «не оправдываться, а отвечать», "not talk but strike": the negation above a contrast
        # is the other act's; so is it above a finite verb of its own («не будет смотреть
        # сквозь пальцы и примет меры», "did not strike Kyiv and struck Lviv"), which would
        # say its own «не» («не будем воевать и сдаваться» shares one).
        if verb.dep_ == "conj" and (
            any(ch.dep_ == "cc" and _is(ch, c.contrast_conjunctions) for ch in verb.children)
            or "Fin" in verb.morph.get("VerbForm", [])
        ):
            break
    return any(
        _is(child, c.negation_words) and child.dep_ in ("det", "neg", "advmod")
        for child in trigger.children
    )


def _expletive_negation(negation: Token, c: StanceFile) -> bool:
    """«пока не вернём Донбасс» is "until we return it": the «не» after «пока» negates nothing."""
    return negation.i > 0 and _is(negation.nbor(-1), c.expletive_negation_openers)


def subject_child(token: Token, relations: tuple[str, ...]) -> Token | None:
    """The token's child in one of ``relations`` nearest it (its subject). A clause with two
    subjects is a misparse, most often of a phrase or a condition said as a bare noun before
    the subject («ещё одна провокация — и мы ударим»: both hang on the verb); the nearer is the
    verb's own on train text more often than the first (claims' spans and levels)."""
    found = [child for child in token.children if child.dep_ in relations]
    return min(found, key=lambda child: abs(child.i - token.i)) if found else None


def _subject(verb: Token) -> Token | None:
    for candidate in [verb, *verb.ancestors][:4]:
        subject = subject_child(candidate, ("nsubj", "nsubjpass", "expl"))
        if subject is not None:
            return subject
        if candidate.dep_ not in ("xcomp", "conj", "ccomp"):
            break
    return None


def _passive(verb: Token) -> bool:
    """Passive with no "by" agent; "will be boarded and seized" lends its auxiliaries to
    "seized"."""
    verbs = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    return any(c.dep_ == "auxpass" for v in verbs for c in v.children) and not any(
        c.dep_ == "agent" for c in verb.children
    )


_BREAKS = ("—", "–", ";", ":", " - ")


def _is_question(sentence: SpacySpan, trigger: Token) -> bool:
    """The sentence asks, and the action is in the asking part (not before "—and so what?")."""
    text = sentence.text.rstrip().rstrip("\"'”’»)")
    if not text.endswith("?"):
        return False
    last_break = max(text.rfind(mark) for mark in _BREAKS)
    return trigger.idx - sentence.start_char > last_break


def _in_relative_clause(trigger: Token, c: StanceFile) -> bool:
    """The action is said in a relative clause, which a question takes as given: «почему СМИ
    транслируют ложь врагов, с которыми мы сегодня воюем?» asks why, not whether we fight. The
    clause must open with a relative pronoun: the parse also hangs other clauses as relative."""
    return any(
        clause.dep_ == "relcl"
        and any(_is(t, c.relative_pronouns) for t in clause.subtree if t.i < clause.i)
        for clause in (trigger, *trigger.ancestors)
    )


def _asks_whether(chain: list[Token], c: StanceFile) -> bool:
    """A question particle right after the verb or its auxiliary: «нападёт ли», «будут ли
    вести» (before the verb it is another word: «вряд ли», «чуть ли не»)."""
    doc = chain[0].doc
    heads = [chain[0], *_auxiliaries(chain[0])]
    return any(h.i + 1 < len(doc) and doc[h.i + 1].lower_ in c.question_particles for h in heads)


def _detached(trigger: Token, verb: Token) -> bool:
    """A noun phrase set off from the clause by a dash or colon is a fragment of its own."""
    if trigger.pos_ == "VERB" or verb == trigger:
        return False
    low, high = sorted((trigger.right_edge.i, verb.i))
    return any(t.text in ("—", "–", ":", ";") for t in trigger.doc[low:high])


def _is_imperative(verb: Token, c: StanceFile) -> bool:
    imperative_mood = "Imp" in verb.morph.get("Mood", [])  # a tagger may call it otherwise
    if (verb.tag_ != "VB" and not imperative_mood) or any(
        ch.dep_ in ("nsubj", "nsubjpass", "aux") for ch in verb.children
    ):
        return False
    if _frame(c.example_frames, verb.doc[verb.i : verb.sent.end].text.lower()):
        return False
    if verb.dep_ == "ROOT" or (
        verb.dep_ == "conj" and verb.head.tag_ == "VB" and verb.head.dep_ == "ROOT"
    ):
        return True
    # Where the tagger marks the mood (Russian «остановите», «не бомбите»), the form is an
    # imperative wherever the parse hangs it: slogans in a row («"Остановите войну", "Не
    # запрещайте ..."») come out as parataxis or worse. A subordinate clause («чтобы ...»)
    # never holds one.
    if imperative_mood and "2" in verb.morph.get("Person", []):
        return not any(ch.dep_ == "mark" for ch in verb.children)
    return verb.i > verb.sent.start and verb.doc[verb.i - 1].lower_ in c.imperative_markers


def _asked_to_tell(trigger: Token, verb: Token, c: StanceFile) -> bool:
    """«Прокомментируйте новые санкции», "Tell us about the strikes": a request for words; what
    they are about is not called for."""
    return trigger != verb and _is(verb, c.telling_verbs)


def _let_us(verb: Token, c: StanceFile) -> bool:
    """A hortative: "let us strike", «давайте ударим», «пусть уходят»."""
    if any(ch.dep_ in ("advmod", "aux", "mark") and _is(ch, c.hortative_particles)
           for ch in verb.children):  # fmt: skip
        return True
    head = verb.head if verb.dep_ in ("ccomp", "xcomp") else verb
    return _is(head, c.hortative_verbs) and (
        not c.hortative_objects or any(ch.lower_ in c.hortative_objects for ch in head.children)
    )


def inflected_first_person(verb: Token) -> bool:
    """The verb's form is the first person and it has no subject of its own («считаю»)."""
    return "1" in verb.morph.get("Person", []) and not any(
        ch.dep_ in ("nsubj", "nsubjpass") for ch in verb.children
    )


def _inflected_first_singular(verb: Token) -> bool:
    """The verb's form is the first person singular and it has no subject of its own."""
    return inflected_first_person(verb) and "Sing" in verb.morph.get("Number", [])


def _commits(verb: Token, c: StanceFile) -> bool:
    """The speaker's side is the verb's subject, said («мы поддерживаем») or only inflected
    («поддерживаем», «поздравляю»). "I" alone states a view ("I agree"), unless the verb does
    the act by being said ("I congratulate", «поздравляю»: the conventions' own example)."""
    subject = _subject(verb)
    singular = (
        _is(subject, c.first_person_singular)
        if subject is not None
        else "Sing" in verb.morph.get("Number", [])
    )
    speaker = _is(subject, c.first_person) if subject is not None else _first_person(verb, c)
    return speaker and (not singular or _is(verb, c.performative_verbs))


def _named_subject(verb: Token) -> bool:
    """The verb's subject is a name: with the voice's own side as the actor, a state speaking
    of itself ("Kazakhstan fully supports the proposal", "Japan will work with the UN", said
    by their delegations), which the conventions read as "we"."""
    subject = _subject(verb)
    return subject is not None and subject.pos_ == "PROPN"


def _first_person(verb: Token, c: StanceFile) -> bool:
    """The verb's subject is "I" or "we", said or only inflected: Russian drops the pronoun
    («призываем прекратить», «требую вывести»)."""
    return any(_is(ch, c.first_person) for ch in verb.children) or (
        "1" in verb.morph.get("Person", [])
        and not any(ch.dep_ in ("nsubj", "nsubjpass") for ch in verb.children)
    )


def _generic_subject(verb: Token, c: StanceFile) -> bool:
    subject = _subject(verb)
    return subject is not None and _is(subject, c.generic_subjects)
