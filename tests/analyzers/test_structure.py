"""The structure analyzer over hand-written documents of different shapes, the bundled sample
and the seed documents (skipped when ../shared/seeds is absent)."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from redline.document import Document, Metadata, Span
from redline.pipeline import Pipeline

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = Path(__file__).resolve().parents[2] / "src" / "redline" / "samples" / "interview.txt"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SEED_OP_ED = "000_0c4ecdcb9482897c"
SEED_INTERVIEW = "002_1e772d624eee5f02"

Analyse = Callable[..., Document]


@pytest.fixture(scope="module")
def analyse() -> Analyse:
    """Run the structure analyzer alone; each text is parsed once per module."""
    pipeline = Pipeline.from_names(["structure"])
    done: dict[tuple[str, str], Document] = {}

    def run(text: str, metadata: Metadata | None = None) -> Document:
        key = (text, metadata.model_dump_json() if metadata else "")
        if key not in done:
            done[key] = pipeline.run(Document.from_text(text, metadata))
        return done[key]

    return run


def _fixture(analyse: Analyse, name: str) -> Document:
    return analyse((FIXTURES / name).read_text(encoding="utf-8"))


def _seed(analyse: Analyse, name: str) -> tuple[Document, dict]:
    if not (SEEDS / f"{name}.txt").exists():
        pytest.skip(f"seed documents not found at {SEEDS} (../shared/seeds beside the checkout)")
    gold = json.loads((SEEDS / f"{name}.gold.json").read_text(encoding="utf-8"))
    return analyse((SEEDS / f"{name}.txt").read_text(encoding="utf-8")), gold


def _labels(document: Document, label: str) -> list[Span]:
    return [s for s in document.layer("structure") if s.label == label]


def _inside(document: Document, quote: str, label: str) -> list[Span]:
    start = document.text.index(quote)
    return [s for s in _labels(document, label) if s.start <= start and start + len(quote) <= s.end]


def _speakers(document: Document) -> list[str]:
    return [str(t.attrs["speaker"]) for t in _labels(document, "turn")]


# -- the seeds ------------------------------------------------------------------------------------


def test_structure_seed_interview_turns(analyse: Analyse) -> None:
    document, gold = _seed(analyse, SEED_INTERVIEW)
    turns = _labels(document, "turn")
    assert len(turns) == gold["turns"]["count"] == 12
    assert _speakers(document) == [gold["turns"]["speakers"][i % 2] for i in range(12)]
    assert gold["turns"]["first"]["quote"] in turns[0].text
    assert "Let us begin by discussing the negotiations in Abu Dhabi" in turns[0].text
    for sample in gold["turns"]["samples"]:
        assert [t.attrs["speaker"] for t in _inside(document, sample["quote"], "turn")] == [
            sample["speaker"]
        ]
    assert [t.attrs["index"] for t in turns] == list(range(12))


def test_structure_seed_interview_sections(analyse: Analyse) -> None:
    document, gold = _seed(analyse, SEED_INTERVIEW)
    [note] = _labels(document, "note")
    quote = (
        "Translator\u2019s note: Viksit Bharat means “Developed India.”"  # the seed's apostrophe
    )
    assert quote in note.text
    assert note.attrs["kind"] == "translator"
    [credit] = _labels(document, "translation_credit")
    assert credit.text == "(Translated from the Russian)"
    comments = _labels(document, "comment")
    assert len(comments) == 2
    for section in gold["sections"]:
        label = "note" if section["kind"] == "note" else "comments"
        assert _inside(document, section["quote"], label), section
    for quote in gold["not_in_body"]:
        assert not _inside(document, quote, "body") and not _inside(document, quote, "turn")
        assert _inside(document, quote, "comment") and _inside(document, quote, "comments")
    assert not _inside(document, "Translator\u2019s note", "turn")
    for key, value in gold["metadata"].items():
        assert getattr(document.metadata, key) == value, key
    assert document.metadata.author is None  # an interview: the author is not guessed


def test_structure_seed_interview_footnote_marker(analyse: Analyse) -> None:
    document, _ = _seed(analyse, SEED_INTERVIEW)
    [marker] = _labels(document, "footnote_marker")
    assert (
        document.text[marker.start - 7 : marker.end] == "Bharat.1" and marker.attrs["number"] == 1
    )


def test_structure_seed_op_ed(analyse: Analyse) -> None:
    document, gold = _seed(analyse, SEED_OP_ED)
    assert document.metadata.date == gold["metadata"]["date"] == "2025-05-21"
    [dateline] = _labels(document, "dateline")
    assert dateline.text == "date 2025-05-21" and dateline.attrs["date"] == "2025-05-21"
    [advert] = _labels(document, "advert")
    assert advert.text == gold["sections"][0]["quote"]
    assert advert.attrs["author_rule"] == "advert.possessive_promo"
    assert document.metadata.author == gold["metadata"]["author"] == "Alexander Dugin"
    assert document.metadata.language == "en"
    assert not _labels(document, "turn") and not _labels(document, "comments")
    [body] = _labels(document, "body")
    assert body.text.startswith("Every personal exchange") and "Order" not in body.text


# -- the bundled sample ---------------------------------------------------------------------------


def test_structure_sample_interview(analyse: Analyse) -> None:
    document = analyse(SAMPLE.read_text(encoding="utf-8"))
    meta = document.metadata
    assert (meta.title, meta.date, meta.translated_from, meta.language) == (
        "Red Lines on the Baltic",
        "2025-11-03",
        "ru",
        "en",
    )
    assert set(_speakers(document)) == {"Host", "Vera Lantsova"}
    assert _speakers(document)[:4] == ["Host", "Vera Lantsova"] * 2
    assert [n.attrs["kind"] for n in _labels(document, "note")] == ["editor"]
    assert len(_labels(document, "comment")) == 4
    hostile = "Someone should just bomb those rail hubs"
    assert _inside(document, hostile, "comment") and not _inside(document, hostile, "body")
    assert (
        _inside(document, "Kaliningrad is a red line", "turn")[0].attrs["speaker"]
        == "Vera Lantsova"
    )


# -- documents of other shapes ---------------------------------------------------------------


def test_structure_plain_op_ed_has_no_structure(analyse: Analyse) -> None:
    document = _fixture(analyse, "oped_plain.txt")
    for label in ("turn", "speaker_label", "comments", "comment", "title", "byline", "note"):
        assert not _labels(document, label), label
    [body] = _labels(document, "body")
    # The first-person paragraph after two blank lines is the author's, not a reader's.
    assert "I have covered these summits" in body.text
    assert len(_labels(document, "paragraph")) == 6
    assert document.metadata.author is None


def test_structure_prose_colon_and_note_make_no_turns(analyse: Analyse) -> None:
    document = analyse(
        "The problem is: nobody listens.\nNote: this was written in May.\n"
        "The point is: we wait.\nBottom line: the West blinks first.\nRussia: silent."
    )
    assert not _labels(document, "turn") and not _labels(document, "speaker_label")
    assert [s.text for s in _labels(document, "note")] == ["Note: this was written in May."]
    assert not _labels(document, "standfirst") and not _labels(document, "title")


def test_structure_markdown_speaker_labels(analyse: Analyse) -> None:
    document = analyse(
        "**Host:** Will the corridor close?\n\n**Vera Lantsova:** Not this year.\n\n"
        "**Host**: And next year?\n\n**Vera Lantsova**: That depends on Washington."
    )
    assert _speakers(document) == ["Host", "Vera Lantsova"] * 2
    assert [s.text for s in _labels(document, "speaker_label")][:2] == [
        "**Host:**",
        "**Vera Lantsova:**",
    ]


def test_structure_hard_wrapped_text(analyse: Analyse) -> None:
    wrapped = (
        "Europe keeps promising air defence and keeps delivering it\n"
        "late. The gap between the summit communiques and the warehouses\n"
        "is now measured in months, and every month is paid for in cities\n"
        "that wake up to sirens.\n\n"
        "No red line has been enforced so far, and nobody in Moscow\n"
        "believes one will be. That is the real cost of the delay."
    )
    untitled = analyse(wrapped)
    assert not _labels(untitled, "title")
    assert len(_labels(untitled, "paragraph")) == 2
    titled = analyse("Europe's air defence gap\nBy Jane Roe\n\n" + wrapped)
    assert titled.metadata.title == "Europe's air defence gap"
    assert titled.metadata.author == "Jane Roe"
    assert len(_labels(titled, "paragraph")) == 2


def test_structure_qa_interview_maps_answers_to_interviewee(analyse: Analyse) -> None:
    document = _fixture(analyse, "qa_interview.txt")
    turns = _labels(document, "turn")
    assert _speakers(document) == ["Q", "Kari Lindqvist"] * 3
    assert [t.attrs["label"] for t in turns] == ["Q", "A"] * 3
    assert "some commentators now talk about Svalbard" in turns[1].text  # continuation paragraph
    assert "Editor's note" not in turns[-1].text
    assert document.metadata.author == "Tomas Reinholt"  # from the byline
    assert document.metadata.title == "The Arctic Is Not a Buffer Zone"


def test_structure_press_conference_three_speakers(analyse: Analyse) -> None:
    document = _fixture(analyse, "press_conference.txt")
    turns = _labels(document, "turn")
    assert len(turns) == 9
    assert set(_speakers(document)) == {"Moderator", "Andrei Sokolov", "Question"}
    assert "failed to honour" in turns[1].text
    assert turns[2].attrs == {
        "speaker": "Question",
        "index": 2,
        "label": "QUESTION (Izvestia)",
        "note": "Izvestia",
    }
    assert document.metadata.date == "2025-03-14"
    assert [s.text for s in _labels(document, "stage_direction")] == ["(Laughter)"]


def test_structure_comment_thread_split_with_authors(analyse: Analyse) -> None:
    document = _fixture(analyse, "article_thread.txt")
    [section] = _labels(document, "comments")
    assert section.rule == "comments.opener" and section.text.startswith("4 Comments")
    comments = _labels(document, "comment")
    assert [c.attrs.get("author") for c in comments] == [
        "daniel_r",
        "M. Petrenko",
        "kat77",
        "Oleg Brandt",
    ]
    assert comments[0].attrs["timestamp"] == "May 22, 2025 at 9:14 am"
    assert "two tanks destroyed" in comments[1].text
    assert comments[3].attrs["reply_to"] == "kat77"
    [body] = _labels(document, "body")
    assert "Stay safe" not in body.text and "4 Comments" not in body.text
    meta = document.metadata
    assert (meta.title, meta.author, meta.date) == (
        "Drone strikes hit fuel depots overnight",
        "Laura Kim",
        "2025-05-22",
    )


def test_structure_a_user_name_before_a_colon_is_the_comment_author(analyse: Analyse) -> None:
    """ "mike_77: Bomb them": a handle (a digit or an underscore in one word) names the author
    whatever its case; an ordinary lower-case word before a colon does not."""
    document = analyse(
        "Russia warns NATO over drills in Finland\n\nThe ministry said the drills would not go "
        "unanswered, and officials in Helsinki called them defensive exercises of the alliance."
        "\n\nComments\n\nmike_77: Time to stop pretending.\n\nrealist2024: Finland should never "
        "have joined.\n\nwell: that is one way to see it."
    )
    comments = _labels(document, "comment")
    assert [c.attrs.get("author") for c in comments] == ["mike_77", "realist2024", None]


def test_structure_comment_headers_without_opener(analyse: Analyse) -> None:
    document = _fixture(analyse, "thread_headers.txt")
    [section] = _labels(document, "comments")
    assert section.rule == "comments.header_cluster"
    comments = _labels(document, "comment")
    assert [c.attrs["author"] for c in comments] == ["ivan_t", "northern_light", "ivan_t"]
    assert [c.attrs["timestamp"] for c in comments] == ["3 hours ago", "2 hours ago", "1 hour ago"]
    assert not _inside(document, "exhausted people still shoot", "body")


def test_structure_speech_stage_directions(analyse: Analyse) -> None:
    document = _fixture(analyse, "speech_applause.txt")
    marks = _labels(document, "stage_direction")
    assert [s.text for s in marks] == ["(Applause)", "[Laughter]", "(APPLAUSE.)", "[Cheers]"]
    assert not _labels(document, "turn") and not _labels(document, "subtitle")
    standalone = next(s for s in marks if s.text == "(APPLAUSE.)")
    assert not any(p.start == standalone.start for p in _labels(document, "paragraph"))
    assert not any(
        s.text in {"(Applause)", "(APPLAUSE.)", "[Cheers]"} for s in document.layer("sentences")
    )


def test_structure_social_post_is_one_paragraph(analyse: Analyse) -> None:
    document = _fixture(analyse, "social_post.txt")
    assert not _labels(document, "title") and not _labels(document, "comments")
    assert len(_labels(document, "paragraph")) == 1
    [body] = _labels(document, "body")
    assert body.text == document.text.strip()


def test_structure_reader_regions_are_honoured(analyse: Analyse) -> None:
    text = "Article text here. It is long enough to be an article.\n\nFirst comment.\nSecond one."
    start = text.index("First")
    regions = [{"kind": "comments", "start": start, "end": len(text)}]
    document = analyse(text, Metadata(extra={"regions": regions}))
    [section] = _labels(document, "comments")
    assert (section.start, section.rule) == (start, "comments.reader_region")
    assert [c.text for c in _labels(document, "comment")] == [
        "First comment.",
        "Second one.",
    ]
    assert "First" not in _labels(document, "body")[0].text


# -- smaller rules --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "date"),
    [
        (
            "May 21, 2025\nThe summit ended without a deal, and both delegations went home.",
            "May 21, 2025",
            "2025-05-21",
        ),
        (
            "Published: 21 May 2025\nThe summit ended without a deal.",
            "Published: 21 May 2025",
            "2025-05-21",
        ),
        (
            "MOSCOW, May 21, 2025 — The summit ended without a deal.",
            "MOSCOW, May 21, 2025",
            "2025-05-21",
        ),
        ("2025-05-21 The summit ended without a deal.", "2025-05-21", "2025-05-21"),
        (
            "March 3, 2025 4:12 PM UTC Updated 2 hours ago\n\nThe summit ended without a deal.",
            "March 3, 2025 4:12 PM UTC Updated 2 hours ago",
            "2025-03-03",
        ),
        (
            "5 марта 2025, 14:10 Обновлено 5 марта, 15:02\n\nСаммит закончился без соглашения.",
            "5 марта 2025, 14:10 Обновлено 5 марта, 15:02",
            "2025-03-05",
        ),
    ],
)
def test_structure_dateline_forms(analyse: Analyse, text: str, quote: str, date: str) -> None:
    document = analyse(text)
    [dateline] = _labels(document, "dateline")
    assert (dateline.text, document.metadata.date) == (quote, date)
    assert not _inside(document, quote, "body")


def test_structure_date_in_prose_is_no_dateline(analyse: Analyse) -> None:
    text = "The summit ended without a deal.\nMay 21, 2025 was the day the talks collapsed."
    assert not _labels(analyse(text), "dateline")
    assert not _labels(analyse("May 21, 2025 was the day the talks collapsed."), "dateline")


def test_structure_sentences_are_cut_at_blocks(analyse: Analyse) -> None:
    document = analyse(SAMPLE.read_text(encoding="utf-8"))
    sentences = document.layer("sentences")
    assert (
        sentences[0].text == "Red Lines on the Baltic" and sentences[0].attrs["section"] == "title"
    )
    assert not any(s.text.startswith(("Host:", "Vera Lantsova:")) for s in sentences)
    bomb = next(s for s in sentences if "bomb those rail hubs" in s.text)
    assert bomb.attrs["section"] == "comments"
    red_line = next(s for s in sentences if "Kaliningrad is a red line" in s.text)
    assert red_line.attrs == {"section": "body", "speaker": "Vera Lantsova"}
    assert all(s.text == s.text.strip() and s.text for s in sentences)


def test_structure_footnote_markers(analyse: Analyse) -> None:
    document = analyse(
        "The plan is called Viksit Bharat.1 It was announced in 2024 [2] and revised later³. "
        "See No.1 in the list and the F-16 and G7 debates."
    )
    markers = _labels(document, "footnote_marker")
    assert [(m.text, m.attrs["number"]) for m in markers] == [("1", 1), ("[2]", 2), ("³", 3)]


def test_structure_translation_credit_and_bio(analyse: Analyse) -> None:
    text = (
        "Europe keeps promising air defence and keeps delivering it late. The gap between the "
        "summit communiqués and the warehouses is now measured in months, and every month is "
        "paid for in cities that wake up to sirens. No red line has been enforced so far.\n\n"
        "Translated from Ukrainian by Olena Marchuk.\n\n"
        "Jane Roe is a senior fellow at the Baltic Security Institute."
    )
    document = analyse(text)
    [credit] = _labels(document, "translation_credit")
    assert credit.attrs == {"language": "uk", "translator": "Olena Marchuk"}
    [bio] = _labels(document, "note")
    assert bio.attrs["kind"] == "author_bio"
    assert (document.metadata.translated_from, document.metadata.author) == ("uk", "Jane Roe")
    assert "Jane Roe" not in _labels(document, "body")[0].text


def test_structure_blank_run_then_reader_voice_is_comments(analyse: Analyse) -> None:
    text = (
        "Host: Will the corridor close?\nGuest: Not this year. Both sides still need the trade.\n"
        "Host: And next year?\nGuest: That depends on Washington more than on Vilnius or Moscow.\n"
        "\n\n\nGreat interview! I learned a lot.\nTotally wrong, in my view. They will close it!"
    )
    document = analyse(text)
    [section] = _labels(document, "comments")
    assert section.rule == "comments.blank_run_voice_shift"
    assert len(_labels(document, "comment")) == 2 and len(_labels(document, "turn")) == 4


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        (
            "MOSCOW, March 3 (Reuters) - Russia said it would respond.",
            "MOSCOW, March 3 (Reuters) -",
        ),
        ("BEIJING -- China warned Taiwan on Monday.", "BEIJING --"),
        ("WASHINGTON (AP) — The United States imposed sanctions on Iran.", "WASHINGTON (AP) —"),
        ("МОСКВА, 5 декабря. /ТАСС/. Россия ответит.", "МОСКВА, 5 декабря. /ТАСС/."),
    ],
)
def test_structure_wire_dateline_is_no_actor(text: str, dateline: str) -> None:
    from redline import analyze

    document = analyze(Document.from_text(text))
    assert [s.text for s in document.layer("structure") if s.label == "dateline"] == [dateline]
    assert not [a for a in document.layer("actors") if a.start < len(dateline)]


def test_structure_capitals_before_a_dash_need_a_place_shape() -> None:
    from redline import analyze

    document = analyze(Document.from_text("NATO — a relic of the cold war — must go."))
    assert not [s for s in document.layer("structure") if s.label == "dateline"]


# -- real page shapes: briefings, wire stories, forum threads -------------------------------------


def test_structure_briefing_askers_named_by_outlet(analyse: Analyse) -> None:
    """One spokesperson answering outlets that each ask once ("Bloomberg:", "Phoenix TV:")."""
    document = _fixture(analyse, "briefing_outlets.txt")
    assert _speakers(document) == [
        "Lin Jian", "Bloomberg", "Lin Jian", "Phoenix TV", "Lin Jian", "AFP", "Lin Jian",
    ]  # fmt: skip
    assert {t.rule for t in _labels(document, "turn") if t.attrs["speaker"] != "Lin Jian"} == {
        "turn.briefing_asker"
    }
    # The last answer ends before the page's share prompt and related links.
    last = _labels(document, "turn")[-1]
    assert document.text[last.start : last.end].rstrip().endswith("from China.")


def test_structure_one_off_labels_in_prose_make_no_briefing(analyse: Analyse) -> None:
    text = (
        "Lin Jian: the spokesman spoke for an hour.\n\nBackground: the talks stalled.\n\n"
        "Context: nobody expected more.\n\nLin Jian: he then left the room."
    )
    assert _labels(analyse(text), "turn") == []


def test_structure_page_furniture_is_not_text(analyse: Analyse) -> None:
    document = _fixture(analyse, "wire_story.txt")
    kinds = [str(s.attrs["kind"]) for s in _labels(document, "furniture")]
    assert kinds == ["related_link", "share_prompt", "wire_credit", "wire_credit"]
    body = _labels(document, "body")[0]
    assert document.text[body.start : body.end].rstrip().endswith("Polish territory.")


def test_structure_kicker_is_not_the_title(analyse: Analyse) -> None:
    document = _fixture(analyse, "wire_story.txt")
    assert [s.text for s in _labels(document, "kicker")] == ["WORLD NEWS"]
    assert [s.text for s in _labels(document, "title")] == [
        "Poland warns of response after drone incursion"
    ]
    assert [s.attrs["author"] for s in _labels(document, "byline")] == [
        "Anna Kowalczyk and Mark Reed"
    ]


def test_structure_wire_dateline_after_the_head(analyse: Analyse) -> None:
    document = _fixture(analyse, "wire_story.txt")
    assert [s.text for s in _labels(document, "dateline")] == [
        "March 3, 2025 4:12 PM UTC Updated 2 hours ago",  # the page's, with its update time
        "WARSAW, March 3 (Reuters) -",
    ]
    assert document.metadata.date == "2025-03-03" and document.metadata.standfirst is None


def test_structure_forum_thread_without_comment_header(analyse: Analyse) -> None:
    document = _fixture(analyse, "forum_thread.txt")
    assert [s.rule for s in _labels(document, "comments")] == ["comments.forum_thread"]
    comments = _labels(document, "comment")
    assert [c.attrs["author"] for c in comments] == [
        "north_watcher", "kastus_bel", "Ivan_the_Sceptic", "north_watcher",
    ]  # fmt: skip
    assert comments[-1].attrs["reply_to"] == "Ivan_the_Sceptic"
    assert comments[0].attrs["timestamp"] == "12 May 2025, 09:14"


def test_structure_interview_excerpt_with_one_question(analyse: Analyse) -> None:
    """An excerpt: the answerer speaks twice around a single question from a named journalist."""
    text = (
        "Vladimir Putin: The sanctions cost us a great deal, but they made us use our brains.\n\n"
        "Anna Petrova: That is quite a lot.\n\n"
        "Vladimir Putin: Quite a lot, and we spent it on our own industry instead."
    )
    assert _speakers(analyse(text)) == ["Vladimir Putin", "Anna Petrova", "Vladimir Putin"]


def test_structure_lone_named_speaker_needs_a_long_line(analyse: Analyse) -> None:
    speech = (
        "Vladimir Putin: Colleagues, today we will discuss the situation on our western borders "
        "and the measures we are taking there."
    )
    assert _speakers(analyse(speech)) == ["Vladimir Putin"]
    assert _speakers(analyse("Donald Trump: The Deal Maker\n\nA profile of the president.")) == []


def test_structure_closing_signature_names_the_author(analyse: Analyse) -> None:
    text = (
        "Open letter to the Baltic ministers\n\n"
        "We write to you as veterans of the border service. The closure of the crossings last "
        "month has cut families apart and has done nothing for anyone's security.\n\n"
        "— Jonas Petraitis, chairman of the Border Veterans' Association\n"
    )
    document = analyse(text)
    [signature] = _labels(document, "byline")
    assert (signature.rule, signature.attrs["author"]) == ("byline.signature", "Jonas Petraitis")
    assert document.metadata.author == "Jonas Petraitis"
    # A dash opening a line in the middle of a text is no signature.
    middle = analyse("— Jonas Petraitis\n\n" + text.split("\n\n", 1)[1])
    assert [s.rule for s in _labels(middle, "byline")] == ["byline.signature"]
