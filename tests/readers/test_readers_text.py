"""Text files: emptiness, binary refusal, encodings and unchanged offsets."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from redline.document import Document
from redline.errors import InputError
from redline.readers import read_sources, read_text
from redline.readers.decoding import CANNOT_DECODE, detect_encoding

FRENCH = (
    "Le ministre a déclaré que les négociations à Genève reprendraient — naïve façade, « déjà vu »."
)


def read_one(path: Path, data: bytes) -> Document | InputError:
    path.write_bytes(data)
    [item] = read_sources([str(path)], max_bytes=5_000_000)
    return item


def problem(item: Document | InputError) -> str:
    assert isinstance(item, InputError), item
    return item.problem


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n "])
def test_text_empty_file(tmp_path: Path, data: bytes) -> None:
    assert problem(read_one(tmp_path / "empty.txt", data)) == "empty file"


def test_text_empty_after_decoding(tmp_path: Path) -> None:
    assert problem(read_one(tmp_path / "bom.txt", "  \n".encode("utf-16"))) == "empty file"


def test_text_png_renamed_txt(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    item = read_one(tmp_path / "photo.txt", png)
    assert problem(item) == "binary file (PNG image), not text"
    assert str(item) == f"{tmp_path / 'photo.txt'}: binary file (PNG image), not text"


def test_text_nul_bytes_are_binary(tmp_path: Path) -> None:
    item = read_one(tmp_path / "data.txt", b"abc\x00def" * 10)
    assert problem(item) == "binary file (contains NUL bytes), not text"


def test_text_random_bytes_cannot_be_decoded(tmp_path: Path) -> None:
    noise = bytes(byte for byte in random.Random(0).randbytes(4000) if byte)
    assert problem(read_one(tmp_path / "noise.txt", noise)) == CANNOT_DECODE


def test_text_utf8_with_a_stray_byte_cannot_be_decoded(tmp_path: Path) -> None:
    # Mostly UTF-8: decoding it all as a legacy code page would garble every accent.
    data = (FRENCH * 5).encode("utf-8")
    item = read_one(tmp_path / "mixed.txt", data[:100] + b"\xe9" + data[100:])
    assert problem(item) == CANNOT_DECODE


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_text_western_legacy_encodings_decoded(tmp_path: Path, encoding: str) -> None:
    text = FRENCH.replace("—", "-") if encoding == "latin-1" else FRENCH
    item = read_one(tmp_path / "fr.txt", text.encode(encoding))
    assert isinstance(item, Document)
    assert item.text == text
    assert item.metadata.extra == {"encoding": "cp1252"}


def test_text_short_cp1252_word_decoded(tmp_path: Path) -> None:
    item = read_one(tmp_path / "cafe.txt", "Café.".encode("cp1252"))
    assert isinstance(item, Document) and item.text == "Café."


def test_text_cyrillic_cp1251_decoded(tmp_path: Path) -> None:
    text = "Министр заявил, что переговоры в Женеве возобновятся на следующей неделе."
    item = read_one(tmp_path / "ru.txt", text.encode("cp1251"))
    assert isinstance(item, Document) and item.text == text


def test_text_utf8_bom_stripped_and_offsets_hold(tmp_path: Path) -> None:
    text = "Café talks: Kyiv was struck.\r\n"
    item = read_one(tmp_path / "bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert isinstance(item, Document)
    assert item.text == text
    start = text.index("Kyiv")
    assert item.make_span(start, start + 4, "actor", analyzer="t", rule="t").text == "Kyiv"
    assert "encoding" not in item.metadata.extra


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_text_utf16_and_utf32_with_bom(tmp_path: Path, encoding: str) -> None:
    # Python's "utf-16"/"utf-32" codecs write a BOM; the explicit-order ones need it added.
    text = "\ufeff" + FRENCH if encoding.endswith("be") else FRENCH
    data = text.encode(encoding)
    item = read_one(tmp_path / "wide.txt", data)
    assert isinstance(item, Document)
    assert item.text == FRENCH


def test_text_invalid_utf16_after_bom(tmp_path: Path) -> None:
    item = read_one(tmp_path / "odd.txt", b"\xff\xfea\x00b")
    assert problem(item).startswith("cannot decode as utf-16-le")


def test_text_line_endings_kept() -> None:
    assert read_text(b"one\r\ntwo\rthree\n", "x.txt").text == "one\r\ntwo\rthree\n"


def test_decoding_never_guesses_utf16_without_bom() -> None:
    assert detect_encoding("caf\xe9".encode("latin-1")) == "cp1252"
