"""The speaker's stance toward an action, read off the dependency parse.

One function, :func:`stance_of`, answers for an action word in its sentence: does the speaker
report it, advocate it, threaten it, predict it, ask about it, imagine it, or reject it? The
decision runs as a numbered cascade; each step says why it comes where it does.

Every word the cascade reads comes from the stance file of the parse's language
(``data/stance.yaml``, ``data/<lang>/stance.yaml``); what differs by grammar rather than by word
is read from morphology: a perfective future (Russian «ответим») is a verb with Tense=Fut, a
conditional particle (Russian «бы») makes the clause hypothetical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from pydantic import Field
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from redline.claims.lexicon import data_name
from redline.data_files import DataFile, load
from redline.slogans import is_slogan_head

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
    # The words the cascade reads in the parse (lower-case forms or lemmas).
    first_person: list[str]  # a speaker who says "I" or "we" is not a third party
    first_person_singular: list[str]  # "I think ..."
    generic_subjects: list[str]  # "one could ...", "you should ..."
    negation_words: list[str]  # "no talks", "never": negate the action as "not" does
    condition_subordinators: list[str]  # "if", "unless" marking a condition clause
    condition_frames: list[str]  # regexes ending where a condition's action begins
    condition_clause_frames: list[str]  # regexes: the action's own clause is a condition
    inverted_condition_modals: list[str]  # "should they cross ...": a condition
    restricting_condition_frames: list[str]  # regexes after the action: "only if ..."
    consequence_conjunctions: list[str]  # "keep pushing, and ...": imperative, then result
    consequence_openers: list[str]  # «если ..., то ...»: the word after the comma opens the result
    universal_determiners: list[str]  # "any warship that enters ..."
    relative_pronouns: list[str]  # "terrorists who hold hostages"; a relative clause opens
    hortative_verbs: list[str]  # "let us strike"
    hortative_objects: list[str]  # ... with this object (none listed: any)
    hortative_particles: list[str]  # a particle on the verb: «пусть», «давай»
    possibility_modals: list[str]  # "may", "might": a prediction for others
    prohibitive_modals: list[str]  # «нельзя»: an obligation not to
    subjunctive_particles: list[str]  # «бы»: the clause imagines
    counterfactual_frames: list[str]  # regexes with a conditional modal: also hypothetical
    obligation_verbs: list[str]  # lemmas: "have to", "need to" with a clausal complement
    obligation_forms: list[str]  # forms of a verb of obligation that is itself the verb
    two_word_modals: list[str]  # an auxiliary with the next word: "have to"
    future_frames: list[str]  # regexes before the action: "going to", "gonna"
    wish_frames: list[str]  # regexes before the action: "would like"
    opening_wish_frames: list[str]  # regexes at the sentence's start: «Надеюсь, что ...»
    reporting_frames: list[str]  # regexes before the action: "according to X, ..."
    attributing_sentence_frames: list[str]  # regexes opening the next sentence: «Об этом заявил»
    rejection_frames: list[str]  # regexes before the action: the speaker rejects it
    side_rejection_frames: list[str]  # the same, only when the speaker's side is the subject
    disputing_frames: list[str]  # regexes before the action: «якобы», «фейки о»: cast as false
    necessity_future_modals: list[str]  # «придётся»: a necessity to come, not a call
    likelihood_verbs: list[str]  # lemmas: «рискует потерять», the infinitive is likely
    likelihood_nouns: list[str]  # lemmas: «угроза войны», the action in the genitive is likely
    likelihood_predicates: list[str]  # lemmas: «удары возможны», the subject is likely
    denial_verbs: list[str]  # lemmas: «Москва это отвергала», a denial rejects
    threat_frames: list[str]  # regexes on the action's clause: «никто не уйдёт от наказания»
    own_demand_verbs: list[str]  # lemmas: «мы будем настаивать»: the own side's demand
    denial_adverbs: list[str]  # «никогда не»: a negation that denies (none listed: any does)
    postposed_speech_relations: list[str]  # «..., отметил эксперт»: how the parse attaches it
    postposed_inverted_relations: list[str]  # the same, only with the subject after the verb
    colon_speech_relations: list[str]  # «Немцы пишут: ...»: the said clause after a colon
    question_particles: list[str]  # «нападёт ли»: a particle after the verb asks whether
    intention_frames: list[str]  # regexes ending before the action: "reserve the right to"
    reported_clause_relations: list[str]  # «X будет вынужден ..., а НАТО придётся ...»: conj
    cessation_verbs: list[str]  # lemmas: «прекратить обстрелы» called for rejects the shelling
    cessation_objects: list[str]  # lemmas: «положить конец войне», a stop said with a noun
    prescriptive_subject_frames: list[str]  # regexes after the action: «— единственный выход»
    content_clause_marks: list[str]  # «следует отметить, что ...»: the clause keeps its modality
    rhetorical_rejection_frames: list[str]  # regexes before the action: «разве можно ...?»
    rhetorical_advocacy_frames: list[str]  # regexes before the action: «не пора ли ...?»
    subject_threat_frames: list[str]  # regexes on the clause: «ответ не заставит себя ждать»
    performative_verbs: list[str]  # lemmas: "I congratulate", «поздравляю» do the act they say
    designation_frames: list[str]  # regexes ending at the action: «законная цель»
    # «будут рассматриваться как законные цели», "will be considered legitimate targets": in the
    # passive, these verbs designate as the copula does. Empty where a language lists none.
    regarding_verbs: list[str] = Field(default_factory=list)
    # «Прокомментируйте ...», "Tell us about ...": verbs whose imperative asks for words, not
    # for the act they are about. Empty where a language lists none.
    telling_verbs: list[str] = Field(default_factory=list)
    # «Эта война должна закончиться»: verbs by which an act, their subject, itself ends; a call
    # for that rejects the act as a call to stop it does. Empty where a language lists none.
    ending_verbs: list[str] = Field(default_factory=list)
    # «(мы будем бить,) пока Россия не остановит атаки»: a subordinator that, with a negation in
    # its clause and the clause still to come, makes a condition. Empty where a language lists none.
    until_subordinators: list[str] = Field(default_factory=list)
    # Rejection verbs whose object is another's act («осудить теракт», "prevent an attack"), not
    # the speaker's own («отказаться от переговоров»). Empty where a language lists none.
    condemning_verbs: list[str] = Field(default_factory=list)
    # «Хватит убивать друг друга»: a verb of "enough" commands the stop of its infinitive with no
    # imperative. Empty where a language lists none.
    enough_verbs: list[str] = Field(default_factory=list)
    response_words: list[str]  # lemmas of a response: unowned and to come, a threat; what ...
    answered_for_preps: list[str]  # «заплатят за X»: X is what a threat formula answers for
    contrast_conjunctions: list[str]  # «не X, а Y»: the negation is X's, not Y's
    capacity_nouns: list[str]  # «должны иметь возможность бить»: the act is the holder's, ...
    support_auxiliaries: list[str]  # "did not strike": the auxiliary that carries a negation
    response_preps: list[str]  # ... it answers after these prepositions, the other side's act
    first_person_possessives: list[str]  # «наш», "our"
    # regexes from the imperative on: «Взять, к примеру, убийство ...» gives an example, not a
    # command. Empty where a language lists none.
    example_frames: list[str] = Field(default_factory=list)
    # «говорится», «сообщается»: the ending that makes a verb of saying passive, stripped to
    # find the verb. Empty where a language has none.
    reflexive_suffixes: list[str] = Field(default_factory=list)
    # Forms of the verb "be" that say the future by themselves where the tagger may give them
    # the present («Скоро будет наступление», «Войны не будет»). Empty where a language's
    # future is an auxiliary ("will be"), which ``future_modals`` holds.
    future_forms: list[str] = Field(default_factory=list)
    # Words of intention («намерен», «планирует»): "will", as ``future_modals``, but only for
    # the speaker's own side. Empty where a language lists none.
    intention_modals: list[str] = Field(default_factory=list)
    # Verbs (lemmas) that say an event happens («война начнётся», "war will break out"): a
    # forecast of them forecasts their subject. Any other verb forecasts what its subject will
    # do or cause («санкции нанесут ущерб Евросоюзу»), and the subject itself is reported.
    # Empty where a language lists none (then every subject is forecast with its verb).
    occurrence_verbs: list[str] = Field(default_factory=list)
    # Words after which «не» negates nothing («пока не вернём» is "until we return"). Empty
    # where a language has no such negation.
    expletive_negation_openers: list[str] = Field(default_factory=list)
    # regexes from "if" on: an "if" that contrasts a past with the present («если раньше ...,
    # то теперь ...») and imagines nothing. Empty where a language lists none.
    contrastive_condition_frames: list[str] = Field(default_factory=list)
    # regexes ending at "if": a condition the speaker expects to be met ("I would not be
    # surprised if ...", «не удивимся, если ...») foretells it. Empty where none are listed.
    expectation_frames: list[str] = Field(default_factory=list)
    # Words that join an ultimatum's consequence to its demand ("leave, or else ...", «уходите,
    # иначе ...»), and the possessives of the one addressed («ваши авианосцы»). Empty where none.
    otherwise_words: list[str] = Field(default_factory=list)
    addressee_possessives: list[str] = Field(default_factory=list)
    # Verbs of waiting: told in the imperative ("expect strikes tonight", «ждите обстрела»), the
    # awaited act is foretold, not called for. Empty where none are listed.
    awaiting_verbs: list[str] = Field(default_factory=list)
    # Marks of a verb of saying set in as an aside ("as they promised", «как обещали»): in a
    # question the question asks; the aside does not make it someone's words. Empty where none.
    aside_marks: list[str] = Field(default_factory=list)
    # regexes on the sentence after the action: a source named after a final dash («...,
    # — ISW»). Empty where a language lists none.
    attribution_tail_frames: list[str] = Field(default_factory=list)
    # Words of possibility that, right before an obligation modal (with only these fillers or
    # a comma between), hedge the call instead of foretelling: «может (быть) надо взять
    # оружие», where the parse hangs «может» on the action. Empty where a language lists none.
    obligation_hedges: list[str] = Field(default_factory=list)
    obligation_hedge_fillers: list[str] = Field(default_factory=list)
    # regexes after the action: it is the subject of a predicate that rejects it («Войны
    # никому не нужны», «Эскалация нам не нужна»). Empty where a language lists none.
    rejection_subject_frames: list[str] = Field(default_factory=list)
    # «Поддерживаем идею эмбарго», "We welcome the decision to send tanks": verbs by which the
    # speaker approves a proposed act, and the nouns of proposal the act may hang on. Empty
    # where a language lists none.
    endorsing_verbs: list[str] = Field(default_factory=list)
    proposal_nouns: list[str] = Field(default_factory=list)
    # «наказать виновных в этом преступлении», "those responsible for the attack": what someone
    # is blamed for is their deed, told, whatever is called for about them. Empty where a
    # language lists none.
    blame_words: list[str] = Field(default_factory=list)
    # «Только полное освобождение всех территорий.», "Only victory.": a verbless sentence that
    # opens with one of these names the one thing it demands. Empty where a language lists none.
    exclusive_openers: list[str] = Field(default_factory=list)
    # "No negotiations with terrorists.", "No more war!": a verbless sentence that opens with one
    # of these refuses the act it names ("No strikes hit the city" has a verb: a report).
    # Empty where a language lists none (Russian reads «Никаких ...» with its rejection frames).
    refusal_openers: list[str] = Field(default_factory=list)
    # «Это решение чревато новой войной», "a move fraught with escalation": words whose object
    # is a likely outcome. Empty where a language lists none.
    fraught_words: list[str] = Field(default_factory=list)


@cache
def cues(language: str = "en") -> StanceFile:
    """The packaged stance cues of ``language``, read once per process."""
    return load(data_name("stance.yaml", language), StanceFile)


def _cues(token: Token) -> StanceFile:
    return cues(token.doc.lang_ or "en")


def _is(token: Token, words: list[str]) -> bool:
    return token.lower_ in words or token.lemma_.lower() in words


def _before(token: Token) -> str:
    """The token's sentence up to the token."""
    sentence = token.sent
    return sentence.text[: max(0, token.idx - sentence.start_char)]


def _after(token: Token) -> str:
    """The token's sentence after the token."""
    sentence = token.sent
    return sentence.text[token.idx + len(token.text) - sentence.start_char :]


def _frame(patterns: list[str], text: str) -> bool:
    return any(re.search(p, text, re.IGNORECASE) for p in patterns)


def _attributed_by_next(token: Token, c: StanceFile) -> bool:
    """The sentence after the token's opens by saying whose words these were: «Франция
    поставит Украине ракеты. Об этом заявил министр обороны»."""
    end = token.sent.end
    if end >= len(token.doc):
        return False
    return _frame(c.attributing_sentence_frames, token.doc[end].sent.text)


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


def _lower_words(tokens: list[Token]) -> set[str]:
    return {t.lower_ for t in tokens}


# Markers the cascade adds beside the modal words it finds: not words of any language.
OBLIGATION = "<obligation>"
FUTURE = "<future>"
WISH = "<wish>"


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
        if below.dep_ == "ccomp" and any(
            ch.dep_ == "mark" and _is(ch, c.content_clause_marks) for ch in below.children
        ):
            return chain[: k + 1]
    return chain


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
        # is the other act's.
        if verb.dep_ == "conj" and any(
            ch.dep_ == "cc" and _is(ch, c.contrast_conjunctions) for ch in verb.children
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
            or bool(_modals(verb_chain(t), c) & {*c.obligation_modals, OBLIGATION})
        )
        for t in verb.doc[verb.sent.start : otherwise.i]
    )


def _addressed_subject(verb: Token, c: StanceFile) -> bool:
    """The verb's subject belongs to the one addressed («ваши авианосцы пойдут ко дну»)."""
    subject = _subject(verb)
    return subject is not None and any(_is(ch, c.addressee_possessives) for ch in subject.children)


def answers_condition(trigger: Token) -> bool:
    """The action is the consequence of a condition of its sentence, not part of the condition:
    «Если санкции будут введены, мы ответим», "if they attack, the response will be harsh"."""
    c = _cues(trigger)
    return not _in_if_clause(trigger, c) and _has_condition(_predicate(trigger), c)


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


def _passive(verb: Token) -> bool:
    """Passive with no "by" agent; "will be boarded and seized" lends its auxiliaries to
    "seized"."""
    verbs = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    return any(c.dep_ == "auxpass" for v in verbs for c in v.children) and not any(
        c.dep_ == "agent" for c in verb.children
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


def inflected_first_person(verb: Token) -> bool:
    """The verb's form is the first person and it has no subject of its own («считаю»)."""
    return "1" in verb.morph.get("Person", []) and not any(
        ch.dep_ in ("nsubj", "nsubjpass") for ch in verb.children
    )


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
    return _epistemic_frame([trigger, verb], c)


def _inflected_first_singular(verb: Token) -> bool:
    """The verb's form is the first person singular and it has no subject of its own."""
    return inflected_first_person(verb) and "Sing" in verb.morph.get("Number", [])


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
    if _frame(c.disputing_frames, _before(trigger)):
        return "reject.disputed"
    if _judged_after_dash(trigger, c):
        return "reject.evaluation"
    evaluated = _evaluated_subject(trigger, c)
    if evaluated is not None or verb.lemma_ in c.evaluation_verbs:
        head = evaluated.head if evaluated is not None else trigger
        tail = trigger.doc[max(head.i, trigger.i) : trigger.sent.end].text.lower()
        if any(re.search(rf"\b{re.escape(word)}\b", tail) for word in c.negative_evaluations):
            return "reject.evaluation"
    return None


_DASHES = ("—", "–")


def _judged_after_dash(trigger: Token, c: StanceFile) -> bool:
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
    words = [t for t in sentence.doc[dash.i + 1 : sentence.end] if not t.is_punct][:3]
    return any(_is(t, c.negative_evaluations) for t in words)


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


def _evaluated_subject(trigger: Token, c: StanceFile) -> Token | None:
    """The subject phrase, holding the action, of a copula or verb of evaluation.

    "Calls to nuke Gaza are disgusting", "Killing teenagers is nothing to cheer".
    """
    for node in [trigger, *trigger.ancestors][:5]:
        # (Where the language has no copula the evaluation is the predicate itself: «Вывод
        # войск — это предательство».)
        judged = node.head.lemma_ in c.evaluation_verbs or _is(node.head, c.negative_evaluations)
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
                return True
    return False


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
    if (c.denial_adverbs and inner.rule == "reject.denial") or inner.rule == "reject.disputed":
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


def stance_of(trigger: Token, *, in_group_subject: bool, level: int) -> StanceReading:
    """The speaker's stance toward the action named by ``trigger``."""
    c = _cues(trigger)
    verb = _predicate(trigger)
    # (An ultimatum's consequence joined to its demand does not share the demand's modal:
    # «обстрелы должны прекратиться, иначе ваши города будут разрушены».)
    own_chain = [verb] if _ultimatum_consequence(verb, c) else verb_chain(verb)
    chain = own_chain + _capacity_chain(verb, c)
    modals = _modals(chain, c)
    # «Вашингтон намерен наращивать давление», «Польша планирует запустить ...»: another side's
    # intention is what the writer reports of it, not a forecast; the speaker's side's own is a
    # commitment (a threat or a refusal).
    if not in_group_subject and not any(_first_person(v, c) for v in chain):
        modals -= set(c.intention_modals)
    # "We reserve the right to respond", «оставляем за собой право на ответные меры»: an
    # intention, read as "will" (the action may be a noun, so the frame ends at the action).
    if _frame(c.intention_frames, _before(trigger)):
        modals.add(FUTURE)
        # The action hangs on "right", not on the verb whose subject is "we": the side that
        # reserves it is the one that would act.
        in_group_subject = in_group_subject or _first_person(trigger.sent.root, c)
    # «нельзя ударить»: an obligation not to is a negated obligation. A set phrase of
    # retribution holds its own negation ("will not go unanswered", «никто не уйдёт от
    # наказания»): it asserts the act.
    # («Нельзя не поддержать ...»: the obligation not to, negated, obliges.)
    negated = not _threat_formula(trigger, verb, c) and (
        _negated(chain, trigger, c) != bool(modals & set(c.prohibitive_modals))
    )
    sentence = trigger.sent
    also: tuple[str, ...] = ()

    # 0. «жёстко отвечать на провокации», "respond to the aggression": what a response answers
    # is the other side's act, told, not called for nor threatened; any such act («на любую
    # агрессию», "to any aggression") is imagined, as a condition is.
    if _answered(trigger, c):
        if any(_is(ch, c.universal_determiners) for ch in trigger.children):
            return StanceReading("hypothetical", "hypothetical.answered", negated=negated)
        return StanceReading("report", "report.answered", negated=negated)
    # 0b. What someone is blamed for is their deed, told, whatever is demanded of them
    # («наказать виновных в этом преступлении»).
    if _blamed(trigger, c):
        return StanceReading("report", "report.blamed", negated=negated)
    # 1. Someone else's words: the speaker reports them, whatever they advocate or threaten.
    speaker = _reported_speech(verb, c)
    if speaker is not None:
        # What the words say, as the words would on their own: the condition of a quoted
        # conditional («"Если Россия продолжит атаки, мы ответим", — сказал он») is imagined.
        inner = (
            StanceReading("hypothetical", "hypothetical.condition", negated=negated)
            if _in_if_clause(trigger, c)
            else _own_stance(trigger, verb, chain, modals, negated, in_group_subject, level, c)
        )
        return _reported(speaker, inner, negated, c)
    # 2. Questions ask, direct or indirect («пойдёт ли Киев на переговоры, неизвестно»); an
    # action inside the question's "if" is also imagined.
    asks = _is_question(sentence, trigger) and not _in_relative_clause(trigger, c)
    # The particle asks as the mark does, where the sentence runs past the question's mark
    # («„Не пора ли вентиль прикрыть?“ — задался вопросом А»).
    asked = asks or _asks_whether(chain, c)
    # «Разве можно бить ракетами по городам?»: a question that asks whether one may do it, put
    # so that the answer is no, argues against it (the language's file lists the frames).
    if asked and _frame(c.rhetorical_rejection_frames, _before(trigger)):
        return StanceReading("reject", "reject.rhetorical_question", negated=negated)
    # «Не пора ли положить конец этому конфликту?», "Why don't we just bomb them?": a question
    # put so that the answer is yes calls for the act (ANNOTATION.md section 6).
    if asked and _frame(c.rhetorical_advocacy_frames, _before(trigger)):
        return StanceReading("advocate", "advocate.rhetorical_question", negated=negated)
    if asked:
        return StanceReading(
            "question",
            "question.mark" if asks else "question.particle",
            also=("hypothetical",) if _in_if_clause(trigger, c) else (),
            negated=negated,
        )
    # 3. The condition of a conditional is imagined, not claimed; so is a clause in the
    # conditional mood where the language marks it (Russian «бы»).
    if _in_if_clause(trigger, c):
        if _expected_condition(trigger, c):
            return StanceReading("predict", "predict.expected", negated=negated)
        return StanceReading("hypothetical", "hypothetical.condition", negated=negated)
    if _imperative_condition(verb, c):
        return StanceReading("hypothetical", "hypothetical.imperative_condition", negated=negated)
    # A noun set off by a colon or dash is a fragment of its own: the «бы» of the clause it
    # follows («должна была бы пойти на это из-за: санкций, ...») is not its mood.
    if modals & set(c.subjunctive_particles) and _detached(trigger, verb):
        return StanceReading("report", "report.fragment", negated=negated)
    # An obligation or wish softened by the particle («стоило бы ударить») still calls for it.
    if (
        modals & set(c.subjunctive_particles)
        and WISH not in modals
        and not _rejection_frame(trigger, verb, c)
    ):
        return StanceReading("hypothetical", "hypothetical.subjunctive", negated=negated)
    if (
        any(m in modals for m in c.conditional_modals)
        and _frame(c.counterfactual_frames, sentence.text.lower())
        and not _rejection_frame(trigger, verb, c)
    ):
        also = ("hypothetical",)
    # 3b. A verb of saying set after the clause («..., отметил эксперт»): as in 1, though after
    # the condition and the question, which the parse keeps inside what is said.
    speaker = _postposed_speech(verb, c) or _colon_speech(verb, c)
    if speaker is not None:
        inner = _own_stance(trigger, verb, chain, modals, negated, in_group_subject, level, c)
        return _reported(speaker, inner, negated, c)
    # («Переговоры — единственный выход», «Единственный выход — переговоры», «Вывод войск — это
    # предательство»: the dash is the copula of a frame that prescribes or condemns it.)
    if (
        _detached(trigger, verb)
        and not _prescriptive(trigger, c)
        and not _rejected_subject(trigger, c)
        and _evaluated_subject(trigger, c) is None
    ):
        return StanceReading("report", "report.fragment", negated=negated)
    # 4. "According to X, ...": the writer reports what X says; so does a sentence that the
    # next one attributes («... Об этом заявил министр»), the wire's way of citing.
    if (
        _frame(c.reporting_frames, _before(trigger))
        or _attributed_by_next(trigger, c)
        or _attributed_after_dash(trigger, c)
    ):
        return StanceReading("report", "report.attributed", negated=negated)
    reading = _own_stance(trigger, verb, chain, modals, negated, in_group_subject, level, c)
    return StanceReading(reading.stance, reading.rule, also=reading.also or also, negated=negated)


def _own_stance(
    trigger: Token, verb: Token, chain: list[Token], modals: set[str], negated: bool,
    in_group_subject: bool, level: int, c: StanceFile,
) -> StanceReading:  # fmt: skip
    obligation = bool(modals & {*c.obligation_modals, OBLIGATION})
    future = bool(modals & {*c.future_modals, *c.intention_modals, FUTURE})
    # 4a. A verbless sentence: opened by "no", it refuses the act it names ("No negotiations
    # with terrorists."); a short cry naming the act calls for it («Удар по Киеву!», "Nukes on
    # London!"), as one opened by "only" does («Только полное освобождение территорий.»).
    if _verbless_opened_by(trigger, c.refusal_openers):
        return StanceReading("reject", "reject.verbless_refusal")
    if not negated and is_slogan_head(trigger):
        return StanceReading("advocate", "advocate.slogan")
    if not negated and _verbless_opened_by(trigger, c.exclusive_openers):
        return StanceReading("advocate", "advocate.exclusive_demand")
    # 4b. «Крымский мост — законная цель», "these convoys are legitimate targets": the voice
    # designates what may be struck, so it endorses the strike; when its own side will strike
    # («станут законной целью для наших ударов»), or what is designated will become a target,
    # it threatens.
    if not negated and _designated(trigger, c):
        # What will become a target («станут законной целью», "will become legitimate
        # targets") is a warning of the side that would strike it: the voice's own.
        if in_group_subject or _owned_by_speaker(trigger, c) or future:
            return StanceReading("threaten", "threaten.designation")
        return StanceReading("advocate", "advocate.designation")
    # 5. Arguing against an action ("a ceasefire would amount to defeat") rejects it; not
    # ruling it out ("we do not rule out a response") keeps it open: the side's threat.
    rejection = _rejection_frame(trigger, verb, c, in_group_subject)
    if rejection == "open":
        subject = _subject(verb)  # the action's own, or the refusing verb's for a noun
        # («не исключаем ударов»: the pronoun only inflected, as Russian drops it.)
        if (
            in_group_subject
            or (subject is not None and _is(subject, c.first_person))
            or (subject is None and _first_person(verb, c))
        ):
            # Talks the side has never refused («мы никогда не отказывались от переговоров»)
            # are endorsed; only a hostile act kept open is a warning.
            if level == 0:
                return StanceReading("advocate", "advocate.not_ruled_out")
            return StanceReading("threaten", "threaten.not_ruled_out")
        return StanceReading("predict", "predict.not_ruled_out")
    if rejection:
        return StanceReading("reject", rejection)
    # 5b. A set phrase of retribution («виновные понесут наказание») warns: a threat.
    if _threat_formula(trigger, verb, c):
        return StanceReading("threaten", "threaten.formula")
    # 6. Inevitability ("I do not see how a nuclear conflict can be avoided") predicts; so does
    # a risk or chance of the action («рискует потерять», «угроза войны»).
    if _likely(trigger, chain, c):
        if _only_if(trigger, c):
            return StanceReading("hypothetical", "hypothetical.only_if")
        return StanceReading("predict", "predict.likely")
    if _inevitable(trigger, c):
        return StanceReading("predict", "predict.inevitable")
    # 7. "I think / I do not think ..." without an obligation is a belief about what will be.
    epistemic = _epistemic_frame(chain, c) or _expected_object(trigger, verb, c)
    if epistemic is not None and not obligation:
        return StanceReading("predict", "predict.epistemic")
    # 7b. The speaker's side saying it demands or will insist («мы будем настаивать на ...»)
    # presses a demand: it advocates, it does not warn. The demand must have its author: an
    # indefinite «требовали» (no subject: "people demanded") is someone else's.
    if (
        in_group_subject
        and not negated
        and _is(verb, c.own_demand_verbs)
        and (_first_person(verb, c) or any(ch.dep_ == "nsubj" for ch in verb.children))
    ):
        return StanceReading("advocate", "advocate.own_demand")
    # 8. The speaker's side, in the consequence of a condition or with "will": a threat (not
    # what the speaker hopes for, nor "let us ..." («Давайте вместе выставим Пекину счёт»),
    # which 9 takes). "We will not stop the strikes" («не прекратим удары») keeps them up.
    kept_up = negated and _unstopped(trigger, verb, c)
    if (
        in_group_subject
        and (future or _has_condition(verb, c))
        and level >= 1
        and (not negated or kept_up)
        and WISH not in modals
        and not _let_us(verb, c)
    ):
        return StanceReading(
            "threaten", "threaten.own_side_future", also=("advocate",) if obligation else ()
        )
    # 8b. A response no other side owns, demanded in the consequence of a condition («если ...,
    # ответ должен быть жёстким», "if ..., the response must be harsh"): the voice's own side
    # warns, as "if ..., we must strike" does (8).
    if obligation and not negated and _unowned_response(trigger, c) and _has_condition(verb, c):
        return StanceReading("threaten", "threaten.unowned_response", also=("advocate",))
    # 9. Obligation, proposal, imperative, hortative, wish: the speaker calls for it. A call to
    # stop an action («Киев должен прекратить обстрелы») rejects the action stopped, as does a
    # negated call («нельзя вести переговоры»); a call not to stop it («нельзя прекращать
    # поставки») calls for it.
    called = "reject" if negated != _stopped(trigger, verb, c) else "advocate"
    if trigger != verb and _is(verb, c.awaiting_verbs) and _is_imperative(verb, c):
        return StanceReading("predict", "predict.awaited")
    if (
        obligation
        or (_is_imperative(verb, c) and not _asked_to_tell(trigger, verb, c))
        or _commanded_stop(verb, c)
        or _let_us(verb, c)
        or WISH in modals
    ):
        return StanceReading(called, "advocate.modal" if obligation else "advocate.imperative")
    if modals & set(c.proposal_modals) and (in_group_subject or _generic_subject(verb, c)):
        return StanceReading(called, "advocate.proposal")
    if any(a.lemma_ in c.advocacy_verbs and _first_person(a, c) for a in chain[1:]):
        return StanceReading(called, "advocate.verb")
    if _prescriptive(trigger, c):
        stopped = _stopped(trigger, verb, c) and not negated
        return StanceReading("reject" if stopped else "advocate", "advocate.prescriptive")
    endorser = _endorser(trigger, c)
    if endorser is not None:
        # «Не поддерживаем идею эмбарго»: the speaker's refusal to approve opposes the act.
        if _negated([endorser], endorser, c):
            return StanceReading("reject", "reject.endorsement_refused")
        return StanceReading("advocate", "advocate.endorsed")
    # 10. The speaker's side committing to a cooperative act ("we support the plan", «мы
    # поддерживаем», a delegation's "Kazakhstan supports"): it endorses what it does.
    if (
        level == 0
        and not negated
        and (future or _present_tense(verb))
        and (_commits(verb, c) or (in_group_subject and _named_subject(verb)))
    ):
        return StanceReading("advocate", "advocate.own_commitment")
    # 10b. "We will not / never ...": the speaker's side refuses it.
    if in_group_subject and negated and future and not kept_up:
        return StanceReading("reject", "reject.own_side")
    # 10c. A response said to come, owned by no one or by the speaker's side ("the response
    # will be harsh", «ответ будет жёстким», «последует ответ»): the voice's own side warns;
    # another side's («ответ Вашингтона») is a forecast.
    if future and not negated and _unowned_response(trigger, c):
        return StanceReading("threaten", "threaten.unowned_response")
    # 11. An agentless consequence of a condition ("keep pushing, and Kiev will be wiped off the
    # map"; "any warship that enters will be seized"): a threat whose author is left unsaid.
    if (
        future
        and not negated
        and level >= 2
        and _passive(verb)
        and (_has_condition(verb, c) or _conditional_subject(verb, c))
    ):
        return StanceReading("threaten", "threaten.agentless_condition", also=("predict",))
    # 11b. An ultimatum's consequence befalling the one addressed («уходите, иначе ваши
    # авианосцы пойдут ко дну»): the speaker's side warns.
    if (
        future
        and not negated
        and level >= 2
        and _ultimatum_consequence(verb, c)
        and _addressed_subject(verb, c)
    ):
        return StanceReading("threaten", "threaten.ultimatum")
    # 12. "will" or "may" for others: a prediction ("cannot", «не может», says what is so);
    # unless only a condition would bring it («возможна только в том случае, если ...»).
    if future or (modals & set(c.possibility_modals) and not negated):
        if _subject_of_consequence(trigger, verb, c):
            return StanceReading("report", "report.subject_of_forecast", negated=negated)
        if _headline(trigger):
            return StanceReading("report", "report.headline", negated=negated)
        if _only_if(trigger, c):
            return StanceReading("hypothetical", "hypothetical.only_if", negated=negated)
        return StanceReading("predict", "predict.future")
    # 13. "Moscow did not strike", «никогда не использовала»: saying that the action itself did
    # not happen denies it (not "could not", "is not ready for talks": those say other things).
    if (
        negated
        and (trigger == verb or _denied_object(trigger, verb, c))
        and not modals - set(c.support_auxiliaries)  # ("did" carries the "not", no modality)
        and any(ch.dep_ == "neg" for ch in verb.children)
        and _emphatic_denial(verb, c)
    ):
        return StanceReading("reject", "reject.denial", negated=negated)
    # 14. Otherwise the speaker says it happened or is happening.
    return StanceReading("report", "report.default", negated=negated)


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
    return (
        trigger.pos_ in ("NOUN", "PROPN")
        and bool(words)
        and _is(words[0], openers)
        and (
            trigger == words[0].head
            # "No more war": through a word that is no noun of its own
            or (words[0].head.pos_ not in ("NOUN", "PROPN") and trigger == words[0].head.head)
        )
        and not any(t.pos_ in ("VERB", "AUX") for t in sentence)
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
