"""The stance cascade's data (``data/stance.yaml`` and a language's own file), the reading it
gives, and the small text helpers every step uses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pydantic import Field
from spacy.tokens import Token

from redline.claims.lexicon import data_name
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
    expectation_verbs: list[str] = Field(default_factory=list)
    """Lemmas: an action named as what "I" or "we" await or fear is foreseen («Ждём ударов»,
    "we expect strikes"); a verb of belief ("think", "see") takes no such object."""
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
    falsehood_words: list[str] = Field(default_factory=list)
    """Word forms that call what is said of the action false when they are its predicate
    («Удары по Сумам — это фейк», "reports of strikes are false")."""
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
    knowing_verbs: list[str] = Field(default_factory=list)
    """Lemmas whose clause keeps its own modality whatever its mark: "we must remember that
    NATO bombed Belgrade" obliges remembering (English "that" also marks what is called for:
    "we must ensure that ...")."""
    subjunctive_words: list[str] = Field(default_factory=list)
    """Marks that make a past form a subjunctive («чтобы Путин признал», «признал бы»): a
    likelihood said of it is a forecast, not a hedged report of a deed done."""
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
    # Determiners that make an act said of the future any act of its kind ("any strike on our
    # territory will be regarded as ...", «любые удары будут рассматриваться как ...»): a
    # condition in disguise, imagined. Empty where none are listed.
    imagined_determiners: list[str] = Field(default_factory=list)
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
    # «Мы защищаем демократию. Это не так.»: a sentence after the action's that only says it is
    # not so denies it.
    denying_sentence_frames: list[str] = Field(default_factory=list)


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


@dataclass(frozen=True)
class StanceReading:
    stance: str
    rule: str
    also: tuple[str, ...] = ()
    negated: bool = False
    reported_by: int | None = None  # token index of the third party whose words are reported
    reported_stance: str | None = None


# Markers the cascade adds beside the modal words it finds: not words of any language.
OBLIGATION = "<obligation>"


FUTURE = "<future>"


WISH = "<wish>"
