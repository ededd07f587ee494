"""«Мы», «наш», «они» in Russian, per voice, with evidence: a quoted official's state, a
self-identification («мы, россияне»), «у нас в Москве», «наш президент»; no evidence, no
guess."""

from collections.abc import Callable
from pathlib import Path

import pytest

from redline.analyzers.groups import _cues
from redline.document import Document, Metadata

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
    russian, english = _cues("ru"), _cues("en")
    assert type(russian) is type(english)
    assert {"мы", "нас", "нам", "нами", "наш", "наши"} <= set(russian.pronouns["first_plural"])
    assert {"они", "их"} <= set(russian.pronouns["third_plural"])


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
