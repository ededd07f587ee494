"""The speaker's stance toward an action, read off the dependency parse.

One function, :func:`stance_of`, answers for an action word in its sentence: does the speaker
report it, advocate it, threaten it, predict it, ask about it, imagine it, or reject it? The
decision runs as a numbered cascade; each step says why it comes where it does.

Every word the cascade reads comes from the stance file of the parse's language
(``data/stance.yaml``, ``data/<lang>/stance.yaml``); what differs by grammar rather than by word
is read from morphology: a perfective future (Russian «ответим») is a verb with Tense=Fut, a
conditional particle (Russian «бы») makes the clause hypothetical."""

from __future__ import annotations

from spacy.tokens import Token

from redline.claims.stance.clauses import (
    _asked_to_tell,
    _asks_whether,
    _capacity_chain,
    _commits,
    _detached,
    _first_person,
    _generic_subject,
    _in_relative_clause,
    _is_imperative,
    _is_question,
    _let_us,
    _modals,
    _named_subject,
    _negated,
    _passive,
    _predicate,
    _present_tense,
    _subject,
    governing_verb,
    inflected_first_person,
    is_capacity_noun,
    own_clause,
    subject_child,
    verb_chain,
)
from redline.claims.stance.conditions import (
    _addressed_subject,
    _any_act_to_come,
    _conditional_subject,
    _expected_condition,
    _has_condition,
    _imperative_condition,
    _in_if_clause,
    _only_if,
    _subject_of_consequence,
    _ultimatum_consequence,
    answers_condition,
    in_condition,
)
from redline.claims.stance.cues import (
    FUTURE,
    OBLIGATION,
    STANCES,
    WISH,
    StanceFile,
    StanceReading,
    _before,
    _cues,
    _frame,
    _is,
    cues,
)
from redline.claims.stance.frames import (
    _answered,
    _blamed,
    _commanded_stop,
    _denied_object,
    _designated,
    _emphatic_denial,
    _endorser,
    _evaluated_subject,
    _headline,
    _inevitable,
    _likely,
    _owned_by_another,
    _owned_by_speaker,
    _prescriptive,
    _rejected_subject,
    _rejection_frame,
    _stopped,
    _threat_formula,
    _unowned_response,
    _unstopped,
    _verbless_opened_by,
    answered_objects,
    in_threat_formula,
    opposes_anothers_act,
    unnamed_necessity,
)
from redline.claims.stance.speech import (
    _attributed_after_dash,
    _attributed_by_next,
    _colon_speech,
    _epistemic_frame,
    _expected_object,
    _postposed_speech,
    _reported,
    _reported_speech,
)
from redline.slogans import is_slogan_head

# The package's interface: the cascade, its reading and data, and the parse helpers the claims
# analyzer shares with it. The modules hold the cascade's steps: ``cues`` (data and the reading),
# ``clauses`` (the action's clause: verb chain, modals, tense, negation, subject), ``conditions``
# (conditions, ultimatums and consequences), ``speech`` (someone else's words) and ``frames``
# (rejections, prescriptions, endorsements, stops and the like).
__all__ = [
    "STANCES",
    "StanceFile",
    "StanceReading",
    "answered_objects",
    "answers_condition",
    "cues",
    "governing_verb",
    "in_condition",
    "in_threat_formula",
    "inflected_first_person",
    "is_capacity_noun",
    "opposes_anothers_act",
    "own_clause",
    "stance_of",
    "subject_child",
    "unnamed_necessity",
    "verb_chain",
]


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
    # «Любые удары по нашей территории будут рассматриваться как ...», "any use of nuclear
    # weapons against us would ...": any act of the kind, to come, is a condition in disguise
    # (unless the clause condemns it: "any attempt ... would be unacceptable").
    if _any_act_to_come(trigger, verb, modals, c) and not _rejection_frame(trigger, verb, c):
        return StanceReading("hypothetical", "hypothetical.any_act", negated=negated)
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
        and not _verbless_opened_by(trigger, [*c.exclusive_openers, *c.refusal_openers])
        and not _prescriptive(trigger, c)
        and not _rejected_subject(trigger, c)
        and _evaluated_subject(trigger, c, c.negative_evaluations) is None
        and _evaluated_subject(trigger, c, c.falsehood_words) is None
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
    # map"; "any warship that enters will be seized"; «в случае ... будут приняты все
    # необходимые меры», measures with no stated means): a threat whose author is left unsaid;
    # not in a headline, which announces what someone said (12).
    if (
        future
        and not negated
        and level >= 1
        and not _headline(trigger)
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
    # 11c. A ruin foretold in the consequence of a condition («если ..., от Хайфы останутся
    # одни руины», «стоит им только ударить, как от Лондона останется пепел»): what is left of
    # a place destroyed by no one named, the voice's own warning (not an event that breaks
    # out, «начнётся ядерная война», nor another side's act).
    if (
        future
        and not negated
        and level >= 4
        and _has_condition(verb, c)
        and (trigger == verb or _subject_of_consequence(trigger, verb, c))
        and not _owned_by_another(trigger, c)
        and (subject := _subject(verb)) is not None
        and subject.pos_ == "NOUN"
    ):
        return StanceReading("threaten", "threaten.ruin_foretold", also=("predict",))
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
