"""Reader comments: where the comment section begins, and where each comment in it begins.

The section is found by the first of these that holds, strongest evidence first:
1. a region the reader already found (HTML pages: ``metadata.extra["regions"]``);
2. an explicit opener line ("12 Comments", "Leave a reply");
3. a run of two or more blank lines, longer than the text's usual paragraph gap, after which
   the text changes voice (first person singular, exclamations, addressing the article, no more
   speaker labels, comment furniture) -- the way pasted pages and transcripts end;
4. a cluster of comment headers ("name · 3 hours ago") and "Reply" lines near the end.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from redline.document import Document
from redline.structure.cues import StructureCues, normalise_apostrophes
from redline.structure.rules import Finding, Line, is_handle, split_lines

OPENER_MAX_WORDS = 12
MIN_ARTICLE_WORDS = 20
VOICE_THRESHOLD = 3
MAX_BLANK_RUNS = 20
_HANDLE = re.compile(r"(?:^|\s)@[\w.]{2,30}\b")
_AUTHOR = r"(?P<author>@?[^\s:,;!?()]{1,30}(?:\s+[^\s:,;!?()]{1,30}){0,3}?)"
_COLON_AUTHOR = re.compile(
    r"^(?P<author>@[\w.]{2,30}|[^\W\d_][\w.'\-]*(?:\s+[^\W\d_][\w.'\-]*){0,2}):(?:\s|$)"
)


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    rule: str
    confidence: float


@dataclass(frozen=True)
class Header:
    author: str
    timestamp: str | None
    size: int  # lines the header occupies


def find_region(
    document: Document,
    lines: Sequence[Line],
    cues: StructureCues,
    has_label: Callable[[Line], bool],
    is_apparatus: Callable[[Line], bool],
) -> Region | None:
    """The reader-comment section of ``document``, if it has one."""
    return (
        _from_reader(document)
        or _from_opener(lines, cues)
        or _from_blank_run(lines, cues, has_label, is_apparatus)
        or _from_headers(lines, cues)
    )


def _from_reader(document: Document) -> Region | None:
    regions = document.metadata.extra.get("regions")
    for region in regions if isinstance(regions, list) else []:
        if not isinstance(region, dict) or region.get("kind") != "comments":
            continue
        start, end = region.get("start"), region.get("end")
        if (
            isinstance(start, int)
            and isinstance(end, int)
            and 0 <= start < end <= len(document.text)
        ):
            return Region(start, end, "comments.reader_region", 0.95)
    return None


def is_opener(line: Line, cues: StructureCues) -> bool:
    normal = normalise_apostrophes(line.text)
    return line.words <= OPENER_MAX_WORDS and any(p.match(normal) for p in cues.comment_openers)


def _from_opener(lines: Sequence[Line], cues: StructureCues) -> Region | None:
    words = 0
    for line in lines[:-1]:
        if words >= MIN_ARTICLE_WORDS and is_opener(line, cues):
            return Region(line.start, lines[-1].end, "comments.opener", 0.9)
        words += line.words
    return None


def _from_blank_run(
    lines: Sequence[Line],
    cues: StructureCues,
    has_label: Callable[[Line], bool],
    is_apparatus: Callable[[Line], bool],
) -> Region | None:
    best: tuple[int, int] | None = None
    for index in _blank_runs(lines):
        score = _voice_shift(lines[:index], lines[index:], cues, has_label, is_apparatus)
        if score >= VOICE_THRESHOLD and (best is None or score > best[0]):
            best = (score, index)
    if best is None:
        return None
    score, index = best
    confidence = min(0.5 + 0.08 * score, 0.85)
    return Region(lines[index].start, lines[-1].end, "comments.blank_run_voice_shift", confidence)


def _blank_runs(lines: Sequence[Line]) -> list[int]:
    """Lines after two or more blank lines, where the text's paragraphs are closer together.

    Only the last few are weighed: comments end a text, and each weighing reads the whole tail.
    """
    found, words = [], 0
    for index, line in enumerate(lines):
        if index and words >= MIN_ARTICLE_WORDS and line.gap >= 3:
            found.append(index)
        words += line.words
    found = found[-MAX_BLANK_RUNS:]
    return [index for index in found if lines[index].gap > _usual_gap(lines[1:index])]


def _usual_gap(lines: Sequence[Line]) -> float:
    return statistics.median(line.gap for line in lines) if lines else 1.0


def _voice_shift(
    before: Sequence[Line],
    after: Sequence[Line],
    cues: StructureCues,
    has_label: Callable[[Line], bool],
    is_apparatus: Callable[[Line], bool],
) -> int:
    """How many signs say the text after a blank run is in other voices than the text before."""
    article, tail = _joined(before), _joined(after)
    tail_words = max(len(tail.split()), 1)
    if tail_words > len(article.split()) and not _has_furniture(after, cues):
        return 0  # a long tail without comment furniture is more likely the article going on
    signs = [
        2 * _has_furniture(after, cues),
        _rate(tail, "!") > 2 * _rate(article, "!") and "!" in tail,
        _rate_rx(tail, cues.first_singular) > 1.5 * _rate_rx(article, cues.first_singular) + 0.002,
        bool(cues.reader_address.search(tail)),
        any(has_label(line) for line in before) and not any(has_label(line) for line in after),
        is_apparatus(before[-1]),
    ]
    return sum(int(sign) for sign in signs)


def _joined(lines: Sequence[Line]) -> str:
    return normalise_apostrophes("\n".join(line.text for line in lines))


def _rate(text: str, char: str) -> float:
    return text.count(char) / max(len(text.split()), 1)


def _rate_rx(text: str, pattern: re.Pattern[str]) -> float:
    return len(pattern.findall(text)) / max(len(text.split()), 1)


def _has_furniture(lines: Sequence[Line], cues: StructureCues) -> bool:
    return any(
        is_ui_line(line.text, cues) or header_at(lines, i, cues) or _HANDLE.match(line.text)
        for i, line in enumerate(lines)
    )


def _from_headers(lines: Sequence[Line], cues: StructureCues) -> Region | None:
    headers = [i for i in range(len(lines)) if header_at(lines, i, cues)]
    ui_lines = sum(is_ui_line(line.text, cues) for line in lines)
    if len(headers) < 2 or (ui_lines == 0 and len(headers) < 3):
        return None
    first = headers[0]
    if sum(line.words for line in lines[:first]) >= MIN_ARTICLE_WORDS:
        return Region(lines[first].start, lines[-1].end, "comments.header_cluster", 0.8)
    # No article above: a thread of posts, each opened by a "Posted by NAME" header.
    forum = [i for i in headers if _forum_header(lines[i].text, cues)]
    if len(forum) >= 2 and first in forum:
        return Region(lines[first].start, lines[-1].end, "comments.forum_thread", 0.8)
    return None


# -- comment furniture ---------------------------------------------------------------------------


def is_ui_line(text: str, cues: StructureCues) -> bool:
    """A line made only of comment-widget words: "Reply", "Like · Reply · 3", "12 likes"."""
    words = re.findall(r"[^\W\d_]+|\d+", text.lower())
    return (
        0 < len(text) <= 40
        and any(w.isalpha() for w in words)
        and all(w.isdigit() or w in cues.comment_ui_words for w in words)
    )


@cache
def _header_patterns(cues: StructureCues) -> tuple[re.Pattern[str], ...]:
    stamp = rf"(?P<ts>{cues.timestamp.pattern})"
    verbs = "|".join(sorted(cues.comment_header_verbs))
    return tuple(
        re.compile(p, re.IGNORECASE)
        for p in (
            rf"^{_AUTHOR}\s+(?:{verbs})\s*:?$",
            rf"^{_AUTHOR}\s*(?:[·•|,\u2013\u2014\-]|\bon\b)\s*{stamp}(?:\s*[·•|].*)?$",
            rf"^{_AUTHOR}\s+{stamp}$",
            r"^@(?P<author>[\w.]{2,30})$",
        )
    )


def _forum_header(text: str, cues: StructureCues) -> bool:
    lead = _lead_pattern(cues)
    return lead is not None and lead.match(normalise_apostrophes(text)) is not None


@cache
def _lead_pattern(cues: StructureCues) -> re.Pattern[str] | None:
    """A forum post's header: "Posted by NAME", then optionally "on"/"·"/"," and a timestamp."""
    if not cues.comment_header_leads:
        return None
    leads = "|".join(re.escape(lead).replace(r"\ ", r"\s+") for lead in cues.comment_header_leads)
    stamp = rf"(?P<ts>{cues.timestamp.pattern})"
    return re.compile(
        rf"^(?:{leads})\s+{_AUTHOR}(?:\s*(?:[·•|,\u2013\u2014\-]|\bon\b|\bat\b)\s*{stamp})?\s*:?$",
        re.IGNORECASE,
    )


def header_at(lines: Sequence[Line], index: int, cues: StructureCues) -> Header | None:
    """The comment header starting at ``lines[index]`` (one line, or a name over a timestamp)."""
    text = normalise_apostrophes(lines[index].text)
    if is_ui_line(text, cues):
        return None
    lead = _lead_pattern(cues)
    match = lead.match(text) if lead is not None else None
    if match and _plausible_author(match.group("author"), cues):
        return Header(match.group("author").lstrip("@"), match.group("ts"), 1)
    for pattern in _header_patterns(cues):
        match = pattern.match(text)
        if match and _plausible_author(match.group("author"), cues):
            return Header(match.group("author").lstrip("@"), match.groupdict().get("ts"), 1)
    following = lines[index + 1].text if index + 1 < len(lines) else ""
    if following and cues.timestamp.fullmatch(following.strip()) and _name_line(text, cues):
        return Header(text.lstrip("@"), following.strip(), 2)
    return None


def _plausible_author(author: str, cues: StructureCues) -> bool:
    return not is_ui_line(author, cues) and not author.isdigit() and len(author) <= 40


def _name_line(text: str, cues: StructureCues) -> bool:
    return (
        len(text.split()) <= 4
        and not text.endswith((".", "!", "?", ",", ";", ":"))
        and _plausible_author(text, cues)
        and not cues.timestamp.fullmatch(text)
    )


# -- splitting the section into comments -------------------------------------------------------


def split_comments(text: str, region: Region, cues: StructureCues) -> list[Finding]:
    """One finding per comment: by headers, else by "Reply" lines, else by paragraph or line."""
    lines = split_lines(text, region.start, region.end)
    if lines and is_opener(lines[0], cues):
        lines = lines[1:]
    headers = {i: h for i in range(len(lines)) if (h := header_at(lines, i, cues))}
    if headers:
        groups = _by_headers(lines, headers)
    elif any(is_ui_line(line.text, cues) for line in lines):
        groups = _by_markers(lines, cues)
    else:
        groups = _by_paragraphs(lines)
    return [f for index, group in enumerate(groups) for f in _comment(index, *group, cues=cues)]


Group = tuple[list[Line], Header | None, str]


def _by_headers(lines: Sequence[Line], headers: dict[int, Header]) -> list[Group]:
    groups: list[Group] = []
    skip = 0
    for index, line in enumerate(lines):
        if skip:
            skip -= 1
            groups[-1][0].append(line)
        elif index in headers:
            groups.append(([line], headers[index], "comment.header"))
            skip = headers[index].size - 1
        elif groups:
            groups[-1][0].append(line)
        else:
            groups.append(([line], None, "comment.before_headers"))
    return groups


def _by_markers(lines: Sequence[Line], cues: StructureCues) -> list[Group]:
    groups: list[Group] = []
    open_group = False
    for line in lines:
        if is_ui_line(line.text, cues):
            if open_group:
                groups[-1][0].append(line)
            open_group = False
        elif open_group:
            groups[-1][0].append(line)
        else:
            groups.append(([line], None, "comment.reply_marker"))
            open_group = True
    return groups


def _by_paragraphs(lines: Sequence[Line]) -> list[Group]:
    if any(line.gap >= 2 for line in lines[1:]):
        groups: list[Group] = []
        for line in lines:
            if not groups or line.gap >= 2:
                groups.append(([line], None, "comment.paragraph"))
            else:
                groups[-1][0].append(line)
        return groups
    return [([line], None, "comment.line") for line in lines]


def _comment(
    index: int, lines: list[Line], header: Header | None, rule: str, cues: StructureCues
) -> list[Finding]:
    """The comment, and the "Name:" that opens it where that names its author: a label, as a
    speaker's in a transcript, that no sentence of the comment includes («Игорь: Смерть
    оккупантам!» is a slogan that opens its sentence)."""
    attrs: dict[str, Any] = {"index": index}
    body = lines[header.size :] if header else lines
    author = header.author if header else _colon_author(lines[0].text, cues)
    found = []
    if author:
        attrs["author"] = author
        if not header:
            label_end = lines[0].start + lines[0].text.index(":") + 1
            found.append(
                Finding(lines[0].start, label_end, "comment_label", "comment.colon_author", 0.6,
                        {"author": author})
            )  # fmt: skip
    if header and header.timestamp:
        attrs["timestamp"] = header.timestamp
    reply = re.match(r"@([\w.]{2,30})", body[0].text) if body else None
    if reply:
        attrs["reply_to"] = reply.group(1)
    confidence = {"comment.header": 0.85, "comment.reply_marker": 0.75}.get(rule, 0.6)
    return [Finding(lines[0].start, lines[-1].end, "comment", rule, confidence, attrs), *found]


def _colon_author(text: str, cues: StructureCues) -> str | None:
    """The author of a comment opening "Mike: well said", or a line "Mike:" over it (never of
    "Note: ...")."""
    match = _COLON_AUTHOR.match(normalise_apostrophes(text))
    if not match:
        return None
    author = match.group("author")
    if author.lower() in cues.not_speakers:
        return None
    if not (author[0] == "@" or author[0].isupper() or is_handle(author)):
        return None
    return author.lstrip("@")
