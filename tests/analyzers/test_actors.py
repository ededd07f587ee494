import random
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from redline.analyzers.actors import (
    ActorAnalyzer,
    _document_date,
    _drop_inside_people,
    _resolve,
    _roles_data,
    _StatesBeside,
)
from redline.document import Document
from redline.matching import fold
from redline.nlp import load_pipeline
from redline.parsing import parse

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "redline" / "samples" / "interview.txt"


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
    document = analyse(
        "Зеленский встретился с Путиным в Киеве? No: Zelensky and Zelenskiy met in Kiev."
    )
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
    document = analyse(
        "Maria Dobrovska, a minister, spoke first. Later Dobrovska repeated her warning."
    )
    mentions = [s for s in document.layer("actors") if s.text in ("Maria Dobrovska", "Dobrovska")]
    assert len({s.attrs["actor_id"] for s in mentions}) == 1
    assert len(mentions) == 2


def test_actors_metonym_is_the_government(analyse: Callable[..., Document]) -> None:
    document = analyse("The Kremlin rejected the proposal, and the White House answered.")
    assert _linked(document, "The Kremlin") is not None
    kinds = {s.text: s.attrs["match"] for s in document.layer("actors")}
    assert kinds["The Kremlin"] == "metonym"


# -- issue 15 §1: role titles look only at the states near them -------------------------------


def _state_beside_by_scan(text: str, start: int, end: int, states: list) -> tuple:
    """The scan _StatesBeside replaced: fold the text up to every state mention of the document."""
    gap = _roles_data().max_gap_before
    for state in states:
        before = fold(text[state.end : start])
        if 0 <= start - state.end <= gap and re.fullmatch(r"(?:'s)?\s?", before):
            return state, state.start, end
        between = fold(text[end : state.start]).strip().lower()
        if state.start > end and between in _roles_data().after_connectors:
            return state, start, state.end
    return None, start, end


def _state_mentions(analyzer: ActorAnalyzer, text: str, on: date | None) -> list:
    parsed = parse(load_pipeline(), text)
    entities = [(e.start_char, e.end_char, e.label_) for e in parsed.ents]
    assert analyzer._matcher is not None
    resolved = _resolve(analyzer.gazetteer, analyzer._matcher.find(text), entities, on)
    mentions = _drop_inside_people(resolved, entities)
    return [m for m in mentions if m.entry_id and analyzer.gazetteer[m.entry_id].type == "state"]


EDGE_CASES = (
    "The President of   Russia met Ukraine's president; the president of the\n United States "
    "and the French president spoke. Russia’s  president, the vice president of Iran, "
    "President of Of Iran."
)


@pytest.mark.parametrize("source", ["seed", "sample", "edge cases"])
def test_actors_state_beside_finds_what_the_scan_found(
    source: str, request: pytest.FixtureRequest
) -> None:
    if source == "seed":
        document, _ = request.getfixturevalue("seed_interview")
        text, on = document.text, _document_date(document)
    else:
        text, on = (SAMPLE.read_text(encoding="utf-8") if source == "sample" else EDGE_CASES), None
    analyzer = ActorAnalyzer()
    analyzer.initialize()
    assert analyzer._titles is not None
    states = _state_mentions(analyzer, text, on)
    beside = _StatesBeside(text, states)
    queries = [(t.start, t.end) for t in analyzer._titles.find(text)]
    rng = random.Random(15)
    starts = [rng.randrange(len(text)) for _ in range(300)]
    queries += [(s, s + rng.randrange(1, 25)) for s in starts]
    found = 0
    for start, end in queries:
        expected = _state_beside_by_scan(text, start, end, states)
        assert beside.beside(start, end) == expected, (start, end, text[start:end])
        found += expected[0] is not None
    assert found  # not vacuous: some titles stand beside states
