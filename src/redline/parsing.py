"""Parsing a whole document with spaCy in bounded pieces.

A document is cut at paragraph ends into pieces of bounded size, the pieces are parsed with
``nlp.pipe`` and joined with ``Doc.from_docs``: memory stays bounded for long texts, spaCy's
``max_length`` never trips, a sentence never runs across a paragraph break, and because the
pieces tile the text exactly, token offsets are offsets into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from redline.nlp import blas_limited
from redline.structure.rules import is_handle

MAX_PIECE_CHARS = 20_000
# A paragraph ends at a blank line, or at a newline right after sentence-final punctuation;
# a newline in mid-sentence (hard-wrapped text) does not end one.
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n\s*|(?<=[.!?:;\"'”’)\]])[ \t]*\n\s*")


# A paragraph that opens with a speaker label ("Host: ", "Ivan Petrov: ", "Q: ", «Ведущий: »,
# «Игорь: »): the label is parsed on its own, so the parser never makes the speaker's name the
# subject of the turn's first clause, nor the first word of its first sentence. Capitalised
# words of any alphabet (checked in ``_labelled``).
_SPEAKER_LABEL = re.compile(r"(?:[^\W\d_][\w.'’-]*(?:[ \t]+[^\W\d_][\w.'’-]*){0,3}):[ \t]+(?=\S)")


def pieces(text: str, max_chars: int = MAX_PIECE_CHARS) -> Iterator[str]:
    """Consecutive pieces of ``text`` that concatenate back to exactly ``text``."""
    start = 0
    for match in _PARAGRAPH_END.finditer(text):
        yield from _labelled(text[start : match.end()], max_chars)
        start = match.end()
    if start < len(text):
        yield from _labelled(text[start:], max_chars)


def _labelled(paragraph: str, max_chars: int) -> Iterator[str]:
    label = _SPEAKER_LABEL.match(paragraph)
    if label and label.end() < len(paragraph) and _capitalised(label.group()):
        yield paragraph[: label.end()]
        paragraph = paragraph[label.end() :]
    yield from _bounded(paragraph, max_chars)


def _capitalised(label: str) -> bool:
    """Every word of the label is capitalised, or the label is one user name ("mike_77")."""
    words = label.rstrip(": \t").split()
    return all(word[0].isupper() for word in words) or (len(words) == 1 and is_handle(words[0]))


def _bounded(piece: str, max_chars: int) -> Iterator[str]:
    # A paragraph longer than max_chars is cut at whitespace; rare, and harmless to offsets.
    while len(piece) > max_chars:
        cut = piece.rfind(" ", 0, max_chars)
        cut = cut + 1 if cut > 0 else max_chars
        yield piece[:cut]
        piece = piece[cut:]
    if piece:
        yield piece


def parse(nlp: Language, text: str, *, batch_size: int = 64) -> Doc:
    """Parse ``text`` with ``nlp``; the result's ``text`` equals ``text`` exactly.

    BLAS runs at one thread meanwhile (see :func:`redline.nlp.blas_limited`).
    """
    with blas_limited():
        docs = list(nlp.pipe(pieces(text), batch_size=batch_size))
    if not docs:
        return nlp.make_doc(text)
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != text:  # pragma: no cover - a guard on spaCy's behaviour
        raise AssertionError("spaCy changed the text while joining parsed pieces")
    return joined


def parse_many(
    nlp: Language, texts: Iterable[str], *, n_process: int = 1, batch_size: int = 64
) -> Iterator[Doc]:
    """Parse many texts, the pieces of all of them through one ``nlp.pipe`` (several processes).

    Yields one Doc per text, in order; each Doc's text equals its input exactly.
    """
    texts = list(texts)
    owners: list[int] = []
    all_pieces: list[str] = []
    for index, text in enumerate(texts):
        for piece in pieces(text):
            owners.append(index)
            all_pieces.append(piece)
    grouped: list[list[Doc]] = [[] for _ in texts]
    with blas_limited():
        parsed = nlp.pipe(all_pieces, n_process=n_process, batch_size=batch_size)
        for owner, doc in zip(owners, parsed, strict=True):
            grouped[owner].append(doc)
    for text, docs in zip(texts, grouped, strict=True):
        yield Doc.from_docs(docs, ensure_whitespace=False) if docs else nlp.make_doc(text)
