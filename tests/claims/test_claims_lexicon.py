"""The action lexicon: every action has a PLOVER type and a ladder level."""

from redline.claims.lexicon import PLOVER_TYPES, ActionLexicon


def test_claims_lexicon_is_valid() -> None:
    lexicon = ActionLexicon.load()
    actions = [a for group in (*lexicon.lemmas.values(), *lexicon.phrases.values()) for a in group]
    assert len(actions) >= 250
    assert {a.plover for a in actions} == PLOVER_TYPES
    assert {a.level for a in actions} == {0, 1, 2, 3, 4, 5}
