"""The cue lexicon (``redline/data/techniques.yaml``): wording that signals a technique by itself.

A cue is a regular expression (or a word list) with the techniques it signals and the extent
of the span it marks: the match, the noun phrase around it, or its sentence(s). Matching runs
over each paragraph, so a cue may span sentences ("Trump took Maduro? Then we ..."), never
paragraphs.

>>> lexicon = CueLexicon.load()
>>> [m.cue.id for m in lexicon.find("There is no alternative but to fight.", [(0, 37)])]
['no_choice']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import Field
from spacy.tokens import Doc

from redline.data_files import DataFile, load
from redline.errors import ConfigError
from redline.techniques.taxonomy import TECHNIQUES

LEXICON_FILE = "techniques.yaml"
EXTENTS = frozenset({"match", "chunk", "sentence"})
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Cue:
    """One lexicon entry, compiled."""

    id: str
    techniques: tuple[str, ...]
    pattern: re.Pattern[str]
    extent: str
    unless: re.Pattern[str] | None = None
    near: re.Pattern[str] | None = None
    confidence: float = 0.8
    example: str = ""


@dataclass(frozen=True)
class CueMatch:
    """Where a cue fired: the span it marks ``[start, end)`` and the matched words."""

    start: int
    end: int
    cue: Cue
    matched: str


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise ConfigError(
            f"{LEXICON_FILE}: {where} is not a valid regular expression ({error}); fix the pattern"
        ) from error


def _cue(raw: dict[str, Any]) -> Cue:
    cue_id = str(raw.get("id", "?"))
    techniques = tuple(raw.get("techniques") or ())
    unknown = [t for t in techniques if t not in TECHNIQUES]
    if not techniques or unknown:
        raise ConfigError(
            f"{LEXICON_FILE}: cue {cue_id!r} names techniques {list(techniques)!r}; expected one "
            f"or more SemEval-2023 names from {sorted(TECHNIQUES)}"
        )
    extent = str(raw.get("extent", "match"))
    if extent not in EXTENTS:
        raise ConfigError(
            f"{LEXICON_FILE}: cue {cue_id!r} has extent {extent!r}; "
            f"expected one of {sorted(EXTENTS)}"
        )
    if ("pattern" in raw) == ("words" in raw):
        raise ConfigError(
            f"{LEXICON_FILE}: cue {cue_id!r} needs exactly one of `pattern` or `words`"
        )
    source = (
        raw["pattern"] if "pattern" in raw else r"\b(?:" + "|".join(map(str, raw["words"])) + r")\b"
    )
    return Cue(
        id=cue_id,
        techniques=techniques,
        pattern=_compile(source, f"cue {cue_id!r}"),
        extent=extent,
        unless=_compile(raw["unless"], f"`unless` of {cue_id!r}") if raw.get("unless") else None,
        near=_compile(raw["near"], f"`near` of {cue_id!r}") if raw.get("near") else None,
        confidence=float(raw.get("confidence", 0.8)),
        example=str(raw.get("example", "")),
    )


class CueLexicon:
    """The compiled cues and the hints that split the merged PTC classes."""

    def __init__(self, data: dict[str, Any]):
        self.version = int(data.get("version", 1))
        self.cues = tuple(_cue(raw) for raw in data.get("cues") or ())
        ids = [c.id for c in self.cues]
        duplicated = sorted({i for i in ids if ids.count(i) > 1})
        if duplicated:
            raise ConfigError(
                f"{LEXICON_FILE}: cue ids {duplicated} are used twice; ids must be unique"
            )
        self.hints: dict[str, re.Pattern[str]] = {}
        for name, pattern in (data.get("merged_class_hints") or {}).items():
            if name not in TECHNIQUES:
                raise ConfigError(
                    f"{LEXICON_FILE}: merged_class_hints names {name!r}, "
                    "not a SemEval-2023 technique"
                )
            self.hints[name] = _compile(pattern, f"hint for {name!r}")

    @classmethod
    def load(cls, language: str = "en") -> CueLexicon:
        """The lexicon shipped in ``redline/data`` for ``language`` (``techniques.yaml`` for
        English, ``ru/techniques.yaml`` for Russian; parsed once per process)."""
        return _shipped(lexicon_file(language))

    def find(
        self, text: str, sentences: Sequence[tuple[int, int]], doc: Doc | None = None
    ) -> list[CueMatch]:
        """Every cue match whose start lies inside one of ``sentences`` (``(start, end)`` pairs)."""
        sentences = sorted(sentences)
        starts = [s for s, _ in sentences]
        chunks = _noun_chunks(doc)
        found: list[CueMatch] = []
        for paragraph in _PARAGRAPH.finditer(text):
            block = paragraph.group()
            for cue in self.cues:
                for match in cue.pattern.finditer(block):
                    start, end = paragraph.start() + match.start(), paragraph.start() + match.end()
                    hit = _extent(cue, start, end, text, sentences, starts, chunks)
                    if hit is not None:
                        found.append(CueMatch(hit[0], hit[1], cue, match.group()))
        return sorted(found, key=lambda m: (m.start, m.end, m.cue.id))

    def split_merged(self, candidates: Sequence[str], text: str) -> str:
        """The member of a merged PTC class whose hint occurs in ``text`` (else the first)."""
        for name in candidates:
            hint = self.hints.get(name)
            if hint is not None and hint.search(text):
                return name
        return candidates[0]


def _sentence_at(
    offset: int, sentences: Sequence[tuple[int, int]], starts: list[int]
) -> int | None:
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and offset < sentences[index][1]:
        return index
    return None


def _extent(
    cue: Cue,
    start: int,
    end: int,
    text: str,
    sentences: Sequence[tuple[int, int]],
    starts: list[int],
    chunks: Sequence[tuple[int, int]],
) -> tuple[int, int] | None:
    first = _sentence_at(start, sentences, starts)
    if first is None:
        return None
    last = _sentence_at(max(start, end - 1), sentences, starts)
    last = first if last is None else last
    touched = text[sentences[first][0] : sentences[last][1]]
    if cue.unless is not None and cue.unless.search(touched):
        return None
    if cue.near is not None:
        own = text[sentences[first][0] : start] + " " + text[end : sentences[last][1]]
        if cue.near.search(own) is None:
            following = last + 1
            if following >= len(sentences) or not cue.near.search(
                text[slice(*sentences[following])]
            ):
                return None
            last = following
    if cue.extent == "sentence":
        return _strip(text, sentences[first][0], sentences[last][1])
    if cue.extent == "chunk":
        for chunk_start, chunk_end in chunks:
            if chunk_start <= start < chunk_end or chunk_start < end <= chunk_end:
                return min(start, chunk_start), max(end, chunk_end)
    return _strip(text, start, end)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class TechniqueCueItem(DataFile):
    """One cue as written; :func:`_cue` checks the names, the extent and the patterns."""

    id: str
    techniques: list[str]
    pattern: str | None = None
    words: list[str] | None = None
    extent: str = "match"
    unless: str | None = None
    near: str | None = None
    confidence: float = 0.8
    example: str = ""


class TechniquesFile(DataFile):
    """``data/techniques.yaml``: the cues and the hints that split merged PTC classes."""

    version: int
    cues: list[TechniqueCueItem]
    merged_class_hints: dict[str, str] = Field(default_factory=dict)


def lexicon_file(language: str) -> str:
    """The data file of ``language``'s cues (English's is the unprefixed one)."""
    return LEXICON_FILE if language == "en" else f"{language}/{LEXICON_FILE}"


def _noun_chunks(doc: Doc | None) -> list[tuple[int, int]]:
    if doc is None:
        return []
    try:
        return sorted((c.start_char, c.end_char) for c in doc.noun_chunks)
    except NotImplementedError:
        # spaCy has no noun-chunk iterator for Russian: a `chunk` cue marks its match there.
        return []


@cache
def _shipped(name: str = LEXICON_FILE) -> CueLexicon:
    # Validated for shape here; CueLexicon checks what a schema cannot (names, regexes, ids).
    return CueLexicon(load(name, TechniquesFile).model_dump(exclude_none=True))
