"""Candidate spans for the span-identification model, from a spaCy parse.

A persuasion technique in PTC is most often a whole sentence (Doubt, Appeal to Fear), a clause
(Causal Oversimplification), a noun phrase (Name Calling) or a single charged word (Loaded
Language). Every sentence therefore proposes:

1. the sentence itself;
2. each clause: the subtree of a verb heading a main, complement, adverbial, relative or
   conjoined clause, when it is shorter than the sentence and has at least three tokens;
3. each content word (adjective, adverb, noun, verb, proper noun) that is not a stop word;
4. each noun chunk, without a leading determiner.

Edges are trimmed of the characters PTC annotations never start or end with (space, newline,
``.``, ``,``, ``:``, ``;``). On PTC train, 84% of gold spans have a candidate with character
Jaccard >= 0.5. The same function builds candidates at training and at run time.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import ahocorasick
from spacy.tokens import Doc, Span, Token

from redline.techniques.features import SpanItem, normalise

_EDGE = frozenset(" \n\t\r.,:;")
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "conj", "relcl", "xcomp", "acl", "pcomp"})
_CONTENT_POS = frozenset({"ADJ", "ADV", "NOUN", "VERB", "PROPN"})
MAX_NGRAM_REPEAT = 4


@dataclass(frozen=True)
class Candidate:
    """A candidate span ``[start, end)`` of one of the four kinds, and its scoring item."""

    start: int
    end: int
    kind: str
    item: SpanItem


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past edge characters PTC spans never begin or end with."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def word_counts(doc: Doc) -> Counter[str]:
    """Counts of every lower-cased word n-gram (n <= 4, punctuation skipped) of the document."""
    words = [t.lower_ for t in doc if not t.is_space and not t.is_punct]
    counts: Counter[str] = Counter()
    for n in range(1, MAX_NGRAM_REPEAT + 1):
        for i in range(len(words) - n + 1):
            counts[" ".join(words[i : i + n])] += 1
    return counts


def repeats_in(text: str, span_text: str) -> int:
    """How many *other* times the span's normalised text occurs in ``text`` (whole words)."""
    needle = normalise(span_text)
    if len(needle) < 2:
        return 0
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    return max(0, len(pattern.findall(text.lower())) - 1)


def repeat_counts(text: str, span_texts: Sequence[str]) -> list[int]:
    """``[repeats_in(text, t) for t in span_texts]``, reading the text once for all of them.

    One search of the whole text per span made a document's spans cost its length squared;
    an Aho-Corasick pass finds every occurrence of every span's text at once, and each
    occurrence is then counted as :func:`repeats_in`'s regular expression would count it.
    """
    needles = {needle for t in span_texts if len(needle := normalise(t)) >= 2}
    lowered = text.lower()
    found: dict[str, list[int]] = {needle: [] for needle in needles}
    if needles:
        automaton = ahocorasick.Automaton()
        for needle in needles:
            automaton.add_word(needle, needle)
        automaton.make_automaton()
        for last, needle in automaton.iter(lowered):
            found[needle].append(last - len(needle) + 1)
    counts = {needle: _whole_words(lowered, needle, starts) for needle, starts in found.items()}
    return [max(0, counts.get(normalise(t), 1) - 1) for t in span_texts]


_WORD = re.compile(r"\w")


def _whole_words(text: str, needle: str, starts: list[int]) -> int:
    """How many matches ``re.findall`` makes of needle between non-word characters: the
    leftmost first, none overlapping."""
    count, free = 0, 0
    for start in starts:
        end = start + len(needle)
        if start < free or (start > 0 and _WORD.match(text, start - 1)) or _WORD.match(text, end):
            continue
        count, free = count + 1, end
    return count


def _proposals(
    doc: Doc, sentence: Span, chunks: Sequence[Span]
) -> Iterator[tuple[int, int, str, Token, Token]]:
    tokens = [t for t in sentence if not t.is_space]
    if not tokens:
        return
    yield sentence.start_char, sentence.end_char, "sent", tokens[0], tokens[-1]
    for token in sentence:
        if token.pos_ in ("VERB", "AUX") and token.dep_ in _CLAUSE_DEPS:
            subtree = [t for t in token.subtree if sentence.start <= t.i < sentence.end]
            if 3 <= len(subtree) < len(tokens):
                first, last = subtree[0], subtree[-1]
                yield first.idx, last.idx + len(last), "clause", first, last
        if token.pos_ in _CONTENT_POS and not token.is_stop:
            yield token.idx, token.idx + len(token), "tok", token, token
    for chunk in chunks:
        begin = chunk.start + (1 if chunk[0].pos_ == "DET" and len(chunk) > 1 else 0)
        phrase = doc[begin : chunk.end]
        yield phrase.start_char, phrase.end_char, "np", phrase[0], phrase[-1]


def candidates(
    doc: Doc,
    sentences: Iterable[tuple[int, int]],
    *,
    title_end: int = 0,
    counts: Counter[str] | None = None,
) -> list[Candidate]:
    """Candidate spans of the sentences ``[(start, end), ...]`` of a parsed document.

    ``title_end`` marks the end of a title line (candidates before it get the ``title`` term);
    ``counts`` are the document's :func:`word_counts` (computed when not given).
    """
    text = doc.text
    counts = word_counts(doc) if counts is None else counts
    found: dict[tuple[int, int], Candidate] = {}
    # Span.noun_chunks walks the whole document each time: collect the chunks once.
    all_chunks = list(doc.noun_chunks) if doc.has_annotation("DEP") else []
    chunk_starts = [c.start for c in all_chunks]
    for sent_start, sent_end in sentences:
        sentence = doc.char_span(sent_start, sent_end, alignment_mode="expand")
        if sentence is None or len(sentence) == 0:
            continue
        context = text[sent_start:sent_end].strip()
        low = bisect.bisect_left(chunk_starts, sentence.start)
        high = bisect.bisect_left(chunk_starts, sentence.end)
        chunks = [c for c in all_chunks[low:high] if c.end <= sentence.end]
        for raw_start, raw_end, kind, first, last in _proposals(doc, sentence, chunks):
            start, end = trim(text, raw_start, raw_end)
            if end - start < 2 or (start, end) in found:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            words = [t.lower_ for t in span if not t.is_space and not t.is_punct] if span else []
            n_words = len(words)
            repeats = counts.get(" ".join(words), 1) - 1 if 0 < n_words <= MAX_NGRAM_REPEAT else 0
            item = SpanItem(
                text=text[start:end],
                context=context,
                repeats=max(0, repeats),
                in_title=start < title_end,
                share=(end - start) / max(1, len(context)),
                extra=(
                    f"kind={kind}",
                    f"p0={first.pos_}",
                    f"pl={last.pos_}",
                    f"k_p0={kind}_{first.pos_}",
                    f"dep={first.dep_}",
                ),
            )
            found[(start, end)] = Candidate(start, end, kind, item)
    return sorted(found.values(), key=lambda c: (c.start, c.end))
