"""Plain text and Markdown: decoded bytes become the document text unchanged.

>>> read_text(b"Kyiv was struck.", "note.txt").text
'Kyiv was struck.'
"""

from __future__ import annotations

from redline.document import Document, Metadata
from redline.errors import InputError
from redline.readers.decoding import decode_bytes


def read_text(data: bytes, source: str) -> Document:
    """The Document of a text file's bytes; raises InputError when they are not text."""
    text, encoding = decode_bytes(data, source)
    if not text.strip():
        raise InputError(source, "empty file")
    return Document.from_text(text, Metadata(source=source, extra=encoding_note(encoding)))


def encoding_note(encoding: str) -> dict[str, str]:
    """``extra`` recording a non-UTF-8 encoding, so a wrong guess can be traced."""
    return {} if encoding == "utf-8" else {"encoding": encoding}
