"""The reports of real analysed samples: the summary comes first, cites its quotes, and reads
without ids, raw keys or ``null``; text and Markdown stay short unless asked for everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.analysis import analyze_file
from redline.document import Document
from redline.render import _digest as digest
from redline.render import render, render_html, render_markdown, render_text

ROOT = Path(__file__).resolve().parents[2]
INTERVIEW = ROOT / "src" / "redline" / "samples" / "interview.txt"
FIXTURES = ROOT / "tests" / "analyzers" / "fixtures"
# The interview seed's default terminal report fits on about two screens.
MAX_TERMINAL_LINES = 100


@pytest.fixture(scope="module")
def interview() -> Document:
    return analyze_file(INTERVIEW)


@pytest.fixture(scope="module")
def wire_story() -> Document:
    return analyze_file(FIXTURES / "wire_story.txt")


@pytest.fixture(scope="module")
def talk_show() -> Document:
    return analyze_file(FIXTURES / "ru_talk_show.txt")


def test_render_samples_summary_names_the_highest_advocated_rung_with_its_quote(
    interview: Document,
) -> None:
    advocated = [c for c in interview.layer("claims") if "advocate" in c.attrs["stances"]]
    top = max(int(c.attrs["level"]) for c in advocated)
    claim = next(c for c in advocated if c.attrs["level"] == top)
    rung = next(r for r in digest.highest_rungs(interview) if r.stance == "advocate")
    assert rung.level == top and claim.text in rung.quote
    assert rung.speaker == claim.attrs["speaker"]
    for output in (render_text(interview, width=200), render_markdown(interview)):
        row = next(line for line in output.splitlines() if line.lstrip("│| ").startswith("advoc"))
        assert f"{top} (" in row and claim.text in row and str(claim.attrs["speaker"]) in row


def test_render_samples_summary_comes_first_in_every_format(interview: Document) -> None:
    html = render_html(interview)
    text = render_text(interview)
    markdown = render_markdown(interview)
    for output, first, later in (
        (html, '<section class="rl-summary">', '<div class="rl-text">'),
        (text, "Summary", "Claims at rung 2 or above"),
        (markdown, "## Summary", "## Claims at rung 2 or above"),
    ):
        assert output.index(first) < output.index(later)
        assert "Escalation index" in output and "0.6 × the largest weight" in output
    assert "The escalation ladder" in html and "5 nuclear" in text.replace("\n", " ")


def test_render_samples_red_lines_are_cards_with_setter_target_and_consequence(
    interview: Document,
) -> None:
    cards = digest.red_line_cards(interview)
    assert len(cards) == len(interview.layer("redlines"))
    conditional = next(c for c in cards if c.kind == "conditional threat")
    assert conditional.against == "Vilnius"
    assert conditional.condition.startswith("If Vilnius closes the corridor")
    assert conditional.consequence == "we will have to respond"
    assert conditional.level == 1 and conditional.speaker == "Vera Lantsova"
    html = render_html(interview)
    assert html.count('<article class="rl-card">') == len(cards)
    assert "<dt>Then</dt><dd>we will have to respond</dd>" in html


def test_render_samples_incitement_is_in_the_summary(interview: Document) -> None:
    (item,) = digest.incitement_items(interview)
    assert item.kind == "call to violence" and item.speaker == "commenter 1"
    assert "bomb those rail hubs" in item.quote
    summary = render_markdown(interview).split("## Claims", 1)[0]
    assert "### Incitement" in summary and "bomb those rail hubs" in summary


def test_render_samples_voices_say_who_we_is(wire_story: Document, talk_show: Document) -> None:
    minister = next(v for v in digest.voices(wire_story) if v.speaker.startswith("Władysław"))
    assert minister.kind == "quoted" and minister.we == "Poland"
    speaker = next(v for v in digest.voices(talk_show) if v.speaker == "Андрей Курганов")
    assert speaker.we == "Russia"
    assert "| Андрей Курганов | speaker |" in render_markdown(talk_show)


def test_render_samples_markdown_has_no_null_ids_or_raw_keys(interview: Document) -> None:
    for full in (False, True):
        output = render_markdown(interview, full=full)
        for raw in ("null", "None", "actor_id", "target_state", "max_advocate", "claims/"):
            assert raw not in output, (full, raw)


def test_render_samples_actors_are_aggregated(interview: Document) -> None:
    rows = digest.actor_rows(interview)
    ids = {str(s.attrs["actor_id"]) for s in interview.layer("actors")}
    assert len(rows) == len(ids)
    assert sum(r.mentions for r in rows) == len(interview.layer("actors"))
    vilnius = next(r for r in rows if r.name == "Vilnius")
    assert "red lines against (1)" in vilnius.role
    assert vilnius.first_quote and "“" not in vilnius.first_quote


def test_render_samples_terminal_report_is_short_unless_full(interview: Document) -> None:
    short = render_text(interview)
    full = render_text(interview, full=True)
    assert len(short.splitlines()) <= MAX_TERMINAL_LINES
    assert len(full.splitlines()) > 2 * len(short.splitlines())
    assert "Findings: actors" in full and "Findings:" not in short
    shown = [r for r in digest.claim_rows(interview) if r.level >= 2]
    assert shown and f"Claims at rung 2 or above ({len(shown)})" in short


def test_render_samples_html_highlights_claims_red_lines_and_incitement(
    interview: Document,
) -> None:
    html = render_html(interview)
    names = [n for n in interview.layers if n not in ("structure", "sentences")]
    checked = [
        name
        for index, name in enumerate(names)
        if f'<input type="checkbox" checked data-layer="{index}">' in html
    ]
    assert checked == ["claims", "redlines", "incitement"]
    assert '<details class="rl-more">' in html and '<details class="rl-more" open>' not in html
    assert '<details class="rl-more" open>' in render(interview, "html", full=True)


def test_render_samples_html_ladder_places_each_claim_on_its_rung(interview: Document) -> None:
    html = render_html(interview)
    ladder = html.split('<div class="rl-ladder">', 1)[1].split("</div>", 1)[0]
    claims = interview.layer("claims")
    assert ladder.count('<button type="button" class="rl-chip') == len(claims)
    for claim in claims:
        assert f'class="rl-chip rl-st-{claim.attrs["stance"]}" data-span="{claim.id}"' in ladder
