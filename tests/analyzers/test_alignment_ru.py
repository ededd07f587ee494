"""Who a Russian text casts as ally, enemy, vassal or partner: «марионетка Вашингтона»,
«наш ближайший союзник», «стратегический партнёр», «ведёт войну против России»."""

from collections.abc import Callable
from pathlib import Path

import pytest

from redline.analyzers.alignment import _cues
from redline.document import Document, Metadata

FIXTURES = Path(__file__).parent / "fixtures"

Analyse = Callable[[str], Document]


@pytest.fixture(scope="module")
def analyse() -> Analyse:
    from redline.pipeline import Pipeline

    pipeline = Pipeline.from_names(["structure", "actors", "voices", "groups", "alignment"])

    def run(text: str) -> Document:
        return pipeline.run(Document.from_text(text, Metadata(language="ru")))

    return run


def _edges(document: Document) -> set[tuple[str, str, str]]:
    return {(str(s.attrs["a"]), str(s.attrs["b"]), s.label) for s in document.layer("alignment")}


def test_alignment_ru_cues_compile() -> None:
    assert len(_cues("ru")) >= 15


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "Киевский режим давно стал марионеткой Вашингтона.",
            ("gov_ukraine", "gov_united_states", "subordinate"),
        ),
        ("Иран является союзником России.", ("iran", "russia", "ally")),
        ("Китай — стратегический партнёр России.", ("china", "russia", "partner")),
        ("Запад ведёт войну против России.", ("the_west", "russia", "enemy")),
        ("НАТО является противником России.", ("nato", "russia", "enemy")),
    ],
)
def test_alignment_ru_explicit_cues(
    analyse: Analyse, text: str, edge: tuple[str, str, str]
) -> None:
    assert _edges(analyse(text)) == {edge}


def test_alignment_ru_our_ally_is_the_speakers(analyse: Analyse) -> None:
    document = analyse("Мы, россияне, знаем цену дружбе. Белоруссия — наш ближайший союзник.")
    assert _edges(document) == {("belarus", "russia", "ally")}


def test_alignment_ru_ministry_statement(analyse: Analyse) -> None:
    document = analyse((FIXTURES / "ru_ministry_statement.txt").read_text(encoding="utf-8"))
    found = {(s.label, str(s.attrs["speaker"])) for s in document.layer("alignment")}
    # The author reports the puppet; Zakharova speaks of «наши партнёры в Вашингтоне».
    assert ("subordinate", "author") in found and ("partner", "Мария Захарова") in found


def test_alignment_ru_no_relation_without_a_cue(analyse: Analyse) -> None:
    document = analyse("Делегации России и Китая провели переговоры в Пекине.")
    assert not document.layer("alignment")


def test_alignment_ru_sides_joined_by_and_share_the_relation(analyse: Analyse) -> None:
    document = analyse(
        "Мы, россияне, ценим дружбу. Китай и Индия остаются нашими надёжными партнёрами."
    )
    assert _edges(document) == {("china", "russia", "partner"), ("india", "russia", "partner")}


def test_alignment_ru_a_puppet_in_someones_hands(analyse: Analyse) -> None:
    document = analyse("Киевский режим — лишь марионетка в руках англосаксов.")
    assert _edges(document) == {("gov_ukraine", "anglosphere", "subordinate")}
    assert not analyse("Решение в руках Вашингтона.").layer("alignment")
