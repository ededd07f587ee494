"""The claims, red-lines and escalation layers on Russian text, through the whole pipeline.

Sentences written for these tests in the style of ministry statements, talk shows and posts.
"""

from collections.abc import Callable

import pytest

from redline.document import Document, Metadata, Span
from redline.pipeline import Pipeline

_PIPELINE: Pipeline | None = None


def _analyse(text: str) -> Document:
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = Pipeline.from_names()
    return _PIPELINE.run(Document.from_text(text, Metadata(language="ru")))


def _claim(document: Document, words: str, key: Callable[[Span], bool] = lambda _: True) -> Span:
    start = document.text.find(words)
    assert start >= 0, words
    end = start + len(words)
    found = [c for c in document.layer("claims") if c.start < end and start < c.end and key(c)]
    assert found, f"no claim over {words!r}: {[c.text for c in document.layer('claims')]}"
    return found[0]


def test_claims_ru_conditional_threat_is_a_red_line() -> None:
    document = _analyse("Если Киев пойдёт дальше, мы нанесём удар по Вашингтону.")
    claim = _claim(document, "нанесём удар")
    assert claim.attrs["stance"] == "threaten"
    [line] = [r for r in document.layer("redlines") if r.label == "conditional_threat"]
    assert line.attrs["condition"].startswith("Если Киев")
    assert document.summaries["escalation"]["max_threaten"] >= 3


def test_claims_ru_strike_on_a_capital_is_level_four() -> None:
    document = _analyse("Если Варшава не остановится, мы ударим по Киеву.")
    claim = _claim(document, "ударим")
    assert (claim.attrs["stance"], claim.attrs["level"]) == ("threaten", 4)


def test_claims_ru_a_capital_in_a_clause_hung_on_the_target_is_no_target() -> None:
    # The parse hangs «Киев остался без света» on «энергосистеме»: the strike was on the grid.
    document = _analyse("Удар по энергосистеме: Киев остался без света")
    claim = _claim(document, "Удар")
    assert (claim.attrs["level"], claim.attrs["target"]) == (3, None)


def test_claims_ru_a_city_is_rung_four_only_as_what_is_destroyed() -> None:
    assert _claim(_analyse("Армия уничтожила город."), "уничтожила").attrs["level"] == 4
    for text in ("Армия уничтожила инфраструктуру городов.", "Ракеты уничтожили склад у города."):
        assert _claim(_analyse(text), "уничтожил").attrs["level"] == 3


def test_claims_ru_levels_from_inflected_words() -> None:
    # «ядерным» and «лица земли» are inflected: the level reads their lemmas.
    nuclear = _analyse("Мы нанесём ядерный удар по этим базам.")
    assert _claim(nuclear, "ядерный удар").attrs["level"] == 5
    wiped = _analyse("Надо стереть Вильнюс с лица земли.")
    claim = _claim(wiped, "стереть")
    assert (claim.attrs["stance"], claim.attrs["level"]) == ("advocate", 4)


def test_claims_ru_report_names_actor_and_target() -> None:
    document = _analyse("Российская армия нанесла удар по Харькову.")
    claim = _claim(document, "нанесла удар")
    assert claim.attrs["stance"] == "report"
    assert claim.attrs["level"] == 3
    assert claim.attrs["target"] is not None


def test_claims_ru_negated_intention_is_not_escalation() -> None:
    document = _analyse("Мы не собираемся нападать на Литву.")
    claim = _claim(document, "нападать")
    assert claim.attrs["stance"] == "reject"
    assert document.summaries["escalation"]["index"] == 0


def test_claims_ru_threshold_cues() -> None:
    document = _analyse(
        "Размещение ракет у наших границ неприемлемо. Мы не потерпим такого давления."
    )
    rules = {r.rule for r in document.layer("redlines")}
    assert {"unacceptable", "will_not_tolerate"} <= rules


def test_claims_ru_layers_record_russian() -> None:
    document = _analyse("Армия нанесла удар по Харькову.")
    assert document.layer("claims")
    assert document.metadata.language == "ru"


def test_redlines_ru_a_host_asking_what_if_sets_no_line() -> None:
    document = _analyse("Ведущий: А если Варшава пойдёт дальше и начнёт поставлять ракеты?")
    assert not document.layer("redlines")


def test_claims_ru_deploying_nuclear_arms_is_a_show_of_force() -> None:
    """Moving weapons is not using them: a deployment is rung 3, a nuclear strike rung 5."""
    document = _analyse("Россия разместила тактическое ядерное оружие в Белоруссии.")
    assert _claim(document, "разместила").attrs["level"] == 3


def test_claims_ru_a_participles_noun_sets_the_level() -> None:
    """«переданные Украине гаубицы»: the participle hangs on its noun, which is still what was
    passed; arms handed to a side are military aid (rung 3), grain stays aid (rung 0)."""
    arms = _analyse("Гаубицы, переданные Украине союзниками, уже на фронте.")
    assert _claim(arms, "переданные Украине").attrs["level"] == 3
    grain = _analyse("Зерно, переданное Египту, прибыло в порт.")
    assert _claim(grain, "переданное Египту").attrs["level"] == 0


def test_claims_ru_help_to_an_army_is_military_aid() -> None:
    document = _analyse("Запад продолжает помогать армии Украины.")
    assert _claim(document, "помогать").attrs["level"] == 3


def test_claims_ru_help_to_soldiers_is_military_aid() -> None:
    """Aid whose recipients are fighters («защитники», «бойцы») is military aid (rung 3)."""
    document = _analyse("Нужно помочь нашим защитникам на фронте.")
    assert _claim(document, "помочь").attrs["level"] == 3


def test_claims_ru_a_response_with_a_named_place_as_its_object_is_a_strike() -> None:
    """«ответить по X» names what is hit: a strike (rung 3; 4 for a capital); «ответные меры по
    отношению к» names a relation and stays a threat with no stated means (rung 1)."""
    city = _analyse("Если ВСУ продолжат обстрелы, мы ответим по Харькову.")
    assert _claim(city, "ответим").attrs["level"] == 3
    capital = _analyse("Если Польша введёт войска, мы ответим по Варшаве.")
    assert _claim(capital, "ответим").attrs["level"] == 4
    relation = _analyse("Россия примет ответные меры по отношению к США.")
    assert _claim(relation, "ответные меры").attrs["level"] == 1


def test_claims_ru_a_seat_of_government_as_a_target_is_rung_four() -> None:
    document = _analyse("Некоторые призывают ударить по Даунинг-стрит.")
    assert _claim(document, "ударить").attrs["level"] == 4


def test_claims_ru_nuclear_weapons_named_but_not_used_are_not_rung_five() -> None:
    """Mentioning weapons is not using them: the threat posed by nuclear arms, a strike on a
    depot of nuclear munitions, giving up warheads; weapons as the means of a threat or the
    threat of a nuclear war are rung 5."""
    spoken_of = {
        "Министр призвал задуматься об угрозе ядерного оружия США в Европе.": "угрозе",
        "Армия нанесла удар по складу ядерных боеприпасов.": "нанесла удар",
        "Отказавшись от ядерных боеголовок, Украина передала России бомбардировщики.": "передала",
    }
    for text, words in spoken_of.items():
        assert _claim(_analyse(text), words).attrs["level"] < 5, text
    used = {
        "Путин угрожает Западу ядерным оружием.": "угрожает",
        "Существует угроза ядерной войны.": "угроза",
    }
    for text, words in used.items():
        assert _claim(_analyse(text), words).attrs["level"] == 5, text


def test_claims_ru_economic_war_and_bans_on_cooperation_are_sanctions() -> None:
    """A "war" of sanctions is coercion (rung 2), even with a word inside the phrase; banning
    cooperation with a state is a sanction."""
    war = _analyse("На это наложилась санкционная по сути война против России.")
    assert _claim(war, "война").attrs["level"] == 2
    ban = _analyse("Парламент ввёл запрет на сотрудничество с Россией.")
    assert _claim(ban, "запрет на сотрудничество").attrs["level"] == 2


def test_claims_ru_common_verbs_of_the_ladder() -> None:
    """Aspect pairs and everyday words of news and posts carry their rung: coups and arrests 2,
    strikes 3, a nuclear test 5."""
    cases = {
        "Военные свергли правительство Мали.": ("свергли", 2),
        "Полиция арестовывала активистов на площади.": ("арестовывала", 2),
        "Израиль нанёс авиаудар по Газе.": ("авиаудар", 3),
        "ПВО сбивала дроны над Белгородом.": ("сбивала", 3),
        "КНДР провела ядерное испытание.": ("ядерное испытание", 5),
    }
    for text, (words, level) in cases.items():
        assert _claim(_analyse(text), words).attrs["level"] == level, text


def test_claims_ru_force_against_an_idea_is_rhetoric() -> None:
    """Force used metaphorically (against a culture, a right, arguments) is rung 1; against a
    place or a force it stays rung 3."""
    culture = _analyse("Запад развернул атаку на русскую культуру.")
    assert _claim(culture, "атаку").attrs["level"] == 1
    rights = _analyse("Это решение — вторжение в личные права граждан.")
    assert _claim(rights, "вторжение").attrs["level"] == 1
    depots = _analyse("Армия уничтожила склады боеприпасов.")
    assert _claim(depots, "уничтожила").attrs["level"] == 3


def test_claims_ru_aid_in_a_sentence_naming_weapons_is_military() -> None:
    """The weapons of an aid package are often outside the aid word's phrase; aid the sentence
    calls political or humanitarian stays diplomacy (rung 0)."""
    arms = _analyse("Пакет помощи Украине включает ракеты и снаряды для артиллерии.")
    assert _claim(arms, "помощи").attrs["level"] == 3
    civil = _analyse("Европа оказывает Киеву политическую поддержку, а не поставляет ракеты.")
    support = _claim(civil, "поддержку", key=lambda c: c.rule.startswith("поддержка|"))
    assert support.attrs["level"] == 0


def test_claims_ru_a_response_settled_by_a_word_of_retaliation_is_a_threat() -> None:
    """«ответ» / «ответить» with no named side is read as retaliation only when its own phrase,
    or what is said of it, holds a word of retaliation; an answer to a question is no claim."""
    ours = _analyse("Наш ответ будет симметричным.")
    assert _claim(ours, "ответ").attrs["stance"] == "threaten"
    quoted = _analyse("«Россия ответит всеми имеющимися средствами», — подчеркнул Медведев.")
    claim = _claim(quoted, "ответит")
    assert (claim.attrs["stance"], claim.attrs["speaker"]) == ("threaten", "Медведев")
    measures = _analyse("Мы будем вынуждены принять военно-технические меры.")
    assert (_claim(measures, "меры").attrs["stance"], _claim(measures, "меры").attrs["level"]) == (
        "threaten",
        3,
    )
    answer = _analyse("Министр ответил на вопросы журналистов.")
    assert not [c for c in answer.layer("claims") if c.attrs["action_key"] == "ответить"]


def test_claims_ru_stock_warnings_of_ministry_statements_threaten() -> None:
    """Stock Russian warnings with no stated means, and force named generically, are the
    speaker's side's threats; the same words in their everyday sense are no claim."""
    cases = {
        "Подобные шаги не останутся безнаказанными.": ("останутся", 1),
        "Мы будем вынуждены отреагировать.": ("отреагировать", 1),
        "Мы будем бить по всем целям противника.": ("бить", 3),
        "Мы готовы применить все имеющиеся средства поражения.": ("применить", 3),
    }
    for text, (words, level) in cases.items():
        claim = _claim(_analyse(text), words)
        assert (claim.attrs["stance"], claim.attrs["level"]) == ("threaten", level), text
    wallet = _analyse("Новые налоги бьют по карману граждан.")
    assert not [c for c in wallet.layer("claims") if c.attrs["action_key"] == "бить"]
    criticism = _analyse("Министр спокойно отреагировал на критику.")
    assert not [c for c in criticism.layer("claims") if c.attrs["action_key"] == "отреагировать"]


def test_claims_ru_measures_and_responses_of_a_statement_threaten() -> None:
    """«Ответ будет соразмерным», «оставляет за собой право принять любые меры для защиты своей
    безопасности»: the ministry's stock warnings; the right's holder is the side that acts. Any
    measures for the economy are no threat."""
    response = _claim(_analyse("Ответ на подобные действия будет соразмерным."), "Ответ")
    assert (response.attrs["stance"], response.attrs["level"]) == ("threaten", 1)
    measures = _claim(
        _analyse("Мы оставляем за собой право принять любые меры для защиты своей безопасности."),
        "принять любые меры",
    )
    assert measures.attrs["stance"] == "threaten"
    held = _claim(
        _analyse("Российская сторона оставляет за собой право принять любые меры для защиты."),
        "принять любые меры",
    )
    assert held.attrs["actor"] == "russia"
    economy = _analyse("Правительство готово принять любые меры для поддержки экономики.")
    assert not [c for c in economy.layer("claims") if c.attrs["level"] >= 1]


def test_claims_ru_ruins_foretold_under_a_condition_threaten() -> None:
    """«Если ..., от Хайфы останутся одни руины», «Стоит им только ударить ..., как от Лондона
    останется радиоактивный пепел»: what is left of a place destroyed by no one named, in the
    consequence of a condition, is the voice's warning, and a line; the ruins of a city told of
    the past are reported, and a war said to break out is foretold."""
    haifa = _analyse("Если они ещё раз тронут наши объекты, от Хайфы останутся одни руины.")
    ruins = _claim(haifa, "останутся одни руины")
    assert (ruins.attrs["stance"], ruins.attrs["level"]) == ("threaten", 4)
    assert [r.label for r in haifa.layer("redlines")] == ["conditional_threat"]
    london = _analyse(
        "Стоит им только ударить по нашим объектам, как от Лондона останется радиоактивный пепел."
    )
    ash = _claim(london, "останется радиоактивный пепел")
    assert (ash.attrs["stance"], ash.attrs["level"]) == ("threaten", 5)
    assert [r.label for r in london.layer("redlines")] == ["conditional_threat"]
    past = _claim(_analyse("От Мариуполя остались одни руины."), "остались одни руины")
    assert (past.attrs["stance"], past.attrs["level"]) == ("report", 4)
    war = _claim(_analyse("Если НАТО нападёт, начнётся ядерная война."), "ядерная война")
    assert war.attrs["stance"] == "predict"


def test_claims_ru_our_own_act_read_through_misparses() -> None:
    """The auxiliary «будем» says who strikes where the parse lost «мы» (no subject is borrowed
    from «— заявил командующий»); strikes the parse hangs on what is answered are the means
    of «ответим»."""
    quoted = _analyse(
        "«Мы и дальше будем поражать нефтеперерабатывающие заводы в глубине России — это наш "
        "ответ на террор», — заявил командующий."
    )
    strike = _claim(quoted, "поражать", lambda c: c.attrs["action_key"] == "поражать")
    assert strike.attrs["stance"] == "threaten"
    means = _analyse("Мы ответим на гибель каждого нашего командира ударами по их базам.")
    strikes = _claim(means, "ударами", lambda c: c.attrs["action_key"] == "удар")
    assert (strikes.attrs["stance"], strikes.attrs["level"]) == ("threaten", 3)


def test_claims_ru_refusals_and_ends() -> None:
    """«Нет войне!» refuses the war («Войны нет» says there is none); the end of a regime is its
    destruction, the end of a war a ceasefire."""
    assert _claim(_analyse("Нет войне!"), "войне").attrs["stance"] == "reject"
    assert _claim(_analyse("Нет мобилизации!"), "мобилизации").attrs["stance"] == "reject"
    assert not [c for c in _analyse("Войны нет.").layer("claims") if c.attrs["stance"] == "reject"]
    regime = _claim(_analyse("Наш ответ положит конец режиму Ким Чен Ына."), "положит конец")
    assert regime.attrs["level"] == 4
    war = _claim(_analyse("Пора положить конец войне."), "положить конец")
    assert war.attrs["level"] == 0


def test_claims_ru_a_joined_verb_does_not_raise_the_level() -> None:
    """«сносить мосты ... и бить по центрам принятия решений»: each act has its own rung; the
    words of the verb joined to it are not its phrase."""
    document = _analyse(
        "Пора сносить мосты через Днепр и бить по центрам принятия решений в Киеве!"
    )
    assert _claim(document, "сносить мосты").attrs["level"] == 3
    assert _claim(document, "бить по центрам").attrs["level"] == 4


def test_claims_ru_any_act_to_come_is_imagined() -> None:
    """«Любые удары по территории России будут рассматриваться как ...»: any act of the kind,
    the subject of what will be, is a condition in disguise; all strikes to come are not."""
    document = _analyse(
        "Любые удары по территории России будут рассматриваться как участие НАТО в конфликте."
    )
    assert _claim(document, "удары").attrs["stance"] == "hypothetical"
    attempt = _analyse("Любая попытка захвата Калининграда будет означать войну.")
    seizure = _claim(attempt, "захвата", lambda c: c.attrs["action_key"] == "захват")
    assert seizure.attrs["stance"] == "hypothetical"
    planned = _analyse("Все удары будут нанесены по военным объектам.")
    assert _claim(planned, "удары").attrs["stance"] != "hypothetical"


def _lines(text: str) -> list[Span]:
    return list(_analyse(text).layer("redlines"))


def test_redlines_ru_an_attempt_that_forces_a_side_is_its_line() -> None:
    """«Любая попытка X вынудит Россию на Y»: no «если», yet a condition and its consequence;
    the side forced to act sets the line, whoever tells it."""
    [line] = _lines("Любая попытка НАТО захватить Калининград вынудит Россию на ядерный удар.")
    assert (line.rule, line.attrs["setter"], line.attrs["level"]) == ("forces_to", "russia", 5)
    assert "nato" in line.attrs["against"]
    assert line.attrs["condition"].startswith("Любая попытка НАТО")


def test_redlines_ru_a_line_that_names_no_one_continues_the_setters_last() -> None:
    """A second line of the same setter that names no one is against whom the first was; the
    attribute says where that was read, and the line is less sure than one read in place."""
    first, second = _lines(
        "Любая попытка НАТО захватить Калининград вынудит Россию на ядерный удар. "
        "Даже гипотетическая попытка захватить Калининградскую область вынудит Москву нанести "
        "удар."
    )
    assert (first.attrs["against"], first.attrs["against_from"]) == (["nato"], "condition")
    assert (second.attrs["setter"], second.attrs["against"]) == ("russia", ["nato"])
    assert second.attrs["against_from"] == "earlier line"
    assert second.confidence < first.confidence
    [alone] = _lines(
        "Даже гипотетическая попытка захватить Калининградскую область вынудит Москву нанести удар."
    )
    assert alone.attrs["against_from"] != "earlier line"


def test_redlines_ru_a_threshold_answers_in_its_own_voice_and_once() -> None:
    """A threshold's consequence is the same voice's, in its sentence or the next: a reader's
    call further on is no consequence of the article's line. «будем вынуждены» inside an
    «если» line is that line, not a second one. «Москва не потерпит»: the subject sets it."""
    document = _analyse(
        "Москва не стремится к эскалации, но не потерпит угроз своей безопасности.\n\n"
        "Комментарии\n\nИван П.: Пора ударить по Лондону, пусть горят."
    )
    [line] = [r for r in document.layer("redlines") if r.rule == "will_not_tolerate"]
    assert (line.attrs["setter"], line.attrs["consequence"]) == ("russia", None)
    [conditional] = _lines("Если Лондон разрешит такие удары, мы будем вынуждены ответить.")
    assert conditional.label == "conditional_threat"


def test_redlines_ru_a_hostile_act_after_при_is_a_condition() -> None:
    """«При попытке X мы …» states a condition as «если» does; «при этом» states none."""
    [line] = _lines("При попытке захвата Калининграда мы нанесём удар по Варшаве.")
    assert line.attrs["condition"].startswith("При попытке захвата")
    assert not _lines("При этом Россия нанесла удар по Харькову.")


def test_redlines_ru_a_response_that_follows_a_case() -> None:
    """«В случае X последует ответ»: the response is the consequence's own word; the side is the
    one said to have warned."""
    [line] = _lines("В случае нападения на Белоруссию последует жёсткий ответ, заявили в Кремле.")
    assert (line.rule, line.attrs["setter"]) == ("response_follows", "russia")
    assert line.attrs["consequence"] == "последует жёсткий ответ"


def test_redlines_ru_a_quoted_line_is_against_no_one_its_attribution_names() -> None:
    """The words that attribute a quotation («— сказал дипломат в интервью газете «Известия»»)
    are not the line's voice: the newspaper is no side it is against."""
    [line] = _lines(
        "«Любая попытка блокировать Калининград будет расценена как акт агрессии», — сказал "
        "дипломат в интервью газете «Известия»."
    )
    assert line.rule == "taken_as_war"
    assert not [a for a in line.attrs["against"] if "извест" in a]


def test_redlines_ru_measures_to_be_taken_in_a_case() -> None:
    """«В случае X будут приняты все необходимые меры», the ministry's stock line: measures with
    no stated means, agentless, under a condition stated by «в случае» are the voice's threat
    at rung 1, and a line against the condition's doer."""
    document = _analyse(
        "Заявление МИД России. В случае размещения американских ракет в Польше будут приняты все "
        "необходимые меры."
    )
    claim = _claim(document, "приняты все необходимые меры")
    assert (claim.attrs["stance"], claim.attrs["level"]) == ("threaten", 1)
    [line] = document.layer("redlines")
    assert line.label == "conditional_threat"
    assert line.attrs["condition"].startswith("В случае размещения")


def test_redlines_ru_a_forecast_force_under_a_condition() -> None:
    """A side's force foretold under a condition of its sentence, in either order."""
    for text in (
        "Если НАТО введёт войска на Украину, Россия применит ядерное оружие.",
        "Россия применит ядерное оружие, если НАТО введёт войска на Украину.",
    ):
        [line] = _lines(text)
        assert (line.rule, line.attrs["setter"]) == ("condition+forecast", "russia"), text
        assert "nato" in line.attrs["against"]


def test_redlines_ru_designations_of_a_threshold() -> None:
    targets = _lines(
        "МИД России предупредил, что поставки оружия Украине станут законными целями для "
        "российской армии."
    )
    assert [(r.rule, r.attrs["setter"]) for r in targets] == [("legitimate_target", "russia")]
    war = _lines(
        "Отправка западных войск на Украину будет рассматриваться как прямое участие НАТО в "
        "конфликте, заявил Песков."
    )
    assert [(r.rule, r.attrs["setter"]) for r in war] == [("taken_as_war", "russia")]
    outright = _lines(
        "Поставки ракет Киеву будут означать прямое участие НАТО в войне, заявил Песков."
    )
    assert [(r.rule, r.attrs["setter"]) for r in outright] == [("taken_as_war", "russia")]
    assert [r.rule for r in _lines("Тогда Германия станет стороной конфликта.")] == ["taken_as_war"]
    assert not _lines("Участие в боевых действиях будет оплачиваться отдельно.")
    line = _lines("Это красная линия для Москвы.")
    assert [(r.rule, r.attrs["setter"]) for r in line] == [("red_line", "russia")]


def test_redlines_ru_a_line_crossed_in_a_figure_not_on_the_ground() -> None:
    assert "cross_line" in {r.rule for r in _lines("Запад пересёк красную черту.")}
    assert [r.rule for r in _lines("Киев не должен переступать эту черту.")] == ["cross_line"]
    assert not _lines("Разведгруппа пересекла линию фронта ночью.")


def test_redlines_ru_an_ultimatum_follows_a_demand() -> None:
    [line] = _lines("Долг необходимо погасить до января, иначе последуют санкции.")
    assert line.rule == "or_else"
    assert not _lines("Этот факт обходят стороной, иначе не будет эффекта.")


def test_redlines_ru_no_line_in_judgements_comparisons_and_forecasts() -> None:
    for text in (
        "Если цены вырастут, люди перестанут покупать хлеб.",
        "Если раньше Киев обстреливал Донецк, то теперь Россия наносит удары по Киеву.",
        "Американцы совершенно иначе себя ведут с местным населением.",
        "Лавров сравнил введение санкций с объявлением войны.",
        "Запад будет вынужден согласиться на переговоры.",
        "Угрозы рассчитаны на то, чтобы заставить союзников ослабить поддержку Украины.",
    ):
        assert not _lines(text), text


def test_redlines_ru_we_will_no_longer_allow() -> None:
    rules = {r.rule for r in _lines("Мы больше не будем позволять Москве играть в игры.")}
    assert "will_not_tolerate" in rules


def test_claims_ru_a_quote_after_a_colon_keeps_its_speakers_threat() -> None:
    document = _analyse("Песков заявил: «Мы нанесём ответный удар по складам».")
    assert _claim(document, "нанесём").attrs["stance"] == "threaten"


def test_claims_ru_germs_drugs_and_livestock_are_no_political_actors() -> None:
    document = _analyse(
        "Маска защищает других людей от вас. Вирус убьёт слабых. Фермеров заставляют "
        "уничтожать поголовье свиней. Израиль уничтожил склад боеприпасов."
    )
    assert [c.text for c in document.layer("claims")] == ["Израиль уничтожил склад боеприпасов"]


def test_claims_ru_force_against_relations_is_rhetoric() -> None:
    document = _analyse("Джонсон разрушил отношения Лондона с Россией.")
    assert _claim(document, "разрушил").attrs["level"] == 1


def test_claims_ru_help_to_fight_is_military_aid() -> None:
    document = _analyse("Союзники хотят помочь Украине вести войну.")
    assert _claim(document, "помочь").attrs["level"] == 3
    document = _analyse("Мы поможем Украине восстановить школы.")
    assert _claim(document, "поможем").attrs["level"] == 0


def test_claims_ru_weapons_used_said_with_use_or_in_the_passive() -> None:
    document = _analyse("Тактическое ядерное оружие должно быть использовано.")
    claim = _claim(document, "использовано")
    assert (claim.attrs["stance"], claim.attrs["level"]) == ("advocate", 5)
    document = _analyse("Россия должна использовать ядерное оружие против Украины.")
    assert _claim(document, "использовать").attrs["level"] == 5
    # A resource used as a weapon is coercion, not weapons used.
    assert not _analyse("Россия использует газ как оружие.").layer("claims")


def test_claims_ru_a_named_place_in_the_genitive_is_the_target() -> None:
    document = _analyse("Главной целью назвали освобождение Донбасса. Цель — захват Киева.")
    liberation = _claim(document, "освобождение")
    assert (liberation.text, liberation.attrs["level"]) == ("освобождение Донбасса", 3)
    assert "donbas" in liberation.attrs["target"]
    capture = _claim(document, "захват")
    # The span does not open on the dash the parse hangs on the noun; a capital taken is rung 4.
    assert (capture.text, capture.attrs["level"]) == ("захват Киева", 4)


def test_claims_ru_liberated_land_and_downed_aircraft_settle_the_sense() -> None:
    document = _analyse(
        "На освобождённых территориях налаживается жизнь. Дроны сбивали друг друга."
    )
    assert _claim(document, "освобождённых").attrs["level"] == 3
    assert _claim(document, "сбивали").attrs["level"] == 3
    for text in (
        "Его освободили из-под стражи.",
        "Это сбило с толку экспертов.",
        "Освобождение от вакцинации должно быть лишь по медицинским показаниям.",
    ):
        assert not _analyse(text).layer("claims"), text


def test_claims_ru_the_wires_citation_makes_the_sentence_before_a_report() -> None:
    document = _analyse(
        "Франция поставит Украине бронетранспортёры. Об этом заявил министр обороны Франции."
    )
    assert _claim(document, "поставит").attrs["stance"] == "report"
    document = _analyse("Согласно предоставленной информации, Париж поставит ракеты Aster 30.")
    assert _claim(document, "поставит").attrs["stance"] == "report"
    # Without the citation the same sentence foretells the supply.
    document = _analyse("Франция поставит Украине бронетранспортёры.")
    assert _claim(document, "поставит").attrs["stance"] == "predict"


def test_claims_ru_an_expected_strike_is_predicted() -> None:
    document = _analyse("Причиной отключений может быть ожидание ракетного обстрела.")
    assert _claim(document, "обстрела").attrs["stance"] == "predict"


def test_claims_ru_medical_help_with_no_actor_is_a_service() -> None:
    assert not _analyse("Всем обратившимся медицинская помощь оказана амбулаторно.").layer("claims")
    document = _analyse("Россия оказала медицинскую помощь Италии.")
    assert _claim(document, "оказала").attrs["level"] == 0


def test_claims_ru_fire_and_combat_readiness_are_force() -> None:
    document = _analyse(
        "Зафиксировано 53 факта ведения огня со стороны ВФУ. "
        "Все службы приведены в состояние боевой готовности."
    )
    assert _claim(document, "ведения").attrs["level"] == 3
    assert _claim(document, "боевой").attrs["level"] == 3


def test_claims_ru_force_against_an_idea_in_the_genitive_is_rhetoric() -> None:
    document = _analyse(
        "Уничтожение русской культуры продолжается. Разрушение Мариуполя продолжается."
    )
    assert _claim(document, "Уничтожение").attrs["level"] == 1
    assert _claim(document, "Разрушение").attrs["level"] == 3


def test_claims_ru_confining_and_taking_rights_away_is_coercion() -> None:
    document = _analyse("Этого нужно изолировать. Саботажники должны быть поражены в правах!")
    assert (
        _claim(document, "изолировать").attrs["stance"],
        _claim(document, "изолировать").attrs["level"],
    ) == ("advocate", 2)
    assert _claim(document, "поражены").attrs["level"] == 2
    # Patients isolated are medicine's, not a side's.
    assert not _analyse("Больных изолируют в отдельном корпусе.").layer("claims")


def test_claims_ru_taking_up_arms_and_answering_for_it() -> None:
    document = _analyse("Кому-то прямо сейчас надо взять оружие и идти.")
    assert _claim(document, "взять").attrs["level"] == 3
    document = _analyse("За эти последствия Вашингтону необходимо понести ответственность.")
    assert _claim(document, "понести").attrs["stance"] == "advocate"


def test_claims_ru_the_speakers_own_hope_calls_for_it() -> None:
    assert (
        _claim(_analyse("Мы надеемся, что переговоры возобновятся."), "переговоры").attrs["stance"]
        == "advocate"
    )
    # Another's hope is reported.
    assert (
        _claim(_analyse("Он надеется, что переговоры возобновятся."), "переговоры").attrs["stance"]
        == "report"
    )


def test_claims_ru_a_hope_opening_the_sentence_governs_it() -> None:
    document = _analyse(
        "Очень надеюсь, что премьер Гарибашвили отдаст распоряжение арестовать наёмников."
    )
    assert _claim(document, "арестовать").attrs["stance"] == "advocate"
    document = _analyse("Я надеюсь увидеть день, когда Зеленского закуют в цепи.")
    assert _claim(document, "закуют").attrs["stance"] == "advocate"


def test_claims_ru_arms_received_bills_presented_and_gas_cut_off() -> None:
    document = _analyse("Украина должна получить больше оружия.")
    assert _claim(document, "получить").attrs["level"] == 3
    document = _analyse("Давайте вместе выставим Пекину счет на 10 триллионов долларов.")
    assert _claim(document, "выставим").attrs["level"] == 1
    document = _analyse("Не пора ли газовый вентиль прикрыть?")
    claim = _claim(document, "вентиль")
    assert (claim.attrs["stance"], claim.attrs["level"]) == ("advocate", 2)
    assert not _analyse("Он закрыл кран в ванной.").layer("claims")


def test_claims_ru_a_rhetorical_question_quoted_before_its_attribution_advocates() -> None:
    document = _analyse("«Не пора ли газовый вентиль прикрыть?» — задался вопросом читатель.")
    assert _claim(document, "вентиль").attrs["stance"] == "advocate"


def test_claims_ru_force_against_the_enemy_is_the_speakers_side() -> None:
    # "The enemy" is the speaker's: with no actor named, whoever acts against it is their side.
    document = _analyse("Наше дело правое, враг будет разбит, победа будет за нами!")
    claim = _claim(document, "разбит")
    assert (claim.attrs["stance"], claim.attrs["level"]) == ("threaten", 3)
    assert _claim(_analyse("Противник будет уничтожен."), "уничтожен").attrs["stance"] == (
        "threaten"
    )
    # Another side named as the doer, or a past act, stays as said.
    assert _claim(_analyse("ВСУ уничтожат противника."), "уничтожат").attrs["stance"] == "predict"
    assert _claim(_analyse("Враг был разбит под Москвой."), "разбит").attrs["stance"] == "report"
    # «разбить» is force only against a force.
    assert not _analyse("Он разбил чашку и разбил сад.").layer("claims")


def test_claims_ru_we_manage_is_the_speakers_side_to_come() -> None:
    document = _analyse("Нам предстоит освободить Донбасс.")
    assert _claim(document, "освободить").attrs["stance"] == "threaten"
    document = _analyse("Я уверен, что нам удастся разбить врага.")
    assert _claim(document, "разбить").attrs["stance"] == "threaten"
    # Done already: reported.
    assert _claim(_analyse("Нам удалось уничтожить склад."), "уничтожить").attrs["stance"] == (
        "report"
    )


def test_claims_ru_land_and_troops_lost_in_war() -> None:
    document = _analyse("По итогам войны Грузия потеряла значительные территории.")
    claim = _claim(document, "потеряла")
    # The side that loses land suffers the act: it is the target, not the actor.
    assert (claim.attrs["level"], claim.attrs["target"], claim.attrs["actor"]) == (
        3, "georgia", None
    )  # fmt: skip
    assert (
        _claim(_analyse("Потери техники Украины остаются высокими."), "Потери").attrs["level"] == 3
    )
    assert _claim(_analyse("ВСУ потеряли Марьинку."), "потеряли").attrs["level"] == 3
    # What a named side loses that is no land and no force is no loss in war.
    for text in (
        "Родители потеряли работу.",
        "Потери мировой экономики от пандемии огромны.",
        "Россия потеряла европейский рынок газа.",
    ):
        assert not _analyse(text).layer("claims"), text


def test_claims_ru_a_deployment_is_settled_by_what_is_deployed() -> None:
    document = _analyse("Мы не допустим размещения ракет у наших границ.")
    claim = _claim(document, "размещения")
    assert (claim.attrs["stance"], claim.attrs["level"]) == ("reject", 3)
    assert not _analyse("Компания объявила о размещении заказа.").layer("claims")


def test_claims_ru_a_weapon_system_given_in_a_condition() -> None:
    # The condition is not what «считать» (to consider) says, and F-16s given are arms.
    document = _analyse("Если Запад передаст Киеву F-16, Россия будет считать их законной целью.")
    claim = _claim(document, "передаст")
    assert (claim.attrs["stance"], claim.attrs["level"]) == ("hypothetical", 3)
    # A condition that goes with what a verb of opinion says is reported with it.
    document = _analyse(
        "Он считает, что США потеряют лицо перед миром, если откажутся от поддержки Украины."
    )
    assert _claim(document, "поддержки").attrs["stance"] == "report"


def test_claims_ru_victory_and_driving_out_are_force_only_against_a_foe() -> None:
    document = _analyse("Мы выбьем оккупантов с нашей земли. Вместе мы одолеем коварного врага!")
    assert _claim(document, "выбьем").attrs["stance"] == "threaten"
    assert _claim(document, "одолеем").attrs["level"] == 3
    # An election, an office, a vice: no force.
    for text in (
        "Трамп победил на выборах в США.",
        "Его выгнали с работы.",
        "Нельзя победить коррупцию на таможне.",
    ):
        assert not _analyse(text).layer("claims"), text


def test_claims_ru_a_dropped_we_is_the_speakers_side() -> None:
    document = _analyse("Победили нацизм и фашизм — победим и рашизм.")
    [ours] = [c for c in document.layer("claims") if c.text.startswith("победим")]
    assert ours.attrs["stance"] == "threaten"
    # Only for the verb's own act: the aggression it answers is not ours.
    answered = _analyse("Мы знаем, что ответим на любую агрессию.")
    assert (
        _claim(answered, "агрессию", lambda c: c.text == "любую агрессию").attrs["stance"]
        != "threaten"
    )


def test_claims_ru_a_linked_word_on_its_own_line_stays_in_its_sentence() -> None:
    # Posts copied from Telegram put each linked word on a line of its own.
    document = _analyse(
        "Реакция Запада не повлияет на планы России \nразместить\n тактическое ядерное оружие"
        " в Беларуси.\nОккупанты будут атаковать Украину с \nпомощью БПЛА\n. Об этом рассказала"
        " Анна Маляр."
    )
    # (Split at each break, «разместить» was a sentence of its own, and no claim.)
    assert _claim(document, "разместить").attrs["stance"] == "report"
    # «с помощью» is "by means of" across the break, and the next sentence credits Маляр.
    assert not [c for c in document.layer("claims") if c.text.strip() == "помощью"]
    assert _claim(document, "атаковать").attrs["stance"] == "report"


@pytest.mark.parametrize(
    ("text", "words", "level"),
    [
        # support is nuclear only when it gives nuclear weapons
        (
            "Мы поддерживаем создание зоны, свободной от ядерного оружия, на Ближнем Востоке.",
            "поддерживаем",
            0,
        ),
        ("Мы защитим союзников нашим ядерным оружием.", "защитим", 5),
        ("Россия может передать ядерное оружие Белоруссии.", "передать", 5),
        # nuclear weapons eliminated are disarmament; used, they are nuclear force
        ("Мы призываем к полной ликвидации ядерного оружия.", "ликвидации", 0),
        ("Россия ликвидирует украинские войска ядерным оружием.", "ликвидирует", 5),
        ("Надо ликвидировать террористов.", "ликвидировать", 3),
        # force named as rhetoric is rung 1; a political killing is still a killing
        ("Это информационная атака на Россию.", "атака", 1),
        ("Запад ведёт против нас психологическую войну.", "войну", 1),
        ("Политическое убийство потрясло страну.", "убийство", 3),
        # defence by arms is force; protecting children is not
        ("Желающим защищать Родину в зоне СВО обращаться в военкоматы.", "защищать", 3),
        ("Мы будем защищать свои позиции до последнего.", "защищать", 3),
        ("Наши дети — это наше будущее, и их нужно беречь и защищать.", "защищать", 0),
        # «бить» is a strike at a town or land, or with a weapon
        ("Они бьют западным оружием по нашим городам.", "бьют", 3),
        ("Мы будем бить по территории противника.", "бить", 3),
        # exercises and build-ups of forces are a show of force
        ("Россия проводит масштабные военные учения в Белоруссии.", "учения", 3),
        ("НАТО наращивает группировку войск в Польше.", "наращивает", 3),
    ],
)
def test_claims_ru_level_of_what_is_done_with_or_to(text: str, words: str, level: int) -> None:
    assert _claim(_analyse(text), words).attrs["level"] == level


@pytest.mark.parametrize(
    "text",
    [
        "Цены бьют по карману.",
        "Спортсмен бьёт рекорды.",
        "Фонд провёл пандемические учения в Нью-Йорке.",
        "Компании наращивают закупку удобрений.",
    ],
)
def test_claims_ru_force_words_in_other_senses_are_no_claim(text: str) -> None:
    assert not list(_analyse(text).layer("claims"))


def test_redlines_ru_a_bare_response_answering_a_condition_is_a_threat() -> None:
    """«Если ..., мы ответим»: the condition settles «ответить» as retaliation, also where the
    parse hung the consequence on the condition; an unowned response said to come is the
    voice's own side's; every means, none named, answers a condition too."""
    for text, words in (
        ("Если новые ограничения будут введены, мы ответим.", "ответим"),
        ("Если Вашингтон продолжит поставки, ответ будет жёстким.", "ответ"),
        ("Если НАТО вмешается, мы применим все имеющиеся средства.", "применим"),
    ):
        document = _analyse(text)
        assert _claim(document, words).attrs["stance"] == "threaten", text
        [line] = [r for r in document.layer("redlines") if r.label == "conditional_threat"]
        assert line.attrs["condition"].startswith("Если"), text
    # Answering a question, another side's response, every means for peace: no threat.
    assert not _analyse("Мы ответим на все вопросы журналистов.").layer("redlines")
    washington = _analyse("Ответ Вашингтона будет жёстким.")
    assert _claim(washington, "Ответ").attrs["stance"] != "threaten"
    assert not _analyse("Мы используем все средства для достижения мира.").layer("claims")


def test_redlines_ru_against_whose_conduct_is_the_condition() -> None:
    """Against whom a conditional line is set: the doer the condition names, not those it
    names as recipients, targets or places (ANNOTATION.md: "whose conduct is the
    condition")."""
    [line] = [
        r
        for r in _lines("Если Запад продолжит поставлять Украине ракеты, мы ответим.")
        if r.label == "conditional_threat"
    ]
    assert line.attrs["against"] == ["the_west"] or "ukraine" not in line.attrs["against"]
    [designation] = [
        r
        for r in _lines(
            "Французские военные, если они появятся на Украине, станут законной целью для наших "
            "Вооружённых сил."
        )
        if r.label == "conditional_threat"
    ]
    assert designation.attrs["against"] == ["france"]


def test_claims_ru_retribution_foretold_under_a_condition_threatens() -> None:
    document = _analyse(
        "Если Европа решит воевать с Россией, ей придётся заплатить цену, которую она даже не "
        "может себе представить."
    )
    assert _claim(document, "заплатить цену").attrs["stance"] == "threaten"
    [line] = [r for r in document.layer("redlines") if r.label == "conditional_threat"]
    assert line.attrs["against"] == ["europe"]
    # What is paid for is the other side's deed, not the threat; a price paid for goods is no
    # retribution.
    paid = _analyse("Европейцы дорого заплатят за свою русофобию.")
    assert _claim(paid, "дорого заплатят").attrs["stance"] == "threaten"
    assert all(
        c.attrs["stance"] != "threaten"
        for c in paid.layer("claims")
        if c.attrs["action_key"] == "русофобия"
    )
    assert not [
        c
        for c in _analyse("Европа платит высокую цену за отказ от газа.").layer("claims")
        if "цен" in c.text
    ]


def test_redlines_ru_a_line_in_another_answer_is_on_another_matter() -> None:
    """A line that names no one continues the setter's last only in the same stretch of
    text: a line in the answer to another question is not against the earlier one's side."""
    lines = _lines(
        "Ответ: Удары этими ракетами по территории России будут рассматриваться как участие ФРГ "
        "в боевых действиях.\n\nВопрос: А санкции?\n\nОтвет: Если новые ограничения будут "
        "введены, мы ответим."
    )
    [line] = [r for r in lines if r.label == "conditional_threat"]
    assert line.attrs["against_from"] != "earlier line"


def test_claims_ru_strikes_on_seats_of_power_and_deployments_under_a_modal() -> None:
    """«бить по центрам принятия решений» is a strike on a seat of power (rung 4), not «бить по
    центру ворот»; missiles that may be deployed are a deployment; «в ответ на» names what is
    answered, not a second claim."""
    centres = _claim(_analyse("Нужно бить по центрам принятия решений."), "бить")
    assert (centres.attrs["stance"], centres.attrs["level"]) == ("advocate", 4)
    assert not _analyse("Он бьёт по центру ворот.").layer("claims")
    deployed = _analyse("Первые ракеты могут быть размещены в Германии уже в 2027 году.")
    assert _claim(deployed, "размещены").attrs["level"] == 3
    answer = _analyse("Россия примет военно-технические меры в ответ на размещение ракет.")
    assert "ответ" not in {c.attrs["action_key"] for c in answer.layer("claims")}


def test_claims_ru_arms_sent_are_military_aid_a_letter_is_none() -> None:
    tanks = _claim(_analyse("Берлин отправляет на Украину очередные танки."), "отправляет")
    assert (tanks.attrs["plover"], tanks.attrs["level"]) == ("AID", 3)
    assert not _analyse("Министр отправил письмо в Брюссель.").layer("claims")


def test_claims_ru_a_designation_in_a_quote_is_the_quoted_voices() -> None:
    """«„Мост — законная цель“, — заявил генерал»: the quote carries the general's stance."""
    document = _analyse("«Керченский мост — законная цель», — заявил генерал Бридлав.")
    claim = _claim(document, "законная цель")
    assert (claim.attrs["stance"], claim.attrs["speaker"]) == ("advocate", "Бридлав")


def test_claims_ru_a_reserved_right_is_its_holders_and_a_response_faced_warns() -> None:
    statement = _analyse(
        "Заявление МИД России в связи с решением ЕС\n\n"
        "Российская сторона оставляет за собой право на ответные меры."
    )
    assert _claim(statement, "ответные меры").attrs["stance"] == "threaten"
    faced = _analyse("Если Россия нападёт на союзника, она столкнётся с жёстким ответом.")
    assert _claim(faced, "ответом").attrs["stance"] == "threaten"
    right = _analyse("Украина имеет полное право наносить удары по военным целям в России.")
    assert _claim(right, "наносить удары").attrs["stance"] == "advocate"


def test_claims_ru_an_advance_by_a_force_or_at_a_place_is_force() -> None:
    assert (
        _claim(_analyse("Наши бойцы продвигаются под Покровском."), "продвигаются").attrs["level"]
        == 3
    )
    talks = _analyse("Переговоры продвигаются медленно.")
    assert "продвигаться" not in {c.attrs["action_key"] for c in talks.layer("claims")}


def test_claims_ru_a_response_demanded_under_a_condition_warns_and_is_a_line() -> None:
    """«Если ..., ответ должен быть жёстким — по военным объектам»: a response no other side
    owns, demanded in a consequence, is the voice's own side's threat, as «мы должны ударить»
    is; «по» a military object makes it a strike."""
    document = _analyse(
        "Если Лондон продолжит поставки ракет, ответ должен быть жёстким — по военным объектам."
    )
    claim = _claim(document, "ответ")
    assert (claim.attrs["stance"], claim.attrs["level"]) == ("threaten", 3)
    assert [r for r in document.layer("redlines") if r.label == "conditional_threat"]
    # With no condition the demand warns of nothing; another side's response is no threat.
    alone = _analyse("Ответ должен быть жёстким.")
    assert all(c.attrs["stance"] != "threaten" for c in alone.layer("claims"))
    other = _analyse("Если Киев ударит, ответ Вашингтона должен быть жёстким.")
    assert _claim(other, "ответ").attrs["stance"] != "threaten"


def test_claims_ru_a_slogan_calls_for_what_it_names() -> None:
    """A short verbless cry calls for the strike it names; the same words as a statement, or
    in a longer verbless description, report it."""
    assert _claim(_analyse("Удар по Киеву!"), "Удар").attrs["stance"] == "advocate"
    assert _claim(_analyse("Удар по Киеву был нанесён ночью."), "Удар").attrs["stance"] == "report"
    described = _analyse("Самый мощный за всю войну удар по Киеву!")
    assert _claim(described, "удар").attrs["stance"] == "report"


def test_claims_ru_a_munition_landing_is_a_strike_a_delegation_landing_is_none() -> None:
    wished = _analyse("Вот бы Сармат прилетел в Лондон!")
    assert _claim(wished, "прилетел").attrs["stance"] == "advocate"
    landed = _analyse("Ночью ракета прилетела в жилой дом.")
    assert _claim(landed, "прилетела").attrs["plover"] == "ASSAULT"
    for text in ("Делегация прилетела в Минск.", "Министр прилетает в Пекин завтра."):
        assert "прилететь" not in {
            c.attrs["action_key"][:8] for c in _analyse(text).layer("claims")
        }


def test_claims_ru_what_is_overdue_is_called_for_and_exasperation_rejects() -> None:
    overdue = _analyse("Удары по центрам принятия решений в Киеве давно назрели.")
    assert _claim(overdue, "Удары").attrs["stance"] == "advocate"
    assert (
        _claim(_analyse("Сколько можно обстреливать Донецк!"), "обстреливать").attrs["stance"]
        == "reject"
    )


def test_claims_ru_strikes_at_power_plants_and_targets_hit() -> None:
    assert _claim(_analyse("Зачем бить по электростанциям?"), "бить").attrs["level"] == 3
    assert _claim(_analyse("Все цели поражены."), "поражены").attrs["plover"] == "ASSAULT"
    assert not _analyse("Его выступление поразило всех присутствующих.").layer("claims")


def test_redlines_ru_suppliers_held_a_party_to_the_conflict() -> None:
    """«мы будем считать страны-поставщики стороной конфликта»: a hyphenated word inside the
    designation of a party to the war."""
    lines = _lines(
        "Если западное оружие будет бить вглубь нашей территории, мы будем считать "
        "страны-поставщики стороной конфликта."
    )
    assert any(
        "стороной конфликта" in r.text and r.attrs["condition"].startswith("Если западное")
        for r in lines
    )


def test_claims_ru_acting_in_kind_and_missiles_that_reach_threaten() -> None:
    mirror = _analyse(
        '"Если Вашингтон пойдёт на испытание, мы будем действовать зеркально", - сказал дипломат.'
    )
    assert _claim(mirror, "действовать").attrs["stance"] == "threaten"
    assert [r for r in mirror.layer("redlines") if r.label == "conditional_threat"]
    reach = _analyse("Пусть не обольщаются: наши ракеты долетят до любой точки.")
    assert _claim(reach, "долетят").attrs["stance"] == "threaten"
    for text in ("Мы будем действовать в интересах мира.", "Самолёт долетел до Москвы."):
        assert not _analyse(text).layer("claims"), text
    downed = _analyse("Силы обороны сбили 25 из 30 «шахедов».")
    assert _claim(downed, "сбили").attrs["plover"] == "ASSAULT"


def test_redlines_ru_who_will_not_allow_and_whom() -> None:
    """The subject of «не позволит» sets the line, also through a predicate it is joined to;
    the one not allowed, in the dative, is whom it is against (not whom they would harm)."""
    [joined] = _lines(
        "Москва привержена мораторию, однако не позволит никому получить преимущества."
    )
    assert joined.attrs["setter"] == "russia" and "russia" not in joined.attrs["against"]
    [allowed] = _lines("Мы не позволим Киеву шантажировать Европу.")
    assert allowed.attrs["against"] == ["kyiv"]


def test_claims_ru_a_briefings_designations_requests_and_responses() -> None:
    """A ministry briefing: «будут рассматриваться как законные цели» designates what will be
    struck (a threat, and a line against no one the sentence names as a doer: Ukraine is
    where, not who); a request for comment calls for nothing; talks never refused are
    endorsed; unowned retaliatory measures to come warn."""
    designated = _analyse(
        "Любые иностранные военные на территории Украины будут рассматриваться как законные цели."
    )
    assert _claim(designated, "законные цели").attrs["stance"] == "threaten"
    [line] = designated.layer("redlines")
    assert "ukraine" not in line.attrs["against"]
    comment = _analyse("Прокомментируйте, пожалуйста, новые санкции Евросоюза.")
    assert _claim(comment, "санкции").attrs["stance"] != "advocate"
    assert _claim(_analyse("Ударьте по Харькову!"), "Ударьте").attrs["stance"] == "advocate"
    talks = _analyse("Мы никогда не отказывались от переговоров.")
    assert (
        _claim(talks, "переговоров", lambda c: c.attrs["action_key"] == "переговоры").attrs[
            "stance"
        ]
        == "advocate"
    )
    measures = _analyse("Ответные меры, разумеется, последуют.")
    assert _claim(measures, "Ответные меры").attrs["stance"] == "threaten"
    theirs = _analyse("Ответные меры Вашингтона последуют незамедлительно.")
    assert _claim(theirs, "Ответные меры").attrs["stance"] != "threaten"


def test_claims_ru_shooting_oneself_in_the_foot_is_no_shot() -> None:
    document = _analyse("Евросоюз стреляет себе в ногу.")
    assert "стрелять" not in {c.attrs["action_key"] for c in document.layer("claims")}


def test_claims_ru_a_war_that_must_end_is_rejected_one_that_will_is_forecast() -> None:
    ended = _analyse("Эта война должна закончиться переговорами.")
    assert _claim(ended, "война").attrs["stance"] == "reject"
    assert _claim(ended, "переговорами").attrs["stance"] == "advocate"
    assert _claim(_analyse("Война закончится через год."), "Война").attrs["stance"] == "predict"


def test_claims_ru_what_war_burns_or_razes_is_force_a_building_torn_down_is_none() -> None:
    called = _analyse("Нужно выжечь всю логистику ВСУ, снести все мосты через Днепр.")
    assert {c.attrs["action_key"] for c in called.layer("claims")} >= {"выжечь", "снести"}
    for text in (
        "Надо выжечь коррупцию калёным железом.",
        "Мэрия решила снести старое здание на Тверской.",
        "Он сжёг мусор во дворе.",
    ):
        assert not _analyse(text).layer("claims"), text


def test_claims_ru_a_set_phrase_of_retribution_is_a_threat_a_source_no_target() -> None:
    """«Ответ не заставит себя ждать» says the response will come (a threat, though no word of
    its own says what it is); «по словам Пескова» names a source, not a target."""
    quoted = _analyse('"Ответ не заставит себя ждать", - добавил Песков.')
    assert _claim(quoted, "Ответ").attrs["stance"] == "threaten"
    sourced = _analyse(
        "По словам пресс-секретаря Дмитрия Пескова, Россия примет все необходимые меры."
    )
    assert _claim(sourced, "примет").attrs["target"] is None


def test_redlines_ru_in_any_order_and_until_not() -> None:
    """A condition after its threat sets a line as one before it does; «пока ... не» of what
    is still to come is "unless"; inside a quote the condition is still imagined."""
    after = _lines("Мы ударим по Варшаве, если НАТО введёт войска.")
    assert [line.attrs["condition"] for line in after] == ["если НАТО введёт войска"]
    until = _analyse(
        '"Мы будем бить по их НПЗ, пока Россия не остановит свои атаки на нашу энергетику", - '
        "сказал Зеленский."
    )
    [line] = until.layer("redlines")
    assert (line.attrs["setter"], line.attrs["against"]) == ("ukraine", ["russia"])
    attacks = _claim(until, "атаки", lambda c: c.attrs["action_key"] == "атака")
    assert attacks.attrs["stance"] == "hypothetical"
    quoted = _analyse('"Если Россия продолжит атаки, мы ответим", - сказал Зеленский.')
    continued = _claim(quoted, "продолжит атаки", lambda c: c.attrs["action_key"] != "ответить")
    assert continued.attrs["stance"] == "hypothetical"
    # Told in the past, «пока не» is a time, and a sentence with no threat sets no line.
    waited = _analyse("Они ждали, пока не стемнело, и пошли в атаку.")
    assert _claim(waited, "атаку").attrs["stance"] == "report"
    assert not waited.layer("redlines")


def test_redlines_ru_a_threshold_against_the_side_its_cue_names() -> None:
    """«Это будет означать прямое участие стран НАТО в войне»: the cue names whose conduct
    crosses the line, though the parse makes NATO part of an object."""
    [line] = _lines("Это будет означать прямое участие стран НАТО в войне с Россией.")
    assert "nato" in line.attrs["against"]


def test_claims_ru_what_a_ministry_condemns_is_not_its_own_act() -> None:
    document = _analyse(
        "Заявление МИД России\n\nПризываем международные организации осудить этот теракт."
    )
    condemned = _claim(document, "теракт", lambda c: c.attrs["action_key"] == "теракт")
    assert condemned.attrs["stance"] == "reject" and condemned.attrs["actor"] is None
    assert _claim(document, "осудить").attrs["actor"] == "russia"


def test_claims_ru_enough_commands_a_stop_enough_strength_does_not() -> None:
    assert _claim(_analyse("Хватит убивать друг друга."), "убивать").attrs["stance"] == "reject"
    said = _analyse("Армия заявила, что прекратит обстреливать город.")
    assert all(c.attrs["stance"] != "reject" for c in said.layer("claims"))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Мы ответим.", "ответим"),
        ("Россия ответит на это решение.", "ответит"),
        ("Пусть в Лондоне не сомневаются: мы найдём чем ответить.", "ответить"),
        # A response to a hostile deed the lexicon names is retaliation.
        ("Мир должен ответить на этот террор.", "ответить"),
    ],
)
def test_claims_ru_a_response_a_side_declares_is_a_threat(text: str, words: str) -> None:
    claim = _claim(_analyse(text), words)
    assert (claim.attrs["plover"], claim.attrs["level"]) == ("THREATEN", 1)


@pytest.mark.parametrize(
    "text",
    [
        "Песков ответит на вопрос журналистов позже.",
        "Мы ответим на ваше письмо.",
        "Он ответил, что Россия готова к переговорам.",
        "Лавров ответил на вопрос об ударах.",
        "Песков ответил на обвинения в агрессии.",
    ],
)
def test_claims_ru_an_answer_in_words_is_no_threat(text: str) -> None:
    claims = _analyse(text).layer("claims")
    assert "THREATEN" not in {c.attrs["plover"] for c in claims}, [c.text for c in claims]


def test_claims_ru_arms_given_and_a_sky_closed() -> None:
    given = _claim(_analyse("Дайте Украине оружие, и она победит."), "Дайте")
    assert (given.attrs["plover"], given.attrs["level"], given.attrs["stance"]) == (
        "AID", 3, "advocate",
    )  # fmt: skip
    assert not _analyse("Мы дали понять Киеву, что это неприемлемо.").layer("claims")
    sky = _claim(_analyse("Не пора ли Западу наконец закрыть небо над Украиной?"), "закрыть небо")
    assert (sky.attrs["plover"], sky.attrs["stance"]) == ("COERCE", "advocate")
    burnt = _claim(_analyse("Жечь их НПЗ каждую ночь!"), "Жечь")
    assert burnt.attrs["level"] == 3
    ports = _claim(_analyse("Нужно немедленно закрыть порты для российских судов."), "закрыть")
    assert (ports.attrs["plover"], ports.attrs["stance"]) == ("SANCTION", "advocate")


def test_claims_ru_colloquial_retaliation_is_a_threatened_strike() -> None:
    document = _analyse(
        "Противник продолжает обстреливать Белгород, ответка не заставит себя ждать."
    )
    claim = _claim(document, "ответка")
    assert (claim.attrs["level"], claim.attrs["stance"]) == (3, "threaten")


def test_claims_ru_measures_of_a_military_kind_are_force() -> None:
    document = _analyse(
        "Российская сторона будет вынуждена принять ответные меры военно-технического и иного "
        "характера."
    )
    assert _claim(document, "ответные меры").attrs["level"] == 3


def test_redlines_ru_forced_side_sets_the_line_and_a_condition_names_whom() -> None:
    forced = _analyse("Россия будет вынуждена принять меры для обеспечения своей безопасности.")
    [line] = forced.layer("redlines")
    assert (line.attrs["setter"], line.attrs["against"]) == ("russia", [])
    document = _analyse(
        "Если Запад передаст Киеву Taurus, Германия станет стороной конфликта со всеми "
        "вытекающими последствиями."
    )
    [threshold] = [r for r in document.layer("redlines") if r.label == "threshold"]
    # The condition's doer, not the recipient nor the weapon.
    assert threshold.attrs["against"] == ["the_west"]


@pytest.mark.parametrize(
    ("text", "words", "stance"),
    [
        # Two subjects hung on one verb: the nearer is its own («мы», not the condition).
        ("Скажу прямо: ещё одна такая провокация — и мы ударим по Киеву.", "ударим", "threaten"),
        # A necessity to come with no one named in the dative is the speaker's side's own.
        ("Продолжат бить по нашим городам — придётся бить и по правительственному кварталу.",
         "кварталу", "threaten"),
        # The means of a threatened response is threatened with it, in its own phrase.
        ("Мы ответим на этот шаг высылкой британских дипломатов.", "высылкой", "threaten"),
        # An ultimatum's consequence, however the parse hangs it on the demand, and a side
        # forced to act (the demand's modal is not the consequence's).
        ("Иранский адмирал: «Уходите из наших вод, иначе ваши авианосцы пойдут ко дну».",
         "пойдут ко дну", "threaten"),
        ("Обстрелы должны прекратиться, иначе ваши города будут разрушены.", "разрушены",
         "threaten"),
        # A quote whose speaker is an organisation named in quotation marks.
        ("«Мы ответим ударами по северу Израиля», — заявили в «Хезболле».", "ударами",
         "threaten"),
        # A quoted ruling-out, a pointless act, the one remedy, a rhetorical «не пора ли».
        ("«Конфискация замороженных активов исключена», — заявил премьер Бельгии.",
         "Конфискация", "reject"),
        ("Не имеет смысла вести переговоры с Киевом.", "переговоры", "reject"),
        ("Отрезвить Лондон может только одно — ядерное испытание на Новой Земле.", "испытание",
         "advocate"),
        ("Не пора ли европейским столицам вспомнить о дипломатии и сесть за стол переговоров?",
         "сесть", "advocate"),
    ],
)  # fmt: skip
def test_claims_ru_stances_read_through_the_pipeline(text: str, words: str, stance: str) -> None:
    claims = [c for c in _analyse(text).layer("claims") if words in c.text]
    assert claims and all(c.attrs["stance"] == stance for c in claims), [
        (c.text, c.attrs["stance"]) for c in claims
    ]


def test_claims_ru_a_means_keeps_its_own_phrase() -> None:
    document = _analyse("Мы ответим на этот шаг высылкой британских дипломатов.")
    spans = sorted(c.text for c in document.layer("claims"))
    assert spans == ["Мы ответим на этот шаг высылкой британских дипломатов",
                     "высылкой британских дипломатов"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "words", "level"),
    [
        # A weapon system completing an aid noun is what is given.
        ("Поставки «Томагавков» Киеву продолжатся.", "Поставки", 3),
        ("Поставки зерна Египту продолжатся.", "Поставки", 0),
        # Colloquial and wire words of force, blockade, jailing and diplomacy.
        ("Пора долбануть по аэродрому в Жешуве.", "долбануть", 3),
        ("Этой ночью поражён НПЗ в Саратове.", "поражён", 3),
        ("Брюссель должен перехватывать танкеры теневого флота.", "перехватывать", 2),
        ("Российская ракета попала в жилой дом в Сумах.", "попала", 3),
        ("Совет ЕС утвердил пакет ограничительных мер против России.", "ограничительных мер", 2),
        ("Иран пригрозил закрыть Ормузский пролив.", "закрыть", 2),
        ("Суд отправил за решётку блогера.", "отправил", 2),
        ("Россия и НАТО на грани прямого военного столкновения.", "столкновения", 3),
        ("Нужно созвать заседание Совета Безопасности ООН.", "созвать", 0),
        ("Армия будет вынуждена расширить буферную зону.", "расширить", 3),
        ("Их детей рано или поздно могут тоже загнать на фронт.", "загнать", 3),
    ],
)  # fmt: skip
def test_claims_ru_words_of_force_and_diplomacy(text: str, words: str, level: int) -> None:
    assert _claim(_analyse(text), words).attrs["level"] == level


@pytest.mark.parametrize(
    "text",
    [
        # The same words with nothing of war or diplomacy in them.
        "Вчера он долбанул рюмку водки.",
        "Нападающий перехватил мяч в центре поля.",
        "Мы закрыли вопрос с ремонтом.",
        "Он попал в пробку по дороге домой.",
    ],
)
def test_claims_ru_words_of_force_in_their_other_senses(text: str) -> None:
    assert not list(_analyse(text).layer("claims"))


def test_claims_ru_a_side_forced_to_act_in_its_own_statement_threatens() -> None:
    text = (
        "Обстрелы Курской и Белгородской областей должны прекратиться, иначе российская армия "
        "будет вынуждена расширить буферную зону."
    )
    document = Pipeline.from_names().run(
        Document.from_text(text, Metadata(language="ru", author="Минобороны России"))
    )
    claim = _claim(document, "расширить")
    assert (claim.attrs["stance"], claim.attrs["actor_state"]) == ("threaten", "russia")


@pytest.mark.parametrize(
    ("text", "words", "span"),
    [
        # A condition hung on the act is no part of its span, nor what it holds.
        ("Министр заявил, что Россия нанесёт удар по Киеву, если НАТО не прекратит поставки.",
         "нанесёт удар", "Россия нанесёт удар по Киеву"),
        # A verb joined to the act is an act of its own; its "а" is left out too.
        ("Надо не бомбить города, а вести переговоры.", "бомбить", "бомбить города"),
        # The second of two joined verbs spans its own words, with its own negation.
        ("Россия крайне аккуратно себя ведёт и не воюет с мирным населением.", "воюет",
         "не воюет с мирным населением"),
        # What the act befalls, as the subject of a passive, belongs to it.
        ("Восемь боевиков уничтожены, двое получили ранения.", "уничтожены",
         "Восемь боевиков уничтожены"),
    ],
)  # fmt: skip
def test_claims_ru_span_is_the_act_with_its_own_words(text: str, words: str, span: str) -> None:
    assert _claim(_analyse(text), words).text == span


def test_claims_ru_negation_of_a_verb_stays_off_a_finite_verb_joined_to_it() -> None:
    # «не будет смотреть ... и примет»: the second verb says no «не» of its own.
    document = _analyse(
        "Пресс-секретарь Кремля в эфире: «Россия не будет смотреть на это сквозь пальцы "
        "и примет ответные меры»."
    )
    claim = _claim(document, "ответные меры")
    assert claim.text == "примет ответные меры"
    assert (claim.attrs["stance"], claim.attrs["negated"]) == ("threaten", False)


def test_claims_ru_rescue_work_after_a_disaster_is_no_violence() -> None:
    """«Ликвидация последствий наводнения», «пожар уничтожил склад»: an act done to a fire, a
    flood or the aftermath of one, or by a fire, is rescue work or a disaster, not force."""
    for text in (
        "Необходима ликвидация последствий наводнения.",
        "Пожар уничтожил склад боеприпасов.",
    ):
        assert not _analyse(text).layer("claims"), text
    document = _analyse("ВСУ уничтожили склад боеприпасов.")
    assert _claim(document, "уничтожили").attrs["level"] == 3


def test_claims_ru_surrender_in_battle_in_either_aspect() -> None:
    """«сдаются в плен» (imperfective) is the fighting's event as «сдались в плен» is."""
    document = _analyse("Солдаты ВСУ бросают оружие и сдаются в плен.")
    assert _claim(document, "сдаются").attrs["level"] == 3
