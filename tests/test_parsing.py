import pytest

from redline.nlp import load_pipeline
from redline.parsing import parse, pieces

TEXTS = [
    "Host: Will Moscow strike?\n\nIvan Petrov: If NATO goes further, we will strike their bases.",
    "A hard-wrapped line\nthat goes on.\nNew paragraph: with a colon.\n\n\nLast one",
    "Q: Why?\nA: Because.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_parsing_pieces_tile_the_text(text: str) -> None:
    assert "".join(pieces(text, max_chars=25)) == text


def test_parsing_speaker_label_is_a_piece_of_its_own() -> None:
    assert list(pieces(TEXTS[0]))[:3] == ["Host: ", "Will Moscow strike?\n\n", "Ivan Petrov: "]
    # Any alphabet's capitalised name; a lower-case phrase before a colon is no label.
    assert list(pieces("Ведущий: Что дальше?\n\nИгорь: Смерть оккупантам!")) == [
        "Ведущий: ", "Что дальше?\n\n", "Игорь: ", "Смерть оккупантам!",
    ]  # fmt: skip
    assert list(pieces("Итак, главное: мир.")) == ["Итак, главное: мир."]


def test_parsing_speaker_name_is_not_the_subject_of_the_turn() -> None:
    doc = parse(load_pipeline(), TEXTS[0])
    strike = [t for t in doc if t.text == "strike"][-1]
    assert [c.text for c in strike.children if c.dep_ == "nsubj"] == ["we"]
    assert doc.text == TEXTS[0]
