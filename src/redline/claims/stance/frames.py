"""Frames of the sentence that set the stance: rejections and denials, prescriptions,
endorsements, stops, likelihoods, threats' set phrases and blame."""

from __future__ import annotations

import re

from spacy.tokens import Token

from redline.claims.stance.clauses import (
    _auxiliaries,
    _first_person,
    _is_imperative,
    _modals,
    _passive,
    _predicate,
    _subject,
    governing_verb,
    verb_chain,
)
from redline.claims.stance.cues import OBLIGATION, StanceFile, _before, _cues, _frame, _is


def answered_objects(trigger: Token) -> list[Token]:
    """What a response answers, the objects of its response prepositions («ответить на этот
    террор», "respond to the attack"); not what it is about («ответ про войну»)."""
    c = _cues(trigger)
    return [
        g
        for ch in trigger.children
        if ch.dep_ == "prep" and _is(ch, c.response_preps)
        for g in ch.children
        if g.dep_ == "pobj"
    ]


def in_threat_formula(trigger: Token) -> bool:
    """The action is the subject of a set phrase that says it will come: «ответ не заставит
    себя ждать»."""
    verb = _predicate(trigger)
    return (
        trigger != verb
        and trigger.dep_ in ("nsubj", "nsubjpass")
        and _threat_formula(trigger, verb, _cues(trigger))
    )


def _rejection_frame(
    trigger: Token, verb: Token, c: StanceFile, own_side: bool = False
) -> str | None:
    # "Moscow denied it", «Киев отрицает удары»: a denial rejects, whoever denies (the
    # annotation's paraphrased denial); «не отрицает» admits, and says nothing of the kind. A
    # denial called for («должна быть отвергнута») is a call: the modal steps read it.
    # (Five steps up: «опроверг информацию о подготовке наступления».)
    denying = next(
        (t for t in [trigger, *trigger.ancestors][:6] if t.lemma_ in c.denial_verbs), None
    )
    if (
        denying is not None
        and not any(ch.dep_ == "neg" for ch in denying.children)
        and not _modals(verb_chain(denying), c) & {*c.obligation_modals, OBLIGATION}
    ):
        return "reject.denial_verb"
    rejecting = _rejecting_verb(trigger, c)
    if rejecting is not None and _prohibited_stop(rejecting, c):
        rejecting = None  # «нельзя отказываться от переговоров» calls for them (step 9)
    if rejecting is not None:
        # "We do not rule out strikes", «не исключаем»: a refusal negated keeps the option open.
        return "open" if any(ch.dep_ == "neg" for ch in rejecting.children) else "reject.verb"
    if _frame(c.rejection_frames, _before(trigger)) or _rejected_subject(trigger, c):
        return "reject.frame"
    # «Мы выступаем против войны» rejects it; «140 стран выступили против» reports others.
    if _frame(c.side_rejection_frames, _before(trigger)) and (own_side or _first_person(verb, c)):
        return "reject.frame"
    if _frame(c.disputing_frames, _before(trigger)) or _denied_by_next(trigger, c):
        return "reject.disputed"
    # «Удары по Сумской области — это фейк», "reports of strikes on Belgorod are false": the
    # action, or the report of it, called false is denied, as «назвал фейком» denies it.
    if not _is(trigger, c.falsehood_words) and (
        _judged_after_dash(trigger, c, c.falsehood_words)
        or _judged_as(trigger, verb, c, c.falsehood_words)
    ):
        return "reject.disputed"
    if _judged_after_dash(trigger, c, c.negative_evaluations) or _judged_as(
        trigger, verb, c, c.negative_evaluations
    ):
        return "reject.evaluation"
    return None


def _denied_by_next(trigger: Token, c: StanceFile) -> bool:
    """The sentence after the action's only says it is not so: «Мы защищаем демократию на
    Украине. Это не так.», "... That is not true"."""
    end = trigger.sent.end
    return end < len(trigger.doc) and _frame(c.denying_sentence_frames, trigger.doc[end].sent.text)


def _judged_as(trigger: Token, verb: Token, c: StanceFile, words: list[str]) -> bool:
    """The action's subject phrase, or the action itself, is said to be one of ``words`` by a
    copula or verb of evaluation ("calls to nuke Gaza are disgusting")."""
    evaluated = _evaluated_subject(trigger, c, words)
    if evaluated is None and verb.lemma_ not in c.evaluation_verbs:
        return False
    head = evaluated.head if evaluated is not None else trigger
    tail = trigger.doc[max(head.i, trigger.i) : trigger.sent.end].text.lower()
    return any(re.search(rf"\b{re.escape(word)}\b", tail) for word in words)


_DASHES = ("—", "–")


def _judged_after_dash(trigger: Token, c: StanceFile, words: list[str]) -> bool:
    """«Втягивать Японию в конфликт — безответственно», «Удары по городам — это безумие»: the
    first words after the dash that follows the action judge it (the parse may hang the
    judgement on the action itself)."""
    # (The action as a topic, an infinitive or a noun subject: not a deed told, «Россия нанесла
    # удар — это катастрофа».)
    if trigger.pos_ == "VERB":
        topic = "Inf" in trigger.morph.get("VerbForm", [])
    else:
        topic = trigger.dep_ in ("nsubj", "ROOT")
    sentence = trigger.sent
    dash = next((t for t in sentence if t.i > trigger.i and t.text in _DASHES), None)
    if not topic or dash is None:
        return False
    following = [t for t in sentence.doc[dash.i + 1 : sentence.end] if not t.is_punct][:3]
    return any(_is(t, words) for t in following)


def _rejected_subject(trigger: Token, c: StanceFile) -> bool:
    """The action is the subject of a frame that rejects it: «Войны никому не нужны»,
    «Конфискация активов — не что иное, как воровство»."""
    return _frame(
        c.rejection_subject_frames, " " + trigger.doc[trigger.i + 1 : trigger.sent.end].text
    )


def _prohibited_stop(verb: Token, c: StanceFile) -> bool:
    """A verb of giving up that is forbidden: «нельзя отказываться от ...»."""
    return _is(verb, c.cessation_verbs) and any(
        _is(a, c.prohibitive_modals) for a in _auxiliaries(verb)
    )


def unnamed_necessity(verb: Token) -> bool:
    """«Продолжат бить по нашим городам — придётся бить и по Киеву»: a necessity still to come
    with no one named in the dative (as «им придётся» names them) is the speaker's side's own."""
    c = _cues(verb)
    modal = next((ch for ch in verb.children if ch.lower_ in c.necessity_future_modals), None)
    return modal is not None and not any(
        "Dat" in ch.morph.get("Case", []) and ch.dep_ in ("dative", "iobj", "obl", "nsubj")
        for ch in [*verb.children, *modal.children]
    )


def opposes_anothers_act(trigger: Token) -> bool:
    """The action is what the speaker condemns or prevents («осудить этот теракт», "prevent an
    attack"): another's act, not one the speaker's side would do."""
    c = _cues(trigger)
    rejecting = _rejecting_verb(trigger, c)
    return rejecting is not None and rejecting != trigger and _is(rejecting, c.condemning_verbs)


def _rejecting_verb(trigger: Token, c: StanceFile) -> Token | None:
    """A verb of refusal above the action whose subject is the speaker or unstated.

    "We refuse to negotiate", "we reject any talks that begin with surrender", "rule out
    strikes": the speaker rejects. "Moscow rejected the talks" only reports someone's refusal.
    """
    below = trigger
    for ancestor in list(trigger.ancestors)[:5]:
        if ancestor.dep_ == "relcl" and any(
            _is(ch, c.relative_pronouns) for ch in ancestor.children
        ):
            return None  # "terrorists who hold hostages": what they do is not what is refused
        # "abandon these plans and return to the negotiating table": a verb conjoined to the
        # refusal is a second act of its own, not what is refused.
        conjoined = below.dep_ == "conj" and below.head == ancestor
        below = ancestor
        if ancestor.lemma_ not in c.rejection_verbs:
            continue
        if conjoined and any(ch.dep_ in ("dobj", "obj") for ch in ancestor.children):
            return None  # (not "prevent and avoid an escalation": one object, two verbs)
        subject = next((ch for ch in ancestor.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and ancestor.dep_ in ("xcomp", "ccomp", "conj"):
            subject = _subject(ancestor)
        if subject is None or _is(subject, c.first_person):
            return ancestor
        return None
    return None


def _evaluated_subject(trigger: Token, c: StanceFile, words: list[str]) -> Token | None:
    """The subject phrase, holding the action, of a copula or verb of evaluation.

    "Calls to nuke Gaza are disgusting", "Killing teenagers is nothing to cheer".
    """
    for node in [trigger, *trigger.ancestors][:5]:
        # (Where the language has no copula the evaluation is the predicate itself: «Вывод
        # войск — это предательство».)
        judged = node.head.lemma_ in c.evaluation_verbs or _is(node.head, words)
        if node.dep_ in ("nsubj", "nsubjpass", "csubj") and judged:
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


def _likely(trigger: Token, chain: list[Token], c: StanceFile) -> bool:
    """A verb, noun or predicate of risk or chance over the action: «рискует потерять», «угроза
    войны», «новые удары возможны», «чревато войной»."""
    if any(v.lemma_ in c.likelihood_verbs for v in chain[1:]):
        return True
    if trigger.dep_ == "nsubj" and trigger.head.lemma_ in c.likelihood_predicates:
        return True
    # «чревато новой войной», "fraught with escalation": the object of the word, or of its
    # preposition.
    fraught = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
    if trigger.dep_ not in ("nsubj", "ROOT") and fraught.lemma_ in c.fraught_words:
        return True
    node = trigger
    for _ in range(3):  # «риск втягивания в войну»: through the genitive and its preposition
        if node.dep_ not in ("nmod", "pobj", "prep") or node.head == node:
            return False
        node = node.head
        if node.lemma_ in c.likelihood_nouns:
            return True
    return False


def _inevitable(trigger: Token, c: StanceFile) -> bool:
    """A word of inevitability or likelihood in the clause that holds the action («Скорее
    всего, Киев начнёт наступление»), not in a clause of its own beside or below it («выступил
    с обвинениями ... Сакса, который заявил, что вирус, вероятнее всего, создан ...»)."""
    sentence = trigger.sent
    for pattern in c.inevitability_frames:
        for found in re.finditer(pattern, sentence.text, re.IGNORECASE):
            at = sentence.start_char + found.start()
            word = next((t for t in sentence if t.idx <= at < t.idx + len(t)), sentence.root)
            clause = governing_verb(word)
            if clause == trigger or clause.is_ancestor(trigger):
                return _still_to_come(trigger, clause, c)
    return False


def _still_to_come(trigger: Token, clause: Token, c: StanceFile) -> bool:
    """Whether the likelihood said in ``clause`` is a forecast of the action: not of a deed
    done («коронавирус, вероятнее всего, был создан», "Russia likely struck the depot": a
    hedged report), nor across a relative clause («..., вероятнее всего, Британией, ... тех,
    которые атаковали корабль»: the likelihood is the main clause's)."""
    own = governing_verb(trigger)
    # (Not a past form that is a subjunctive: «маловероятно, чтобы Путин признал поражение».)
    if "Past" in own.morph.get("Tense", []) and not any(
        _is(ch, c.subjunctive_words) for ch in own.children
    ):
        return False
    node = trigger
    while node != clause and node.head != node:
        if node.dep_ in ("relcl", "acl"):
            return False
        node = node.head
    return True


def _threat_formula(trigger: Token, verb: Token, c: StanceFile) -> bool:
    """A set phrase of retribution in the action's own clause: «никто не уйдёт от наказания»,
    "this will not go unanswered". It threatens the response, not what it answers: the
    formula's subject ("this provocation") is not threatened."""
    clause = verb.doc[verb.left_edge.i : verb.right_edge.i + 1].text
    # «дорого заплатят за свою русофобию», "will pay dearly for this aggression": what is paid
    # for is the other side's deed, not the threat.
    if any(
        a.dep_ == "prep" and _is(a, c.answered_for_preps)
        for a in [trigger, *trigger.ancestors]
        if a.i != verb.i and verb.is_ancestor(a)
    ):
        return False
    if trigger != verb and trigger.dep_ in ("nsubj", "nsubjpass"):
        # ... unless the formula says its subject will come: «ответ не заставит себя ждать».
        return _frame(c.subject_threat_frames, clause)
    return _frame(c.threat_frames, clause)


def _prescriptive(trigger: Token, c: StanceFile) -> bool:
    """A frame before the action that prescribes it («единственный выход — ...»), or one after
    it of which it is the subject."""
    sentence = trigger.sent
    before = sentence.doc[sentence.start : trigger.i].text
    if _frame(c.prescriptive_frames, before + " ") or _prescribed_subject(trigger, c):
        return True
    # «Единственная возможность — услышать требования и начать переговоры»: an infinitive
    # joined to the prescribed one is prescribed with it; so is a noun joined to the prescribed
    # noun («единственный выход — прекращение огня и переговоры»).
    first = _first_joined_infinitive(trigger)
    if first is None and trigger.pos_ == "NOUN" and trigger.dep_ == "conj":
        first = trigger.head if trigger.head.pos_ == "NOUN" else None
    return first is not None and _frame(
        c.prescriptive_frames, sentence.doc[sentence.start : first.i].text + " "
    )


def _first_joined_infinitive(trigger: Token) -> Token | None:
    """The first of the infinitives the action's own infinitive is joined to («услышать» for
    «переговоры» in «услышать требования и начать переговоры»), or None."""
    node = trigger.head if trigger.dep_ in ("dobj", "obj") else trigger
    if node.dep_ != "conj":
        return None
    while node.dep_ == "conj" and "Inf" in node.morph.get("VerbForm", []):
        node = node.head
    return node if node != trigger and "Inf" in node.morph.get("VerbForm", []) else None


def _endorser(trigger: Token, c: StanceFile) -> Token | None:
    """The speaker's own verb of approval whose object is the action, directly or through a
    proposal («Поддерживаем эмбарго», «Приветствуем решение Берлина передать танки», "We
    support the idea of an embargo"): approving a proposed act calls for it."""
    node = trigger
    for _ in range(4):
        head = node.head
        if head == node:
            return None
        if head.pos_ in ("VERB", "AUX") and _is(head, c.endorsing_verbs):
            endorses = node.dep_ in ("dobj", "obj") and _first_person(head, c)
            return head if endorses else None
        # Climb only through a preposition («идея о ...», "the idea of ..."), a noun of
        # proposal or the infinitive the action is the object of («решение ввести санкции»):
        # «поддерживаем Украину в борьбе» endorses no act of the fight.
        infinitive = node.dep_ in ("dobj", "obj") and "Inf" in head.morph.get("VerbForm", [])
        if not (head.pos_ == "ADP" or _is(head, c.proposal_nouns) or infinitive):
            return None
        node = head
    return None


def _prescribed_subject(trigger: Token, c: StanceFile) -> bool:
    """The action is the subject of a frame that prescribes it: «Переговоры — единственный
    выход», «санкции являются лучшим ответом»."""
    after = trigger.doc[trigger.i + 1 : trigger.sent.end].text
    return _frame(c.prescriptive_subject_frames, " " + after)


def _stopped(trigger: Token, verb: Token, c: StanceFile) -> bool:
    """The action is what a verb of stopping stops: «прекратить обстрелы», «остановите эту
    войну», «положить конец войне» (the verb itself, «прекратить огонь» as one action, is not)."""
    if trigger.pos_ in ("VERB", "AUX"):
        return _stop_of(trigger, c) is not None
    if trigger.dep_ == "nsubj" and _is(trigger.head, c.ending_verbs):
        return True  # «эта война должна закончиться»: the act itself is to end
    if trigger == verb:
        return False
    return verb.lemma_ in c.cessation_verbs or any(
        ch.dep_ == "dobj" and ch.lemma_ in c.cessation_objects and ch != trigger
        for ch in verb.children
    )


def _unstopped(trigger: Token, verb: Token, c: StanceFile) -> bool:
    """«Мы не прекратим удары», «не перестанем вооружать Украину»: the negation is the stop's,
    so the action goes on."""
    stop = _stop_of(trigger, c) if trigger.pos_ in ("VERB", "AUX") else verb
    return (
        stop is not None
        and stop != trigger
        and stop.lemma_ in c.cessation_verbs
        and any(ch.dep_ == "neg" for ch in stop.children)
    )


def _stop_of(verb: Token, c: StanceFile) -> Token | None:
    """The verb of stopping whose complement ``verb`` is: «прекратите обстреливать», «хватит
    бомбить». Not «у них хватит сил извиниться», «хватило смелости сказать»: with a noun for
    its subject (what there is enough of), «хватить» says there is enough to do the act."""
    stop = verb.head
    if verb.dep_ not in ("xcomp", "csubj") or stop.lemma_ not in c.cessation_verbs:
        return None
    if any(
        ch.dep_ in ("nsubj", "nsubjpass") and ch.pos_ in ("NOUN", "PROPN") for ch in stop.children
    ):
        return None
    return stop


def _commanded_stop(verb: Token, c: StanceFile) -> bool:
    """«Прекратите обстреливать Белгород!», «Хватит бомбить Донбасс!»: the action is the
    complement of a stop commanded (an imperative, or «хватит» with its infinitive)."""
    stop = _stop_of(verb, c)
    # («хватит» commands with no imperative, whether the parse makes its infinitive the subject
    # or the complement.)
    return stop is not None and (_is(stop, c.enough_verbs) or _is_imperative(stop, c))


def _answered(trigger: Token, c: StanceFile) -> bool:
    """The action is the object of a response's preposition («ответить на провокацию»)."""
    preposition = trigger.head
    return (
        trigger.dep_ == "pobj"
        and _is(preposition, c.response_preps)
        and _is(preposition.head, c.response_words)
    )


def _verbless_opened_by(trigger: Token, openers: list[str]) -> bool:
    """The action noun heads a verbless sentence that opens with one of ``openers``: "only"
    («Только полное освобождение всех территорий.», the one thing the voice will accept) or
    "no" ("No negotiations with terrorists.", what it refuses)."""
    sentence = trigger.sent
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    # «Дальше — только жёсткий ответ»: a word or two set off by a dash lead up to the cry.
    dashes = [t.i for t in sentence if t.text in ("—", "–") and t.i < trigger.i]
    if dashes and sum(1 for w in words if w.i < dashes[0]) <= 2:
        words = [w for w in words if w.i > dashes[0]]
    return (
        trigger.pos_ in ("NOUN", "PROPN")
        and bool(words)
        and _is(words[0], openers)
        and (
            trigger == words[0].head
            # «Нет войне!», «Нет мобилизации!»: the opener heads the noun it refuses
            or trigger.head == words[0]
            # "No more war": through a word that is no noun of its own
            or (words[0].head.pos_ not in ("NOUN", "PROPN") and trigger == words[0].head.head)
        )
        # (The tagger may read «нет» itself as a verb.)
        and not any(t.pos_ in ("VERB", "AUX") for t in sentence if t != words[0])
    )


def _blamed(trigger: Token, c: StanceFile) -> bool:
    """The action is what someone is blamed for («виновных в этом преступлении», «виновники
    теракта», "those responsible for the attack")."""
    if trigger.dep_ not in ("pobj", "nmod"):
        return False
    holder = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
    # («наказать виновных в преступлении»: the parse may hang the deed on the verb whose
    # object the blamed are.)
    return _is(holder, c.blame_words) or any(
        ch.dep_ in ("dobj", "obj") and _is(ch, c.blame_words) for ch in holder.children
    )


def _headline(token: Token) -> bool:
    """The action is in the text's headline: its first line, short, with no final stop and text
    under it («Испания выделит 55 млн евро на школы в Украине»). A headline's future announces
    what was decided or said; the writer reports it."""
    sentence = token.sent
    text = token.doc.text
    if re.search(r"\w", text[: sentence.start_char]):
        return False
    line = sentence.text.rstrip()
    rest = text[sentence.start_char + len(line) :]
    # A headline is short and has a text under it (a one-line post is no headline).
    return (
        0 < len(line) <= 160 and line[-1] not in ".!?…" and bool(rest.strip()) and "\n" in rest[:3]
    )


def _denied_object(trigger: Token, verb: Token, c: StanceFile) -> bool:
    """The action is what an emphatically denied verb is done with: «Москва никогда не
    использовала поставки газа (как оружие)», «никогда не вводила санкций». Only where the
    language lists its words of emphatic denial (with none, a plain "did not use supplies"
    would deny the supplies); a denied stop («никогда не прекращала поставки») asserts them."""
    return (
        bool(c.denial_adverbs)
        and trigger.dep_ in ("dobj", "obj")
        and trigger.head == verb
        and not _is(verb, c.cessation_verbs)
    )


def _emphatic_denial(verb: Token, c: StanceFile) -> bool:
    """Where the language lists its words of emphatic denial («никогда не», «вовсе не»), a
    plain negative («никто не ответил») reports that something did not happen; with none
    listed, any negation of the action denies it."""
    if not c.denial_adverbs:
        return True
    negations = [ch for ch in verb.children if ch.dep_ == "neg"]  # «вовсе» hangs on «не»
    words = [*verb.children, *(w for n in negations for w in n.children)]
    return any(_is(w, c.denial_adverbs) for w in words)


def _designated(trigger: Token, c: StanceFile) -> bool:
    """The action is a designation («законная цель») that is the clause's own predicate: said
    of a subject («мост — законная цель»), or the complement of a copula («станут законной
    целью»); «назвал мост законной целью» reports someone's naming."""
    if not _frame(c.designation_frames, _before(trigger)):
        return False
    # (The root of its clause, or what a verb of saying says: «„Мост — законная цель“, —
    # заявил генерал».)
    if trigger.dep_ in ("ROOT", "ccomp", "parataxis"):
        return any(ch.dep_ in ("nsubj", "nsubjpass") for ch in trigger.children)
    if trigger.dep_ in ("xcomp", "attr", "oprd", "obl") and _is(trigger.head, c.regarding_verbs):
        return _passive(trigger.head)  # «будут рассматриваться как законные цели»
    return trigger.dep_ in ("xcomp", "attr") and _is(trigger.head, c.evaluation_verbs)


def _owned_by_speaker(trigger: Token, c: StanceFile) -> bool:
    """«законной целью для наших ударов», "legitimate targets for us": the speaker's side."""
    owners = [*c.first_person, *c.first_person_possessives]
    return any(_is(t, owners) for t in trigger.subtree if t != trigger)


def _unowned_response(trigger: Token, c: StanceFile) -> bool:
    """A response noun as the subject of its clause, owned by no other side than the
    speaker's ("the response", «наш ответ», «ответные меры»; not «ответ Вашингтона»)."""
    return (
        trigger.pos_ == "NOUN"
        and trigger.dep_ in ("nsubj", "nsubjpass")
        and (
            _is(trigger, c.response_words)
            or any(ch.dep_ == "amod" and _is(ch, c.response_words) for ch in trigger.children)
        )
        and not _owned_by_another(trigger, c)
    )


def _owned_by_another(trigger: Token, c: StanceFile) -> bool:
    """The action noun names whose it is, and not the speaker's side: "Russia's response",
    "the American response", «ответ Вашингтона» (not «наш ответ»)."""
    owners = [*c.first_person, *c.first_person_possessives]
    return any(
        child.dep_ in ("poss", "nmod", "compound")
        or (child.dep_ == "amod" and child.pos_ == "PROPN")
        or (child.dep_ == "amod" and child.text[:1].isupper() and child.i > child.sent.start)
        for child in trigger.children
        if not _is(child, owners)
    )
