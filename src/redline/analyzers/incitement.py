"""The incitement layer: calls to violence, threats, dehumanisation and identity attacks.

Two kinds of evidence are combined, sentence by sentence:

1. **Cues** over the dependency parse (:mod:`redline.incitement.reader`) find the structure: a
   violent word in a call or threat frame with its object as the target, a dehumanising term
   and whom it is said of, an identity group among the targets. Reporting, quoting, condemning,
   negating or warning against violence is not a call, and yields nothing; except that where a
   language's cue file says so (``direct_speech``, Russian), a named voice's own direct quote
   (the voices layer's ``quote``) is that voice's call, as the annotation guidelines read it.
2. **The model** (:mod:`redline.incitement.model`: TF-IDF, logistic regression, calibrated,
   numpy only) scores how hateful and how violent each sentence with a cue is. A cue that the
   parse alone cannot vouch for (no identifiable target; a dehumanising word said of no one)
   needs the model at least :data:`GATE` sure; a named identity group in a sentence with no cue
   yields an identity attack only when the model is :data:`IDENTITY_THRESHOLD` sure.

Every span carries ``target`` (actor id or named group), ``target_name``, ``severity`` (the
ladder level of claims: the claim's on the same word, else the cue's; 1 for rhetoric),
``speaker``, ``section`` (``article`` or ``comments``) and ``raw_section`` (the structure's
section), ``stance`` (``advocate`` for a call, ``threaten`` for a threat) and ``claim_stance``
(the claims layer's reading of the same word, where it has one), the model's
``p_hate`` and ``p_violence``, and the cue as its rule (``model:...`` for model-only findings).
It describes rhetoric; it never recommends a target or an action.

**Languages.** English and Russian, each with its own cue file (``data/incitement.yaml``,
``data/ru/incitement.yaml``: the same schema) over the parse in its language. The model was
trained on English corpora only, so a language's file says whether it scores that language
(``use_model``); Russian is read by the cues alone: a finding the parse vouches for (a violent
word in a call frame with a person, group or place as its target; a dehumanising term said of
someone; a slur; "I hate X") stands, one that would need the model's corroboration is left out,
and ``p_hate``/``p_violence`` are None.

>>> doc = redline.analyze("Please vaporize Washington D.C.")   # doctest: +SKIP
>>> [(s.label, IncitementAttributes.read(s).target, IncitementAttributes.read(s).severity)
...  for s in doc.layer("incitement")]  # doctest: +SKIP
[('call_to_violence', 'washington_dc', 5)]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from spacy.tokens import Doc as SpacyDoc

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.analyzers.versions import content_version
from redline.attributes import ANY_LABEL, Attributes, IncitementAttributes, SentenceAttributes
from redline.document import Document, Span
from redline.incitement import LABELS
from redline.incitement.cues import Cues, load_cues
from redline.incitement.model import IncitementModel, load_model
from redline.incitement.reader import Finding, SentenceReader
from redline.scope import NOT_TEXT, ScopeIndex

ANALYZER = "incitement"
# A cue the parse cannot vouch for needs the model at least this sure: about its F1-optimal
# operating points (the card's thresholds: hate 0.26, violence 0.11), a corroboration.
GATE = 0.3
# With no cue at all the model decides alone, so it must be far surer than that.
IDENTITY_THRESHOLD = 0.75
_VIOLENT = ("call_to_violence", "threat")


class IncitementAnalyzer:
    """Finds calls to violence, threats, dehumanising language and identity attacks."""

    name: ClassVar[str] = ANALYZER
    # The release, then a digest of the code, data and model its findings depend on.
    version: ClassVar[str] = content_version(
        "1.0.0",
        "analyzers/incitement.py",
        "incitement",
        "slogans.py",
        "claims/stance",  # a condition's act is imagined: the stance cues say what a condition is
        "data/stance.yaml",
        "data/ru/stance.yaml",
        "data/incitement.yaml",
        "data/ru/incitement.yaml",
        "models/incitement",
    )
    requires: ClassVar[tuple[str, ...]] = ("structure", "sentences", "actors", "groups", "claims")
    provides: ClassVar[tuple[str, ...]] = ("incitement",)
    attributes: ClassVar[Mapping[str, type[Attributes]]] = {ANY_LABEL: IncitementAttributes}
    labels: ClassVar[tuple[str, ...]] = LABELS
    languages: ClassVar[tuple[str, ...]] = ("en", "ru")

    def __init__(self, model: IncitementModel | None = None, cues: Cues | None = None) -> None:
        """``model`` and ``cues`` replace the packaged English ones (tests); other languages
        always read their own packaged cues."""
        self._model = model
        self._cues: dict[str, Cues] = {"en": cues} if cues is not None else {}

    def initialize(self) -> None:
        self._readers_for("en")

    def _readers_for(self, language: str) -> tuple[Cues, IncitementModel | None]:
        """The cues of ``language`` and the model that scores it (None: the cues decide)."""
        if language not in self._cues:
            self._cues[language] = load_cues(language)
        cues = self._cues[language]
        if not cues.use_model:
            return cues, None
        if self._model is None:
            self._model = load_model()
        return cues, self._model

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        cues, model = self._readers_for(context.language)
        reader = SentenceReader(document, context.parsed, cues)
        candidates = [
            (s, e, found)
            for s, e in _sentences(document, context.parsed)
            if (found := reader.sentence(s, e))
        ]
        if not candidates:
            return AnalyzerOutput(layers={"incitement": []})
        texts = [document.text[s:e] for s, e, _ in candidates]
        scores: list[_Scores] = (
            [_Scores(p["hate"], p["violence"]) for p in model.score(texts)]
            if model is not None
            else [_Scores(None, None)] * len(texts)
        )
        model_name = model.name if model is not None else None
        scopes = ScopeIndex(document)
        spans: dict[str, Span] = {}
        for (_, _, findings), probability in zip(candidates, scores, strict=True):
            for finding in findings:
                span = _span(document, finding, probability, scopes, model_name)
                if span is not None and (
                    span.id not in spans or spans[span.id].confidence < span.confidence
                ):
                    spans[span.id] = span
        return AnalyzerOutput(
            layers={"incitement": sorted(spans.values(), key=lambda s: (s.start, s.end, s.label))}
        )


def _sentences(document: Document, parsed: SpacyDoc) -> list[tuple[int, int]]:
    # Page furniture ("Read also: ...") and bylines are the page's, not anyone's call.
    ranges = [
        (s.start, s.end)
        for s in document.layer("sentences")
        if SentenceAttributes.read(s).section not in NOT_TEXT
    ]
    return ranges or [(s.start_char, s.end_char) for s in parsed.sents]


@dataclass(frozen=True)
class _Scores:
    """The model's P(hate) and P(violence) for a sentence; None where no model scores it."""

    hate: float | None
    violence: float | None


def _span(
    document: Document,
    finding: Finding,
    probability: _Scores,
    scopes: ScopeIndex,
    model: str | None,
) -> Span | None:
    p_hate, p_violence = probability.hate, probability.violence
    model_only = finding.cue == "model"
    if p_hate is None or p_violence is None:
        # No model for this language: the cues decide, and what needs corroboration goes.
        if finding.needs_model and not finding.stands_alone:
            return None
        p = 0.0
    else:
        p = max(p_violence, p_hate) if finding.label in _VIOLENT else p_hate
        if finding.needs_model and p < (IDENTITY_THRESHOLD if model_only else GATE):
            return None
    scope = scopes.at(finding.start)
    target = next(
        (t for t in finding.targets if t.value), finding.targets[0] if finding.targets else None
    )
    attrs: dict[str, Any] = {
        "kind": finding.kind,
        "target": target.value if target else None,
        "target_name": target.name if target else None,
        "targets": sorted({t.value for t in finding.targets if t.value}),
        "target_group": next((t.group for t in finding.targets if t.group), None),
        "severity": finding.level,
        "stance": {"call_to_violence": "advocate", "threat": "threaten"}.get(finding.label),
        "claim_stance": finding.claim_stance,
        "speaker": scope.speaker,
        "section": "comments" if scope.section == "comments" else "article",
        "raw_section": scope.section,
        "scope": scope.key,
        "cue": None if model_only else finding.cue,
        "p_hate": p_hate,
        "p_violence": p_violence,
    }
    confidence = round(min(0.98, 1 - (1 - finding.base) * (1 - p)), 2)
    rule = f"model:{model}" if model_only else finding.cue
    return document.make_span(
        finding.start,
        finding.end,
        finding.label,
        analyzer=ANALYZER,
        rule=rule,
        confidence=confidence,
        attrs=attrs,
    )
