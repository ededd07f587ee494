"""A Russian voice's "we" read from the side its words mark: in a voice that speaks as a nation
one side's term is enough; in any other voice that says «мы» it takes two distinct terms of
one side's vocabulary (one may be a quote of the other side's)."""

from collections.abc import Callable

import pytest

from redline.document import Document, Metadata

Analyse = Callable[[str], Document]


@pytest.fixture(scope="module")
def analyse() -> Analyse:
    from redline.pipeline import Pipeline

    pipeline = Pipeline.from_names(["structure", "actors", "voices", "groups"])

    def run(text: str) -> Document:
        return pipeline.run(Document.from_text(text, Metadata(language="ru")))

    return run


def _in_groups(document: Document) -> dict[str, str]:
    return {
        str(s.attrs["scope"]): str(s.attrs["actor_id"])
        for s in document.layer("groups")
        if s.label == "in_group"
    }


def test_groups_two_side_words_name_an_editorial_we(analyse: Analyse) -> None:
    russia = analyse("Мы давно предупреждали, что свидомые не успокоятся, и СВО это подтвердила.")
    assert _in_groups(russia) == {"body": "russia"}
    ukraine = analyse("Нам давно понятно, что рашисты и их путлер проиграют эту войну.")
    assert _in_groups(ukraine) == {"body": "ukraine"}


def test_groups_one_side_word_leaves_an_editorial_we_open(analyse: Analyse) -> None:
    assert _in_groups(analyse("Здесь мы согласимся с критиками СВО.")) == {}
    # The same term repeated is one term.
    assert _in_groups(analyse("Мы писали о СВО вчера и напишем о СВО завтра.")) == {}


def test_groups_side_words_need_a_we(analyse: Analyse) -> None:
    # A voice that never says «мы» gets no in-group from its vocabulary alone.
    assert _in_groups(analyse("Свидомые снова жалуются на ход СВО.")) == {}
