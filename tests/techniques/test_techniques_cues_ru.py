"""The Russian cue lexicon (``data/ru/techniques.yaml``): every cue fires on its own example, in
ordinary Russian inflection, and stays silent on the neutral uses of the same words."""

import re

import pytest

from redline.techniques.cues import Cue, CueLexicon, lexicon_file
from redline.techniques.taxonomy import TECHNIQUES

LEXICON = CueLexicon.load("ru")


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?]+[.!?]?", text)]


def _fired(text: str) -> dict[str, str]:
    return {m.cue.id: text[m.start : m.end] for m in LEXICON.find(text, _sentences(text))}


@pytest.mark.parametrize("cue", LEXICON.cues, ids=lambda c: c.id)
def test_ru_cues_fire_on_their_own_example(cue: Cue) -> None:
    assert cue.example, f"cue {cue.id!r} has no example"
    assert cue.id in _fired(cue.example)


def test_ru_cues_are_their_own_file_with_semeval2023_names() -> None:
    assert lexicon_file("ru") == "ru/techniques.yaml"
    assert lexicon_file("en") == "techniques.yaml"
    english = {c.pattern.pattern for c in CueLexicon.load("en").cues}
    assert not english & {c.pattern.pattern for c in LEXICON.cues}
    for cue in LEXICON.cues:
        assert set(cue.techniques) <= set(TECHNIQUES)
        assert cue.extent != "chunk"  # no noun chunks for Russian


@pytest.mark.parametrize(
    ("text", "cue", "marked"),
    [
        ("Эти марионеткам Запада не место в переговорах.", "pejorative_label", "марионеткам"),
        ("Киевскому режиму снова передали ракеты.", "pejorative_regime", "Киевскому режиму"),
        ("Так называемых экспертов никто не слушает.", "so_called", "Так называемых экспертов"),
        ("Это обернётся катастрофой для всей страны.", "fear_fatal", None),
        ("Пора уже признать очевидное.", "time_has_come", None),
        ("Они кричат о свободе слова. А как же Ассанж?", "tu_quoque", None),
        ("Наше дело правое!", "stock_slogan", "Наше дело правое"),
        ("Не секрет, что санкции бьют по самой Европе.", "settled_certainty", None),
        ("Он погиб за Россию.", "great_nation", "за Россию"),
        ("Наш народ не сломить никакими санкциями.", "great_nation", "Наш народ не сломить"),
        ("Инфляция бьёт исторические рекорды.", "exaggeration", None),
        ("Это беспрецедентное давление на нашу страну.", "exaggeration", "беспрецедентное"),
        ("Становится всё очевиднее, что Киев проиграл.", "settled_certainty", None),
    ],
)
def test_ru_cues_follow_inflection(text: str, cue: str, marked: str | None) -> None:
    fired = _fired(text)
    assert cue in fired
    if marked is not None:  # a match extent may take in one more word (no parse for it)
        assert fired[cue].startswith(marked)


@pytest.mark.parametrize(
    "text",
    [
        # «либо …, либо …» is the ordinary disjunction.
        "Встреча пройдёт либо в среду, либо в четверг.",
        # A historical mention of Nazism is not a comparison.
        "Ветераны Великой Отечественной вспоминают, как нацисты отступали под Москвой.",
        "Министр провёл совещание с губернатором, стороны обсудили ремонт дорог.",
        "До сих пор неизвестно, когда откроется мост.",
        "Подлинные документы переданы в архив.",
        "Стало ясно, что поезд опоздает на час.",
        "Битва за Украину продолжается уже второй год.",
    ],
)
def test_ru_cues_stay_silent_on_neutral_wording(text: str) -> None:
    fired = _fired(text)
    assert "either_or" not in fired
    assert "hitler_comparison" not in fired
    assert "pejorative_label" not in fired
    assert "settled_certainty" not in fired
    assert "great_nation" not in fired
    if "совещание" in text or "мост" in text or "документы" in text:
        assert fired == {}
