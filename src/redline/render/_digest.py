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

from redline.document import Document, Span
from redline.render._summary import clean, format_value, quote, speaker_rows

MIN_RUNG = 2
"""Claims at or above this rung are shown by default; the rest need ``--full``."""

PROFILED = ("advocate", "threaten", "predict", "report")
CITE_LIMIT = 180

# Attributes that are plumbing (ids with a name beside them, scores of sub-models, offsets):
# a reader never needs them, the JSON report keeps them.
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
# Per layer: (attribute, label) read in this order; other layers fall back to every attribute.
_READABLE: dict[str, tuple[tuple[str, str], ...]] = {
    "claims": (
        ("stance", "stance"), ("level", "rung"), ("action", "action"), ("actor_name", "by"),
        ("target_name", "against"), ("speaker", "speaker"), ("negated", "negated"),
    ),
    "redlines": (
        ("setter_name", "set by"), ("against_names", "against"), ("condition", "if"),
        ("consequence", "then"), ("level", "rung"), ("speaker", "speaker"),
    ),
    "incitement": (
        ("kind", "kind"), ("target_name", "target"), ("target_group", "group"),
        ("severity", "severity"), ("speaker", "speaker"),
    ),
    "techniques": (("techniques", "technique"), ("category", "category")),
    "actors": (("name", "name"), ("type", "type"), ("state", "state")),
    "groups": (("name", "stands for"), ("speaker", "speaker")),
    "voices": (("speaker", "speaker"), ("reported_by", "reported by")),
}  # fmt: skip


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
        order.setdefault(_text(span.attrs.get("speaker")) or "?", "quoted")
    commenters = {
        _text(span.attrs.get("author"))
        for span in document.layer("structure")
        if span.label == "comment" and span.attrs.get("author")
    }
    claims_by: Counter[str] = Counter()
    findings_by: Counter[str] = Counter()
    for layer in ("claims", "redlines", "incitement", "groups"):
        for span in document.layer(layer):
            speaker = _text(span.attrs.get("speaker"))
            if speaker:
                kind = "commenter" if speaker in commenters else _voice_kind(speaker)
                order.setdefault(speaker, kind)
                findings_by[speaker] += layer != "groups"
                if layer == "claims":
                    claims_by[speaker] += 1
    we_names: dict[str, Counter[str]] = defaultdict(Counter)
    has_we: set[str] = set()
    for span in document.layer("groups"):
        if span.label != "we":
            continue
        speaker = _text(span.attrs.get("speaker"))
        has_we.add(speaker)
        if span.attrs.get("resolved") and span.attrs.get("name"):
            we_names[speaker][_text(span.attrs["name"])] += 1
    rows = []
    for speaker, kind in order.items():
        if speaker in we_names:
            we = ", ".join(name for name, _ in we_names[speaker].most_common())
        elif speaker in has_we:
            we = "unresolved"
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
                _text(first.attrs.get("speaker")) or "—",
                len(at_top) - 1,
            )
        )
    return rows


def red_line_cards(document: Document) -> list[RedLineCard]:
    """One card per red line: setter, against whom, condition, consequence and rung."""
    cards = []
    for span in document.layer("redlines"):
        attrs = span.attrs
        speaker = _text(attrs.get("speaker"))
        setter = _text(attrs.get("setter_name")) or (
            f"{speaker} (speaker)" if speaker else "not named"
        )
        level = attrs.get("level")
        sentence = attrs.get("sentence")
        cards.append(
            RedLineCard(
                kind=span.label.replace("_", " "),
                setter=setter,
                against=_joined(attrs.get("against_names")) or "not named",
                condition=_text(attrs.get("condition")) or "—",
                consequence=_text(attrs.get("consequence")) or "—",
                level=level if isinstance(level, int) else None,
                quote=quote(sentence if isinstance(sentence, str) else span.text, CITE_LIMIT),
                speaker=speaker or "—",
            )
        )
    return cards


def incitement_items(document: Document) -> list[IncitementItem]:
    """Each incitement finding with its quote, speaker, target and severity."""
    items = []
    for span in document.layer("incitement"):
        attrs = span.attrs
        target = _text(attrs.get("target_name")) or _text(attrs.get("target_group"))
        severity = attrs.get("severity")
        items.append(
            IncitementItem(
                kind=span.label.replace("_", " "),
                quote=cite(document, span),
                speaker=_text(attrs.get("speaker")) or "—",
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
            _text(span.attrs.get("stance")) or span.label,
            cite(document, span),
            _text(span.attrs.get("speaker")) or "—",
            _who(span),
            span.confidence,
        )
        for span in document.layer("claims")
        if _level(span) >= min_rung
    ]
    return sorted(rows, key=lambda r: -r.level)


def actor_rows(document: Document) -> list[ActorRow]:
    """Actors aggregated by identity: mentions, first quote and role, most mentioned first."""
    mentions: dict[str, list[Span]] = defaultdict(list)
    for span in document.layer("actors"):
        mentions[_text(span.attrs.get("actor_id")) or span.text].append(span)
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    for claim in document.layer("claims"):
        if claim.attrs.get("actor"):
            roles[_text(claim.attrs["actor"])]["actor in claims"] += 1
        targets = claim.attrs.get("targets")
        for target in targets if isinstance(targets, list) else [claim.attrs.get("target")]:
            if target:
                roles[_text(target)]["target of claims"] += 1
    for red_line in document.layer("redlines"):
        if red_line.attrs.get("setter"):
            roles[_text(red_line.attrs["setter"])]["sets red lines"] += 1
        against = red_line.attrs.get("against")
        for target in against if isinstance(against, list) else []:
            roles[_text(target)]["red lines against"] += 1
    rows = []
    for key, spans in mentions.items():
        first = spans[0]
        role = ", ".join(f"{what} ({n})" for what, n in roles[key].items())
        rows.append(
            ActorRow(
                name=_text(first.attrs.get("name")) or clean(first.text),
                kind=_text(first.attrs.get("type")) or first.label,
                mentions=len(spans),
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
    """(label, value) pairs of a finding's readable attributes; a flag that is set has no value."""
    pairs = _READABLE.get(layer)
    if pairs is None:
        named = {k[: -len("_name")] for k in span.attrs if k.endswith("_name")}
        pairs = tuple(
            (key, key.replace("_", " "))
            for key in span.attrs
            if key not in _HIDDEN_ATTRS and key not in named and not key.endswith("_id")
        )
    found = []
    for key, label in pairs:
        value = span.attrs.get(key)
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
    actor = _text(span.attrs.get("actor_name"))
    target = _text(span.attrs.get("target_name"))
    if actor and target:
        return f"{actor} → {target}"
    if actor:
        return actor
    return f"→ {target}" if target else "—"


def _stances(claim: Span) -> list[str]:
    stances = claim.attrs.get("stances")
    if isinstance(stances, list) and stances:
        return [str(s) for s in stances]
    return [_text(claim.attrs.get("stance")) or claim.label]


def _level(span: Span) -> int:
    level = span.attrs.get("level")
    return level if isinstance(level, int) else 0


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
