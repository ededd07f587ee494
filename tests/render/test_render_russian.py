"""Russian text in the reports and the moderation view: Cyrillic shown as written (no case
changes, no escapes), tables aligned by display width, HTML declared as UTF-8 and Russian."""

import json

from rich.cells import cell_len

from redline.document import Document, Metadata
from redline.render import render
from redline.render.html import render_html
from redline.render.moderation import moderation_items, render_jsonl, render_table

TEXT = (
    "В Женеве завершились переговоры.\n\n"
    "Комментарии (2)\n\n"
    "Серый_волк\nВсех предателей нужно расстрелять.\n\n"
    "olga_k\nСогласна, хорошая статья.\n"
)
CALL = "Всех предателей нужно расстрелять"


def _document() -> Document:
    """A hand-annotated Russian thread: two comments, a call in the first."""
    document = Document.from_text(TEXT, Metadata(source="ветка.txt", language="ru"))
    wolf, olga = TEXT.index("Серый_волк"), TEXT.index("olga_k")
    structure = [
        document.make_span(
            TEXT.index("Комментарии"), len(TEXT) - 1, "comments", analyzer="structure", rule="t"
        ),
        document.make_span(
            wolf,
            olga - 2,
            "comment",
            analyzer="structure",
            rule="t",
            attrs={"index": 0, "author": "Серый_волк"},
        ),
        document.make_span(
            olga,
            len(TEXT) - 1,
            "comment",
            analyzer="structure",
            rule="t",
            attrs={"index": 1, "author": "olga_k"},
        ),
    ]
    call = TEXT.index(CALL)
    incitement = [
        document.make_span(
            call,
            call + len(CALL),
            "call_to_violence",
            analyzer="incitement",
            rule="verb:расстрелять|frame:obligation",
            confidence=0.8,
            attrs={"severity": 2, "target": "предателей", "target_name": "предателей"},
        )
    ]
    return document.model_copy(
        update={"layers": {**document.layers, "structure": structure, "incitement": incitement}}
    )


def test_render_russian_moderation_table_keeps_cyrillic_and_alignment() -> None:
    table = render_table(moderation_items([_document()]), width=100)
    assert "Серый_волк" in table and "предателей" in table and "расстрелять" in table
    assert "СЕРЫЙ" not in table and "Серый_Волк" not in table  # no case changes
    # Every line of the box is as wide on screen as the others: Cyrillic is one cell a letter.
    box = [line for line in table.splitlines() if line[:1] in "┏┃┡│└"]
    assert box and len({cell_len(line) for line in box}) == 1, box


def test_render_russian_moderation_jsonl_writes_cyrillic_unescaped() -> None:
    body = render_jsonl(moderation_items([_document()]))
    assert "\\u04" not in body and CALL in body
    (record,) = [json.loads(line) for line in body.splitlines()]
    assert record["author"] == "Серый_волк" and record["source"] == "ветка.txt"
    assert record["spans"][0]["quote"] == CALL


def test_render_russian_html_is_utf8_russian_with_cyrillic_fonts() -> None:
    page = render_html(_document())
    assert '<meta charset="utf-8">' in page and '<html lang="ru">' in page
    assert CALL in page and "Серый_волк" in page
    fonts = page[page.index("font:") :].split(";")[0]
    # Fonts that carry Cyrillic glyphs on each platform, before the generic family.
    assert all(f in fonts for f in ("Segoe UI", "Roboto", "Noto Sans", "DejaVu Sans"))


def test_render_russian_html_of_an_english_document_stays_english() -> None:
    assert '<html lang="en">' in render_html(Document.from_text("Talks ended."))


def test_render_russian_markdown_and_terminal_keep_the_text() -> None:
    document = _document()
    for fmt in ("md", "text"):
        report = render(document, fmt)
        assert "Серый_волк" in report or "предателей" in report, fmt
        assert "ПРЕДАТЕЛЕЙ" not in report and "Предателей Нужно" not in report, fmt
