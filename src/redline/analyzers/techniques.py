"""The techniques layer: persuasion techniques (SemEval-2023 Task 3 taxonomy) with their evidence.

Two sources, merged per span:

1. **cues** from ``redline/data/techniques.yaml``: high-precision wording ("either ... or ...",
   "so-called", "the time has come", pejorative labels, Hitler comparisons ...), each naming
   its techniques and the extent it marks;
2. **the model** shipped in ``redline/models/techniques`` (trained on PTC train): it scores
   candidate spans of every analysed sentence for being a propaganda fragment, keeps the best
   non-overlapping ones above its threshold, and names the technique. A merged PTC class
   (Whataboutism / Straw Man / Red Herring; Bandwagon / Reductio ad Hitlerum) is split by the
   lexicon's hints, else reported as its first member. A second technique is added when the
   model gives it at least :data:`SECOND_TECHNIQUE` probability.

Spans with the same offsets from both sources become one span carrying the union of their
techniques (cue first). Sentences in notes, adverts, credits, bylines and datelines are skipped.

Each span's label is its primary technique; ``attrs`` holds ``techniques`` (all, primary first),
``category``, ``definition``, ``cue`` (the cue id, or ``None``), ``model_probability`` (the
model's joint probability of a propaganda fragment with the primary technique, or ``None``
where the model did not score the span) and ``source`` (``cue``, ``model`` or ``cue+model``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.analyzers.versions import content_version
from redline.document import Document, Span
from redline.techniques.cues import CueLexicon
from redline.techniques.detect import Detection, detect
from redline.techniques.model import TechniqueModel, load_model
from redline.techniques.taxonomy import PTC_TO_2023, TECHNIQUES

ANALYZER = "techniques"
SECOND_TECHNIQUE = 0.3
SKIPPED_SECTIONS = frozenset(
    {"note", "advert", "translation_credit", "byline", "dateline", "furniture", "kicker"}
)


@dataclass
class _Finding:
    start: int
    end: int
    techniques: list[str] = field(default_factory=list)
    cue: str | None = None
    cue_confidence: float = 0.0
    model_probability: float | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def add(self, names: list[str]) -> None:
        for name in names:
            if name not in self.techniques:
                self.techniques.append(name)


class TechniqueAnalyzer:
    """Finds persuasion techniques by cue and by model; see the module docstring."""

    name: ClassVar[str] = ANALYZER
    # The release, then a digest of the code, data and model its findings depend on.
    version: ClassVar[str] = content_version(
        "1.0.0",
        "analyzers/techniques.py",
        "techniques",
        "data/techniques.yaml",
        "models/techniques",
    )
    requires: ClassVar[tuple[str, ...]] = ("structure", "sentences")
    provides: ClassVar[tuple[str, ...]] = ("techniques",)

    def __init__(
        self, *, use_model: bool = True, use_cues: bool = True, min_probability: float | None = None
    ) -> None:
        """``min_probability`` overrides the model's SI threshold (chosen for F1 on PTC, where
        propaganda is dense); raise it to report fewer, surer model findings."""
        self.use_model = use_model
        self.use_cues = use_cues
        self.min_probability = min_probability
        self._model: TechniqueModel | None = None
        self._lexicon: CueLexicon | None = None

    def initialize(self) -> None:
        if self._lexicon is None:
            self._lexicon = CueLexicon.load()
        if self._model is None and self.use_model:
            self._model = load_model()

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        self.initialize()
        assert self._lexicon is not None
        sentences = _sentences(document)
        if not sentences:
            return AnalyzerOutput(layers={ANALYZER: []})
        doc = context.parsed
        findings: dict[tuple[int, int], _Finding] = {}
        if self.use_cues:
            for match in self._lexicon.find(document.text, sentences, doc):
                finding = findings.setdefault(
                    (match.start, match.end), _Finding(match.start, match.end)
                )
                finding.add(list(match.cue.techniques))
                if finding.cue is None or match.cue.confidence > finding.cue_confidence:
                    finding.cue, finding.cue_confidence = match.cue.id, match.cue.confidence
                    finding.attrs["cue_text"] = match.matched
        if self.use_model and self._model is not None:
            title_end = max(
                (s.end for s in document.layer("structure") if s.label == "title"), default=0
            )
            for detection in detect(
                self._model, doc, sentences, title_end=title_end, threshold=self.min_probability
            ):
                key = (detection.start, detection.end)
                finding = findings.setdefault(key, _Finding(*key))
                names, probability, label = self._model_techniques(detection, document.text)
                finding.add(names)
                finding.model_probability = probability
                finding.attrs["model_label"] = label
        spans = [_span(document, f) for f in findings.values() if f.techniques]
        return AnalyzerOutput(layers={ANALYZER: spans})

    def _model_techniques(self, detection: Detection, text: str) -> tuple[list[str], float, str]:
        assert self._lexicon is not None
        ranked = sorted(detection.tc.items(), key=lambda kv: (-kv[1], kv[0]))
        quote = text[detection.start : detection.end]
        label, top = ranked[0]
        names = [self._lexicon.split_merged(PTC_TO_2023[label], quote)]
        for other, probability in ranked[1:]:
            if probability >= SECOND_TECHNIQUE:
                names.append(self._lexicon.split_merged(PTC_TO_2023[other], quote))
        return names, round(detection.probability * top, 4), label


def _sentences(document: Document) -> list[tuple[int, int]]:
    return sorted(
        (s.start, s.end)
        for s in document.layer("sentences")
        if s.attrs.get("section") not in SKIPPED_SECTIONS
    )


def _span(document: Document, finding: _Finding) -> Span:
    primary = TECHNIQUES[finding.techniques[0]]
    sources = [
        name
        for name, used in (("cue", finding.cue), ("model", finding.model_probability))
        if used is not None
    ]
    confidence = max(finding.cue_confidence, finding.model_probability or 0.0)
    attrs: dict[str, Any] = {
        "techniques": finding.techniques,
        "category": primary.category,
        "definition": primary.definition,
        "cue": finding.cue,
        "model_probability": finding.model_probability,
        "source": "+".join(sources),
        **finding.attrs,
    }
    rule = f"cue:{finding.cue}" if finding.cue else "model:techniques-linear"
    return document.make_span(
        finding.start,
        finding.end,
        primary.name,
        analyzer=ANALYZER,
        rule=rule,
        confidence=round(min(1.0, confidence), 4),
        attrs=attrs,
        span_id=f"{ANALYZER}/{finding.start}-{finding.end}",
    )
