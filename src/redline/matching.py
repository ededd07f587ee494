"""Fast multi-pattern matching of surface forms over a text, with offsets kept exact.

Text and patterns are *folded* one character to one character (case, diacritics, apostrophe
and dash variants), so an offset in the folded text is the same offset in the original. An
Aho–Corasick automaton (pyahocorasick) finds every pattern in one pass; matches must start and
end at word boundaries, and capitalised words in a pattern must be capitalised in the text
("Turkey" the state, not "turkey" the bird; "US" but not "us").

>>> matcher = SurfaceMatcher([("Kyiv", "kyiv"), ("Kiev", "kyiv")])
>>> [(m.start, m.end, m.values) for m in matcher.find("Strikes on Kiev’s centre")]
[(11, 15, ('kyiv',))]

In a language that inflects names (Russian: «Киев», «Киева», «в Киеве»), a
:class:`LemmaMatcher` finds the same patterns word by word over the parse's lemmas.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice, product

import ahocorasick

from redline.intervals import longest_first

_SPECIAL = {
    **dict.fromkeys("’‘`´ʼʹ′", "'"),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    **dict.fromkeys("\u00a0\u2009\u202f\t\n\r", " "),
    "“": '"',
    "”": '"',
    "«": '"',
    "»": '"',
}


class _FoldTable(dict[int, str]):
    """str.translate table computed lazily per code point, always one character out."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _SPECIAL.get(char)
        if folded is None:
            base = unicodedata.normalize("NFD", char)[0].lower()
            folded = base if len(base) == 1 else char
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Case- and accent-folded copy of ``text`` with exactly the same length."""
    return text.translate(_TABLE)


@dataclass(frozen=True)
class SurfaceMatch:
    start: int
    end: int
    form: str
    values: tuple[Hashable, ...]


class SurfaceMatcher:
    """Finds (form, value) patterns in texts; longest match wins where matches overlap."""

    def __init__(self, patterns: Iterable[tuple[str, Hashable]]):
        grouped: dict[str, dict[str, list[Hashable]]] = {}
        for form, value in patterns:
            form = " ".join(form.split())
            if len(form) < 2:
                continue
            grouped.setdefault(fold(form), {}).setdefault(form, []).append(value)
        self._automaton = ahocorasick.Automaton()
        for key, forms in grouped.items():
            self._automaton.add_word(key, tuple((form, tuple(v)) for form, v in forms.items()))
        if grouped:
            self._automaton.make_automaton()
        self._empty = not grouped

    def find(self, text: str) -> list[SurfaceMatch]:
        """Non-overlapping matches in document order (the longest where they overlap)."""
        if self._empty:
            return []
        folded = fold(text)
        found: list[SurfaceMatch] = []
        for last, forms in self._automaton.iter(folded):
            length = len(fold(forms[0][0]))
            start, end = last - length + 1, last + 1
            if not _at_word_boundaries(folded, start, end):
                continue
            values = tuple(
                value
                for form, vals in forms
                if _case_agrees(form, text[start:end])
                for value in vals
            )
            if values:
                found.append(SurfaceMatch(start, end, text[start:end], values))
        return _longest_first(found)


# A pattern word with more analyses than this is rare; the cap keeps a long name's product of
# alternatives small.
_MAX_KEYS_PER_PATTERN = 32


@dataclass(frozen=True)
class Word:
    """One token of a parsed text: its offsets and its lemma; ``place_name`` when the word,
    written in lower case, can only be a place's name («украину», «сша»), so that case need
    not agree for it (a scornful post writes «украина» and «сша» in lower case)."""

    start: int
    end: int
    lemma: str
    place_name: bool = False


class LemmaMatcher:
    """Finds patterns whose words are inflected in the text: each pattern word stands for
    itself and its normal forms, each text word for itself and its lemma.

    Patterns come tokenised the way the text is, so «Санкт-Петербург» is three words on both
    sides. Capitalised pattern words must be capitalised in the text, as in
    :class:`SurfaceMatcher`.

    >>> forms = {"Киев": ["киев"], "Киеве": ["киев"]}
    >>> matcher = LemmaMatcher([(["Киев"], "Киев", "kyiv")], lambda w: forms.get(w, [w]))
    >>> text = "Удар по Киеве"  # the parse gives each word a lemma
    >>> words = [Word(0, 4, "удар"), Word(5, 7, "по"), Word(8, 13, "киев")]
    >>> [(m.form, m.values) for m in matcher.find(text, words)]
    [('Киеве', ('kyiv',))]
    """

    def __init__(
        self,
        patterns: Iterable[tuple[Sequence[str], str, Hashable]],
        normal_forms: Callable[[str], Iterable[str]],
    ):
        self._patterns: dict[tuple[str, ...], dict[str, list[Hashable]]] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self._longest = 0
        for words, form, value in patterns:
            if not words:
                continue
            alternatives = [{fold(w)} | {fold(n) for n in normal_forms(w)} for w in words]
            for key in islice(product(*alternatives), _MAX_KEYS_PER_PATTERN):
                self._patterns.setdefault(key, {}).setdefault(form, []).append(value)
                self._prefixes.update(key[:n] for n in range(1, len(key) + 1))
            self._longest = max(self._longest, len(words))

    def find(self, text: str, words: Sequence[Word]) -> list[SurfaceMatch]:
        """Non-overlapping matches over ``words`` (the longest where they overlap)."""
        keys = [{fold(w.lemma), fold(text[w.start : w.end])} for w in words]
        found = []
        for first in range(len(words)):
            prefixes: list[tuple[str, ...]] = [()]
            for last in range(first, min(len(words), first + self._longest)):
                prefixes = [(*p, k) for p in prefixes for k in keys[last]]
                prefixes = [p for p in prefixes if p in self._prefixes]
                if not prefixes:
                    break
                start, end = words[first].start, words[last].end
                named = all(w.place_name for w in words[first : last + 1])
                match = self._match(text, start, end, prefixes, named)
                if match is not None:
                    found.append(match)
        return _longest_first(found)

    def _match(
        self, text: str, start: int, end: int, keys: list[tuple[str, ...]], place_name: bool
    ) -> SurfaceMatch | None:
        values: dict[Hashable, None] = {}
        for key in keys:
            for form, vals in self._patterns.get(key, {}).items():
                if place_name or _case_agrees(form, text[start:end]):
                    values.update(dict.fromkeys(vals))
        return SurfaceMatch(start, end, text[start:end], tuple(values)) if values else None


def merge_matches(*found: Iterable[SurfaceMatch]) -> list[SurfaceMatch]:
    """Matches from several matchers, one per span (their values joined), the longest first
    where they overlap."""
    by_span: dict[tuple[int, int], SurfaceMatch] = {}
    for match in (m for matches in found for m in matches):
        seen = by_span.get((match.start, match.end))
        values = tuple(dict.fromkeys((*seen.values, *match.values))) if seen else match.values
        by_span[match.start, match.end] = SurfaceMatch(match.start, match.end, match.form, values)
    return _longest_first(list(by_span.values()))


def _at_word_boundaries(folded: str, start: int, end: int) -> bool:
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    return not before.isalnum() and not after.isalnum()


def _case_agrees(pattern: str, found: str) -> bool:
    """Capitalised pattern words must be capitalised in the text; short acronyms match exactly."""
    if pattern.isupper() and len(pattern.replace(".", "")) <= 3:
        return found == pattern
    for pattern_word, found_word in zip(pattern.split(), found.split(), strict=False):
        if pattern_word[:1].isupper() and not found_word[:1].isupper():
            return False
        # Mixed-case abbreviations ("LeT", "IoT") must match exactly, or "Let us" becomes a group.
        mixed = any(c.isupper() for c in pattern_word[1:]) and not pattern_word.isupper()
        if len(pattern_word) <= 5 and mixed and pattern_word != found_word:
            return False
    return True


def _longest_first(matches: list[SurfaceMatch]) -> list[SurfaceMatch]:
    return longest_first(matches, lambda m: (m.start, m.end))
