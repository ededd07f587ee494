from io import StringIO

from rich.console import Console

from redline.document import Document, Metadata
from redline.render import print_report, render_text


def test_terminal_report_order(transcript: Document) -> None:
    output = render_text(transcript, full=True)
    headings = [
        "Redline report",
        "Summary",
        "Voices",
        "Incitement: none found.",
        "Ladder:",
        "Claims (1)",
        "Turns by speaker",
        "Sections",
        "Comments: 2",
        "Actors",
        "Layers",
        "Findings: actors (9)",
        "Findings: claims (1)",
        "Findings: techniques (1)",
    ]
    positions = [output.index(heading) for heading in headings]
    assert positions == sorted(positions)
    for value in ("Jets for Kyiv? A debate", "Translated from", "seeds/debate.txt", transcript.id):
        assert value in output


def test_terminal_report_is_short_by_default(transcript: Document) -> None:
    output = render_text(transcript)
    assert "Claims at rung 2 or above (1)" in output
    assert "Findings:" not in output and "Turns by speaker" not in output
    assert "Run with --full" in output


def test_terminal_report_has_no_colour_codes_and_fits_width(transcript: Document) -> None:
    output = render_text(transcript)
    assert "\x1b" not in output
    assert max(len(line) for line in output.splitlines()) <= 100


def test_terminal_speaker_turns_and_words(transcript: Document) -> None:
    output = render_text(transcript, full=True).split("Turns by speaker", 1)[1]
    rows = {
        line.split("│")[1].strip(): line
        for line in output.splitlines()
        if line.startswith("│ Host") or line.startswith("│ Guest")
    }
    assert rows["Host"].split("│")[2:4] == ["     2 ", "    10 "]
    assert rows["Guest"].split("│")[2:4] == ["     2 ", "    20 "]


def test_terminal_finding_shows_readable_details_and_confidence(transcript: Document) -> None:
    output = render_text(transcript, width=200, full=True)
    assert "stance threat; rung 5" in output
    assert "0.75" in output
    assert "actor_id" not in output and "null" not in output


def test_terminal_escalation_index_only_when_present(transcript: Document) -> None:
    assert "Escalation index" not in render_text(transcript)
    profile = {"index": 77, "claims": 1, "by_speaker": {"Guest": {"index": 77, "claims": 1}}}
    doc = transcript.model_copy(update={"summaries": {"escalation": profile}})
    output = render_text(doc)
    assert "Escalation index 77/100" in output and "0.6 × the largest weight" in output


def test_terminal_markup_in_source_prints_literally(transcript: Document) -> None:
    start = transcript.text.index("[bold]")
    span = transcript.make_span(start, start + 21, "cue", analyzer="techniques", rule="r")
    output = render_text(transcript.with_layers({"techniques": [span]}), width=200, full=True)
    assert "│ [bold]not bold[/bold] │" in output


def test_terminal_markup_is_literal_on_a_colour_console(transcript: Document) -> None:
    buffer = StringIO()
    console = Console(file=buffer, width=200, force_terminal=True, color_system="truecolor")
    doc = Document.from_text("[bold red]x[/] :smile:", Metadata(title="[blink]t[/blink]"))
    span = doc.make_span(0, len(doc.text), "a", analyzer="a", rule="r")
    print_report(doc.with_layers({"actors": [span]}), console, full=True)
    output = buffer.getvalue()
    assert "[blink]t[/blink]" in output
    assert "[bold red]x[/]" in output
    assert ":smile:" in output


def test_terminal_long_quote_is_trimmed(transcript: Document) -> None:
    text = "word " * 100
    doc = Document.from_text(text)
    doc = doc.with_layers({"claims": [doc.make_span(0, len(text), "c", analyzer="c", rule="r")]})
    output = render_text(doc, width=400, full=True)
    assert "…" in output
    assert "word " * 40 not in output


def test_terminal_control_characters_are_shown_not_sent() -> None:
    doc = Document.from_text("bad \x1b[31m red \x07 bell")
    span = doc.make_span(0, len(doc.text), "x", analyzer="a", rule="r")
    output = render_text(doc.with_layers({"actors": [span]}), width=200, full=True)
    assert "\x1b" not in output and "\x07" not in output
    assert "\\x1b[31m" in output


def test_terminal_escalation_breakdown_is_a_table_and_claims_are_quoted(
    transcript: Document,
) -> None:
    claim = transcript.layer("claims")[0]
    profile = {
        "index": 60,
        "claims": 2,
        "max_advocate_claims": [claim.id],
        "by_speaker": {
            "Guest": {"index": 60, "claims": 1, "max_advocate": 3},
            "Host": {"index": 10, "claims": 1, "max_advocate": None},
        },
    }
    doc = transcript.model_copy(update={"summaries": {"escalation": profile}})
    output = render_text(doc, width=120, full=True)
    assert f"“{claim.text}”" in output or claim.text[:40] in output
    assert "Escalation by speaker" in output
    breakdown = output.split("Escalation by speaker", 1)[1]
    guest = next(line for line in breakdown.splitlines() if "Guest" in line)
    assert "60" in guest and "3" in guest
    assert "by_speaker" not in output
