"""Russian actions and stances, read off the Russian parse with the Russian data files.

Sentences written for these tests in the style of ministry statements, talk shows and posts.
"""

from functools import cache

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from redline.claims.lexicon import PLOVER_TYPES, ActionLexicon, ActionMatch
from redline.claims.stance import StanceReading, stance_of
from redline.nlp import load_pipeline


@cache
def _nlp() -> Language:
    return load_pipeline(None, "ru")


def _match(doc: Doc, action: str) -> ActionMatch:
    lexicon = ActionLexicon.load("ru")
    found = [m for m in lexicon.find(doc) if doc[m.start : m.end].text.lower().startswith(action)]
    assert found, f"{action!r} not found in {doc.text!r}"
    return found[0]


def _stance(text: str, action: str, *, own_side: bool = False) -> StanceReading:
    doc = _nlp()(text)
    match = _match(doc, action)
    return stance_of(doc[match.head], in_group_subject=own_side, level=match.action.level)


def test_claims_ru_lexicon_is_valid_and_russian() -> None:
    lexicon = ActionLexicon.load("ru")
    actions = [a for group in (*lexicon.lemmas.values(), *lexicon.phrases.values()) for a in group]
    assert len(actions) >= 250
    assert {a.plover for a in actions} <= PLOVER_TYPES
    assert {a.level for a in actions} == {0, 1, 2, 3, 4, 5}
    assert "удар" in lexicon.lemmas and "по" in lexicon.clause.target_prepositions
    assert "strike" not in lexicon.lemmas  # English data never reads Russian text
    # Shared word lists nested in ``settled_by`` are flattened: land, forces and equipment.
    lost = lexicon.lemmas["потерять"][0].settled_by
    assert {"территория", "дивизия", "танк"} <= set(lost) and all(isinstance(w, str) for w in lost)


@pytest.mark.parametrize(
    ("text", "action", "own_side", "stance"),
    [
        # A conditional threat of the speaker's side, perfective future (no "will" word).
        ("Если Киев пойдёт дальше, мы нанесём удар по Вашингтону.", "нанесём удар", True,
         "threaten"),
        ("Надо стереть Вильнюс с лица земли.", "стереть", False, "advocate"),
        ("Армия нанесла удар по Харькову.", "нанесла удар", False, "report"),
        ("Мы не исключаем ответных мер.", "ответных мер", True, "threaten"),
        ("Россия не собирается нападать на Литву.", "нападать", True, "reject"),
        ("Мы должны ударить по складам противника.", "ударить", True, "advocate"),
        ("Пора ввести санкции против этих компаний.", "ввести санкции", False, "advocate"),
        ("Давайте уничтожим их базы.", "уничтожим", False, "advocate"),
        ("Пусть уничтожат эти склады.", "уничтожат", False, "advocate"),
        ("Нельзя вести переговоры с террористами.", "вести переговоры", False, "reject"),
        ("Мы будем наносить удары по военным объектам.", "наносить удары", True, "threaten"),
        ("Мы никогда не применим ядерное оружие первыми.", "применим ядерное", True, "reject"),
        ("По словам министра, войска нанесли удар по Одессе.", "нанесли удар", False, "report"),
        ("ВСУ якобы обстреляли Донецк.", "обстреляли", False, "reject"),
        ("Неужели НАТО нападёт на Калининград?", "нападёт", False, "question"),
        ("Если бы Россия напала, мы бы ответили.", "напала", False, "hypothetical"),
        ("Я думаю, что НАТО нападёт на Белоруссию.", "нападёт", False, "predict"),
        ("Мы поддерживаем мирный план.", "поддерживаем", True, "advocate"),
        ("Киев снова рассказывает о так называемой агрессии России.", "агрессии", False,
         "reject"),
        ("Россия может нанести удар по Киеву.", "нанести удар", False, "predict"),
        ("Нужно уничтожить их базы.", "уничтожить", False, "advocate"),
    ],
)  # fmt: skip
def test_claims_ru_stance(text: str, action: str, own_side: bool, stance: str) -> None:
    assert _stance(text, action, own_side=own_side).stance == stance


def test_claims_ru_condition_is_imagined_not_claimed() -> None:
    # The attack of «в случае нападения» is a condition; the response it answers is the threat.
    text = "В случае нападения на Калининград последует ответ."
    assert _stance(text, "нападения", own_side=True).stance == "hypothetical"
    assert _stance(text, "последует ответ", own_side=True).stance == "threaten"


def test_claims_ru_perfective_future_of_others_is_a_prediction() -> None:
    reading = _stance("Скоро НАТО начнёт боевые действия в Прибалтике.", "боевые действия")
    assert reading.stance == "predict"


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # Advocacy with the pronoun dropped, softened by «бы», or in a prescriptive frame.
        ("Требуем немедленно прекратить огонь.", "прекратить огонь", "advocate"),
        ("Предлагаю ввести санкции против чиновников.", "ввести санкции", "advocate"),
        ("Стоило бы нанести удар по центрам принятия решений.", "нанести удар", "advocate"),
        ("Время положить конец этой войне.", "положить конец", "advocate"),
        ("Единственная возможность остановить конфликт — начать переговоры.", "переговоры",
         "advocate"),
        ("Все виновные должны быть арестованы.", "арестованы", "advocate"),
        ("Украине срочно необходима военная помощь.", "военная помощь", "advocate"),
        # A possibility right before an obligation hedges it, commas or none; before any
        # other verb it foretells.
        ("Мне может быть надо неделю поплакать, а тебе прямо сейчас взять оружие и куда-то идти.",
         "взять оружие", "advocate"),
        ("Может быть Россия нанесёт удар по Киеву.", "нанесёт удар", "predict"),
        # Rejection: refusals, red-line phrasings, verbless «никаких ...», a need denied.
        ("Мы не допустим эскалации конфликта.", "эскалации", "reject"),
        ("Мы не допустим, чтобы НАТО разместило ракеты у наших границ.", "разместило", "reject"),
        ("Недопустимо, чтобы правительство вводило цензуру.", "цензуру", "reject"),
        ("Неприемлемо вводить санкции против мирного населения.", "санкции", "reject"),
        ("Ввод войск неприемлем.", "ввод войск", "reject"),
        ("Мы не согласимся на перемирие на таких условиях.", "перемирие", "reject"),
        ("Ни о каких переговорах не может быть и речи.", "переговорах", "reject"),
        ("Никаких переговоров с террористами.", "переговоров", "reject"),
        ("Мы категорически против ввода войск.", "ввода войск", "reject"),
        ("Нам не нужна эта война.", "война", "reject"),
        ("НАТО не нужна эскалация с Россией.", "эскалация", "reject"),
        ("Войны никому не нужны.", "войны", "reject"),
        ("Переговоры с Киевом России совсем не нужны.", "переговоры", "reject"),
        ("Нам нужна победа, а России не нужна война с Европой.", "война", "reject"),
        # Others' refusals and demands, others' needs, what they stopped: reported, not the
        # speaker's stance.
        ("Киев не согласится на перемирие.", "перемирие", "predict"),
        ("Депутаты требуют ввести санкции.", "ввести санкции", "report"),
        ("Россия прекратила поставки газа в Польшу.", "поставки", "report"),
        ("Путину нужна война с Западом.", "война", "report"),
        ("Если бы они напали, мы бы нанесли удар по их базам.", "нанесли удар", "hypothetical"),
        # The action as the subject of a prescriptive frame after it, with or without a dash.
        ("Переговоры — единственный выход из кризиса.", "переговоры", "advocate"),
        ("Санкции являются лучшим ответом на их действия.", "санкции", "advocate"),
        # A call to stop an action rejects it; a call not to stop it calls for it; a stop
        # that happened is reported.
        ("Киев должен прекратить обстрелы Донбасса.", "обстрелы", "reject"),
        ("Пора положить конец агрессии против соседей.", "агрессии", "reject"),
        ("Нельзя прекращать поставки оружия союзникам.", "поставки", "advocate"),
        ("Армия остановила наступление на город.", "наступление", "report"),
        # Giving up an action is stopping it: called for, it rejects; forbidden, it calls for
        # the action; a side's own refusal is reported.
        ("Киев должен отказаться от наступления.", "наступления", "reject"),
        ("Нельзя отказываться от переговоров с соседями.", "переговоров", "advocate"),
        ("Россия отказалась от переговоров.", "переговоров", "report"),
        # «Боюсь, что ...», «Думаю, что ...»: "I" dropped, the belief still predicts.
        ("Боюсь, что Путин не захочет вести переговоры.", "вести переговоры", "predict"),
        # A paraphrased emphatic denial rejects (a plain reported «не» stays a report).
        ("Песков заявил, что Россия никогда не нападала на соседей.", "нападала", "reject"),
        ("Министр заявил, что армия не обстреливала город.", "обстреливала", "report"),
        # «следует отметить, что ...»: the modal obliges the writer to say it; the clause
        # keeps its own modality («нужно, чтобы ...» still calls for it).
        ("Следует отметить, что армия наступает на город.", "наступает", "report"),
        ("Нужно, чтобы НАТО вывело войска из Прибалтики.", "вывело войска", "advocate"),
        # A third party's doubt or hope is paraphrased: the writer reports it.
        ("Многие сомневаются, что страна должна вводить санкции.", "санкции", "report"),
    ],
)  # fmt: skip
def test_claims_ru_advocacy_and_rejection_cues(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "own_side", "stance"),
    [
        # The future of the verb whose infinitive the action is: «начнёт воевать», «не сможет».
        ("Армия начнёт воевать по-настоящему.", "воевать", False, "predict"),
        ("Она не сможет начать боевые действия.", "боевые", False, "predict"),
        # «придётся»: a necessity to come predicts for others, warns for the own side.
        ("НАТО придется начать с Россией переговоры.", "переговоры", False, "predict"),
        ("Нам придётся нанести удар по их базам.", "нанести удар", True, "threaten"),
        # Risk and chance: a verb of risk over the infinitive, a noun of risk over the action.
        ("Он рискует утратить поддержку союзников.", "поддержк", False, "predict"),
        ("Растёт угроза ответного удара.", "ответного удара", False, "predict"),
        ("Есть риск эскалации конфликта.", "эскалац", False, "predict"),
        ("Возможны новые удары по городу.", "удары", False, "predict"),
        # A word of likelihood predicts what its own clause holds, not a clause beside it.
        ("Маловероятно, чтобы НАТО ввело войска в Молдавию.", "ввело войска", False, "predict"),
        ("Депутат выступил с обвинениями в адрес США, которые, вероятнее всего, создали вирус.",
         "обвинениями", False, "report"),
        ("Смирившись с неизбежностью, власти ввели санкции.", "ввели санкции", False, "report"),
        # A denial rejects, whoever denies; «не отрицает» does not.
        ("Москва это категорически отвергала.", "отвергала", False, "reject"),
        ("Киев отрицает удары по городу.", "удары", False, "reject"),
        ("Киев не отрицает удары по городу.", "удары", False, "report"),
        ("Эта политика должна быть отвергнута.", "отвергнута", False, "advocate"),
        # Set phrases of retribution warn.
        ("От наказания никто не уйдёт.", "наказани", False, "threaten"),
        ("Все виновные понесут суровое наказание.", "наказани", False, "threaten"),
        # The own side pressing a demand advocates it.
        ("Мы будем настаивать на выводе войск.", "настаивать", True, "advocate"),
        ("С разных сторон активно требовали пустить самолеты.", "требовали", True, "report"),
        # An emphatic negation denies; a plain one reports that it did not happen.
        ("Москва никогда не нападала на соседей.", "нападала", False, "reject"),
        ("Россия вовсе не нападала на Грузию.", "нападала", False, "reject"),
        ("Никто в Евросоюзе не ответил на запросы Рима.", "ответил", False, "report"),
        # A third party's words or view, the verb of saying after the clause or an opinion
        # verb before it: the writer reports them; the speaker's own view still predicts.
        ("Западная поддержка станет менее щедрой, отметил эксперт.", "поддержка", False,
         "report"),
        ("Эксперт считает, что НАТО нападёт на Белоруссию.", "нападёт", False, "report"),
        ("Я считаю, что НАТО нападёт на Белоруссию.", "нападёт", False, "predict"),
        # A paraphrase is the writer's report, its condition included (ANNOTATION.md §6; the
        # annotators read «..., если продолжить ..., заявил X» so).
        ("Если НАТО нападёт на Белоруссию, начнётся война, заявил эксперт.", "нападёт", False,
         "report"),
        # «ли» after the verb asks whether, with no question mark; «вряд ли» does not ask.
        ("Неизвестно, нападёт ли Россия на Литву.", "нападёт", False, "question"),
        ("Вряд ли Россия нападёт на Литву.", "нападёт", False, "predict"),
        # A fragment after a colon is not in the mood of the clause before it.
        ("Россия должна была бы пойти на уступки из-за многих факторов: подрыва экономики "
         "санкциями, неудач на фронте.", "санкциями", False, "report"),
        ("Мы бы ввели санкции против них.", "ввели санкции", False, "hypothetical"),
        # What the cues must leave alone: a past strike, a said clause's own tense.
        ("Россия нанесла удар по Харькову.", "нанесла удар", False, "report"),
        ("Мы скажем, что они ударили первыми.", "ударили", False, "report"),
    ],
)  # fmt: skip
def test_claims_ru_future_risk_denial_and_retribution(
    text: str, action: str, own_side: bool, stance: str
) -> None:
    assert _stance(text, action, own_side=own_side).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "expected"),
    [
        # The stock warnings of ministry statements: the negation asserts the response.
        ("Эта провокация не останется без ответа.", "останется", ("threaten", False)),
        ("Мы не оставим эти действия без ответа.", "оставим", ("threaten", False)),
        # «оставляем за собой право на ...»: the side's intention.
        ("Мы оставляем за собой право на ответные меры.", "ответные", ("threaten", False)),
        # A question left unanswered is no warning.
        ("Вопрос журналиста остался без ответа.", "остался", ("report", False)),
    ],
)
def test_claims_ru_stock_warnings_threaten(
    text: str, action: str, expected: tuple[str, bool]
) -> None:
    reading = _stance(text, action)
    assert (reading.stance, reading.negated) == expected


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # A clause conjoined to what a third party says is said too.
        ("Киев будет вынужден уступить, а Западу придётся начать переговоры, заключил "
         "эксперт.", "переговоры", "report"),
        # ... but a clause conjoined to the verb of saying itself is a clause of its own.
        ("Запад обвинял Россию в ударах — Москва это категорически отвергала.", "отвергала",
         "reject"),
        # A short adjective is the predicate of the said clause: the verb of saying is above it.
        ("Политика санкций ошибочна, заявил министр.", "санкций", "report"),
        ("Удары по городам недопустимы.", "удары", "reject"),
    ],
)  # fmt: skip
def test_claims_ru_said_clauses_conjoined_and_nominal(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # A two-aspect verb the tagger reads as a perfective future says what is happening ...
        ("Армия атакует позиции противника.", "атакует", "report"),
        ("Россия аннексирует новые регионы.", "аннексирует", "report"),
        # ... a perfective future still predicts.
        ("Армия нанесёт удар по позициям противника.", "нанесёт", "predict"),
    ],
)  # fmt: skip
def test_claims_ru_two_aspect_verbs_are_present(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # «если» with no comma before the action: the action is inside the condition, wherever
        # the parse hangs the «если».
        ("Но в том случае, если у Киева появится возможность заключить мирное соглашение, "
         "вопрос будет снят.", "мирное соглашение", "hypothetical"),
        # A comma closes it: what follows is the consequence.
        ("Если Киев согласится, переговоры начнутся уже в мае.", "переговоры", "predict"),
        # «Стоит (им) только X, как Y»: "as soon as X"; the modal opens a condition, it does not
        # call for X.
        ("Стоит им только ударить по Крыму, как ответ последует незамедлительно.", "ударить",
         "hypothetical"),
        ("Стоило лишь Вашингтону объявить о поставках, и Москва ответила.", "поставках",
         "hypothetical"),
        # Without «только»/«лишь» it is advice: "it is worth striking".
        ("Стоит ударить по их аэродромам.", "ударить", "advocate"),
    ],
)  # fmt: skip
def test_claims_ru_condition_read_off_the_text(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # A condition stated by «в случае ...» before the verb makes the agentless measures of
        # the consequence a threat, as «если» does; measures with no stated means are rung 1.
        ("В случае размещения ракет в Польше будут приняты все необходимые меры.",
         "приняты все необходимые меры", "threaten"),
        ("Если поставки продолжатся, будут приняты все необходимые меры.",
         "приняты все необходимые меры", "threaten"),
        # With no condition, measures said to be taken are a forecast.
        ("На саммите будут приняты все необходимые меры.", "приняты все необходимые меры",
         "predict"),
    ],
)  # fmt: skip
def test_claims_ru_agentless_measures_under_a_condition_threaten(
    text: str, action: str, stance: str
) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # Imperatives the tagger misreads (a proper noun, a participle) still command.
        ("Бомбите Лондон!", "бомбите", "advocate"),
        ("Убивайте оккупантов.", "убивайте", "advocate"),
        ("Ударим по Киеву!", "ударим", "advocate"),
        ("Вы бомбите Лондон каждый день.", "бомбите", "report"),
        # A perfective imperative is no future, wherever the parse hangs it (slogans in a row);
        # a negated one refuses the act.
        # A call to stop a war rejects the war (ANNOTATION.md section 6).
        ('На митинге кричали: "Хватит лжи", "Остановите войну против женщин".', "войну",
         "reject"),
        ("Не бомбите наши города!", "бомбите", "reject"),
    ],
)  # fmt: skip
def test_claims_ru_imperatives_command(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance


def test_a_question_whether_one_may_do_it_put_to_be_denied_rejects_it() -> None:
    assert _stance("Разве можно бить ракетами по жилым кварталам?", "бить").stance == "reject"
    assert _stance("Можно ли нанести удар по складам?", "нанести удар").stance == "question"
    assert _stance("Как можно остановить войну?", "войну").stance != "reject"


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # An emphatic denial denies what the verb is done with, not only the verb itself.
        ("Москва никогда не использовала поставки газа как оружие.", "поставки", "reject"),
        ("Белград никогда не вводил санкций против Москвы.", "санкций", "reject"),
        # ... but a denied stop says the act goes on, and a plain «не» reports.
        ("Россия никогда не прекращала поставки газа в Европу.", "поставки", "report"),
        ("Россия не использовала поставки газа в прошлом году.", "поставки", "report"),
        # The speaker casting what is said as false rejects it, in a paraphrase too.
        ("Западные СМИ снова распространяют фейки о российской агрессии.", "агрессии", "reject"),
        ("Это беспочвенные обвинения в агрессии против соседей.", "агрессии", "reject"),
        ("Политолог отметил, что ложь о неком «российском вмешательстве» давно надоела.",
         "вмешательстве", "reject"),
        ("Эксперт заявил, что Киев якобы нанёс удар по Донецку.", "нанёс удар", "reject"),
        # ... and so does calling the action, or the report of it, a fake after a dash.
        ("Удары по Сумской области — это российский фейк.", "удары", "reject"),
        ("Сообщения об ударах по Белгороду — ложь.", "ударах", "reject"),
        # ... or a next sentence that only says it is not so; not one that says more.
        ("Россия нанесла удар по Киеву. Это не так.", "нанесла удар", "reject"),
        # A denial with its verb, paraphrased with the speaker after it, still rejects.
        ("Россия отвергает обвинения в ударах по Одессе, заявил Песков.", "ударах", "reject"),
        ("Россия нанесла удар по Киеву. Это не так просто.", "нанесла удар", "report"),
        # Danger said of the action argues against it.
        ("Даже тайные переговоры будут опасны для страны.", "переговоры", "reject"),
        # What the new cues must leave alone.
        ("Эксперт заявил, что Киев нанёс удар по Донецку.", "нанёс удар", "report"),
        ("Журналисты рассказали о российской агрессии.", "агрессии", "report"),
    ],
)  # fmt: skip
def test_claims_ru_denials_and_disputed_accusations(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance


def test_a_formula_saying_its_subject_will_come_threatens_it() -> None:
    """«ответ не заставит себя ждать»: the negation is the formula's, the response will come."""
    assert _stance("Наш ответ не заставит себя ждать.", "ответ", own_side=True).stance == "threaten"
    assert _stance("Наш ответ не будет быстрым.", "ответ", own_side=True).stance != "threaten"


def test_a_copular_clause_after_a_colon_is_its_own() -> None:
    """«должны понимать: ..., и ответ будет болезненным»: the response's clause is the copula's,
    not the obligation the parse hangs it on; it warns, it does not call."""
    doc = _nlp()(
        "Те, кто принимает такие решения, должны понимать: мы ответим, и ответ будет болезненным."
    )
    [match] = [m for m in ActionLexicon.load("ru").find(doc) if doc[m.head].text == "ответ"]
    reading = stance_of(doc[match.head], in_group_subject=False, level=match.action.level)
    assert reading.stance == "threaten"


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # A verb of saying after the clause, with its subject after it: the writer paraphrases.
        (
            "Германия готова пренебречь помощью Украине, написал в статье эксперт института.",
            "помощью",
            "report",
        ),
        # The content of a verb of saying after a colon, unquoted: the writer paraphrases.
        (
            "Немцы с тревогой пишут: как только закончатся бои, России понадобится год для "
            "восстановления армии.",
            "восстановления",
            "report",
        ),
        # The speaker's own colon keeps the speaker's stance.
        ("Я пишу: НАТО нападёт на Россию.", "нападёт", "predict"),
        # An infinitive conjoined to the infinitive of a future verb is in its future.
        (
            "Российские войска смогут перегруппироваться и начать наступление.",
            "наступление",
            "predict",
        ),
        # A second act of the same subject is not an attribution.
        ("Россия нанесёт удар по складам и написала об этом Пентагону.", "нанесёт", "predict"),
    ],
)
def test_a_paraphrase_after_a_comma_or_a_colon_is_reported(
    text: str, action: str, stance: str
) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # The speaker's side doing a cooperative act, the pronoun dropped: it endorses it.
        ("Поддерживаем мирный план президента.", "поддерживаем", "advocate"),
        # "I" does it by saying it (ANNOTATION.md 7b: "I congratulate").
        ("Поздравляю вас с первой годовщиной освобождения.", "поздравляю", "advocate"),
        # Someone else's: reported.
        ("Президент поздравил ветеранов с праздником.", "поздравил", "report"),
    ],
)
def test_the_speakers_own_cooperative_act_is_advocated(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "own_side", "stance"),
    [
        ("Мы выступаем против войны.", "войны", False, "reject"),
        # The state's own voice speaking of it in the third person.
        ("Россия выступает против ударов по городам.", "ударов", True, "reject"),
        # Others' opposition, reported.
        ("140 стран выступили против спецоперации России.", "спецоперации", False, "report"),
    ],
)
def test_opposing_rejects_only_for_the_speakers_side(
    text: str, action: str, own_side: bool, stance: str
) -> None:
    assert _stance(text, action, own_side=own_side).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # Designating what may be struck endorses the strike ...
        ("Крымский мост — законная цель.", "законная", "advocate"),
        # ... or threatens it, where the speaker's side will strike.
        ("Объекты НАТО станут законной целью для наших ударов.", "законной", "threaten"),
        # Someone's naming, reported.
        ("Бридлав назвал Крымский мост законной целью.", "законной", "report"),
    ],
)
def test_a_designated_target(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # A question put so that the answer is yes calls for the act.
        ("Не пора ли положить конец этому конфликту?", "положить конец", "advocate"),
        ("Почему бы не ударить по Киеву?", "ударить", "advocate"),
        # A plain question asks.
        ("Ударит ли Россия по Киеву?", "ударит", "question"),
        # A verb of saying set in with its subject after it: the writer paraphrases.
        ("В этих условиях, пишет журнал, Россия продолжит военную операцию.", "военную", "report"),
    ],
)
def test_rhetorical_advocacy_and_inserted_attribution(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance


def test_a_question_takes_its_relative_clause_as_given() -> None:
    reading = _stance(
        "Почему СМИ транслируют ложь врагов, с которыми мы сегодня воюем на Украине?", "воюем"
    )
    assert reading.stance == "report"
    assert _stance("Нападёт ли Россия на Польшу?", "нападёт").stance == "question"
    # A clause the parse hangs as relative without a relative pronoun is still asked.
    reading = _stance(
        "Подумайте сами - зачем вести войну, в результате которой будут уничтожены предприятия, "
        "которые потом надо восстанавливать?",
        "войну",
    )
    assert reading.stance == "question"


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # No other way than the act: the voice calls for it.
        ("Нет другого варианта, как ликвидировать эти базы.", "ликвидировать", "advocate"),
        # A third party's certainty is paraphrased: the writer reports it.
        ("Эксперт уверен, что Киеву необходимо начать мирные переговоры.", "переговоры", "report"),
        # A claim in the infinitive of «удастся» under a verb of saying is reported.
        ("Лукашенко подчеркнул, что не удастся поставить на колени Россию.", "поставить", "report"),
        # «Взять, к примеру, ...» gives an example: the infinitive commands nothing.
        ("Взять, к примеру, убийство журналиста в Донецке.", "убийство", "report"),
        ("Взять Киев за три дня!", "взять", "advocate"),
    ],
)
def test_claims_ru_frames_of_need_belief_and_example(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # A stop commanded rejects what it stops; it calls for nothing.
        ("Прекратите обстреливать Белгород!", "обстреливать", "reject"),
        ("Хватит бомбить Донбасс!", "бомбить", "reject"),
        ("Начали бомбить Донбасс.", "бомбить", "report"),
        # Disputed as false, denied, condemned by a verbless predicate.
        ("Это ложь, что российская армия бомбит мирные кварталы.", "бомбит", "reject"),
        ("Песков назвал фейком сообщения об ударе по Киеву.", "ударе", "reject"),
        ("Журналист назвал иллюзией международную поддержку Украины.", "поддержку", "reject"),
        ("Песков назвал провокацией удары по Белгороду.", "удары", "report"),
        (
            "Кремль опроверг информацию о подготовке наступления на Харьков.",
            "наступления",
            "reject",
        ),
        ("Вывод войск из Херсона — это предательство.", "вывод", "reject"),
        ("Наступление ВСУ — это провал.", "наступление", "report"),
        # The speaker's side not planning the act refuses it.
        ("Мы не планируем нападать на страны НАТО.", "нападать", "reject"),
    ],
)
def test_claims_ru_stops_disputes_and_condemnations(text: str, action: str, stance: str) -> None:
    own = text.startswith("Мы")
    assert _stance(text, action, own_side=own).stance == stance


@pytest.mark.parametrize(
    "text",
    [
        # A verb of saying in the passive, with no subject, reports unnamed others' words.
        "В заявлении говорится, что Россия ударит по Киеву.",
        "Сообщается, что Россия ударит по Киеву.",
        "В документе указано, что Россия ударит по Киеву.",
        "По сообщению ведомства, Россия ударит по Киеву.",
        # ... and so does a plural that names no one, before or after what it says
        "В Кремле заявили, что Россия ударит по Киеву.",
        "Россия ударит по Киеву, сообщили в ведомстве.",
        "Россия ударит по Киеву, сообщается на сайте министерства.",
    ],
)
def test_claims_ru_passive_saying_reports(text: str) -> None:
    reading = _stance(text, "ударит")
    # ... and credits no one: no one is named.
    assert (reading.stance, reading.reported_by) == ("report", None)


def test_claims_ru_a_passive_of_another_verb_is_no_saying() -> None:
    assert _stance("Решено, что Россия ударит по Киеву.", "ударит").stance == "predict"
    # Words still to be said («сообщат») report nothing.
    assert _stance("Украине сообщат, что Россия ударит по Киеву.", "ударит").stance == "predict"
    # A plural subject said is a voice of its own: the writer reports it, crediting it.
    reading = _stance("Депутаты заявили, что Россия ударит по Киеву.", "ударит")
    assert reading.stance == "report" and reading.reported_by is not None


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # «хватит» with what there is enough of says "enough to", not "stop".
        ("Надеюсь, у режиссеров хватит сил извиниться перед украинцами.", "извиниться", "advocate"),
        ("Хватит бомбить Донбасс!", "бомбить", "reject"),
        # What "I" foresee, fear or expect, named as the object, is predicted.
        ("Предвижу обвинения в приверженности к теории заговора.", "обвинения", "predict"),
        ("Боюсь новой войны.", "войны", "predict"),
        ("Он ожидает ударов по Киеву.", "ударов", "report"),
        # An action said to be needed is called for; one that was needed is told.
        ("Ликвидация террористов необходима.", "ликвидация", "advocate"),
        ("Ликвидация главаря боевиков была необходима.", "ликвидация", "report"),
        # ... and what "we" await, said or only inflected.
        ("Ждём ковровых бомбардировок.", "бомбардировок", "predict"),
        ("Мы ожидаем новых ударов по энергосистеме.", "ударов", "predict"),
        # A likelihood said of a deed done hedges a report; of a subjunctive, it forecasts.
        ("Скорее всего, их срисовали и отправили по ним беспилотник.", "отправили", "report"),
        ("Маловероятно, чтобы Путин признал поражение в этой войне.", "войне", "predict"),
        # What one must know keeps its own modality, however the parse hangs the clause.
        (
            "Украинцы должны знать, что пока одни гниют в окопах, а другие прячутся от "
            "мобилизации, в стране есть каста военнослужащих.",
            "мобилизации",
            "report",
        ),
        # «не миновать»: inevitable.
        ("Кажется, войны не миновать.", "войны", "predict"),
        # «быть» in the future is the clause's own verb.
        ("Скоро будет наступление на Харьков.", "наступление", "predict"),
        ("Не будет захвата Харькова.", "захвата", "predict"),
        # A circumstance that forces («приходится») calls for nothing.
        ("Теперь им приходится ожидать ударов не только с воздуха.", "ударов", "report"),
    ],
)
def test_claims_ru_sufficiency_expectation_and_the_future_of_be(
    text: str, action: str, stance: str
) -> None:
    assert _stance(text, action).stance == stance


def test_claims_ru_victory_needs_a_war_or_an_enemy() -> None:
    doc = _nlp()("Вместе мы одолеем коварного врага и победим в этой войне.")
    assert {doc[m.head].lemma_ for m in ActionLexicon.load("ru").find(doc)} >= {
        "одолеть",
        "победить",
    }


@pytest.mark.parametrize(
    ("text", "action", "own_side", "stance"),
    [
        # Another side's intention is reported; the speaker's side's own threatens or refuses.
        ("Россия намерена продолжить наступление.", "наступление", False, "report"),
        ("Киев собирается начать наступление.", "наступление", False, "report"),
        ("Мы намерены ответить на любую агрессию.", "ответить", True, "threaten"),
        ("Мы не намерены нападать на Польшу.", "нападать", True, "reject"),
        ("Мы не намерены выселяться.", "выселяться", True, "reject"),
        # "Let us ..." calls for the act, even the speaker's side's own.
        ("Давайте вместе выставим Пекину счет.", "выставим", True, "advocate"),
        ("Если они нападут, мы ударим по Киеву.", "ударим", True, "threaten"),
    ],
)
def test_claims_ru_intentions_and_let_us(
    text: str, action: str, own_side: bool, stance: str
) -> None:
    assert _stance(text, action, own_side=own_side).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "own_side", "stance"),
    [
        # The condition runs from «если» to «, то», however deep the action sits in it.
        ("Если у России будут сомнения в том, что Калининград будет захвачен, то Россия "
         "ответит.", "захвачен", False, "hypothetical"),
        ("Если Киев решит, что Запад перестанет поставлять оружие, то он пойдёт на переговоры.",
         "поставлять", False, "hypothetical"),
        # What follows «то» is the consequence, not the condition.
        ("Если противник начнёт наступление, то мы нанесём удар по его позициям.",
         "нанесём удар", True, "threaten"),
        # What only a condition would bring is imagined, not forecast.
        ("Война с НАТО может начаться только в том случае, если США выйдут из альянса.",
         "война", False, "hypothetical"),
        ("Зеленский может остановить боевые действия лишь при условии, что ему дадут победу.",
         "остановить", False, "hypothetical"),
        ("Война с НАТО может начаться в любой момент.", "война", False, "predict"),
        ("Война России и НАТО возможна только в том случае, если из альянса выйдут США.",
         "война", False, "hypothetical"),
        ("Война России и НАТО возможна.", "война", False, "predict"),
    ],
)  # fmt: skip
def test_claims_ru_condition_up_to_then_and_only_if(
    text: str, action: str, own_side: bool, stance: str
) -> None:
    assert _stance(text, action, own_side=own_side).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # A forecast of what an action will cause reports the action itself ...
        ("Еврокомиссия: санкции против РФ нанесут ущерб Евросоюзу.", "санкции", "report"),
        ("Успешные контратаки ВСУ могут убедить Путина пойти на переговоры.", "контратаки",
         "report"),
        # ... a forecast that it will happen forecasts it.
        ("Скоро начнётся война с НАТО.", "война", "predict"),
        ("Ответный удар Вашингтона последует незамедлительно.", "ответный удар", "predict"),
        # (A retaliation no other side owns is the voice's own side's warning.)
        ("Ответный удар последует незамедлительно.", "ответный удар", "threaten"),
        ("Удар будет нанесён в ближайшие дни.", "удар", "predict"),
        # ... as does a predicate with a copula, which describes the action itself.
        ("Сражение будет кровавое.", "сражение", "predict"),
    ],
)  # fmt: skip
def test_claims_ru_subject_of_a_forecast_consequence(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "own_side", "stance"),
    [
        # Not stopping an action keeps it up: the speaker's side's own is a threat, not a refusal.
        ("Мы не прекратим удары по военным объектам.", "удары", True, "threaten"),
        ("Мы не перестанем вооружать Украину.", "вооружать", True, "threaten"),
        ("Россия не прекратит обстрелы Харькова.", "обстрелы", False, "predict"),
        # A refusal is still a refusal.
        ("Мы не будем наносить удары по городам.", "наносить удары", True, "reject"),
        # «пока не» is "until": the action is not negated.
        ("Мы будем наступать, пока не освободим Донбасс.", "освободим", True, "threaten"),
    ],
)  # fmt: skip
def test_claims_ru_a_stop_negated_and_until(
    text: str, action: str, own_side: bool, stance: str
) -> None:
    assert _stance(text, action, own_side=own_side).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # An «если» that sets a past against the present imagines neither half ...
        ("Если раньше Киев требовал переговоров, то теперь он требует капитуляции.",
         "переговоров", "report"),
        # ... a future in it still imagines.
        ("Если раньше они нападут на Крым, армия ответит.", "нападут", "hypothetical"),
    ],
)  # fmt: skip
def test_claims_ru_contrastive_if_states_both_halves(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # A source named after a final dash: the writer paraphrases it.
        ("ФРГ предоставит Украине батарею ПВО Patriot – Белый дом после беседы Байдена.",
         "предоставит", "report"),
        ("Россия нанесёт удар по центрам принятия решений в Киеве, — Медведев", "нанесёт удар",
         "report"),
        # Not a source: a dash that is the copula of a short sentence, or no dash at all.
        ("Россия нанесёт удар по центрам принятия решений в Киеве.", "нанесёт удар", "predict"),
    ],
)  # fmt: skip
def test_claims_ru_source_named_after_a_final_dash(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # A headline's future announces a decision: the writer reports it.
        ("Испания выделит военную помощь Украине\nПремьер-министр заявил об этом в Киеве.",
         "военную помощь", "report"),
        # The same sentence as a text's last line, or with a final stop, forecasts.
        ("Премьер-министр выступил в Киеве.\nИспания выделит военную помощь Украине",
         "военную помощь", "predict"),
        ("Испания выделит военную помощь Украине.\nПремьер-министр заявил об этом в Киеве.",
         "военную помощь", "predict"),
    ],
)  # fmt: skip
def test_claims_ru_headline_future_is_reported(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "own_side", "stance"),
    [
        # The speaker's side's own want of the act denied rejects it; another side's is told.
        ("Мы не хотим большой войны.", "войны", True, "reject"),
        ("Они не хотят войны.", "войны", False, "report"),
        # «Об этом говорили и президент»: others said it too; the sentence is the speaker's.
        ("Наши военные станут законной целью. Об этом заявил министр.", "законной целью",
         False, "report"),
        ("Французские военные станут законной целью для наших Вооружённых сил. Об этом говорили "
         "и президент, и министр обороны.", "законной целью", False, "threaten"),
    ],
)  # fmt: skip
def test_claims_ru_own_want_denied_and_others_saying_it_too(
    text: str, action: str, own_side: bool, stance: str
) -> None:
    assert _stance(text, action, own_side=own_side).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # An act called a path to war rejects it; so does the act set against the one called for.
        ("Удары по Лондону — это прямой путь к ядерной войне.", "удары", "reject"),
        ("Нам нужны переговоры, а не новая эскалация.", "эскалация", "reject"),
        ("Нам нужны переговоры, а не новая эскалация.", "переговоры", "advocate"),
        ("Переговоры — это путь к миру.", "переговоры", "report"),
    ],
)  # fmt: skip
def test_claims_ru_an_act_argued_against_by_where_it_leads(
    text: str, action: str, stance: str
) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "own_side", "stance"),
    [
        # The negation before a contrast is the other act's: the second is called for.
        ("Нам надо не оправдываться, а жёстко отвечать на каждую провокацию.", "отвечать", True,
         "advocate"),
        # What a response answers is the other side's act: told, or imagined when it is any.
        ("Нам надо жёстко отвечать на провокации.", "провокации", True, "report"),
        ("Мы ответим на любую агрессию.", "агрессию", True, "hypothetical"),
        # «ответят за всё»: retribution foretold.
        ("Политики, развязавшие эту авантюру, ответят за всё.", "ответят", False, "threaten"),
        # What others have long told is reported, not foretold by the speaker.
        ("Политики годами рассказывали нам, что Россия вот-вот нападёт на Прибалтику.",
         "нападёт", False, "report"),
    ],
)  # fmt: skip
def test_claims_ru_contrast_answers_and_retribution(
    text: str, action: str, own_side: bool, stance: str
) -> None:
    assert _stance(text, action, own_side=own_side).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # A call to stop a war rejects the war.
        ('Я сказал: "Во имя Бога, остановите эту войну", - сказал Папа.', "войну", "reject"),
    ],
)  # fmt: skip
def test_claims_ru_quoted_designations_and_calls_to_stop(
    text: str, action: str, stance: str
) -> None:
    assert _stance(text, action).stance == stance


def test_claims_ru_an_act_hung_on_a_capacity_noun_shares_its_verbs_modality() -> None:
    assert _stance("Мы должны иметь возможность бить по аэродромам.", "бить").stance == "advocate"
    assert _stance("У нас есть возможность бить по аэродромам.", "бить").stance == "report"


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # The speaker's approval of a proposed act calls for it, through a noun of proposal or
        # the infinitive it is the object of; a refusal to approve opposes it.
        ("Приветствуем решение Берлина передать Киеву танки.", "передать", "advocate"),
        ("Поддерживаем идею полного энергетического эмбарго против России.", "эмбарго",
         "advocate"),
        ("Одобряем решение ЕС ввести новые санкции против Москвы.", "санкции", "advocate"),
        ("Мы не поддерживаем идею переговоров с Кремлём.", "переговоров", "reject"),
        # Another side's approval is told; support of a side endorses no act of its fight.
        ("Германия поддержала решение США передать Киеву ракеты.", "передать", "report"),
    ],
)  # fmt: skip
def test_claims_ru_an_act_the_speaker_approves_is_called_for(
    text: str, action: str, stance: str
) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # What the sentence opens by naming the main thing, or the one thing left, prescribes.
        ("Главное сейчас — как можно быстрее поставить Украине ракеты.", "поставить",
         "advocate"),
        ("Остаётся только одно — бить по складам и аэродромам врага.", "бить", "advocate"),
        ("Нам не остаётся ничего другого, кроме как ударить по их складам.", "ударить",
         "advocate"),
        # ... but not what the main thing is that happened, nor another side's goal.
        ("Главное — что Россия нанесла удар по Одессе.", "нанесла", "report"),
        ("Главная задача Кремля — захватить Донбасс.", "захватить", "report"),
        # An infinitive joined to the prescribed one is prescribed with it.
        ("Единственная возможность остановить конфликт – услышать требования России и начать "
         "мирные переговоры.", "переговоры", "advocate"),
        # An act said to be right is endorsed; «лучше бы» wishes it.
        ("Удары по Киеву — это правильно.", "удары", "advocate"),
        ("Лучше бы Киев согласился на переговоры.", "переговоры", "advocate"),
        # Eager waiting wishes it.
        ("Ждём, когда наши возьмут Часов Яр.", "возьмут", "advocate"),
    ],
)  # fmt: skip
def test_claims_ru_frames_that_prescribe_an_act(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # What the guilty are blamed for is their deed, told, though their punishment is
        # demanded.
        ("Требуем наказать всех виновных в этом военном преступлении.", "военном", "report"),
        ("Вся ответственность за эскалацию лежит на Вашингтоне.", "эскалацию", "report"),
        # A verbless sentence that opens with «только» names the one thing it demands.
        ("Никаких уступок агрессору. Только полное освобождение всех территорий.",
         "освобождение", "advocate"),
        ("Только за сутки обстрелы Херсона унесли жизни пяти человек.", "обстрелы", "report"),
        # A word or two set off by a dash may lead up to it; a refusal likewise.
        ("Дальше — только жёсткий ответ.", "ответ", "advocate"),
        ("Итог — удар по Харькову.", "удар", "report"),
        ("Нет войне!", "войне", "reject"),
        # What a move is fraught with is a likely outcome.
        ("Решение Вашингтона чревато новой войной в Европе.", "войной", "predict"),
    ],
)  # fmt: skip
def test_claims_ru_deeds_blamed_and_the_one_thing_demanded(
    text: str, action: str, stance: str
) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "own_side", "stance"),
    [
        # «Не исключаем» with the pronoun only inflected keeps the side's own option open.
        ("В случае поставок «Томагавков» не исключаем ударов по местам их базирования.",
         "ударов", False, "threaten"),
        # An ultimatum's "or else" befalling the one addressed warns.
        ("Уходите из наших вод, иначе ваши авианосцы пойдут ко дну.", "пойдут ко дну", False,
         "threaten"),
        ("Немедленно покиньте наши воды, иначе ваше судно будет задержано.", "задержано", False,
         "threaten"),
        ("Уходите, иначе НАТО ударит по вам.", "ударит", False, "predict"),
    ],
)  # fmt: skip
def test_claims_ru_threats_of_the_speakers_side(
    text: str, action: str, own_side: bool, stance: str
) -> None:
    assert _stance(text, action, own_side=own_side).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # Denials and rejections: no part in the act, an aim disowned, ruled out, pointless,
        # named a crime, judged after a dash, cancelled on command.
        ("Россия не имеет никакого отношения к кибератакам на Молдавию.", "кибератакам",
         "reject"),
        ("Россия не ставит целью уничтожение украинской государственности.", "уничтожение",
         "reject"),
        ("Конфискация российских активов — не что иное, как воровство.", "конфискация",
         "reject"),
        ("Втягивать Японию в военный конфликт — безответственно.", "втягивать", "reject"),
        ("Отмените незаконные санкции против Сирии.", "санкции", "reject"),
        ("Никакого «перемирия» на условиях Кремля не будет.", "перемирия", "reject"),
        # What one punishes a side for is its deed, told.
        ("Накажите Киев за эти обстрелы!", "обстрелы", "report"),
    ],
)  # fmt: skip
def test_claims_ru_acts_denied_or_rejected(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # Calls: the only way out before the act (and the act joined to it), the one remedy, a
        # need stated, «имеет смысл», a double prohibition, a rhetorical «не пора ли», what
        # must be done pointed to after a dash.
        ("Единственный разумный выход сейчас — прекращение огня и переговоры.", "переговоры",
         "advocate"),
        ("Требуется немедленное и безусловное прекращение огня в Газе.", "прекращение огня",
         "advocate"),
        ("Имеет смысл вернуться к переговорам о ракетах средней дальности.", "переговорам",
         "advocate"),
        ("Нельзя не поддержать инициативу Пекина о мирной конференции.", "поддержать",
         "advocate"),
        ("Нельзя бить по городам.", "бить", "reject"),
        ("Обмен всех на всех — вот что нужно делать прямо сейчас.", "обмен", "advocate"),
        # Forecasts: what one expects if, what one is told to await, what is expected.
        ("Не удивимся, если в ответ Лондон вышлет российских дипломатов.", "вышлет", "predict"),
        ("Если Лондон вышлет наших дипломатов, мы ответим.", "вышлет", "hypothetical"),
        ("Ждите обстрела станции со дня на день.", "обстрела", "predict"),
        ("Ночью ожидается массированный ракетный удар по всей Украине.", "ракетный удар",
         "predict"),
        # An imperative with a named subject beside a «бы» clause is a counterfactual's "if".
        ("Не заморозь Запад резервы Банка России, доверие к доллару не пошатнулось бы.",
         "заморозь", "hypothetical"),
        # A need the speaker states; a supposition opening the sentence; a report called a
        # slander; a slogan against the act.
        ("Считаем необходимым незамедлительно созвать заседание Совбеза ООН.", "созвать",
         "advocate"),
        ("Допустим, Штаты завтра вводят вторичные санкции против покупателей нефти.",
         "санкции", "hypothetical"),
        ("В Пхеньяне назвали «гнусной клеветой» сообщения о том, что хакеры похитили "
         "криптовалюту.", "похитили", "reject"),
        ("Долой войну!", "войну", "reject"),
        # A verb of saying set in as an aside to a question does not make it a report.
        ("Введут ли США вторичные санкции против покупателей нефти, как обещали?", "санкции",
         "question"),
    ],
)  # fmt: skip
def test_claims_ru_calls_forecasts_and_conditions(text: str, action: str, stance: str) -> None:
    assert _stance(text, action).stance == stance
