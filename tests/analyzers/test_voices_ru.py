"""Quoted voices in Russian: «...», — заявил X; X сказал: «...»; по словам X, «...»; a quote
split by its cue; a paragraph of direct speech opened by a dash. Paraphrase stays the writer's."""

from collections.abc import Callable
from pathlib import Path

import pytest

from redline.analyzers.voices import quotation_spans
from redline.document import Document, Metadata, Span
from redline.pipeline import Pipeline

FIXTURES = Path(__file__).parent / "fixtures"

Analyse = Callable[[str], Document]


@pytest.fixture(scope="module")
def analyse() -> Analyse:
    pipeline = Pipeline.from_names(["structure", "actors", "voices"])

    def run(text: str) -> Document:
        return pipeline.run(Document.from_text(text, Metadata(language="ru")))

    return run


def _quotes(document: Document) -> list[tuple[str, str, str | None]]:
    return [(q.text, str(q.attrs["speaker"]), q.attrs["state"]) for q in document.layer("voices")]


def test_voices_ru_quote_then_cue_names_the_speaker_in_the_nominative(analyse: Analyse) -> None:
    document = analyse(
        "«Мы ответим на это», — заявила официальный представитель МИД России Мария Захарова."
    )
    [quote] = document.layer("voices")
    assert quote.text == "Мы ответим на это"
    assert quote.attrs["speaker"] == "Мария Захарова" and quote.attrs["state"] == "russia"
    assert quote.attrs["speaker_id"] == "maria_zakharova" and quote.rule == "ru.quote_then_cue"


def test_voices_ru_cue_then_quote_and_according_to(analyse: Analyse) -> None:
    document = analyse(
        "Глава МИД Сергей Лавров сказал: «Мы не допустим этого». "
        "По словам Лаврова, «Запад играет с огнём»."
    )
    assert _quotes(document) == [
        ("Мы не допустим этого", "Сергей Лавров", "russia"),
        ("Запад играет с огнём", "Сергей Лавров", "russia"),
    ]


def test_voices_ru_split_quote_and_pronoun_speaker(analyse: Analyse) -> None:
    document = analyse(
        "Лукашенко выступил в Минске. «Никаких переговоров не будет, — сказал он. — Мы своё "
        "слово сказали»."
    )
    assert _quotes(document) == [
        ("Никаких переговоров не будет", "Лукашенко", "belarus"),
        ("Мы своё слово сказали", "Лукашенко", "belarus"),
    ]


def test_voices_ru_dash_speech_paragraph(analyse: Analyse) -> None:
    document = analyse(
        "Президент Белоруссии Александр Лукашенко ответил критикам.\n\n"
        "- Санкции нас не сломят. Мы найдём новые рынки, - добавил он."
    )
    [quote] = document.layer("voices")
    assert quote.text == "Санкции нас не сломят. Мы найдём новые рынки"
    assert (quote.attrs["speaker"], quote.rule) == ("Александр Лукашенко", "ru.dash_speech")


def test_voices_ru_statement_noun_names_its_author(analyse: Analyse) -> None:
    document = analyse("«Санкции не работают», — говорится в заявлении Кремля.")
    assert _quotes(document) == [("Санкции не работают", "Кремль", "russia")]


def test_voices_ru_citing_verb_quotes_its_object(analyse: Analyse) -> None:
    document = analyse("«Вам придётся жить рядом с нами», — цитирует ТАСС Дмитрия Полянского.")
    [quote] = document.layer("voices")
    assert quote.attrs["speaker"] == "Дмитрий Полянский"


def test_voices_ru_title_names_the_state_of_an_unknown_official(analyse: Analyse) -> None:
    document = analyse(
        "Министр обороны Литвы Йонас Петравичюс выступил на конференции. «Мы готовы защищать "
        "каждый метр нашей земли», — сказал Петравичюс."
    )
    [quote] = document.layer("voices")
    # Named as the text names him at his fullest, in the nominative.
    assert quote.attrs["speaker"] == "Йонас Петравичюс" and quote.attrs["state"] == "lithuania"


def test_voices_ru_paraphrase_and_titles_are_no_quotes(analyse: Analyse) -> None:
    document = analyse(
        "По словам Лаврова, Россия ответит на размещение ракет. Газопровод «Северный поток» "
        "остановлен, сообщает «Коммерсант»."
    )
    assert document.layer("voices") == ()


def test_voices_ru_ministry_fixture(analyse: Analyse) -> None:
    document = analyse((FIXTURES / "ru_ministry_statement.txt").read_text(encoding="utf-8"))
    quotes: list[Span] = list(document.layer("voices"))
    assert [q.attrs["speaker"] for q in quotes] == ["Мария Захарова", "Мария Захарова"]
    assert [q.attrs["cue"] for q in quotes] == ["заявила", "отметила"]
    assert quotes[0].text.startswith("Мы неоднократно предупреждали")


def test_voices_ru_quotation_marks_pair_outermost() -> None:
    text = '«Он сказал: «нет»», — „да“ и "так"'
    assert [text[s:e] for s, e in quotation_spans(text)] == ["«Он сказал: «нет»»", "„да“", '"так"']
    # A straight quote left open at a paragraph's end pairs with nothing after it.
    unpaired = 'Он сказал "нет.\n\nА потом "да".'
    assert [unpaired[s:e] for s, e in quotation_spans(unpaired)] == ['"да"']


def test_voices_ru_citing_verb_with_outlet_as_subject(analyse: Analyse) -> None:
    # The parse reads both the agency and the quoted diplomat as subjects: the case tells them.
    document = analyse(
        "Первый зампостпреда России при ООН Дмитрий Полянский выступил в Совбезе. «Условия для "
        "мира вы задаёте сами», – цитирует ТАСС Полянского."
    )
    assert _quotes(document) == [
        ("Условия для мира вы задаёте сами", "Дмитрий Полянский", "russia")
    ]


def test_voices_ru_relayed_words_belong_to_their_owner(analyse: Analyse) -> None:
    document = analyse(
        "Владимир Путин провёл совещание с членами Совбеза. «Россия ответит на любую угрозу», – "
        "передаёт слова президента РИА Новости. «Это провокация», — приводит слова Марии "
        "Захаровой ТАСС."
    )
    assert _quotes(document) == [
        ("Россия ответит на любую угрозу", "Владимир Путин", "russia"),
        ("Это провокация", "Мария Захарова", "russia"),
    ]
    assert [q.attrs["cue"] for q in document.layer("voices")] == ["передаёт", "приводит"]


def test_voices_ru_relaying_verb_without_words_is_no_cue(analyse: Analyse) -> None:
    document = analyse("«Санкции бьют по Европе», — приводит к выводу доклад, а не политик.")
    assert document.layer("voices") == ()


def test_voices_ru_short_adjective_of_stance_is_a_cue(analyse: Analyse) -> None:
    document = analyse(
        "Председатель Еврокомиссии Урсула фон дер Ляйен выступила в Страсбурге. «Санкции будут "
        "продлены», – уверена председатель ЕК. «Мы правы», — убеждён глава МИД России Сергей "
        "Лавров."
    )
    assert [(q.text, q.attrs["speaker"], q.attrs["cue"]) for q in document.layer("voices")] == [
        ("Санкции будут продлены", "Урсула фон дер Ляйен", "уверена"),
        ("Мы правы", "Сергей Лавров", "убеждён"),
    ]


def test_voices_ru_pronoun_speaker_agrees_in_gender(analyse: Analyse) -> None:
    document = analyse(
        "Мария Певчих рассказала о планах команды Алексея Навального. «Мы продолжим "
        "борьбу», — сказала она."
    )
    [quote] = document.layer("voices")
    assert quote.attrs["speaker"] == "Мария Певчих"


def test_voices_ru_nested_straight_quotes_and_crlf_paragraphs(analyse: Analyse) -> None:
    document = analyse(
        'Глава Пентагона Ллойд Остин выступил в Брюсселе.\r\n\r\n"Мы не допустим, чтобы '
        '"Никогда снова" стало пустыми словами. Мы ответим", - заявил Остин.'
    )
    [quote] = document.layer("voices")
    assert quote.text.startswith("Мы не допустим") and quote.text.endswith("Мы ответим")
    assert quote.attrs["speaker"] == "Ллойд Остин"


def test_voices_ru_speech_paragraph_without_its_opening_dash(analyse: Analyse) -> None:
    document = analyse(
        "Депутат Госдумы Константин Затулин прокомментировал указ.\n\n"
        "Это сигнал для всех, - отметил Затулин. - Мы пришли туда надолго.\n\n"
        "Россия, по его словам, готова к переговорам."
    )
    assert [(q.text, q.rule) for q in document.layer("voices")] == [
        ("Это сигнал для всех", "ru.split_speech"),
        ("Мы пришли туда надолго.", "ru.split_speech"),
    ]


def test_voices_ru_nested_straight_quote_opens_by_its_neighbours() -> None:
    text = '"Пресловутая "культура отмены" стала "отменой культуры"", – сказал он. И "да".'
    assert [text[s:e] for s, e in quotation_spans(text)] == [
        '"Пресловутая "культура отмены" стала "отменой культуры""',
        '"да"',
    ]


def test_voices_ru_own_words_name_their_subject(analyse: Analyse) -> None:
    document = analyse("«Мы не отступим», — повторил свои слова министр обороны Сергей Шойгу.")
    [quote] = document.layer("voices")
    assert quote.attrs["speaker"] == "Сергей Шойгу"


def test_voices_ru_role_word_skips_people_the_quotation_names(analyse: Analyse) -> None:
    document = analyse(
        "Президент России Владимир Путин выступил перед деятелями культуры. «Из афиш вымарывают "
        "Чайковского и Сергея Рахманинова», – передаёт слова президента РИА Новости."
    )
    [quote] = document.layer("voices")
    assert quote.attrs["speaker"] == "Владимир Путин"


def test_voices_ru_nested_quote_closing_both() -> None:
    # Writers let a nested quote's closing mark close the outer one too: before an attribution
    # dash, or at the paragraph's end.
    text = (
        '"Агрессор на "Никогда снова" отвечал "можем повторить", - заявил он.\n\n'
        'Мы говорим: "Господа, устраните последствия".\n\nИ "да".'
    )
    assert [text[s:e] for s, e in quotation_spans(text)] == [
        '"Агрессор на "Никогда снова" отвечал "можем повторить"',
        '"Господа, устраните последствия"',
        '"да"',
    ]


def test_voices_ru_role_word_skips_people_named_in_earlier_quotations(analyse: Analyse) -> None:
    document = analyse(
        "Президент России Владимир Путин выступил перед деятелями культуры. «Из афиш вымарывают "
        "Сергея Рахманинова», – передаёт слова президента РИА Новости. «Правда пробьёт себе "
        "дорогу», – заявил президент."
    )
    assert [q.attrs["speaker"] for q in document.layer("voices")] == ["Владимир Путин"] * 2


def test_voices_ru_straight_quote_before_a_comma_opens_nothing() -> None:
    # The mark left after a blank line inside a Telegram quote closes; it opens no quotation
    # that would run to the next one.
    text = 'Он сказал: "\nМы ждём.\n \nОни уйдут\n", - сказал он.\n"\nИдут бои\n".'
    assert [text[s:e] for s, e in quotation_spans(text)] == ['"\nИдут бои\n"']


def test_voices_ru_two_cues_over_one_quotation_give_one_quote(analyse: Analyse) -> None:
    # A Telegram post's layout: a dash line naming the speaker, then the quotation and a second
    # cue after it. Both cues read the same quotation; it was two spans with one id (an error).
    document = analyse(
        "Дроны остаются эффективным оружием,\n — \nБуданов\n"
        "«Сколько этих дронов, сказать нельзя. Давайте скажем так: много»,\n"
        " — заявил он, подчеркнув, что дроны предназначены для сдерживания."
    )
    starts = [q.start for q in document.layer("voices")]
    assert starts and len(starts) == len(set(starts))


def test_voices_ru_state_named_in_the_speakers_own_phrase(analyse: Analyse) -> None:
    # A body the gazetteer does not link takes the state its phrase names as an adjective or a
    # genitive; a state after a preposition is a subject, not an affiliation.
    document = analyse(
        "«Мы ответим на любые шаги», — подчеркнул глава российского МИД.\n\n"
        "«Это было предсказуемо», — сказал эксперт по Китаю Джон Смит.\n\n"
        "«Мы открыты к диалогу», — сказал посол Франции в России Пьер Леви."
    )
    assert [q.attrs["state"] for q in document.layer("voices")] == ["russia", None, "france"]


def test_voices_ru_title_of_the_country_is_the_state_last_named(analyse: Analyse) -> None:
    document = analyse(
        "Правительство Лихтенштейна объявило о нейтралитете.\n\n"
        "«Мы небольшая страна и воевать не будем», — заявил премьер-министр страны Иван Петров.\n\n"
        "«Это ошибка», — считает аналитик Института стран СНГ Пётр Иванов."
    )
    # «стран СНГ» is no title's anaphor.
    assert [q.attrs["state"] for q in document.layer("voices")] == ["liechtenstein", None]


def test_voices_ru_said_in_an_institution(analyse: Analyse) -> None:
    document = analyse(
        "В МИД России заявили: «Мы будем вынуждены принять ответные меры».\n\n"
        "«Это провокация», — сообщили в Кремле."
    )
    assert _quotes(document) == [
        ("Мы будем вынуждены принять ответные меры", "МИД России", "russia"),
        ("Это провокация", "Кремль", "russia"),
    ]


def test_voices_ru_listed_speech_under_a_heading(analyse: Analyse) -> None:
    # A post lists someone's statements under a heading that names them; a list under a heading
    # that names no one's words is the writer's.
    document = analyse(
        "Главное из выступления Лаврова на пресс-конференции:\n"
        "— Наша позиция не изменилась.\n"
        "-Запад играет с огнём.\n\n"
        "Потери противника за сутки:\n"
        "— 50 человек;\n"
        "— 3 танка."
    )
    assert _quotes(document) == [
        ("Наша позиция не изменилась.", "Лавров", "russia"),
        ("Запад играет с огнём.", "Лавров", "russia"),
    ]


def test_voices_ru_role_with_a_body_is_not_someone_else_named_before(analyse: Analyse) -> None:
    document = analyse(
        "Президент Украины Владимир Зеленский выступил в Киеве.\n\n"
        "Вечером пришли новые заявления от главы НАТО:\n"
        "— Мы поддерживаем мирный план."
    )
    [quote] = document.layer("voices")
    assert quote.attrs["speaker_id"] == "nato"


def test_voices_ru_a_colon_hands_the_quotation_to_the_clauses_subject(analyse: Analyse) -> None:
    document = analyse(
        "Накануне Лукашенко, выступая перед студентами, коснулся темы санкций:\n\n"
        "«Мы выдержим любое давление».\n\n"
        "Надпись на плакате гласила: «Мы за мир»."
    )
    assert _quotes(document) == [("Мы выдержим любое давление", "Лукашенко", "belarus")]


def test_voices_ru_an_excerpt_cut_inside_a_quoted_speech() -> None:
    text = "Министр заявил:\n\n«Мы не допустим этого.\n\nИ никто не допустит."
    assert [text[s:e] for s, e in quotation_spans(text)] == [text[text.index("«") :]]


@pytest.mark.parametrize(
    ("text", "speaker", "state"),
    [
        ("Песков: «Россия примет ответные меры».", "Песков", "russia"),
        ("Захарова в эфире «Соловьёв Live»: «Мы ответим жёстко».", "Захарова", "russia"),
        ("Заявление МИД России: «Мы ответим на любую провокацию».", "МИД России", "russia"),
        ("Минобороны, кратко и по делу: «Удары будут продолжены».", "Минобороны", "russia"),
    ],
)
def test_voices_ru_line_opening_with_its_speaker_and_a_colon(
    analyse: Analyse, text: str, speaker: str, state: str
) -> None:
    # A headline's or a post's «X: «...»» hands the words to X, with no verb before the colon.
    [quote] = analyse(text).layer("voices")
    assert quote.rule == "ru.speaker_colon_quote"
    assert (quote.attrs["speaker"], quote.attrs["state"]) == (speaker, state)
    assert quote.text == text[text.index("«", text.index(":")) + 1 : text.rindex("»")]


def test_voices_ru_a_headline_gives_its_speakers_words_unquoted(analyse: Analyse) -> None:
    # «Захарова: Запад пожалеет ...» as a text's headline: the words after the colon are hers,
    # as the headline gives them; the same line further on, or a headline naming no one, is not.
    text = "Захарова: Запад пожалеет о поставках ракет Киеву\n\nОна выступила на брифинге."
    [quote] = analyse(text).layer("voices")
    assert (quote.rule, quote.text) == (
        "ru.headline_speaker",
        "Запад пожалеет о поставках ракет Киеву",
    )
    assert quote.attrs["speaker"] == "Захарова"
    later = "Брифинг прошёл в Москве.\nЗахарова: Запад пожалеет о поставках ракет Киеву\n\nКонец."
    assert not analyse(later).layer("voices")
    assert not analyse("Итог: Россия нанесла удар по Киеву\n\nТекст.").layer("voices")


@pytest.mark.parametrize(
    "text", ["Итог: «Мы ответим жёстко».", "Главное из сказанного сегодня: «Мы ответим»."]
)
def test_voices_ru_a_line_naming_no_one_gives_no_speaker(analyse: Analyse, text: str) -> None:
    assert not analyse(text).layer("voices")
