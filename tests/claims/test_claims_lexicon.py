"""The action lexicon: every action has a PLOVER type and a ladder level."""

import spacy
from spacy.tokens import Doc

from redline.claims.lexicon import PLOVER_TYPES, ActionLexicon


def test_claims_lexicon_is_valid() -> None:
    lexicon = ActionLexicon.load()
    actions = [a for group in (*lexicon.lemmas.values(), *lexicon.phrases.values()) for a in group]
    assert len(actions) >= 250
    assert {a.plover for a in actions} == PLOVER_TYPES
    assert {a.level for a in actions} == {0, 1, 2, 3, 4, 5}


def _words(*words: str) -> Doc:
    return Doc(spacy.blank("en").vocab, words=list(words))


def test_claims_lexicon_phrase_gap_skips_words_inside_its_clause() -> None:
    lexicon = ActionLexicon({
        "entries": [
            {"phrase": "send troops", "plover": "MOBILIZE", "level": 3, "gap": 2},
            {"phrase": "sign deal", "plover": "AGREE", "level": 0},
        ]
    })  # fmt: skip
    [match] = lexicon.find(_words("they", "send", "more", "heavy", "troops"))
    assert (match.action.key, match.start, match.end) == ("send troops", 1, 5)
    assert not lexicon.find(_words("they", "send", "many", "more", "heavy", "troops"))
    assert not lexicon.find(_words("they", "send", "aid", ",", "troops"))
    # A phrase that declares no gap stays contiguous.
    assert not lexicon.find(_words("they", "sign", "a", "deal"))
