"""Lemma patterns of the incitement lexicons: "*" is an object of one to four words, "[*]" one
that may be left out."""

import pytest
import spacy

from redline.incitement.cues import phrase_rule
from redline.incitement.parse import phrase_at


@pytest.mark.parametrize(
    ("text", "pattern", "found"),
    [
        ("wipe them off the map", "wipe * off the map", True),
        ("wipe off the map", "wipe * off the map", False),
        ("wipe off the map", "wipe [*] off the map", True),
        ("wipe the whole city off the map", "wipe [*] off the map", True),
        ("wipe one two three four five off the map", "wipe [*] off the map", False),
        ("drop bombs", "drop [*]", True),
    ],
)
def test_incitement_parse_object_gaps(text: str, pattern: str, found: bool) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    assert phrase_at(doc[0], tuple(pattern.split())) is found


def test_incitement_parse_rule_id_leaves_the_gaps_out() -> None:
    assert phrase_rule("стереть [*] с лица земли") == phrase_rule("стереть * с лица земли")
