import re

from redline import analyze
from redline.document import Document, Metadata
from redline.render import render_markdown
from redline.render.markdown import md_escape


def _table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def _cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row)) - 1


def test_markdown_sections_in_order(transcript: Document) -> None:
    output = render_markdown(transcript, full=True)
    headings = [line for line in output.splitlines() if line.startswith("#")]
    assert headings == [
        "# Redline report: Jets for Kyiv? A debate",
        "## Summary",
        "### Voices",
        "### Incitement",
        "### The escalation ladder",
        "## Claims (1)",
        "## Structure",
        "### Turns by speaker",
        "### Sections",
        "## Actors",
        "## Persuasion techniques",
        "## Layers",
        "## Findings: actors (9)",
        "## Findings: claims (1)",
        "## Findings: techniques (1)",
    ]


def test_markdown_tables_survive_special_characters(payloads: tuple[str, ...]) -> None:
    text = "a | b\nc *d* _e_ `f` [g](h) # <b>i</b> & \\ ~~j~~ " + " ".join(payloads)
    doc = Document.from_text(text, Metadata(title="T | <i>x</i>", author="a\nb|c"))
    doc = doc.with_layers(
        {"a|b": [doc.make_span(0, len(text), "x|y", analyzer="a", rule="r", attrs={"k|": "v\n|w"})]}
    )
    output = render_markdown(doc, full=True)
    tables = output.split("\n\n")
    for table in tables:
        rows = _table_rows(table)
        if rows:
            assert {_cells(row) for row in rows} == {_cells(rows[0])}, table
    assert "<" not in output and ">" not in output.replace("&gt;", "")
    assert "&lt;b&gt;i&lt;/b&gt;" in output
    assert "\u2028" not in output


def test_markdown_escape_round_trip_of_visible_text() -> None:
    assert md_escape("a | b") == "a \\| b"
    assert md_escape("x\ny") == "x y"
    assert md_escape("<script>") == "&lt;script&gt;"
    assert md_escape("*bold* _it_ [l](u)") == "\\*bold\\* \\_it\\_ \\[l\\](u)"


def test_markdown_escalation_index_only_when_present(transcript: Document) -> None:
    assert "Escalation index" not in render_markdown(transcript)
    doc = transcript.model_copy(update={"summaries": {"escalation": {"index": 4, "claims": 1}}})
    assert "**Escalation index 4/100** over 1 claims." in render_markdown(doc)


def test_markdown_technique_histogram_counts_every_technique(transcript: Document) -> None:
    output = render_markdown(transcript, full=True)
    block = output.split("## Persuasion techniques", 1)[1].split("## Layers", 1)[0]
    counted = {
        row.split("|")[1].strip().replace("\\_", "_"): int(row.split("|")[3])
        for row in _table_rows(block)[2:]
    }
    expected: dict[str, int] = {}
    for span in transcript.layer("techniques"):
        for name in span.attrs.get("techniques", [span.label]):
            expected[name] = expected.get(name, 0) + 1
    assert counted == expected


def test_markdown_red_line_says_where_against_was_read() -> None:
    """A condition that names no one ("if it advances ...") is against the side its sentence
    names, and the report says so: weaker evidence than a name in the condition."""
    beside = render_markdown(
        analyze(
            "It must be made clear to Iran that if it advances its nuclear programme, we will "
            "strike its facilities."
        )
    )
    assert "against Iran (named in its sentence, not its condition)" in beside
    named = render_markdown(analyze("If Iran advances its nuclear programme, we will strike."))
    assert "against Iran ·" in named
