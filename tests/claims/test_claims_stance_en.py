"""English stances read off the English parse with the English data file: the frames that
the Russian set's rules brought to both languages.

Sentences written for these tests in the style of ministry statements and wire news.
"""

from functools import cache

import pytest
from spacy.language import Language

from redline.claims.lexicon import ActionLexicon
from redline.claims.stance import stance_of
from redline.nlp import load_pipeline


@cache
def _nlp() -> Language:
    return load_pipeline(None, "en")


def _stance(text: str, action: str) -> str:
    doc = _nlp()(text)
    found = [
        m for m in ActionLexicon.load("en").find(doc)
        if doc[m.start : m.end].text.lower().startswith(action)
    ]  # fmt: skip
    assert found, f"{action!r} not found in {text!r}"
    match = found[0]
    return stance_of(doc[match.head], in_group_subject=False, level=match.action.level).stance


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # A side said to have no part in the act denies it.
        ("Tehran said Iran has nothing to do with the attack on the tanker.", "attack", "reject"),
        ("Kyiv was not involved in the strike on the bridge.", "strike", "reject"),
        ("Kyiv was involved in the strike on the bridge.", "strike", "report"),
        # What the speaker expects if, and what one is told to await, are foretold.
        ("I would not be surprised if Russia strikes Kyiv again.", "strikes", "predict"),
        ("Expect more strikes on the grid tonight.", "strikes", "predict"),
        ("We expect new strikes on the power grid.", "strikes", "predict"),
        ("Ukraine fears new strikes on the power grid.", "strikes", "report"),
        # An action, or the report of it, called false is denied.
        ("Reports of strikes on Belgorod are false.", "strikes", "reject"),
        ("Claims that Russia shelled the plant are a lie.", "shelled", "reject"),
        ("Russia shelled the plant and then spread lies.", "shelled", "report"),
        ("Russia shelled the plant. That is not true.", "shelled", "reject"),
        ("Russia shelled the plant. That is not so simple.", "shelled", "report"),
        # What one must know or remember keeps its own modality; what one must ensure is called
        # for.
        ("Everyone must know that Russia is shelling Kharkiv every day.", "shelling", "report"),
        ("We must ensure that Russia is defeated.", "defeated", "advocate"),
        ("Talks are urgently needed.", "talks", "advocate"),
        ("Strikes on the depots were necessary.", "strikes", "report"),
        # A likelihood said of a deed done hedges a report; of one to come, it forecasts.
        ("Russia likely struck the depot on Monday.", "struck", "report"),
        ("Russia will likely strike the depot again.", "strike", "predict"),
        # An ultimatum's "otherwise" befalling the one addressed warns; a third side's act
        # after it is a forecast.
        ("Leave our waters, otherwise your ships will be sunk.", "sunk", "threaten"),
        ("Stop the shelling, otherwise NATO will strike you.", "strike", "predict"),
        # An aside to a question does not make the question someone's words.
        ("Will they impose sanctions, as they promised?", "sanctions", "question"),
        # Any act of the kind, to come, is imagined; the strikes planned are foretold.
        (
            "Any strike on our territory will be regarded as an act of war.",
            "strike",
            "hypothetical",
        ),
        ("The strikes on the depots will continue next week.", "strikes", "predict"),
    ],
)
def test_claims_en_frames_shared_with_russian(text: str, action: str, stance: str) -> None:
    assert _stance(text, action) == stance
