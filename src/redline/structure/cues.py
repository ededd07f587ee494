"""The cue lists of the structure analyzer, read once from ``data/structure.yaml``.

The YAML holds words and regular expressions; this module validates them and compiles them
into :class:`StructureCues`. Two placeholders may appear in the YAML patterns: ``NAME`` (one
capitalised personal name of one to four words) and ``NAMES`` (several, joined by "and" or
"&"); both stay case-sensitive inside otherwise case-insensitive patterns.

>>> cues = load_cues()
>>> cues.role_speakers["q"]
'Q'
>>> iso_date(cues.date.search("Posted on 21 May 2025"))
'2025-05-21'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from redline.data_files import DataFile, parse
from redline.dates import iso_day
from redline.errors import ConfigError

# Capitals of Latin-1, Latin Extended-A (whose cases alternate) and Cyrillic.
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f\u0400-\u042f\u0490"
_TOKEN = rf"[{_UPPER}][\w'\u2019\-]*\.?"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def normalise_apostrophes(text: str) -> str:
    """``text`` with typographic apostrophes as ``'``; the length is unchanged."""
    return text.translate(_APOSTROPHES)


@dataclass(frozen=True, eq=False)  # hashed by identity, so that derived patterns can be cached
class StructureCues:
    """Compiled cues; every pattern is case-insensitive except the names inside it."""

    version: str
    role_speakers: Mapping[str, str]
    answer_roles: frozenset[str]
    not_speakers: frozenset[str]
    name_particles: frozenset[str]
    intro: tuple[re.Pattern[str], ...]
    byline: tuple[re.Pattern[str], ...]
    notes: tuple[tuple[re.Pattern[str], str], ...]
    translation: tuple[re.Pattern[str], ...]
    languages: Mapping[str, str]
    adverts: tuple[re.Pattern[str], ...]
    promo_author: re.Pattern[str]
    bio: re.Pattern[str]
    comment_openers: tuple[re.Pattern[str], ...]
    comment_ui_words: frozenset[str]
    comment_header_verbs: frozenset[str]
    timestamp: re.Pattern[str]
    reader_address: re.Pattern[str]
    stage_words: frozenset[str]
    stage_heads: frozenset[str]
    footnote_exclusions: frozenset[str]
    date: re.Pattern[str]
    dateline_line: re.Pattern[str]
    dateline_prefix: re.Pattern[str]
    months: Mapping[str, int]
    wire_datelines: tuple[re.Pattern[str], ...] = ()
    furniture: tuple[tuple[re.Pattern[str], str], ...] = ()
    kicker_words: frozenset[str] = frozenset()
    comment_header_leads: tuple[str, ...] = ()
    signatures: tuple[re.Pattern[str], ...] = ()
    first_singular: re.Pattern[str] = re.compile(r"\bI\b")


def load_cues(path: str | Path | None = None) -> StructureCues:
    """The cues in ``path``, or the packaged ``data/structure.yaml`` (read once per process)."""
    if path is None:
        return _packaged()
    return _from_text(Path(path).read_text(encoding="utf-8"), str(path))


@cache
def _packaged() -> StructureCues:
    source = resources.files("redline") / "data" / "structure.yaml"
    return _from_text(source.read_text(encoding="utf-8"), "redline/data/structure.yaml")


def _from_text(text: str, source: str) -> StructureCues:
    return _compile(parse(text, StructureFile, source), source)


class PatternKind(DataFile):
    """A pattern and the kind of block it marks (a note's, a piece of furniture's)."""

    pattern: str
    kind: str


class StructureFile(DataFile):
    """``data/structure.yaml``: every cue word and pattern of the structure layer."""

    version: str
    role_speakers: dict[str, str]
    answer_roles: list[str]
    not_speakers: list[str]
    name_particles: list[str]
    intro_patterns: list[str]
    byline_patterns: list[str]
    signature_patterns: tuple[str, ...] = ()
    note_patterns: list[PatternKind]
    translation_patterns: list[str]
    languages: dict[str, str]
    advert_patterns: list[str]
    furniture_patterns: tuple[PatternKind, ...] = ()
    kicker_words: tuple[str, ...] = ()
    bio_roles: list[str]
    comment_openers: list[str]
    comment_ui_words: list[str]
    comment_header_verbs: list[str]
    comment_header_leads: tuple[str, ...] = ()
    timestamp_patterns: list[str]
    reader_address: list[str]
    stage_direction_words: list[str]
    stage_direction_heads: list[str]
    footnote_exclusions: list[str]
    first_singular: tuple[str, ...] = ()
    wire_datelines: tuple[str, ...] = ()
    dateline_keywords: list[str]
    dateline_trailers: tuple[str, ...] = ()
    months: dict[str, int]


def _compile(raw: StructureFile, source: str) -> StructureCues:
    months = {str(k).lower(): int(v) for k, v in raw.months.items()}
    date_rx = _date_pattern(months)

    def words(items: Sequence[Any]) -> frozenset[str]:
        return _lower_set(items)

    return StructureCues(
        version=raw.version,
        role_speakers={str(k).lower(): str(v) for k, v in raw.role_speakers.items()},
        answer_roles=words(raw.answer_roles),
        not_speakers=frozenset(normalise_apostrophes(w) for w in words(raw.not_speakers)),
        name_particles=words(raw.name_particles),
        intro=_patterns(raw.intro_patterns, source),
        byline=_patterns(raw.byline_patterns, source),
        notes=tuple((_pattern(n.pattern, source), n.kind) for n in raw.note_patterns),
        translation=_patterns(raw.translation_patterns, source),
        languages={str(k).lower(): str(v) for k, v in raw.languages.items()},
        adverts=_patterns(raw.advert_patterns, source),
        promo_author=_pattern(r"(?P<author>NAME)'s\b", source),
        bio=_pattern(
            rf"^(?P<name>NAME)\s+is\s+(?:a|an|the)\b.*?\b(?:{_alternation(raw.bio_roles)})\b",
            source,
        ),
        comment_openers=_patterns(raw.comment_openers, source),
        comment_ui_words=words(raw.comment_ui_words),
        comment_header_verbs=words(raw.comment_header_verbs),
        timestamp=_pattern(f"(?:{'|'.join(raw.timestamp_patterns)}|{date_rx}{_TIME})", source),
        reader_address=_pattern(rf"\b(?:{_alternation(raw.reader_address)})\b", source),
        stage_words=words(raw.stage_direction_words),
        stage_heads=words(raw.stage_direction_heads),
        footnote_exclusions=words(raw.footnote_exclusions),
        date=_pattern(date_rx, source),
        dateline_line=_pattern(
            _dateline_line(raw.dateline_keywords, date_rx, raw.dateline_trailers), source
        ),
        dateline_prefix=_pattern(_dateline_prefix(raw.dateline_keywords, date_rx), source),
        months=months,
        # Case matters: a wire dateline's place is in capitals.
        wire_datelines=tuple(re.compile(p) for p in raw.wire_datelines),
        furniture=tuple((_pattern(f.pattern, source), f.kind) for f in raw.furniture_patterns),
        kicker_words=words(raw.kicker_words),
        comment_header_leads=tuple(sorted(words(raw.comment_header_leads))),
        signatures=_patterns(raw.signature_patterns, source),
        # English "I" only in capitals: a lower-case "i" is as often a list marker or a typo.
        first_singular=re.compile(
            rf"\bI\b|\b(?i:{_alternation(raw.first_singular)})\b"
            if raw.first_singular
            else r"\bI\b"
        ),
    )


def _lower_set(items: Sequence[str]) -> frozenset[str]:
    return frozenset(item.lower() for item in items)


def _alternation(items: Sequence[Any]) -> str:
    ordered = sorted({str(item) for item in items}, key=lambda item: (-len(item), item))
    return "|".join(re.escape(item).replace(r"\ ", r"\s+") for item in ordered)


def _expand(pattern: str) -> str:
    name = rf"(?-i:{_TOKEN}(?:\s+(?:(?:PARTICLES)\s+)*{_TOKEN}){{0,3}})"
    names = rf"{name}(?:\s+(?:and|&|и)\s+{name})*"
    return pattern.replace("NAMES", names).replace("NAME", name)


def _pattern(pattern: str, source: str) -> re.Pattern[str]:
    expanded = _expand(pattern).replace("PARTICLES", "de|da|di|del|der|van|von|bin|ibn|al|el|la|le")
    try:
        return re.compile(expanded, re.IGNORECASE)
    except re.error as error:
        raise ConfigError(
            f"{source}: pattern {pattern!r} is not a valid regular expression ({error}); fix it"
        ) from error


def _patterns(patterns: Sequence[str], source: str) -> tuple[re.Pattern[str], ...]:
    return tuple(_pattern(str(p), source) for p in patterns)


# -- dates ---------------------------------------------------------------------------------------

_TIME = (
    r"(?:,?\s*(?:at\s+|в\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*(?-i:[A-Z]{2,4}))?"
    r"|T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
# "5 декабря 2025 г." / "5 декабря 2025 года": the Russian year word after the year.
_YEAR_WORD = r"(?:\s*(?:г\.|года\b|г\b))?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+"


def _date_pattern(months: Mapping[str, int]) -> str:
    month = rf"(?:{_alternation(list(months))})\.?"
    return (
        rf"(?:{_WEEKDAY})?(?:"
        r"(?P<y1>\d{4})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})(?!\d)"
        rf"|(?P<m2>{month})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}}){_YEAR_WORD}"
        rf"|(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m3>{month}),?\s+(?P<y3>\d{{4}})"
        rf"{_YEAR_WORD}"
        r"|(?P<d4>\d{1,2})\.(?P<m4>\d{1,2})\.(?P<y4>\d{4}))"
    )


def _dateline_line(keywords: Sequence[str], date_rx: str, trailers: Sequence[str] = ()) -> str:
    """A whole line that is a date, perhaps after "Published", "Date:" or a place ("Moscow, "),
    perhaps followed by when it was updated ("Updated 2 hours ago")."""
    update = rf"(?:\s*[|\u00b7\u2022]?\s*(?:{_alternation(trailers)})\b[^\n]*)?" if trailers else ""
    return (
        rf"^(?:(?:{_alternation(keywords)})\s*[:\-\u2013\u2014]?\s*"
        rf"|(?-i:[{_UPPER}][\w .'\u2019\-]{{1,30}}),\s*)?"
        rf"{date_rx}{_TIME}{update}\s*$"
    )


def _dateline_prefix(keywords: Sequence[str], date_rx: str) -> str:
    """A date opening a line: after a keyword, as ISO, or before a dash (wire style).

    Which of these it is decides whether it counts (see
    ``redline.structure.head.leading_dateline``).
    """
    return (
        rf"^(?:(?P<keyword>{_alternation(keywords)})\s*[:\-\u2013\u2014]?\s*"
        rf"|(?P<place>(?-i:[{_UPPER}][{_UPPER} .'\u2019\-]{{1,30}})),\s*)?"
        rf"(?P<date>{date_rx}{_TIME})"
        r"(?P<separator>\s*(?:\([^)\n]{1,40}\)\s*)?[\u2014\u2013\-|:](?=\s))?"
    )


def month_day(text: str, cues: StructureCues) -> tuple[int, int] | None:
    """The (month, day) of a date written without its year ("5 декабря", "March 3"), or None.

    A wire dateline often gives no year: the day is still worth keeping, and the year may come
    from the document's metadata.
    """
    match = _month_day_pattern(cues).search(text)
    if match is None:
        return None
    name = (match.group("m1") or match.group("m2")).lower().rstrip(".")
    day = int(match.group("d1") or match.group("d2"))
    month = cues.months.get(name, 0)
    return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


@cache
def _month_day_pattern(cues: StructureCues) -> re.Pattern[str]:
    # The name must end there: "5 мар" is a date, "5 маршрутов" is not.
    month = rf"(?:{_alternation(list(cues.months))})\.?(?![^\W\d_])"
    return re.compile(
        rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{month})|(?P<m2>{month})\s+(?P<d2>\d{{1,2}}))(?!\d)",
        re.IGNORECASE,
    )


def iso_date(match: re.Match[str] | None, months: Mapping[str, int] | None = None) -> str | None:
    """The ISO form of a date matched by :attr:`StructureCues.date`, or None if it is invalid."""
    if match is None:
        return None
    months = months if months is not None else load_cues().months
    groups = match.groupdict()
    for index in "1234":
        year, month, day = (groups.get(f"{part}{index}") for part in "ymd")
        if year and month and day:
            number = int(month) if month.isdigit() else months.get(month.lower().rstrip("."), 0)
            # The month's name is the cue file's (any language); the calendar is redline.dates'.
            return iso_day(f"{int(year):04d}-{number:02d}-{int(day):02d}")
    return None
