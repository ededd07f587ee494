from __future__ import annotations

import pytest

from redline.languages import (
    analysis_language,
    detect,
    detect_within,
    is_analysed,
    unanalysed_notice,
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Moscow said on Monday it would answer any strike on its territory with force.", "en"),
        ("Москва заявила в понедельник, что ответит на любой удар по своей территории.", "ru"),
        ("Die Bundesregierung wird die Ukraine weiter unterstützen, sagte der Kanzler.", "de"),
        ("中国外交部发言人表示，美国应当停止向台湾出售武器，否则中方将采取坚决措施。", "zh"),
    ],
)
def test_detect_names_the_language(text: str, language: str) -> None:
    assert detect(text) == language


def test_detect_refuses_to_guess_on_a_few_letters() -> None:
    assert detect("Да!") is None
    assert detect("12:45 — 13:10") is None


def test_only_english_and_russian_are_analysed() -> None:
    assert is_analysed("en") and is_analysed("ru") and is_analysed(None)
    assert not is_analysed("de")
    assert analysis_language(None) == "en"
    assert "'de' is not analysed" in unanalysed_notice("de")


@pytest.mark.parametrize(
    ("comment", "thread", "language"),
    [
        # The classifier alone calls these Macedonian and Ukrainian.
        ("Бомбите Лондон!", "ru", "ru"),
        ("Давайте ударим по Харькову.", "ru", "ru"),
        # Under an English article, a short Cyrillic comment is still Russian.
        ("Бомбите Лондон!", "en", "ru"),
        # A user name in Latin letters does not count; a letter Russian does not have does.
        ("ivan_77 · 2 часа назад\nБомбите Лондон!", "ru", "ru"),
        ("Слава Україні! Героям слава!", "ru", "uk"),
        ("Die Bundesregierung wird die Ukraine weiter unterstützen.", "en", "de"),
        # A long text is left to the classifier.
        (
            "Москва заявила в понедельник, что ответит на любой удар по своей территории.",
            "en",
            "ru",
        ),
    ],
)
def test_a_short_comment_stays_in_an_analysed_language_its_letters_fit(
    comment: str, thread: str, language: str
) -> None:
    assert detect_within(comment, thread) == language
