"""From evidence to findings: the decision of who a voice's "we" is, its ``in_group`` span
citing the evidence, and a ``we``/``they`` span for each pronoun. Where the evidence does not
add up, the pronouns stay unresolved: never a silent guess."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from redline.document import Document, Span
from redline.groups import ANALYZER
from redline.groups.cues import GroupsFile
from redline.groups.mentions import Decision, Evidence, Mention, Sentences, sentence_index
from redline.groups.russian import Words, lemma_pronouns
from redline.scope import Scope, ScopeIndex, TextUnits

# A "they" resolved to the one group named just before it is a guess a reader can check.
_ANTECEDENT_CONFIDENCE = 0.6


def decide(items: list[Evidence], cues: GroupsFile) -> Decision | None:
    """The actor the evidence points to, when it scores enough and well above the next one.
    Each actor's pieces of evidence combine as independent chances."""
    scores: dict[str, float] = defaultdict(float)
    names: dict[str, str] = {}
    for item in items:
        scores[item.actor_id] = 1 - (1 - scores[item.actor_id]) * (1 - item.weight)
        names[item.actor_id] = item.name
    ranked = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
    best_id, best = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best < cues.min_score or best < runner_up * cues.min_ratio:
        return None
    return best_id, names[best_id], round(best * (1 - runner_up / 2), 3)


def in_group_span(
    document: Document,
    key: str,
    scopes: ScopeIndex,
    decision: Decision,
    items: list[Evidence],
) -> Span:
    """The ``in_group`` of one voice, at its strongest evidence, citing all of it."""
    actor_id, name, confidence = decision
    supporting = sorted(
        (e for e in items if e.actor_id == actor_id), key=lambda e: (-e.weight, e.start)
    )
    first = supporting[0]
    # The evidence may stand outside the voice it speaks for (a quote's speaker, the metadata).
    scope = scopes.with_key(key) or scopes.at(first.start)
    return document.make_span(
        first.start, first.end, "in_group", analyzer=ANALYZER, rule=first.cue,
        confidence=confidence, span_id=f"groups/in_group/{key}",
        attrs={
            "scope": key, "speaker": "commenters" if key == "comments" else scope.speaker,
            "section": scope.section, "actor_id": actor_id, "name": name,
            "evidence": [
                {"start": e.start, "end": e.end, "text": document.text[e.start:e.end], "cue": e.cue}
                for e in supporting
            ],
        },
    )  # fmt: skip


def pronoun_spans(
    document: Document,
    scopes: ScopeIndex,
    resolved: dict[str, Decision | None],
    actors: list[Mention],
    sentences: Sentences,
    cues: GroupsFile,
    words: Words | None,
) -> list[Span]:
    """A span for each "we" (its voice's decision) and "they" (its antecedent) in the text."""
    spans = []
    units = TextUnits(document)
    starts = [a.start for a in actors]
    hits = lemma_pronouns(words, cues) if words is not None else _form_pronouns(document, cues)
    for start, end, label in hits:
        if document.text[start:end] == "US" or not units.is_text(start):
            continue  # the abbreviation; "Our Standards", "Follow us": the page's, not a voice's
        if words is not None and _opens_quoted_name(words, start, cues.quoted_name_nouns):
            continue  # «движение "Мы вместе с Россией"»: a name's word, not a voice's "we"
        scope = scopes.at(start)
        if label == "we":
            decision = resolved.get(scope.key)
            via = "in_group"
        else:
            decision = _antecedent(actors, starts, sentences, scopes, scope, start, cues)
            via = "antecedent"
        spans.append(_pronoun_span(document, (start, end), label, scope, decision, via))
    return spans


def _opens_quoted_name(words: Words, start: int, nouns: tuple[str, ...]) -> bool:
    """Whether the word at ``start`` opens a quotation right after a noun that gives a name
    («фонда «Наша правда»», «движения "Мы вместе с Россией"»). Not a quotation after any
    noun: «в ближайшее время «мы увидим ...»» quotes a speaker's words."""
    word = words.after(start)
    if not nouns or word is None or word.idx != start:
        return False
    before = [t for t in words.parsed[max(0, word.i - 4) : word.i] if not t.is_space]
    return len(before) >= 2 and before[-1].is_quote and before[-2].lemma_ in nouns


def _form_pronouns(document: Document, cues: GroupsFile) -> Iterator[tuple[int, int, str]]:
    """Each "we"/"they" pronoun as (start, end, label), matched by its word forms."""
    first = "|".join(cues.pronouns["first_plural"])
    third = "|".join(cues.pronouns["third_plural"])
    pattern = rf"\b(?:(?P<we>{first})|(?P<they>{third}))\b"
    for hit in re.finditer(pattern, document.text, re.IGNORECASE):
        yield hit.start(), hit.end(), "we" if hit.group("we") else "they"


def _pronoun_span(
    document: Document,
    hit: tuple[int, int],
    label: str,
    scope: Scope,
    decision: Decision | None,
    via: str,
) -> Span:
    attrs: dict[str, Any] = {
        "scope": scope.key,
        "speaker": scope.speaker,
        "resolved": decision is not None,
    }
    if decision is not None:
        attrs.update(actor_id=decision[0], name=decision[1], via=via)
    return document.make_span(
        hit[0], hit[1], label, analyzer=ANALYZER,
        rule=f"pronoun:{via}" if decision else "pronoun:unresolved",
        confidence=decision[2] if decision else 1.0, attrs=attrs,
    )  # fmt: skip


def _antecedent(
    actors: list[Mention],
    starts: list[int],
    sentences: Sentences,
    scopes: ScopeIndex,
    scope: Scope,
    offset: int,
    cues: GroupsFile,
) -> Decision | None:
    """The one plural group named in the last few sentences of the same voice, if exactly one."""
    index = sentence_index(sentences, offset) or 0
    start = sentences[max(0, index - cues.they_window)][0]
    nearby = actors[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, offset)]
    groups = {
        a.attrs.actor_id: a.attrs.name
        for a in nearby
        if start <= a.start < offset
        and scopes.at(a.start).key == scope.key
        and _plural_group(a, cues)
    }
    if len(groups) != 1:
        return None
    actor_id, name = next(iter(groups.items()))
    return actor_id, name, _ANTECEDENT_CONFIDENCE


def _plural_group(actor: Mention, cues: GroupsFile) -> bool:
    """Whether a mention may be a "they": a group's type, and a state only as a plural
    demonym ("Americans", «россияне»), not its name ("America")."""
    if actor.attrs.type not in cues.they_types:
        return False
    return actor.attrs.type != "state" or (
        actor.attrs.match == "demonym"
        and actor.text.lower().endswith(tuple(cues.plural_demonym_endings))
    )
