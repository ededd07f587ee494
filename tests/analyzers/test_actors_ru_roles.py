"""Russian role titles (``data/ru/roles.yaml``) name the office holder on the document's date:
«эмир Катара», «глава внешнеполитического ведомства России», «глава военного ведомства
Германии» in any case."""

from collections.abc import Callable

import pytest

from redline.document import Document, Metadata

Analyse = Callable[[str], Document]


@pytest.fixture(scope="module")
def analyse() -> Analyse:
    from redline.pipeline import Pipeline

    pipeline = Pipeline.from_names(["structure", "actors"])

    def run(text: str) -> Document:
        metadata = Metadata(language="ru", date="2024-05-01")
        return pipeline.run(Document.from_text(text, metadata))

    return run


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Эмир Катара провёл переговоры в Дохе.", "head_of_state"),
        ("Главу внешнеполитического ведомства России встретили в Анкаре.", "foreign_minister"),
        ("Глава военного ведомства Германии выступил в бундестаге.", "defence_minister"),
    ],
)
def test_actors_ru_roles_titles_resolve_to_the_office(
    analyse: Analyse, text: str, role: str
) -> None:
    document = analyse(text)
    roles = [
        a.attrs.get("role") for a in document.layer("actors") if a.attrs.get("match") == "role"
    ]
    assert roles == [role]
