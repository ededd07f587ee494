"""The report's summary, read from an analysed Document: voices, highest rungs, red lines,
incitement, the escalation index, the ladder, aggregated actors and readable findings.

Everything is plain, unescaped text in small dataclasses; each renderer draws and escapes it.
Names replace ids, ``None`` and internal keys never reach the reader.

>>> from redline.document import Document
>>> digest(Document.from_text("Hello.")).index is None
True
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from redline.attributes import (
    ActorAttributes,
    Attributes,
    ClaimAttributes,
    IncitementAttributes,
    InGroupAttributes,
    PronounAttributes,
    QuoteAttributes,
    RedLineAttributes,
    SentenceAttributes,
    StructureAttributes,
    model_for,
)
from redline.document import Document, Span
from redline.render._summary import clean, format_value, quote, speaker_rows

MIN_RUNG = 2
"""Claims at or above this rung are shown by default; the rest need ``--full``."""

PROFILED = ("advocate", "threaten", "predict", "report")
CITE_LIMIT = 180

# A layer no built-in analyzer declares (a third party's) shows every attribute but these:
# plumbing (ids with a name beside them, scores of sub-models, offsets) a reader never needs;
# the JSON report keeps them. A declared layer shows what its model's ``shown`` names.
_HIDDEN_ATTRS = frozenset(
    {
        "scope", "section", "raw_section", "stances", "action_key", "plover", "plover_score",
        "rule_stance", "rule_level", "stance_probability", "level_probability",
        "model_probability", "model_label", "source", "definition", "sentence", "sentence_span",
        "consequence_claim", "speaker_start", "speaker_end", "linked", "match", "ner_label",
        "qid", "form", "cue", "actor_inferred", "target_inferred", "p_hate", "p_violence",
        "claim_stance", "mode", "speaker_id", "via", "resolved", "index",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Voice:
    """One voice of the document and whom its "we" stands for."""

    speaker: str
    kind: str
    words: int | None
    claims: int
    we: str


@dataclass(frozen=True)
class Rung:
    """The highest rung a stance reaches, with the claim that reaches it."""

    stance: str
    level: int
    meaning: str
    quote: str
    speaker: str
    more: int


@dataclass(frozen=True)
class RedLineCard:
    kind: str
    setter: str
    against: str
    condition: str
    consequence: str
    level: int | None
    quote: str
    speaker: str


@dataclass(frozen=True)
class IncitementItem:
    kind: str
    quote: str
    speaker: str
    target: str
    severity: str


@dataclass(frozen=True)
class ClaimRow:
    span_id: str
    level: int
    stance: str
    quote: str
    speaker: str
    who: str
    confidence: float


@dataclass(frozen=True)
class ActorRow:
    name: str
    kind: str
    mentions: int
    first_quote: str
    role: str


@dataclass(frozen=True)
class Digest:
    """What the summary says about one document."""

    voices: tuple[Voice, ...]
    rungs: tuple[Rung, ...]
    red_lines: tuple[RedLineCard, ...]
    incitement: tuple[IncitementItem, ...]
    index: int | None
    claims: int


VOICE_HEADER = ("Voice", "Kind", "Words", "Claims", "“We” stands for")
RUNG_HEADER = ("Stance", "Rung", "Quote", "Speaker")


def voice_cells(voice: Voice) -> tuple[str, str, str, str, str]:
    """One row of the summary's voices table, as every format shows it."""
    words = "" if voice.words is None else str(voice.words)
    return (voice.speaker, voice.kind, words, str(voice.claims), voice.we)


def rung_cells(rung: Rung) -> tuple[str, str, str, str]:
    """One row of the summary's highest-rungs table, as every format shows it."""
    more = f" (+{rung.more} more)" if rung.more else ""
    return (rung.stance, rung.meaning, f"“{rung.quote}”{more}", rung.speaker)


def digest(document: Document) -> Digest:
    """The summary of ``document``."""
    escalation = document.escalation
    index = escalation.index if escalation is not None else None
    return Digest(
        voices=tuple(voices(document)),
        rungs=tuple(highest_rungs(document)),
        red_lines=tuple(red_line_cards(document)),
        incitement=tuple(incitement_items(document)),
        index=index if isinstance(index, int) else None,
        claims=len(document.layer("claims")),
    )


def thresholded(
    document: Document, min_confidence: Mapping[str, float] | None
) -> tuple[Document, list[str]]:
    """``document`` without the findings below their layer's threshold, and a note per layer
    that lost some; ``None`` means the configured default (:data:`DEFAULT_MIN_CONFIDENCE`)."""
    if min_confidence is None:
        from redline.config import DEFAULT_MIN_CONFIDENCE

        min_confidence = DEFAULT_MIN_CONFIDENCE
    changed: dict[str, list[Span]] = {}
    notes = []
    for layer, threshold in min_confidence.items():
        spans = document.layer(layer)
        kept = [span for span in spans if span.confidence >= threshold]
        if len(kept) < len(spans):
            changed[layer] = kept
            notes.append(
                f"{layer}: {len(spans) - len(kept)} of {len(spans)} findings below confidence "
                f"{threshold:g} hidden"
            )
    return (document.with_layers(changed) if changed else document), notes


def ladder() -> list[tuple[int, str, str]]:
    """(rung, what it is, examples) for rungs 0-5 of the escalation ladder."""
    from redline.claims.lexicon import LADDER, LADDER_EXAMPLES

    return [(level, LADDER[level], LADDER_EXAMPLES.get(level, "")) for level in sorted(LADDER)]


def rung_name(level: int | None) -> str:
    """``"3 (conventional military force)"``, or ``"—"`` when unknown."""
    if level is None:
        return "—"
    meanings = {rung: what for rung, what, _ in ladder()}
    return f"{level} ({meanings[level]})" if level in meanings else str(level)


def index_method() -> str:
    """One line on how the escalation index is computed."""
    from redline.analyzers.escalation import STANCE_WEIGHT, TOP

    weights: dict[float, list[str]] = defaultdict(list)
    for stance, weight in STANCE_WEIGHT.items():
        weights[weight].append(stance)
    parts = "; ".join(f"{' and '.join(names)} {w:g}" for w, names in weights.items())
    return (
        f"Each claim weighs its stance ({parts}) times its rung / 5; the index is 100 × "
        f"(0.6 × the largest weight + 0.4 × the mean of the {TOP} largest), from 0 to 100."
    )


def voices(document: Document) -> list[Voice]:
    """The turns' speakers, then quoted voices, then the other voices findings name (the
    author, each commenter), with their words, claims and whom their "we" stands for."""
    order: dict[str, str] = {}
    words: dict[str, int] = {}
    for row in speaker_rows(document):
        order.setdefault(row.speaker, "speaker")
        words[row.speaker] = row.words
    for span in document.layer("voices"):
        quoted = QuoteAttributes.read_or_none(span)
        order.setdefault(_text(quoted.speaker) if quoted else "?", "quoted")
    commenters: dict[str, None] = {}  # in the order they first comment
    unanalysed: dict[str, str] = {}  # commenter -> the language of a comment left unread
    for span in document.layer("structure"):
        part = StructureAttributes.read_or_none(span) if span.label == "comment" else None
        if part is not None and part.author:
            commenters.setdefault(_text(part.author))
            if part.analysed is False and part.language:
                unanalysed.setdefault(_text(part.author), part.language)
    claims_by: Counter[str] = Counter()
    findings_by: Counter[str] = Counter()
    for layer in ("claims", "redlines", "incitement", "groups"):
        for span in document.layer(layer):
            speaker = _speaker(layer, span)
            if speaker:
                kind = "commenter" if speaker in commenters else _voice_kind(speaker)
                order.setdefault(speaker, kind)
                findings_by[speaker] += layer != "groups"
                if layer == "claims":
                    claims_by[speaker] += 1
    we_names: dict[str, Counter[str]] = defaultdict(Counter)
    has_we: set[str] = set()
    for span in document.layer("groups"):
        pronoun = PronounAttributes.read_or_none(span) if span.label == "we" else None
        if pronoun is None:
            continue
        speaker = _text(pronoun.speaker)
        has_we.add(speaker)
        if pronoun.resolved and pronoun.name:
            we_names[speaker][_text(pronoun.name)] += 1
    # Every commenter has a row, one who found nothing or wrote in a language left unread too,
    # after the article's voices and in the order they first comment.
    order = {
        **{voice: kind for voice, kind in order.items() if voice not in commenters},
        **dict.fromkeys(commenters, "commenter"),
    }
    spoken = _words_by_voice(document)
    rows = []
    for speaker, kind in order.items():
        if speaker not in words and speaker in spoken:
            words[speaker] = spoken[speaker]
        if speaker in we_names:
            we = ", ".join(name for name, _ in we_names[speaker].most_common())
        elif speaker in has_we:
            we = "unresolved"
        elif speaker in unanalysed:
            we = f"not analysed ({unanalysed[speaker]})"
        else:
            we = "—"
        if kind != "quoted" and not words.get(speaker) and not findings_by[speaker] and we == "—":
            continue  # a voice with no words, no finding and no "we": a row of blanks
        rows.append(Voice(speaker, kind, words.get(speaker), claims_by[speaker], we))
    return rows


def highest_rungs(document: Document) -> list[Rung]:
    """For advocate, threaten, predict and report: the highest rung, quote and speaker."""
    claims = list(document.layer("claims"))
    rows = []
    for stance in PROFILED:
        chosen = [c for c in claims if stance in _stances(c)]
        if not chosen:
            continue
        top = max(_level(c) for c in chosen)
        at_top = [c for c in chosen if _level(c) == top]
        first = at_top[0]
        rows.append(
            Rung(
                stance,
                top,
                rung_name(top),
                cite(document, first),
                _speaker("claims", first) or "—",
                len(at_top) - 1,
            )
        )
    return rows


def red_line_cards(document: Document) -> list[RedLineCard]:
    """One card per red line: setter, against whom, condition, consequence and rung."""
    cards = []
    for span in document.layer("redlines"):
        line = RedLineAttributes.read_or_none(span) or RedLineAttributes(kind=span.label)
        speaker = _speaker("redlines", span)
        setter = _text(line.setter_name) or (f"{speaker} (speaker)" if speaker else "not named")
        cards.append(
            RedLineCard(
                kind=span.label.replace("_", " "),
                setter=setter,
                against=_against(line),
                condition=_text(line.condition) or "—",
                consequence=_text(line.consequence) or "—",
                level=line.level,
                quote=quote(line.sentence or span.text, CITE_LIMIT),
                speaker=speaker or "—",
            )
        )
    return cards


# Where a line's "against" was read when its condition names no one: weaker evidence, said so.
_AGAINST_FROM = {
    "sentence": "named in its sentence, not its condition",
    "earlier line": "as in the setter's earlier line",
}


def _against(line: RedLineAttributes) -> str:
    against = _joined(line.against_names)
    if not against:
        return "not named"
    source = _AGAINST_FROM.get(line.against_from or "")
    return f"{against} ({source})" if source else against


def incitement_items(document: Document) -> list[IncitementItem]:
    """Each incitement finding with its quote, speaker, target and severity."""
    items = []
    for span in document.layer("incitement"):
        found = IncitementAttributes.read_or_none(span)
        target = (_text(found.target_name) or _text(found.target_group)) if found else ""
        severity = found.severity if found else None
        items.append(
            IncitementItem(
                kind=span.label.replace("_", " "),
                quote=cite(document, span),
                speaker=_speaker("incitement", span) or "—",
                target=target or "—",
                severity=str(severity) if severity is not None else "—",
            )
        )
    return items


def claim_rows(document: Document, min_rung: int = MIN_RUNG) -> list[ClaimRow]:
    """Claims at ``min_rung`` or above, highest first, then in text order."""
    rows = [
        ClaimRow(
            span.id,
            _level(span),
            _stances(span)[0],
            cite(document, span),
            _speaker("claims", span) or "—",
            _who(span),
            span.confidence,
        )
        for span in document.layer("claims")
        if _level(span) >= min_rung
    ]
    return sorted(rows, key=lambda r: -r.level)


def actor_rows(document: Document) -> list[ActorRow]:
    """Actors aggregated by identity: mentions, first quote and role, most mentioned first."""
    mentions: dict[str, list[tuple[Span, ActorAttributes | None]]] = defaultdict(list)
    for span in document.layer("actors"):
        actor = ActorAttributes.read_or_none(span)
        mentions[_text(actor.actor_id) if actor else span.text].append((span, actor))
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    for span in document.layer("claims"):
        claim = ClaimAttributes.read_or_none(span)
        if claim is None:
            continue
        if claim.actor:
            roles[_text(claim.actor)]["actor in claims"] += 1
        for target in claim.targets or [claim.target or ""]:
            if target:
                roles[_text(target)]["target of claims"] += 1
    for span in document.layer("redlines"):
        line = RedLineAttributes.read_or_none(span)
        if line is None:
            continue
        if line.setter:
            roles[_text(line.setter)]["sets red lines"] += 1
        for target in line.against:
            roles[_text(target)]["red lines against"] += 1
    rows = []
    for key, found in mentions.items():
        first, actor = found[0]
        role = ", ".join(f"{what} ({n})" for what, n in roles[key].items())
        rows.append(
            ActorRow(
                name=(_text(actor.name) if actor else "") or clean(first.text),
                kind=(_text(actor.type) if actor else "") or first.label,
                mentions=len(found),
                first_quote=cite(document, first, limit=120),
                role=role or "mentioned",
            )
        )
    return sorted(rows, key=lambda r: (-r.mentions, r.name))


def describe(span: Span, layer: str) -> str:
    """A finding as readable text: names, not ids; no empty values; no internal keys.

    >>> from redline.document import Span
    >>> s = Span(id="c", start=0, end=1, label="report", text="x", analyzer="a", rule="r",
    ...          confidence=1.0, attrs={"stance": "report", "level": 2, "actor_name": None})
    >>> describe(s, "claims")
    'stance report; rung 2'
    """
    return "; ".join(
        f"{label} {value}" if value else label for label, value in details(span, layer)
    )


def details(span: Span, layer: str) -> list[tuple[str, str]]:
    """(label, value) pairs of a finding's readable attributes; a flag that is set has no value.

    A layer a built-in analyzer declares shows the fields its model names (``shown``); any
    other layer, or a finding that does not fit its model, shows its attributes but plumbing.
    """
    model = _model(layer, span.label)
    read = model.read_or_none(span) if model is not None else None
    if read is not None:
        # Only what the finding says: a default (the author as speaker) is not evidence.
        given = read.model_fields_set
        values = [(label, getattr(read, field)) for field, label in read.shown if field in given]
    else:
        named = {k[: -len("_name")] for k in span.attrs if k.endswith("_name")}
        values = [
            (key.replace("_", " "), span.attrs.get(key))
            for key in span.attrs
            if key not in _HIDDEN_ATTRS and key not in named and not key.endswith("_id")
        ]
    found = []
    for label, value in values:
        if value is None or value == "" or value == [] or value is False:
            continue
        found.append((label, "" if value is True else format_value(value)))
    return found


def cite(document: Document, span: Span, limit: int = CITE_LIMIT) -> str:
    """The sentence holding ``span`` (or the span itself when no sentence holds it), one line,
    its own double quotes made single: reports wrap a citation in “…”, and a sentence that
    opens with a quotation would otherwise read ““…”."""
    for sentence in document.layer("sentences"):
        if sentence.start <= span.start and span.end <= sentence.end:
            return _nested(quote(sentence.text, limit))
    return _nested(quote(span.text, limit))


def _nested(text: str) -> str:
    """Double quotation marks as single ones (“ ” and straight pairs become ‘ ’)."""
    text = text.replace("“", "‘").replace("”", "’")
    parts = text.split('"')
    marks = ("‘" if i % 2 == 0 else "’" for i in range(len(parts) - 1))
    return "".join(part + mark for part, mark in zip(parts, marks, strict=False)) + parts[-1]


def _who(span: Span) -> str:
    claim = ClaimAttributes.read_or_none(span)
    actor = _text(claim.actor_name) if claim else ""
    target = _text(claim.target_name) if claim else ""
    if actor and target:
        return f"{actor} → {target}"
    if actor:
        return actor
    return f"→ {target}" if target else "—"


def claim_level(span: Span) -> int:
    """A claim's rung (0 for a claim that does not say or does not fit its model)."""
    return _level(span)


def claim_stance(span: Span) -> str:
    """A claim's stance (its label where it does not say)."""
    return _stances(span)[0]


def _stances(span: Span) -> list[str]:
    claim = ClaimAttributes.read_or_none(span)
    if claim is None:
        return [span.label]
    return [_text(s) for s in claim.stances] or [_text(claim.stance) or span.label]


def _level(span: Span) -> int:
    claim = ClaimAttributes.read_or_none(span)
    return claim.level if claim else 0


_VOICED = (
    ClaimAttributes, RedLineAttributes, IncitementAttributes, InGroupAttributes, PronounAttributes,
)  # fmt: skip


def _speaker(layer: str, span: Span) -> str:
    """Whose voice a finding of ``layer`` is in ('' when it does not say)."""
    model = _model(layer, span.label)
    read = model.read_or_none(span) if model is not None else None
    # Only a speaker the finding names: a hand-made one is not the author's by default.
    if not isinstance(read, _VOICED) or "speaker" not in read.model_fields_set:
        return ""
    return _text(read.speaker)


def _model(layer: str, label: str) -> type[Attributes] | None:
    """The model the built-in analyzers declare for ``label`` in ``layer`` (None: undeclared)."""
    from redline.analyzers import declared_attributes

    return model_for(declared_attributes().get(layer, {}), label)


def _words_by_voice(document: Document) -> Counter[str]:
    """Words of the body and comments per voice (the author, a commenter, a quoted speaker):
    each sentence counts for the voice it opens in. Turns are counted from their labels."""
    from redline.render._summary import word_count
    from redline.scope import ScopeIndex

    scopes = ScopeIndex(document)
    counts: Counter[str] = Counter()
    for sentence in document.layer("sentences"):
        read = SentenceAttributes.read_or_none(sentence)
        if read is not None and read.section in ("body", "comments"):
            counts[_text(scopes.at(sentence.start).speaker)] += word_count(sentence.text)
    return counts


def _voice_kind(speaker: str) -> str:
    if speaker == "author":
        return "author"
    if speaker.startswith("commenter"):
        return "commenter"
    return "speaker"


def _joined(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value if v)
    return _text(value)


def _text(value: object) -> str:
    return "" if value is None else clean(str(value))
