"""The cue lexicon: every cue fires on its own example, vetoes hold, bad entries are refused."""

import re

import pytest

from redline.errors import ConfigError
from redline.techniques.cues import CueLexicon
from redline.techniques.taxonomy import TECHNIQUES

LEXICON = CueLexicon.load()


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?]+[.!?]?", text)]


def _fired(text: str) -> dict[str, str]:
    return {m.cue.id: text[m.start : m.end] for m in LEXICON.find(text, _sentences(text))}


@pytest.mark.parametrize("cue", LEXICON.cues, ids=lambda c: c.id)
def test_cues_fire_on_their_own_example(cue) -> None:
    assert cue.example, f"cue {cue.id!r} has no example"
    assert cue.id in _fired(cue.example)


def test_cues_name_only_semeval2023_techniques() -> None:
    assert LEXICON.version == 1
    for cue in LEXICON.cues:
        assert all(name in TECHNIQUES for name in cue.techniques)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The issue cannot be resolved either in talks or in meetings.", "either_or"),
        ("Either way, the talks went on; one side or the other will give in.", "either_or"),
        (
            "The Islamic State is designated a terrorist organization in Russia.",
            "pejorative_regime",
        ),
        ("That is all we need to know about the budget.", "conversation_killer"),
        ("Hitler invaded Poland in 1939.", "hitler_comparison"),
    ],
)
def test_cues_do_not_fire_on_plain_statements(text: str, cue: str) -> None:
    assert cue not in _fired(text)


def test_cues_hitler_comparison_takes_in_the_next_sentence() -> None:
    text = "Had Hitler won, we would all be slaves. The new plan is something similar."
    match = next(m for m in LEXICON.find(text, _sentences(text)) if m.cue.id == "hitler_comparison")
    assert (match.start, match.end) == (0, len(text))


def test_cues_chunk_extent_covers_the_noun_phrase(nlp) -> None:
    text = "They sent an aggressive idiot to negotiate."
    doc = nlp(text)
    match = next(
        m for m in LEXICON.find(text, [(0, len(text))], doc) if m.cue.id == "pejorative_label"
    )
    assert text[match.start : match.end] == "an aggressive idiot"


def test_cues_split_merged_ptc_class_by_hint() -> None:
    members = ("Appeal_to_Popularity", "Guilt_by_Association")
    assert LEXICON.split_merged(members, "just like the Nazis did") == "Guilt_by_Association"
    assert LEXICON.split_merged(members, "a plain sentence") == "Appeal_to_Popularity"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"id": "x", "techniques": ["Telepathy"], "pattern": "a"}, "SemEval-2023 names"),
        ({"id": "x", "techniques": ["Doubt"], "pattern": "a", "extent": "page"}, "extent 'page'"),
        (
            {"id": "x", "techniques": ["Doubt"], "pattern": "(unclosed"},
            "not a valid regular expression",
        ),
        ({"id": "x", "techniques": ["Doubt"]}, "exactly one of `pattern` or `words`"),
    ],
)
def test_cues_lexicon_refuses_bad_entries(entry: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        CueLexicon({"version": 1, "cues": [entry]})


def test_cues_lexicon_refuses_duplicate_ids() -> None:
    entry = {"id": "x", "techniques": ["Doubt"], "pattern": "a"}
    with pytest.raises(ConfigError, match="used twice"):
        CueLexicon({"version": 1, "cues": [entry, entry]})
