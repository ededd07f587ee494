"""«Мы», «наш», «они» in Russian, per voice, with evidence: a quoted official's state, a
self-identification («мы, россияне»), «у нас в Москве», «наш президент»; no evidence, no
guess."""

from collections.abc import Callable
from pathlib import Path

import pytest

from redline.document import Document, Metadata
from redline.groups.cues import load_cues

FIXTURES = Path(__file__).parent / "fixtures"

Analyse = Callable[[str], Document]


@pytest.fixture(scope="module")
def analyse() -> Analyse:
    from redline.pipeline import Pipeline

    pipeline = Pipeline.from_names(["structure", "actors", "voices", "groups"])

    def run(text: str) -> Document:
        return pipeline.run(Document.from_text(text, Metadata(language="ru")))

    return run


def _in_groups(document: Document) -> dict[str, str]:
    return {
        str(s.attrs["scope"]): str(s.attrs["actor_id"])
        for s in document.layer("groups")
        if s.label == "in_group"
    }


def _pronouns(document: Document, label: str) -> list[tuple[str, str | None]]:
    return [(s.text, s.attrs.get("actor_id")) for s in document.layer("groups") if s.label == label]


def test_groups_ru_data_has_the_english_schema() -> None:
    russian, english = load_cues("ru"), load_cues("en")
    assert type(russian) is type(english)
    # Russian pronouns are lemmas read on the parse: «нас», «нашего» are «мы», «наш».
    assert russian.pronoun_lemmas and not english.pronoun_lemmas
    assert set(russian.pronouns["first_plural"]) == {"мы", "наш"}
    assert set(russian.pronouns["third_plural"]) == {"они"}


def test_groups_ru_quoted_official_speaks_for_the_state(analyse: Analyse) -> None:
    document = analyse((FIXTURES / "ru_ministry_statement.txt").read_text(encoding="utf-8"))
    assert _in_groups(document) == {"quote:maria_zakharova": "russia"}
    assert _pronouns(document, "we") == [("Мы", "russia"), ("наших", "russia"), ("Наши", "russia")]
    [in_group] = [s for s in document.layer("groups") if s.label == "in_group"]
    # «— заявила Захарова», «— отметила она»: each quote's speaker is cited.
    evidence = in_group.attrs["evidence"]
    assert [item["text"] for item in evidence] == ["Захарова", "она"]
    assert all(document.text[item["start"] : item["end"]] == item["text"] for item in evidence)


def test_groups_ru_self_identification_and_here_in(analyse: Analyse) -> None:
    document = analyse("Мы, россияне, не забываем своих героев. Наши деды воевали за эту землю.")
    assert set(_in_groups(document).values()) == {"russia"}
    assert {actor for _, actor in _pronouns(document, "we")} == {"russia"}
    city = analyse("У нас в Москве об этом говорят давно. Мы не верим обещаниям Запада.")
    assert set(_in_groups(city).values()) == {"russia"}


def test_groups_ru_talk_show_guest_and_unresolved_guest(analyse: Analyse) -> None:
    document = analyse((FIXTURES / "ru_talk_show.txt").read_text(encoding="utf-8"))
    groups = _in_groups(document)
    assert groups.get("speaker:Андрей Курганов") == "russia"
    # Ольга Миронова says «наши», but nothing in her words says whose: left unresolved.
    assert "speaker:Ольга Миронова" not in groups
    mironova = [s for s in document.layer("groups") if s.attrs.get("speaker") == "Ольга Миронова"]
    assert mironova and all(not s.attrs["resolved"] for s in mironova)


def test_groups_ru_comments_without_evidence_stay_unresolved(analyse: Analyse) -> None:
    document = analyse((FIXTURES / "ru_comment_thread.txt").read_text(encoding="utf-8"))
    we = [s for s in document.layer("groups") if s.label == "we"]
    assert [s.text for s in we] == ["наш", "Мы"]
    assert all(s.attrs["speaker"] == "Иван Петров" and not s.attrs["resolved"] for s in we)
    assert [s.text for s in document.layer("groups") if s.label == "they"] == ["Они", "их"]


def test_groups_ru_they_resolves_to_the_one_group_named(analyse: Analyse) -> None:
    document = analyse("Страны НАТО провели саммит в Вильнюсе. Они пообещали Киеву новые ракеты.")
    assert _pronouns(document, "they") == [("Они", "nato")]


def test_groups_ru_initialled_speaker_label_speaks_for_the_state(analyse: Analyse) -> None:
    document = analyse(
        "С.Лавров: Мы готовы к диалогу, но не за счёт наших интересов.\n"
        "Вопрос: А если Запад откажется?\n"
        "С.Лавров: Тогда мы будем действовать исходя из своих интересов."
    )
    assert _in_groups(document)["speaker:С.Лавров"] == "russia"
    we = [s for s in document.layer("groups") if s.label == "we"]
    assert [s.text for s in we] == ["Мы", "наших", "мы"]
    assert all(s.attrs["actor_id"] == "russia" for s in we)


def test_groups_ru_every_case_is_read_through_lemmas(analyse: Analyse) -> None:
    document = analyse(
        "«Нас не запугать санкциями. Нашему народу не впервой, нами всё решено», — заявил "
        "министр иностранных дел России Сергей Лавров."
    )
    we = [s.text for s in document.layer("groups") if s.label == "we"]
    assert we == ["Нас", "Нашему", "нами"]
    assert {s.attrs["actor_id"] for s in document.layer("groups") if s.label == "we"} == {"russia"}


def test_groups_ru_our_country_is_the_state_named_beside_it(analyse: Analyse) -> None:
    ukraine = analyse("Украинские военные третий год защищают нашу страну от вторжения.")
    assert _in_groups(ukraine) == {"body": "ukraine"}
    [in_group] = [s for s in ukraine.layer("groups") if s.label == "in_group"]
    assert [e["text"] for e in in_group.attrs["evidence"]] == ["нашу страну"]
    russia = analyse("Мы — великая страна, и Россия никогда не станет ничьим вассалом.")
    assert _in_groups(russia) == {"body": "russia"}
    together = analyse("Мы с вами живём в России, и здесь свои правила.")
    assert _in_groups(together) == {"body": "russia"}


def test_groups_ru_the_other_party_to_the_nations_act_names_its_opponent(
    analyse: Analyse,
) -> None:
    # Ukraine, the other party to the nation's act, is at war with one state: "we" is Russia,
    # at a weaker weight than a state named as one's own, with the cue as evidence.
    allowed = analyse("Британия разрешила Киеву бить ракетами по нашей территории.")
    assert _in_groups(allowed) == {"body": "russia"}
    [in_group] = [s for s in allowed.layer("groups") if s.label == "in_group"]
    assert [e["cue"] for e in in_group.attrs["evidence"]] == ["our_nation_against"]
    striking = analyse("Наша армия нанесла удар по Украине.")
    assert _in_groups(striking) == {"body": "russia"}
    # Only force between the two says so: defending, liberating, helping do not.
    for text in (
        "Наши защитники отбили атаку на Киев.",
        "Наша армия освободила Херсон.",
        "Наша армия помогает Украине.",
    ):
        assert _in_groups(analyse(text)) == {}, text


def test_groups_ru_our_forces_linked_to_a_state_name_it(analyse: Analyse) -> None:
    # «наши» on a state's own forces, linked as such, says whose they are; an agency linked to
    # no state («наш МИД») says nothing.
    assert _in_groups(analyse("Наши ВКС отработали по складам противника.")) == {"body": "russia"}
    assert _in_groups(analyse("Наши ВСУ держат оборону.")) == {"body": "ukraine"}
    assert _in_groups(analyse("Наш МИД опять промолчал.")) == {}


def test_groups_ru_our_country_beside_the_other_side_stays_open(analyse: Analyse) -> None:
    # The other party to the verb (Russia has been at war with more than one neighbour), the
    # people who come, a capital named as the other side and two states at once are not "us".
    attacked = analyse("Россия напала на нашу страну.")
    assert _in_groups(attacked) == {}
    people = analyse("Каждый год тысячи украинцев приезжают в нашу страну на заработки.")
    assert _in_groups(people) == {}
    capitals = analyse("Наша страна не станет выполнять указания Вашингтона и Лондона.")
    assert _in_groups(capitals) == {}
    both = analyse("Удары России по электростанциям Украины сделали нашу страну импортёром.")
    assert _in_groups(both) == {}
    # A state's adjective on what is not a nation's own is as often the other side's.
    terror = analyse("Нам нужны самолёты, чтобы защитить от российского террора наше государство.")
    assert _in_groups(terror) == {}
    drones = analyse("Китайские дроны массово используются на передовой нашими защитниками.")
    assert _in_groups(drones) == {}
    people = analyse("Мы призываем всех выступить в поддержку нашего народа, палестинского народа.")
    assert _in_groups(people) == {"body": "palestine"}


def test_groups_ru_our_american_colleagues_are_the_other_side(analyse: Analyse) -> None:
    document = analyse("Наши американские коллеги опять забыли о своих обещаниях.")
    assert _in_groups(document) == {}
    assert all(not s.attrs["resolved"] for s in document.layer("groups") if s.label == "we")


def test_groups_ru_side_words_name_the_nation_of_a_voice_that_speaks_as_one(
    analyse: Analyse,
) -> None:
    russia = analyse("Наши бойцы продолжают выполнять задачи СВО, киевский режим несёт потери.")
    assert _in_groups(russia) == {"body": "russia"}
    ukraine = analyse("Наши защитники снова отбросили рашистов от города.")
    assert _in_groups(ukraine) == {"body": "ukraine"}
    # No «наша армия», «наша страна»: an editorial "we" is not a nation's.
    editorial = analyse("Здесь мы, пожалуй, впервые согласимся с критиками СВО.")
    assert _in_groups(editorial) == {}


def test_groups_ru_an_officials_own_state_outweighs_the_states_beside(analyse: Analyse) -> None:
    document = analyse(
        "«Мы прифронтовое государство, украинские беженцы каждый день приезжают в нашу "
        "страну», — заявил министр обороны Словакии Ярослав Надь."
    )
    assert set(_in_groups(document).values()) == {"slovakia"}


def test_groups_ru_our_weapon_or_operation_is_its_states(analyse: Analyse) -> None:
    document = analyse("Наш «Орешник» способен поразить любую цель в Европе.")
    assert _in_groups(document) == {"body": "russia"}


def test_groups_ru_a_statement_heading_names_the_voice(analyse: Analyse) -> None:
    statement = (
        "Заявление МИД России в связи с новыми санкциями Евросоюза\n\n"
        "Мы решительно осуждаем очередной пакет ограничительных мер. "
        "Ответные шаги не заставят себя ждать, мы предупреждали об этом."
    )
    document = analyse(statement)
    assert _in_groups(document) == {"body": "russia"}
    [in_group] = [s for s in document.layer("groups") if s.label == "in_group"]
    assert in_group.attrs["evidence"][0]["text"] == "МИД России"
    # An agency's report under a wire dateline is the agency's text, not the ministry's.
    report = analyse(
        "Заявление МИД России в связи с новыми санкциями\n\n"
        "МОСКВА, 5 декабря. /ТАСС/. Мы не видели такого давно, пишут наблюдатели."
    )
    assert "body" not in _in_groups(report)
    # A news headline about a person's statement: the subject, not the text's issuer.
    headline = analyse(
        "Заявление Лаврова о переговорах с Киевом\n\nМы ещё вернёмся к этой теме, пишет автор."
    )
    assert "body" not in _in_groups(headline)


def test_groups_ru_a_briefings_answers_speak_for_its_issuer(analyse: Analyse) -> None:
    """Under a briefing's heading, the answers («Ответ:») are the issuer's words; the
    questions are the journalists'."""
    document = analyse(
        "Брифинг официального представителя МИД России, Москва, 4 декабря 2026 года\n\n"
        "Вопрос: Готовы ли вы к переговорам?\n\n"
        "Ответ: Мы готовы к диалогу, но только с учётом реалий на земле.\n\n"
        "Вопрос: А санкции?\n\n"
        "Ответ: Мы ответим на них."
    )
    groups = _in_groups(document)
    assert groups.get("speaker:Answer") == "russia"
    assert "speaker:Question" not in groups


def test_groups_ru_a_sides_salute_is_its_vocabulary(analyse: Analyse) -> None:
    """«Слава Украине!» beside «рашисты»: two terms of one side's vocabulary resolve «мы»."""
    document = analyse(
        "Этой ночью рашисты снова атаковали Одессу. Наши силы ПВО сбили 23 дрона. Мы выстоим. "
        "Слава Украине!"
    )
    assert _in_groups(document) == {"body": "ukraine"}


def test_groups_ru_a_post_signed_by_a_ministry_speaks_for_its_state(analyse: Analyse) -> None:
    document = analyse(
        "Наши бойцы отразили три атаки противника на южном направлении. "
        "Действия наших подразделений продолжаются.\n\nМинобороны России"
    )
    assert _in_groups(document) == {"body": "russia"}
    [in_group] = [s for s in document.layer("groups") if s.label == "in_group"]
    assert in_group.attrs["evidence"][0]["cue"] == "signature"


# A Russian voice's "we" read from the side its words mark: in a voice that speaks as a nation
# one side's term is enough; in any other voice that says «мы» it takes two distinct terms of
# one side's vocabulary (one may be a quote of the other side's).
def test_groups_two_side_words_name_an_editorial_we(analyse: Analyse) -> None:
    russia = analyse("Мы давно предупреждали, что свидомые не успокоятся, и СВО это подтвердила.")
    assert _in_groups(russia) == {"body": "russia"}
    ukraine = analyse("Нам давно понятно, что рашисты и их путлер проиграют эту войну.")
    assert _in_groups(ukraine) == {"body": "ukraine"}


def test_groups_one_side_word_leaves_an_editorial_we_open(analyse: Analyse) -> None:
    assert _in_groups(analyse("Здесь мы согласимся с критиками СВО.")) == {}
    # The same term repeated is one term.
    assert _in_groups(analyse("Мы писали о СВО вчера и напишем о СВО завтра.")) == {}


def test_groups_the_russian_sides_words_for_ukraines_soldiers(analyse: Analyse) -> None:
    # «ВСУшники», «боевики ВСУ», «неонацисты», «русофобия»: the Russian side's vocabulary.
    soldiers = analyse("Наши защитники снова отбросили ВСУшников от города.")
    assert _in_groups(soldiers) == {"body": "russia"}
    editorial = analyse("Мы видим, как боевики ВСУ прикрываются мирными, а неонацисты ликуют.")
    assert _in_groups(editorial) == {"body": "russia"}
    grievance = analyse("Нам годами рассказывали про дружбу, а за ней стояла русофобия.")
    assert _in_groups(grievance) == {}  # one term alone


def test_groups_a_quoted_names_pronoun_is_no_voices_we(analyse: Analyse) -> None:
    # «движения «Мы вместе с Россией»», «фонд «Наша правда»»: the first word of a name.
    movement = analyse("Об этом сообщил глава движения «Мы вместе с Россией» Иван Петров.")
    assert _pronouns(movement, "we") == []
    fund = analyse("Фонд «Наша правда» передал бойцам лодки.")
    assert _pronouns(fund, "we") == []
    # Direct speech after a colon, quoted words after «что» or after another noun are a
    # speaker's.
    speech = analyse("Он сказал: «Мы не уйдём». Министр заявил, что «мы готовы к переговорам».")
    assert [text for text, _ in _pronouns(speech, "we")] == ["Мы", "мы"]
    words = analyse("Секретарь СНБО заявил, что в ближайшее время «мы увидим ещё батальоны».")
    assert [text for text, _ in _pronouns(words, "we")] == ["мы"]


def test_groups_side_words_need_a_we(analyse: Analyse) -> None:
    # A voice that never says «мы» gets no in-group from its vocabulary alone.
    assert _in_groups(analyse("Свидомые снова жалуются на ход СВО.")) == {}


def test_groups_ru_our_president_speaks_as_a_nation(analyse: Analyse) -> None:
    # «наш президент» names no state of its own, but one side's word then says whose.
    document = analyse("Указ нашего президента ясно показал: цели спецоперации будут достигнуты.")
    assert _in_groups(document) == {"body": "russia"}


def test_groups_ru_a_speaker_label_linked_by_surname_speaks_for_the_persons_state(
    analyse: Analyse,
) -> None:
    """A talk show's label gives a surname the gazetteer does not list alone («Соловьёв:»); the
    actors layer links it to the host the title named in full, whose state the «мы» of his
    turns stands for."""
    document = analyse(
        "«Вечер с Владимиром Соловьёвым». Эфир от 3 декабря\n\n"
        "Соловьёв: Они смеются над нашими предупреждениями.\n\n"
        "Гость: Согласен.\n\n"
        "Соловьёв: Значит, нам пора ответить."
    )
    assert "russia" in set(_in_groups(document).values())
    assert ("нашими", "russia") in _pronouns(document, "we")


def test_groups_ru_a_posts_we_beside_the_ukrainian_sides_words(analyse: Analyse) -> None:
    """«оккупанты» and «Слава Украине!» are the Ukrainian side's words: a post's «мы» that uses
    both speaks for Ukraine."""
    document = analyse("Оккупанты снова атаковали Одессу. Мы не простим. Слава Украине!")
    assert _in_groups(document).get("body") == "ukraine"


def test_groups_ru_a_hosts_we_is_the_side_its_guests_speak_for(analyse: Analyse) -> None:
    show = (
        "Ведущий: Добрый вечер. В студии депутат Андрей Гурулёв и политолог Сергей Марков. "
        "Что мы должны делать?\n\n"
        "Гурулёв: Мы должны бить по центрам принятия решений.\n\n"
        "Марков: Нам не нужна война с НАТО.\n\n"
        "Ведущий: Мы продолжим после рекламы.\n"
    )
    assert _in_groups(analyse(show))["speaker:Host"] == "russia"
    # An interviewer of one guest speaks for no side but their own.
    interview = (
        "Ведущий: Андрей Викторович, что мы должны делать?\n\n"
        "Гурулёв: Мы должны бить по центрам принятия решений.\n\n"
        "Ведущий: Спасибо.\n"
    )
    assert "speaker:Host" not in _in_groups(analyse(interview))
