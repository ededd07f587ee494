"""The HTML summary read at a glance, on real samples: a row of tiles first (index, highest rung
per stance, counts), citations that do not double their quotation marks, no blank voices and
red-line cards without rows of dashes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from redline.analysis import analyze, analyze_file
from redline.document import Document
from redline.render import _digest as digest
from redline.render import render_html

ROOT = Path(__file__).resolve().parents[2]
INTERVIEW = ROOT / "src" / "redline" / "samples" / "interview.txt"
WIRE = ROOT / "tests" / "analyzers" / "fixtures" / "wire_story.txt"


@pytest.fixture(scope="module")
def interview() -> Document:
    return analyze_file(INTERVIEW)


@pytest.fixture(scope="module")
def wire() -> Document:
    return analyze_file(WIRE)


def _tiles(page: str) -> list[tuple[str, str]]:
    glance = page[page.index('<div class="rl-glance">') :]
    glance = glance[: glance.index("</div></div>") + 12]
    return re.findall(
        r'<span class="rl-tile-value">([^<]*)</span><span class="rl-tile-label">([^<]*)</span>',
        glance,
    )


def test_render_glance_tiles_come_first_and_match_the_summary(interview: Document) -> None:
    page = render_html(interview)
    assert page.index('class="rl-glance"') < page.index("<h3>Voices</h3>")
    tiles = dict((label, value) for value, label in _tiles(page))
    brief = digest.digest(interview)
    assert tiles["escalation index /100"] == str(brief.index)
    levels = {rung.stance: str(rung.level) for rung in brief.rungs}
    assert tiles["rung advocated"] == levels.get("advocate", "—")
    assert tiles["rung threatened"] == levels.get("threaten", "—")
    assert tiles["red lines"] == str(len(brief.red_lines))
    assert tiles["claims at rung 2+"] == str(len(digest.claim_rows(interview)))


def test_render_glance_says_none_for_a_stance_never_taken(wire: Document) -> None:
    page = render_html(wire)
    tiles = dict((label, value) for value, label in _tiles(page))
    taken = {rung.stance for rung in digest.highest_rungs(wire)}
    assert "predict" not in taken and tiles["rung predicted"] == "—"


def test_render_glance_citation_opening_with_a_quotation_is_not_doubled(wire: Document) -> None:
    # The minister's words open their sentence with a quotation mark; the report wraps the
    # citation in “…”, so the inner marks become single ones.
    threat = next(r for r in digest.highest_rungs(wire) if r.stance == "threaten")
    assert threat.quote.startswith("‘If such incidents continue")
    assert "““" not in render_html(wire) and '“"' not in render_html(wire)


def test_render_glance_no_blank_voice_rows(interview: Document, wire: Document) -> None:
    for document in (interview, wire):
        for voice in digest.voices(document):
            assert voice.words or voice.claims or voice.we != "—" or voice.kind == "quoted"


def test_render_glance_red_line_cards_skip_empty_conditions(interview: Document) -> None:
    page = render_html(interview)
    assert "<dt>If</dt><dd>—</dd>" not in page and "<dt>Then</dt><dd>—</dd>" not in page


def test_glance_voices_count_the_words_of_the_author_and_each_commenter() -> None:
    """Not only a transcript's turns: the author's body and each comment have their words."""
    document = analyze_file(ROOT / "tests" / "analyzers" / "fixtures" / "article_thread.txt")
    words = {voice.speaker: voice.words for voice in digest.voices(document)}
    body = sum(len(s.text.split()) for s in document.layer("structure") if s.label == "body")
    assert words["author"] is not None and 0 < words["author"] <= body
    assert all(words[name] for name in ("M. Petrenko", "kat77"))


def test_glance_voices_of_a_transcript_count_turns_not_sentences(interview: Document) -> None:
    words = {voice.speaker: voice.words for voice in digest.voices(interview)}
    assert words["Host"] == 100 and words["Vera Lantsova"] == 375
    assert words.get("author") is None  # every body sentence is in a turn


def test_glance_voices_list_every_commenter_and_say_whose_language_was_not_read() -> None:
    """A commenter who found nothing still has a row; one whose comment is in a language left
    unanalysed says so (a thread under a Russian news item, in three languages)."""
    document = analyze(
        "Удар по Днепру: число погибших выросло до 12\n\n"
        "Число погибших в результате ракетного удара по жилому дому выросло до 12 человек.\n\n"
        "Комментарии\n\n"
        "Виктор: Хватит убивать друг друга. Сядьте уже за стол переговоров.\n\n"
        "John_Smith: What a tragedy. My thoughts are with the families.\n\n"
        "Тарас: Треба бити по їхніх нафтобазах, поки не зупиняться.\n"
    )
    rows = {voice.speaker: voice for voice in digest.voices(document)}
    assert rows["John_Smith"].kind == "commenter" and rows["John_Smith"].we == "—"
    assert rows["Тарас"].we == "not analysed (uk)"


def test_glance_voices_name_commenters_on_their_own_line_in_the_order_they_comment() -> None:
    """«Иван_К:» on a line of its own names the comment under it; the commenters come after
    the article's voices in the order they comment, whoever of them found something."""
    document = analyze(
        "Минобороны сообщило о потерях ВСУ\n\n"
        "МОСКВА, 6 декабря. /ТАСС/. Вооружённые силы Украины за сутки потеряли до 500 "
        "военнослужащих на донецком направлении, сообщили в Минобороны России. Кроме того, "
        "уничтожены склад боеприпасов и две гаубицы, говорится в сводке ведомства.\n\n"
        "Комментарии (3)\n\n"
        "Иван_К:\nТак им и надо. Дожимать до конца!\n\n"
        "Сергей Петров:\nОпять эти цифры. Кто их считал?\n\n"
        "Марина:\nХватит убивать друг друга, садитесь за стол переговоров.\n"
    )
    speakers = [voice.speaker for voice in digest.voices(document)]
    assert speakers == ["author", "Иван_К", "Сергей Петров", "Марина"]
