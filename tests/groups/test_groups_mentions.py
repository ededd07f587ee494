"""The groups layer reads other layers through their typed contract: linked actor mentions
and quotes are read once through :mod:`redline.attributes`, and a span that does not fit the
contract (a hand-made document) is no evidence rather than a crash."""

from typing import Any

from redline.document import Document, Span
from redline.gazetteer import Gazetteer
from redline.groups.cues import load_cues
from redline.groups.mentions import linked_mentions, sentence_index, sentence_of
from redline.groups.speakers import speaker_evidence, state_named
from redline.scope import ScopeIndex

TEXT = "Мы, россияне, никогда не отступали. Заявил Сергей Лавров: «Мы не позволим».\n"


def _actor(doc: Document, word: str, attrs: dict[str, Any]) -> Span:
    start = doc.text.index(word)
    return doc.make_span(
        start, start + len(word), "state", analyzer="actors", rule="t", attrs=attrs
    )


def test_groups_mentions_read_linked_actors_through_the_contract() -> None:
    doc = Document.from_text(TEXT)
    linked = {"actor_id": "russia", "name": "Russia", "type": "state", "linked": True,
              "match": "demonym", "state": "russia"}  # fmt: skip
    unlinked = {"actor_id": "ner:лавров", "name": "Лавров", "type": "person"}
    doc = doc.with_layers(
        {"actors": [_actor(doc, "Лавров", unlinked), _actor(doc, "россияне", linked)]}
    )
    mentions = linked_mentions(doc)
    assert [(m.text, m.attrs.actor_id, m.attrs.match) for m in mentions] == [
        ("россияне", "russia", "demonym")
    ]


def test_groups_mentions_skip_a_mention_that_breaks_the_contract() -> None:
    doc = Document.from_text(TEXT)
    broken = {"actor_id": "russia", "linked": True}  # no name nor type: hand-made
    doc = doc.with_layers({"actors": [_actor(doc, "россияне", broken)]})
    assert linked_mentions(doc) == []


def test_groups_speakers_skip_a_quote_without_its_speaker_offsets() -> None:
    doc = Document.from_text(TEXT)
    start = doc.text.index("«")
    quote = doc.make_span(
        start, len(TEXT) - 2, "quote", analyzer="voices", rule="t",
        attrs={"speaker": "Сергей Лавров", "state": "russia"},
    )  # fmt: skip
    doc = doc.with_layers({"voices": [quote]})
    found = speaker_evidence(doc, ScopeIndex(doc), Gazetteer.load(), load_cues("ru"))
    assert found == []


def test_groups_speakers_name_a_state_by_initials() -> None:
    gazetteer = Gazetteer.load()
    state = state_named(gazetteer, "С.Лавров")
    assert state is not None and state.id == "russia"


def test_groups_sentences_place_an_offset() -> None:
    sentences = [(0, 35), (36, 76)]
    assert sentence_index(sentences, 40) == 1
    assert sentence_index(sentences, 35) is None
    assert sentence_of(sentences, 35) == (35, 35)
