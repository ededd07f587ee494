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

**Russian** (``context.language == "ru"``) uses its own data and model, never the English ones:
the cues of ``redline/data/ru/techniques.yaml`` and the paragraph model shipped in
``redline/models/techniques/ru`` (:mod:`redline.techniques.paragraphs`, trained on the
SemEval-2023 Task 3 Russian train articles). That model labels *paragraphs* (a document's
non-blank lines, as the task does); each technique it gives a paragraph is reported as a span
over the paragraph's sentence with the strongest evidence for it (the sentence head's best
sentence), ``attrs["paragraph"]`` holding the paragraph's ``[start, end]``. Its
``model_probability`` is the paragraph's probability of the primary technique, and
``model_probabilities`` maps each of the span's model techniques to its probability.

Each span's label is its primary technique; ``attrs`` holds ``techniques`` (all, primary first),
``category``, ``definition``, ``cue`` (the cue id, or ``None``), ``model_probability`` (the
model's joint probability of a propaganda fragment with the primary technique, or ``None``
where the model did not score the span) and ``source`` (``cue``, ``model`` or ``cue+model``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from spacy.tokens import Doc

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.analyzers.versions import content_version
from redline.attributes import ANY_LABEL, Attributes, SentenceAttributes, TechniqueAttributes
from redline.document import Document, Span
from redline.techniques.cues import CueLexicon
from redline.techniques.detect import Detection, detect
from redline.techniques.model import TechniqueModel, load_model
from redline.techniques.paragraphs import ParagraphModel, load_paragraph_model, split_paragraphs
from redline.techniques.taxonomy import PTC_TO_2023, TECHNIQUES

ANALYZER = "techniques"
LANGUAGES = ("en", "ru")
RUSSIAN_RULE = "model:techniques-ru-paragraph"
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
    model_rule: str = "model:techniques-linear"
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
        "data/ru/techniques.yaml",
        "models/techniques",
    )
    requires: ClassVar[tuple[str, ...]] = ("structure", "sentences")
    provides: ClassVar[tuple[str, ...]] = ("techniques",)
    attributes: ClassVar[Mapping[str, type[Attributes]]] = {ANY_LABEL: TechniqueAttributes}
    languages: ClassVar[tuple[str, ...]] = LANGUAGES

    def __init__(
        self, *, use_model: bool = True, use_cues: bool = True, min_probability: float | None = None
    ) -> None:
        """``min_probability`` overrides the model's threshold: the SI threshold in English
        (chosen for F1 on PTC, where propaganda is dense), the paragraph threshold in Russian;
        raise it to report fewer, surer model findings."""
        self.use_model = use_model
        self.use_cues = use_cues
        self.min_probability = min_probability
        self._model: TechniqueModel | None = None
        self._paragraph_models: dict[str, ParagraphModel] = {}
        self._lexicons: dict[str, CueLexicon] = {}

    def initialize(self) -> None:
        for language in LANGUAGES:
            if language not in self._lexicons:
                self._lexicons[language] = CueLexicon.load(language)
        if self.use_model:
            if self._model is None:
                self._model = load_model()
            if "ru" not in self._paragraph_models:
                self._paragraph_models["ru"] = load_paragraph_model("ru")

    @property
    def _lexicon(self) -> CueLexicon:
        """The English lexicon (merged-class hints name the English model's PTC classes)."""
        return self._lexicons["en"]

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        self.initialize()
        sentences = _sentences(document)
        if not sentences:
            return AnalyzerOutput(layers={ANALYZER: []})
        language = context.language if context.language in LANGUAGES else "en"
        doc = context.parsed
        findings: dict[tuple[int, int], _Finding] = {}
        if self.use_cues:
            self._add_cues(findings, self._lexicons[language], document.text, sentences, doc)
        if language != "en":
            if self.use_model:
                self._add_paragraphs(findings, self._paragraph_models[language], document)
            spans = [_span(document, f) for f in findings.values() if f.techniques]
            return AnalyzerOutput(layers={ANALYZER: spans})
        if self.use_model and self._model is not None:
            title_end = _title_end(document)
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

    @staticmethod
    def _add_cues(
        findings: dict[tuple[int, int], _Finding],
        lexicon: CueLexicon,
        text: str,
        sentences: list[tuple[int, int]],
        doc: Doc,
    ) -> None:
        for match in lexicon.find(text, sentences, doc):
            finding = findings.setdefault(
                (match.start, match.end), _Finding(match.start, match.end)
            )
            finding.add(list(match.cue.techniques))
            if finding.cue is None or match.cue.confidence > finding.cue_confidence:
                finding.cue, finding.cue_confidence = match.cue.id, match.cue.confidence
                finding.attrs["cue_text"] = match.matched

    def _add_paragraphs(
        self, findings: dict[tuple[int, int], _Finding], model: ParagraphModel, document: Document
    ) -> None:
        """The paragraph model's techniques, each at its paragraph's best sentence."""
        paragraphs = [
            p
            for p in split_paragraphs(document.text, _sentences(document), _title_end(document))
            if p.sentences  # a paragraph of skipped sections only (a dateline, an advert)
        ]
        for prediction in model.predict(document.text, paragraphs, self.min_probability):
            for name in prediction.techniques:  # most probable first
                key = prediction.evidence[name]
                finding = findings.setdefault(key, _Finding(*key))
                finding.add([name])
                probability = round(prediction.probabilities[name], 4)
                found = finding.attrs.setdefault("model_probabilities", {})
                found[name] = probability
                if finding.model_probability is None:
                    finding.model_probability = probability
                    finding.attrs["paragraph"] = [
                        prediction.paragraph.start,
                        prediction.paragraph.end,
                    ]
                    finding.model_rule = RUSSIAN_RULE

    def _model_techniques(self, detection: Detection, text: str) -> tuple[list[str], float, str]:
        ranked = sorted(detection.tc.items(), key=lambda kv: (-kv[1], kv[0]))
        quote = text[detection.start : detection.end]
        label, top = ranked[0]
        names = [self._lexicon.split_merged(PTC_TO_2023[label], quote)]
        for other, probability in ranked[1:]:
            if probability >= SECOND_TECHNIQUE:
                names.append(self._lexicon.split_merged(PTC_TO_2023[other], quote))
        return names, round(detection.probability * top, 4), label


def _title_end(document: Document) -> int:
    return max((s.end for s in document.layer("structure") if s.label == "title"), default=0)


def _sentences(document: Document) -> list[tuple[int, int]]:
    return sorted(
        (s.start, s.end)
        for s in document.layer("sentences")
        if SentenceAttributes.read(s).section not in SKIPPED_SECTIONS
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
    rule = f"cue:{finding.cue}" if finding.cue else finding.model_rule
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
