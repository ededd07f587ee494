import json

import pytest

from redline.document import Document
from redline.errors import ConfigError
from redline.render import FORMATS, render


def test_render_formats_are_the_five_documented() -> None:
    assert FORMATS == ("text", "json", "jsonl", "md", "html")


def test_render_json_round_trips(transcript: Document) -> None:
    output = render(transcript, "json")
    assert Document.from_json(output) == transcript
    assert output == transcript.to_json()


def test_render_jsonl_is_one_line(transcript: Document) -> None:
    output = render(transcript, "jsonl")
    assert "\n" not in output
    assert json.loads(output)["id"] == transcript.id


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_every_format_is_deterministic(transcript: Document, fmt: str) -> None:
    assert render(transcript, fmt) == render(transcript, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_every_format_accepts_an_empty_document(fmt: str) -> None:
    assert render(Document.from_text(""), fmt)


def test_render_unknown_format_names_the_choices(transcript: Document) -> None:
    with pytest.raises(ConfigError, match=r"'pdf'.*text, json, jsonl, md, html"):
        render(transcript, "pdf")
