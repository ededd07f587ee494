"""The SemEval-2023 taxonomy and the mappings from the PTC and SemEval-2021 label sets."""

from pathlib import Path

import pytest

from redline.errors import ConfigError
from redline.techniques import (
    CATEGORIES,
    PTC_TO_2023,
    SEMEVAL2021_TO_2023,
    TECHNIQUES,
    by_category,
    resolve,
)

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "propaganda"


def test_taxonomy_has_23_techniques_in_six_categories() -> None:
    assert len(TECHNIQUES) == 23
    assert len(CATEGORIES) == 6
    sizes = {category: len(items) for category, items in by_category().items()}
    assert sizes == {
        "Attack on Reputation": 5,
        "Justification": 5,
        "Simplification": 3,
        "Distraction": 3,
        "Call": 3,
        "Manipulative Wording": 4,
    }


def test_taxonomy_names_match_the_official_list() -> None:
    official = DATA / "semeval2023_task3" / "techniques_subtask3.txt"
    if not official.is_file():
        pytest.skip(f"SemEval-2023 technique list not found at {official} (../shared/data)")
    names = {
        line.strip() for line in official.read_text(encoding="utf-8").splitlines() if line.strip()
    }
    assert names == set(TECHNIQUES)


def test_taxonomy_definitions_are_single_sentences() -> None:
    for item in TECHNIQUES.values():
        assert item.definition.endswith(".") and "\n" not in item.definition
        assert 20 < len(item.definition) <= 100, item.name


def test_taxonomy_maps_all_14_ptc_labels() -> None:
    assert len(PTC_TO_2023) == 14
    for label, names in PTC_TO_2023.items():
        assert names and all(n in TECHNIQUES for n in names)
        assert resolve(label) == names


def test_taxonomy_maps_all_20_semeval2021_labels() -> None:
    assert len(SEMEVAL2021_TO_2023) == 20
    for label, names in SEMEVAL2021_TO_2023.items():
        assert resolve(label) == names
    listed = DATA / "semeval2021_task6" / "techniques_list_task1-2.txt"
    if listed.is_file():
        labels = {
            line.strip() for line in listed.read_text(encoding="utf-8").splitlines() if line.strip()
        }
        assert labels == set(SEMEVAL2021_TO_2023)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Name Calling-Labeling", "Name_Calling-Labeling"),
        ("flag waving", "Flag_Waving"),
        ("Reductio ad Hitlerum", "Guilt_by_Association"),
        ("Thought-terminating cliché", "Conversation_Killer"),
        ("Black-and-white Fallacy/Dictatorship", "False_Dilemma-No_Choice"),
        ("Appeal_to_fear-prejudice", "Appeal_to_Fear-Prejudice"),
    ],
)
def test_taxonomy_resolves_loose_and_legacy_names(name: str, expected: str) -> None:
    assert resolve(name)[0] == expected


def test_taxonomy_unknown_name_says_what_is_expected() -> None:
    with pytest.raises(ConfigError, match="unknown persuasion technique 'Telepathy'"):
        resolve("Telepathy")
