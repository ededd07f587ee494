"""The structure analyzer on Russian texts: a ministry comment reported by a wire agency, a
talk-show transcript, a comment thread under a news item, and the smaller shapes of Russian
pages (briefing labels, datelines, bylines, translator's notes, page furniture)."""

from collections.abc import Callable
from pathlib import Path

import pytest

from redline.document import Document, Metadata, Span
from redline.pipeline import Pipeline

FIXTURES = Path(__file__).parent / "fixtures"

Analyse = Callable[..., Document]


@pytest.fixture(scope="module")
def analyse() -> Analyse:
    """Run the structure analyzer alone, in Russian; each text is analysed once per module."""
    pipeline = Pipeline.from_names(["structure"])
    done: dict[tuple[str, str], Document] = {}

    def run(text: str, metadata: Metadata | None = None) -> Document:
        metadata = metadata or Metadata(language="ru")
        key = (text, metadata.model_dump_json())
        if key not in done:
            done[key] = pipeline.run(Document.from_text(text, metadata))
        return done[key]

    return run


def _fixture(analyse: Analyse, name: str) -> Document:
    return analyse((FIXTURES / name).read_text(encoding="utf-8"))


def _labels(document: Document, label: str) -> list[Span]:
    return [s for s in document.layer("structure") if s.label == label]


def _speakers(document: Document) -> list[str]:
    return [str(t.attrs["speaker"]) for t in _labels(document, "turn")]


# -- the three fixtures ---------------------------------------------------------------------------


def test_structure_ru_ministry_statement(analyse: Analyse) -> None:
    document = _fixture(analyse, "ru_ministry_statement.txt")
    [title] = _labels(document, "title")
    assert title.text.startswith("Комментарий официального представителя МИД России")
    [dateline] = _labels(document, "dateline")
    assert dateline.text == "МОСКВА, 5 декабря. /ТАСС/."
    # No year in the dateline: the day is kept in ISO 8601's form for a day of no stated year.
    assert dateline.attrs == {"month_day": "--12-05"}
    [link] = _labels(document, "furniture")
    assert link.text.startswith("Читайте также:") and link.attrs["kind"] == "related_link"
    [advert] = _labels(document, "advert")
    assert advert.text == "Подписывайтесь на ТАСС в Telegram"
    [body] = _labels(document, "body")
    assert "Читайте также" not in body.text and body.text.endswith("плацдарм альянса.")
    assert not _labels(document, "turn") and not _labels(document, "comments")


def test_structure_ru_dateline_year_from_metadata(analyse: Analyse) -> None:
    text = (FIXTURES / "ru_ministry_statement.txt").read_text(encoding="utf-8")
    document = analyse(text, Metadata(language="ru", date="2025-12-05"))
    [dateline] = _labels(document, "dateline")
    assert dateline.attrs == {"month_day": "--12-05", "date": "2025-12-05"}


def test_structure_ru_talk_show_turns(analyse: Analyse) -> None:
    document = _fixture(analyse, "ru_talk_show.txt")
    assert _speakers(document) == [
        "Host",
        "Андрей Курганов",
        "Host",
        "Ольга Миронова",
        "Андрей Курганов",
        "Host",
    ]
    assert [t.attrs["label"] for t in _labels(document, "turn")][:2] == [
        "Ведущий",
        "Андрей Курганов",
    ]
    [applause] = _labels(document, "stage_direction")
    assert applause.text == "(Аплодисменты)"
    # The advert break is page furniture, not the host's last words.
    [advert] = _labels(document, "furniture")
    assert (advert.text, advert.attrs["kind"]) == ("Реклама", "advert_label")
    assert _labels(document, "turn")[-1].text.endswith("короткой рекламы.")
    sentence = next(s for s in document.layer("sentences") if "язык силы" in s.text)
    assert sentence.attrs == {"section": "body", "speaker": "Андрей Курганов"}


def test_structure_ru_a_surname_the_host_introduced_labels_one_turn(analyse: Analyse) -> None:
    # «Марков:» speaks once, by his surname alone: the host named him before, so the turn is
    # his, not a line of the speaker before him. «Итог:» in the same thread names no one.
    document = analyse(
        "Ведущий: Сегодня в студии депутат Андрей Гурулёв и политолог Сергей Марков.\n\n"
        "Гурулёв: Нужно отвечать жёстко.\n\n"
        "Ведущий: А вы что скажете?\n\n"
        "Гурулёв: Повторю: жёстко.\n\n"
        "Марков: Я соглашусь лишь отчасти.\n\n"
        "Итог: спор продолжится.\n"
    )
    assert _speakers(document) == ["Host", "Гурулёв", "Host", "Гурулёв", "Марков"]


def test_structure_ru_comment_thread(analyse: Analyse) -> None:
    document = _fixture(analyse, "ru_comment_thread.txt")
    [dateline] = _labels(document, "dateline")
    assert dateline.text == "ВАШИНГТОН, 14 марта 2025 — РИА Новости."
    assert dateline.attrs["date"] == "2025-03-14" and document.metadata.date == "2025-03-14"
    [body] = _labels(document, "body")
    assert body.text.startswith("Министерство обороны США")
    [section] = _labels(document, "comments")
    assert section.rule == "comments.opener" and section.text.startswith("Комментарии (3)")
    comments = _labels(document, "comment")
    assert [(c.attrs["author"], c.attrs["timestamp"]) for c in comments] == [
        ("Иван Петров", "14 марта 2025, 10:15"),
        ("olga_k", "2 часа назад"),
        ("Серый_волк", "вчера в 18:40"),
    ]
    assert "Мы это уже проходили." in comments[0].text
    [link] = _labels(document, "furniture")
    assert link.text.startswith("Читайте также")


def test_structure_ru_a_commenters_name_is_a_label_outside_the_sentences(analyse: Analyse) -> None:
    document = analyse(
        "Киев получил новую партию ракет\n\n"
        "Администрация США передала Украине дополнительные ракеты дальнего действия, сообщает "
        "агентство Reuters со ссылкой на источники в Пентагоне. Поставка стала третьей за "
        "последние два месяца.\n\nКомментарии\n\nИгорь: Смерть оккупантам! Слава Украине!"
    )
    [label] = _labels(document, "comment_label")
    assert (label.text, label.attrs["author"]) == ("Игорь:", "Игорь")
    sentences = [s.text for s in document.layer("sentences") if s.start > label.start]
    assert sentences == ["Смерть оккупантам!", "Слава Украине!"]


# -- smaller shapes -------------------------------------------------------------------------------


def test_structure_ru_briefing_labels_with_outlets(analyse: Analyse) -> None:
    document = analyse(
        "Вопрос (РИА Новости): Как в Москве оценивают решение Берлина?\n\n"
        "Ответ: Мы расцениваем это как шаг к эскалации.\n\n"
        "Вопрос (ТАСС): Будет ли ответ?\n\n"
        "Ответ: Ответ будет, и он будет ощутимым."
    )
    turns = _labels(document, "turn")
    assert _speakers(document) == ["Question", "Answer", "Question", "Answer"]
    assert [t.attrs.get("note") for t in turns] == ["РИА Новости", None, "ТАСС", None]


def test_structure_ru_abbreviated_and_initialled_labels(analyse: Analyse) -> None:
    qa = analyse(
        "В.: Чего вы ждёте от переговоров?\nО.: Мы ничего не ждём.\n"
        "В.: Даже после обмена пленными?\nО.: Даже после него."
    )
    assert _speakers(qa) == ["Question", "Answer", "Question", "Answer"]
    named = analyse(
        "С.Лавров: Мы готовы к диалогу, но не за счёт наших интересов.\n"
        "Вопрос: А если Запад откажется?\n"
        "С.Лавров: Тогда мы будем действовать исходя из своих интересов."
    )
    assert _speakers(named) == ["С.Лавров", "Question", "С.Лавров"]


def test_structure_ru_headline_with_a_colon_is_no_turn(analyse: Analyse) -> None:
    document = analyse("Лавров: Россия не допустит размещения ракет у своих границ")
    assert not _labels(document, "turn")


def test_structure_ru_byline_note_and_translation_credit(analyse: Analyse) -> None:
    document = analyse(
        "Почему Европа проиграет гонку вооружений\nАвтор: Иван Сергеев\n\n"
        "Европейские правительства обещают удвоить расходы на оборону, но заводы не успевают "
        "за политиками. Снарядов по-прежнему не хватает, а очереди на новые системы ПВО "
        "растянулись на годы.\n\n"
        "Прим. пер.: речь идёт о программе, принятой в 2023 году.\n\n"
        "Перевод с английского: Анна Смирнова"
    )
    [byline] = _labels(document, "byline")
    assert byline.attrs["author"] == "Иван Сергеев"
    [note] = _labels(document, "note")
    assert note.attrs["kind"] == "translator"
    [credit] = _labels(document, "translation_credit")
    assert credit.attrs == {"language": "en", "translator": "Анна Смирнова"}
    assert (document.metadata.author, document.metadata.translated_from) == ("Иван Сергеев", "en")


@pytest.mark.parametrize(
    ("text", "dateline", "attrs"),
    [
        (
            "КИЕВ, 12 марта /Корр. ТАСС/. Украинские власти объявили о новой волне мобилизации.",
            "КИЕВ, 12 марта /Корр. ТАСС/.",
            {"month_day": "--03-12"},
        ),
        (
            "МОСКВА, 5 дек — РИА Новости. Россия ответит на размещение ракет в Европе.",
            "МОСКВА, 5 дек — РИА Новости.",
            {"month_day": "--12-05"},
        ),
        (
            "Опубликовано: 5 декабря 2025 г., 14:30\nРоссия ответит на размещение ракет в Европе.",
            "Опубликовано: 5 декабря 2025 г., 14:30",
            {"date": "2025-12-05"},
        ),
    ],
)
def test_structure_ru_dateline_forms(
    analyse: Analyse, text: str, dateline: str, attrs: dict[str, str]
) -> None:
    [found] = _labels(analyse(text), "dateline")
    assert (found.text, dict(found.attrs)) == (dateline, attrs)


def test_structure_ru_dash_then_prose_is_no_agency(analyse: Analyse) -> None:
    """After a dash, only a short capitalised credit ending in a full stop is the agency's."""
    [found] = _labels(
        analyse("МОСКВА, 5 декабря — Россия ответит на размещение ракет."), "dateline"
    )
    assert found.text == "МОСКВА, 5 декабря —"


def test_structure_ru_reader_voice_after_blank_run(analyse: Analyse) -> None:
    text = (
        "Ведущий: Закроют ли коридор?\nГость: Не в этом году. Обеим сторонам нужна торговля.\n"
        "Ведущий: А в следующем?\nГость: Это зависит от Вашингтона больше, чем от Вильнюса.\n"
        "\n\n\nСпасибо автору, я узнал много нового!\nПо-моему, всё не так. Закроют!"
    )
    document = analyse(text)
    [section] = _labels(document, "comments")
    assert section.rule == "comments.blank_run_voice_shift"
    assert len(_labels(document, "comment")) == 2 and len(_labels(document, "turn")) == 4


def test_structure_ru_telegram_buttons_are_furniture(analyse: Analyse) -> None:
    # A channel's buttons under a post; «обсудить» and «помощь» would otherwise read as actions.
    text = (
        "Минобороны сообщило об ударе по складу в Харькове.\n"
        "Подписаться\nОБСУДИТЬ\nПрислать новость/фото/видео\nПредложить новость\n"
        'Помощь "Стране"\n'
    )
    furniture = _labels(analyse(text), "furniture")
    assert [f.text for f in furniture] == [
        "Подписаться",
        "ОБСУДИТЬ",
        "Прислать новость/фото/видео",
        "Предложить новость",
        'Помощь "Стране"',
    ]
    assert {f.attrs["kind"] for f in furniture} == {"share_prompt"}
    # The same words inside a sentence are text.
    prose = analyse("Стороны договорились обсудить обмен пленными.\n")
    assert not _labels(prose, "furniture")
