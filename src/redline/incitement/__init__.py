"""Incitement: calls to violence, threats, dehumanisation and identity attacks.

The analyzer is :class:`redline.analyzers.incitement.IncitementAnalyzer`; this package holds
what it reads: the cue lexicon (:mod:`.cues`), the sentence cascade over the parse
(:mod:`.reader`), the numpy-only model (:mod:`.model`, :mod:`.features`), and, for training and
benchmarks only, the corpus readers (:mod:`.datasets`) and the scikit-learn recipe
(:mod:`.training`).
"""

from __future__ import annotations

LABELS: tuple[str, ...] = ("call_to_violence", "threat", "dehumanization", "identity_attack")

__all__ = ["LABELS"]
