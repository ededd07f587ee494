"""The techniques analyzer on Russian documents: Russian cues and the Russian paragraph model,
never the English ones; spans at the sentence with the strongest evidence, inside their
paragraph; neutral reporting left alone."""

from functools import cache
from typing import Any

import pytest

from redline.analyzers.techniques import RUSSIAN_RULE, TechniqueAnalyzer
from redline.document import Document, Metadata, Span
from redline.pipeline import Pipeline
from redline.techniques.taxonomy import TECHNIQUES

STATEMENT = "\n\n".join(
    [
        "Комментарий официального представителя МИД России",
        "МОСКВА, 5 декабря. /ТАСС/. Так называемые «западные партнёры» в очередной раз показали "
        "своё истинное лицо. Киевский режим, эти марионетки Вашингтона, готовы воевать до "
        "последнего украинца, лишь бы угодить своим хозяевам.",
        "Неужели кто-то всерьёз верит, что эти деньги дойдут до простых людей? Разве не "
        "очевидно, что их просто разворуют?",
        "Напомним, что в среду министр провёл переговоры с коллегой из Индии. Стороны обсудили "
        "торговлю и транспортные коридоры.\n",
    ]
)
TALK_SHOW = "\n\n".join(
    [
        "Ведущий: Добрый вечер. Сегодня в студии обсуждаем новые санкции.",
        "Эксперт: Это циничное и позорное решение. Наш великий народ никогда не склонял головы "
        "перед врагом, и точка.",
        "Ведущий: Спасибо. Переходим к следующей теме.\n",
    ]
)
TELEGRAM = (
    "Пришло время положить этому конец, пока не стало поздно! Либо Европа одумается, либо "
    "замёрзнет этой зимой. Третьего не дано.\n"
)
NEUTRAL = "\n\n".join(
    [
        "В Подмосковье открыли новую школу",
        "В среду в Красногорске открылась школа на 1100 учеников. В здании есть бассейн, два "
        "спортивных зала и библиотека.",
        "Строительство заняло два года и велось за счёт регионального бюджета.\n",
    ]
)


@cache
def _pipeline(**options: Any) -> Pipeline:
    return Pipeline([*Pipeline.from_names(["structure"]).analyzers, TechniqueAnalyzer(**options)])


def _run(text: str, **options: Any) -> Document:
    return _pipeline(**options).run(Document.from_text(text, Metadata(language="ru")))


def _spans(document: Document) -> list[Span]:
    return list(document.layer("techniques"))


def test_techniques_declares_russian() -> None:
    assert TechniqueAnalyzer.languages == ("en", "ru")


def test_ru_statement_gets_cue_and_model_spans_with_offsets_into_the_text() -> None:
    document = _run(STATEMENT)
    spans = _spans(document)
    by_cue = {s.attrs["cue"]: s for s in spans if s.attrs["cue"]}
    assert by_cue["so_called"].text.startswith("Так называемые «западные партнёры»")
    assert by_cue["pejorative_regime"].text == "Киевский режим"
    assert by_cue["pejorative_label"].text == "марионетки"
    assert by_cue["rhetorical_doubt"].label == "Doubt"
    model = [s for s in spans if "model_probabilities" in s.attrs]
    assert model, "the paragraph model found nothing in a loaded statement"
    for span in spans:
        assert document.text[span.start : span.end] == span.text
        assert span.label in TECHNIQUES
        assert span.analyzer == "techniques"
        assert 0.0 < span.confidence <= 1.0
        assert span.rule.startswith("cue:") or span.rule == RUSSIAN_RULE
        assert span.rule != "model:techniques-linear"  # never the English model


def test_ru_model_spans_are_sentences_inside_their_paragraph() -> None:
    document = _run(STATEMENT)
    for span in _spans(document):
        if "model_probabilities" not in span.attrs:
            continue
        start, end = span.attrs["paragraph"]
        assert start <= span.start < span.end <= end
        assert "\n" not in span.text
        sentences = {(s.start, s.end) for s in document.layer("sentences")}
        assert (span.start, span.end) in sentences
        probabilities = span.attrs["model_probabilities"]
        assert span.attrs["techniques"][0] in probabilities or span.attrs["cue"]
        assert all(0.0 < p <= 1.0 for p in probabilities.values())


def test_ru_dateline_is_never_evidence() -> None:
    document = _run(STATEMENT)
    dateline = "МОСКВА, 5 декабря. /ТАСС/."
    where = STATEMENT.index(dateline)
    for span in _spans(document):
        assert not (span.start <= where < span.end)


def test_ru_neutral_reporting_is_left_alone() -> None:
    document = _run(NEUTRAL)
    assert [s for s in _spans(document) if s.start > NEUTRAL.index("\n")] == []
    statement = _run(STATEMENT)
    last = STATEMENT.index("Напомним")
    assert [s for s in _spans(statement) if s.start >= last] == []


def test_ru_talk_show_and_telegram_post() -> None:
    show = {s.attrs["cue"]: s for s in _spans(_run(TALK_SHOW)) if s.attrs["cue"]}
    assert {"loaded_word", "great_nation", "conversation_killer"} <= set(show)
    assert show["great_nation"].label == "Flag_Waving"
    post = {s.attrs["cue"]: s for s in _spans(_run(TELEGRAM)) if s.attrs["cue"]}
    assert post["time_has_come"].label == "Appeal_to_Time"
    assert post["no_choice"].label == "False_Dilemma-No_Choice"


@pytest.mark.parametrize(
    ("options", "sources"), [({"use_model": False}, {"cue"}), ({"use_cues": False}, {"model"})]
)
def test_ru_sources_can_be_switched_off(options: dict[str, bool], sources: set[str]) -> None:
    spans = _spans(_run(STATEMENT, **options))
    assert spans
    assert {s.attrs["source"] for s in spans} == sources


def test_ru_min_probability_reports_fewer_model_findings() -> None:
    default = _spans(_run(STATEMENT, use_cues=False))
    strict = _spans(_run(STATEMENT, use_cues=False, min_probability=0.9))
    assert len(strict) < len(default)


def test_english_text_still_gets_the_english_model() -> None:
    text = "The Long War\n\nThe so-called experts in Brussels have lied to us for years.\n"
    document = _pipeline().run(Document.from_text(text, Metadata(language="en")))
    rules = {s.rule for s in document.layer("techniques")}
    assert "cue:so_called" in rules
    assert RUSSIAN_RULE not in rules
