"""The repair of the English parse: a capitalised imperative before a name."""

import pytest

from redline import analyze
from redline.nlp import load_pipeline


@pytest.mark.parametrize(
    ("text", "verb", "name"),
    [
        ("Nuke Moscow before it's too late.", "Nuke", "Moscow"),
        ("Bomb Tehran now.", "Bomb", "Tehran"),
        ("Kill Putin.", "Kill", "Putin"),
        ("Enough is enough. Invade Mexico. Then we talk.", "Invade", "Mexico"),
        # The name taken for the subject of a second command after "and".
        ("Bomb Kaliningrad and be done with it.", "Bomb", "Kaliningrad"),
    ],
)
def test_imperatives_verb_heads_its_sentence_and_the_name_is_its_object(
    text: str, verb: str, name: str
) -> None:
    doc = load_pipeline()(text)
    command = next(t for t in doc if t.text == verb)
    assert (command.pos_, command.dep_) == ("VERB", "ROOT")
    assert [(c.text, c.dep_) for c in command.children if c.dep_ == "dobj"] == [(name, "dobj")]
    assert all(verb not in e.text for e in doc.ents)
    assert name in [e.text for e in doc.ents]
    # The sentences are the ones the text has.
    assert len(list(doc.sents)) == text.count(".")


@pytest.mark.parametrize(
    "text",
    [
        "Storm Shadow.",  # a missile's name, in the gazetteer whole
        "Bomb Cyclone hits Florida.",  # the name is the subject of another verb
        "Boston Globe reports.",  # no verb of the lexicons
        "Nuke Moscow and Kyiv will fall.",  # "and" joins two names: a subject
    ],
)
def test_imperatives_names_are_left_alone(text: str) -> None:
    doc = load_pipeline()(text)
    assert doc[0].dep_ != "ROOT"


def test_imperatives_people_named_in_the_plural_are_the_object() -> None:
    doc = load_pipeline()("Ban liberals from getting guns.")
    assert (doc[0].pos_, doc[0].dep_) == ("VERB", "ROOT")
    assert (doc[1].dep_, doc[1].head.i) == ("dobj", 0)


def test_imperatives_a_command_in_a_comment_is_a_claim_and_a_call() -> None:
    document = analyze("Nuke Moscow before it's too late.")
    [claim] = document.layer("claims")
    assert (claim.attrs["stance"], claim.attrs["level"]) == ("advocate", 5)
    assert [s.label for s in document.layer("incitement")] == ["call_to_violence"]
