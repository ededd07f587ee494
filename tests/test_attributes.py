"""The typed contract between layers: models that read, check and describe span attributes."""

import pytest

from redline.attributes import ActorAttributes, ClaimAttributes, TechniqueAttributes
from redline.document import Document


def _claim(**attrs: object) -> object:
    doc = Document.from_text("Russia must strike Kyiv.")
    return doc.make_span(12, 18, "advocate", analyzer="claims", rule="r", attrs=attrs)


def test_attributes_read_gives_typed_values_and_the_defaults_a_reader_assumes() -> None:
    read = ClaimAttributes.read(_claim(stance="advocate", level=3, target="kyiv"))
    assert (read.stance, read.level, read.target, read.speaker, read.negated) == (
        "advocate", 3, "kyiv", "author", False,
    )  # fmt: skip


def test_attributes_read_ignores_a_key_an_older_version_wrote() -> None:
    assert ClaimAttributes.read(_claim(stance="report", level=0, retired_key=1)).level == 0


def test_attributes_read_refuses_a_wrong_type() -> None:
    with pytest.raises(ValueError, match="level"):
        ClaimAttributes.read(_claim(stance="report", level="high"))


@pytest.mark.parametrize(
    ("attrs", "problem"),
    [
        ({"stance": "advocate", "level": 3, "colour": "red"}, "colour: Extra inputs"),
        ({"stance": "advocate", "level": "3"}, "level: Input should be a valid integer"),
        ({"stance": "advocate", "level": 9}, "level: Input should be less than or equal to 5"),
        ({"level": 3}, "stance: Field required"),
    ],
)
def test_attributes_check_names_the_first_problem(attrs: dict[str, object], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        ClaimAttributes.check(attrs)


def test_attributes_columns_name_the_stored_fields_with_their_types() -> None:
    assert ActorAttributes.column_specs()[:2] == (
        ("actor_id", "actor_id", "str"),
        ("name", "name", "str"),
    )
    assert ("linked", "linked", "bool") in ActorAttributes.column_specs()
    assert ("level", "level", "int") in ClaimAttributes.column_specs()
    assert TechniqueAttributes.column_specs() == (
        ("category", "category", "str"),
        ("technique_source", "source", "str"),
    )
