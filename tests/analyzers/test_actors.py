from collections.abc import Callable

import pytest

from redline.document import Document


def _names(document: Document) -> set[str]:
    return {str(s.attrs["name"]) for s in document.layer("actors")}


def _linked(document: Document, quote: str) -> str | None:
    for span in document.layer("actors"):
        if span.text == quote:
            return str(span.attrs["name"])
    return None


@pytest.mark.parametrize("seed", ["seed_op_ed", "seed_interview"])
def test_actors_seed_required_actors(seed: str, request: pytest.FixtureRequest) -> None:
    document, gold = request.getfixturevalue(seed)
    missing = set(gold["actors_required"]) - _names(document)
    assert not missing


def test_actors_seed_aliases(seed_interview: tuple[Document, dict]) -> None:
    document, gold = seed_interview
    for alias in gold["aliases"]:
        assert _linked(document, alias["quote"]) == alias["actor"], alias


def test_actors_cyrillic_and_transliterations(analyse: Callable[..., Document]) -> None:
    document = analyse("Зеленский встретился с Путиным в Киеве? No: Zelensky and Zelenskiy met in Kiev.")
    assert _linked(document, "Зеленский") == "Volodymyr Zelenskyy"
    assert _linked(document, "Zelensky") == "Volodymyr Zelenskyy"
    assert _linked(document, "Zelenskiy") == "Volodymyr Zelenskyy"
    assert _linked(document, "Kiev") == "Kyiv"


def test_actors_role_resolves_by_document_date(analyse: Callable[..., Document]) -> None:
    text = "The US President spoke with the Ukrainian president about the war."
    assert _linked(analyse(text, "2023-06-01"), "US President") == "Joe Biden"
    assert _linked(analyse(text, "2025-06-01"), "US President") == "Donald Trump"
    assert _linked(analyse(text, "2025-06-01"), "Ukrainian president") == "Volodymyr Zelenskyy"


def test_actors_ambiguous_georgia_from_context(analyse: Callable[..., Document]) -> None:
    country = analyse("Georgia accused Russia of occupying Abkhazia; Tbilisi protested.")
    us_state = analyse("Voters in Atlanta, Georgia, lined up; the governor of Georgia spoke.")
    country_kind = [s.attrs["type"] for s in country.layer("actors") if s.text == "Georgia"]
    us_kind = [s.attrs["kind"] for s in us_state.layer("actors") if s.text == "Georgia"]
    assert country_kind == ["state"]
    assert set(us_kind) == {"us_state"}


def test_actors_lowercase_common_words_are_not_actors(analyse: Callable[..., Document]) -> None:
    document = analyse("Let us eat turkey and china plates, then chad jokes.")
    assert not [s for s in document.layer("actors") if s.attrs.get("linked")]


def test_actors_surname_corefers_with_full_name(analyse: Callable[..., Document]) -> None:
    document = analyse("Maria Dobrovska, a minister, spoke first. Later Dobrovska repeated her warning.")
    mentions = [s for s in document.layer("actors") if s.text in ("Maria Dobrovska", "Dobrovska")]
    assert len({s.attrs["actor_id"] for s in mentions}) == 1
    assert len(mentions) == 2


def test_actors_metonym_is_the_government(analyse: Callable[..., Document]) -> None:
    document = analyse("The Kremlin rejected the proposal, and the White House answered.")
    assert _linked(document, "The Kremlin") is not None
    kinds = {s.text: s.attrs["match"] for s in document.layer("actors")}
    assert kinds["The Kremlin"] == "metonym"
