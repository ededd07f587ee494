"""A document's escalation profile (:class:`~redline.attributes.EscalationProfile`), its
declared summary, kept in ``Document.summaries["escalation"]`` (``document.escalation``):

- the highest ladder level advocated, threatened, predicted and reported, each with the ids of
  the claims behind it;
- the escalation index, 0-100: each claim weighs ``STANCE_WEIGHT[stance] * level / 5``; the
  index is ``100 * (0.6 * the largest weight + 0.4 * the mean of the five largest)``, so one
  call for nuclear use scores high, and many calls for force score higher than one;
- the same, broken down by speaker and by section.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, ClassVar

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.analyzers.versions import content_version
from redline.attributes import ClaimAttributes, EscalationBrief, EscalationProfile
from redline.document import Document, Span

STANCE_WEIGHT = {
    "advocate": 1.0, "threaten": 1.0, "predict": 0.6, "report": 0.4,
    "hypothetical": 0.3, "question": 0.3, "reject": 0.0,
}  # fmt: skip
PROFILED = ("advocate", "threaten", "predict", "report")
TOP = 5


def escalation_index(claims: Iterable[Span]) -> int:
    read = (ClaimAttributes.read(c) for c in claims)
    weights = sorted((STANCE_WEIGHT.get(a.stance, 0.0) * a.level / 5 for a in read), reverse=True)
    if not weights:
        return 0
    top = weights[:TOP]
    return round(100 * (0.6 * top[0] + 0.4 * sum(top) / len(top)))


def profile(claims: list[Span]) -> dict[str, Any]:
    """Highest level per stance (with its claims) and the index, for a set of claims."""
    result: dict[str, Any] = {"index": escalation_index(claims), "claims": len(claims)}
    read = [(c, ClaimAttributes.read(c)) for c in claims]
    for stance in PROFILED:
        chosen = [(c, a) for c, a in read if stance in (a.stances or [a.stance])]
        top = max((a.level for _, a in chosen), default=None)
        result[f"max_{stance}"] = top
        result[f"max_{stance}_claims"] = [c.id for c, a in chosen if a.level == top]
    return result


class EscalationAnalyzer:
    """Summarises the claims layer into the document's escalation profile."""

    name: ClassVar[str] = "escalation"
    # The release, then a digest of the code, data and model its findings depend on.
    version: ClassVar[str] = content_version(
        "1.0.0",
        "analyzers/escalation.py",
    )
    requires: ClassVar[tuple[str, ...]] = ("claims",)
    provides: ClassVar[tuple[str, ...]] = ()
    summary: ClassVar[type[EscalationProfile]] = EscalationProfile
    # It reads only the claims layer's stances and levels: the same in every language.
    languages: ClassVar[tuple[str, ...]] = ("en", "ru")

    def initialize(self) -> None:
        pass

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        claims = list(document.layer("claims"))
        summary = profile(claims)
        by_speaker: dict[str, list[Span]] = defaultdict(list)
        by_section: dict[str, list[Span]] = defaultdict(list)
        for claim in claims:
            attributes = ClaimAttributes.read(claim)
            by_speaker[attributes.speaker].append(claim)
            by_section[attributes.section].append(claim)
        summary["by_speaker"] = {k: _brief(v) for k, v in sorted(by_speaker.items())}
        summary["by_section"] = {k: _brief(v) for k, v in sorted(by_section.items())}
        return AnalyzerOutput(summary=EscalationProfile.model_validate(summary))


def _brief(claims: list[Span]) -> EscalationBrief:
    full = profile(claims)
    return EscalationBrief.model_validate(
        {k: v for k, v in full.items() if not k.endswith("_claims")}
    )
