import base64
import hashlib
import json
import re
from collections.abc import Callable
from importlib.resources import files
from typing import Any

import pytest

from redline.document import Document
from redline.render import render_html
from redline.render._summary import KNOWN_COLOURS, PALETTE, layer_colour
from redline.render.html import escape, script_json

TEMPLATE_TAGS = {
    "button",
    "details",
    "summary",
    "article",
    "h4",
    "blockquote",
    "cite",
    "strong",
    "html",
    "head",
    "meta",
    "title",
    "body",
    "div",
    "style",
    "header",
    "h1",
    "h2",
    "h3",
    "p",
    "dl",
    "dt",
    "dd",
    "section",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "label",
    "input",
    "span",
    "aside",
    "mark",
    "script",
    # the alignment graph's inline SVG
    "svg",
    "defs",
    "marker",
    "path",
    "line",
    "g",
    "circle",
    "text",
    "rect",
}
Parse = Callable[[str], Any]  # conftest.ReportParser


def _script_text() -> str:
    return files("redline.render").joinpath("templates").joinpath("report.js").read_text("utf-8")


def test_html_standalone_is_well_formed(transcript: Document, parse_report: Parse) -> None:
    output = render_html(transcript)
    parsed = parse_report(output)
    assert parsed.errors == []
    assert output.startswith("<!DOCTYPE html>")
    assert {tag for tag, _ in parsed.tags} <= TEMPLATE_TAGS


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "",
        "a\r\nb\rc",
        "tab\there\u2028line\u2029para",
        "emoji 🚀 «Никогда»",
        "ctl \x00\x01\x1b[31m\x7f\x85 end",
        "&amp; &lt; <b> \" '",
    ],
)
def test_html_text_pane_holds_every_character_once(text: str, parse_report: Parse) -> None:
    doc = Document.from_text(text)
    if text:
        doc = doc.with_layers(
            {"actors": [doc.make_span(0, min(3, len(text)), "a", analyzer="a", rule="r")]}
        )
    pane = "".join(parse_report(render_html(doc)).text_pane)
    assert pane == text.replace("\x00", "\ufffd")


def test_html_text_pane_of_a_transcript_is_the_text(
    transcript: Document, parse_report: Parse
) -> None:
    assert "".join(parse_report(render_html(transcript)).text_pane) == transcript.text


def test_html_overlapping_marks_quote_their_spans(
    transcript: Document, parse_report: Parse
) -> None:
    parsed = parse_report(render_html(transcript))
    findings = [s for name in ("actors", "claims", "techniques") for s in transcript.layer(name)]
    assert {span.id: parsed.mark_text.get(span.id) for span in findings} == {
        span.id: span.text for span in findings
    }
    technique = transcript.layer("techniques")[0]
    pieces = [a for tag, a in parsed.tags if tag == "mark" and a["data-span"] == technique.id]
    assert len(pieces) > 1, "the technique crosses the claim's end, so it is drawn in pieces"


def test_html_structure_is_drawn_as_blocks_not_marks(
    transcript: Document, parse_report: Parse
) -> None:
    parsed = parse_report(render_html(transcript))
    marked = {a["data-span"] for tag, a in parsed.tags if tag == "mark"}
    assert not any(span.id in marked for span in transcript.layer("structure"))
    assert not any(span.id in marked for span in transcript.layer("sentences"))
    blocks = [a for tag, a in parsed.tags if tag == "div" and "rl-block" in (a.get("class") or "")]

    def badges(kind: str) -> list[str | None]:
        return [a.get("data-badge") for a in blocks if kind in (a.get("class") or "").split()]

    assert badges("rl-b-turn") == ["Host", "Guest", "Host", "Guest"]
    assert badges("rl-b-comment") == ["comment 1 · ivan_k", "comment 2 · olga"]
    assert badges("rl-b-comments") == ["comments"]


def test_html_marks_carry_tooltips(transcript: Document, parse_report: Parse) -> None:
    parsed = parse_report(render_html(transcript))
    claim = transcript.layer("claims")[0]
    titles = {a["title"] for tag, a in parsed.tags if tag == "mark" and a["data-span"] == claim.id}
    assert titles == {"claims: threat · confidence 0.75\nstance: threat\nrung: 5"}


def test_html_legend_has_a_toggle_per_finding_layer(
    transcript: Document, parse_report: Parse
) -> None:
    parsed = parse_report(render_html(transcript))
    toggles = [a for tag, a in parsed.tags if tag == "input"]
    assert [(a["type"], a["data-layer"]) for a in toggles] == [
        ("checkbox", "0"),
        ("checkbox", "1"),
        ("checkbox", "2"),
    ]
    # Claims, red lines and incitement are highlighted when the page opens; the rest a tick away.
    assert [a["data-layer"] for a in toggles if "checked" in a] == ["1"]


def test_html_claims_below_rung_two_have_their_own_toggle(
    transcript: Document, parse_report: Parse
) -> None:
    claim = transcript.layer("claims")[0]
    low = claim.model_copy(update={"attrs": {**claim.attrs, "level": 1}})
    output = render_html(transcript.with_layers({"claims": [low]}))
    parsed = parse_report(output)
    marks = [a for tag, a in parsed.tags if tag == "mark" and a["data-span"] == claim.id]
    assert marks and all("rl-minor" in a["class"] for a in marks)
    assert any(a.get("class") == "rl-minor-toggle" for tag, a in parsed.tags if tag == "input")
    assert ":not(:has(input.rl-minor-toggle:checked)) mark.rl-minor" in output


def test_html_payloads_are_inert(
    hostile: Document, payloads: tuple[str, ...], parse_report: Parse
) -> None:
    for standalone in (True, False):
        output = render_html(hostile, standalone=standalone)
        for payload in payloads:
            if payload != "{{7*7}}":
                assert payload not in output
        assert "\u2028" not in output and "\u2029" not in output
        parsed = parse_report(output)
        assert parsed.errors == []
        assert {tag for tag, _ in parsed.tags} <= TEMPLATE_TAGS
        for _tag, attributes in parsed.tags:
            assert not any(name.startswith("on") for name in attributes)
            for name in ("href", "src", "action", "formaction", "xlink:href"):
                assert name not in attributes
        assert len(parsed.scripts) == 2
        (data_attrs, data), (code_attrs, code) = parsed.scripts
        assert data_attrs == {"type": "application/json", "class": "rl-data"}
        assert code_attrs == {} and code == _script_text()
        spans = json.loads(data)["spans"]
        assert {span["layer"] for span in spans.values()} == {" ".join(payloads), "actors"}
        assert len(parsed.styles) == 1
        assert "".join(parsed.text_pane) == hostile.text


def test_html_csp_admits_only_the_report_style_and_script(
    transcript: Document, parse_report: Parse
) -> None:
    parsed = parse_report(render_html(transcript))
    policy = next(
        a["content"]
        for tag, a in parsed.tags
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    directives = dict(part.strip().split(" ", 1) for part in (policy or "").split(";"))

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert directives["default-src"] == "'none'"
    assert directives["style-src"] == digest(parsed.styles[0])
    assert directives["script-src"] == digest(parsed.scripts[1][1])
    assert directives["img-src"] == "data:"
    assert "http" not in render_html(transcript).replace("http-equiv", "")


def test_html_fragment_is_a_single_well_formed_element(
    transcript: Document, parse_report: Parse
) -> None:
    fragment = render_html(transcript, standalone=False)
    assert transcript._repr_html_() == fragment
    parsed = parse_report(fragment)
    assert parsed.errors == []
    assert not {"html", "head", "body", "meta", "title"} & {tag for tag, _ in parsed.tags}
    assert fragment.startswith('<div class="rl-report"') and fragment.endswith("</div>")
    assert "<!DOCTYPE" not in fragment


def test_html_layer_colours_are_fixed_or_deterministic(transcript: Document) -> None:
    assert layer_colour("actors") == KNOWN_COLOURS["actors"]
    assert layer_colour("my-layer") == layer_colour("my-layer") in PALETTE
    output = render_html(transcript)
    for index, name in enumerate(("actors", "claims", "techniques")):
        assert f".rl-l{index} {{ --rl-c: {KNOWN_COLOURS[name]};" in output


def test_html_data_block_escapes_script_breakers() -> None:
    text = script_json({"a": "</script><!-- & \u2028\u2029 >"})
    assert not re.search("[<>&'\u2028\u2029]", text)
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029 >"}


def test_html_escape_covers_quotes_and_characters_html_would_change() -> None:
    assert escape("\"'<>&") == "&quot;&#x27;&lt;&gt;&amp;"
    assert escape("a\rb\u2028") == "a&#13;b&#8232;"


def test_html_escalation_index_only_when_present(transcript: Document) -> None:
    assert "Escalation index" not in render_html(transcript)
    doc = transcript.model_copy(update={"summaries": {"escalation": {"index": 4, "claims": 1}}})
    assert "<strong>Escalation index 4/100</strong>" in render_html(doc)


def test_html_technique_histogram_shows_definitions_on_hover() -> None:
    from redline.techniques.taxonomy import TECHNIQUES

    text = "Either you surrender now, or you perish, said the so-called experts."
    doc = Document.from_text(text)
    spans = [
        doc.make_span(
            0,
            39,
            "False_Dilemma-No_Choice",
            analyzer="techniques",
            rule="cue:either_or",
            attrs={
                "techniques": ["False_Dilemma-No_Choice", "Appeal_to_Fear-Prejudice"],
                "definition": TECHNIQUES["False_Dilemma-No_Choice"].definition,
            },
        ),
        doc.make_span(
            50,
            67,
            "Name_Calling-Labeling",
            analyzer="techniques",
            rule="cue:so_called",
            attrs={"techniques": ["Name_Calling-Labeling", "Doubt"]},
        ),
    ]
    report = render_html(doc.with_layers({"techniques": spans}))
    section = report.split('<section class="rl-techniques">', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r'<tr title="([^"]*)"><th scope="row">([^<]+)</th>', section)
    assert [name for _, name in rows] == [
        "Appeal_to_Fear-Prejudice",
        "Doubt",
        "False_Dilemma-No_Choice",
        "Name_Calling-Labeling",
    ]
    assert dict((name, title) for title, name in rows)["Doubt"] == escape(
        TECHNIQUES["Doubt"].definition
    )
    assert "style=" not in section  # the report's CSP forbids inline style attributes
    assert TECHNIQUES["False_Dilemma-No_Choice"].definition in report  # the span's tooltip
