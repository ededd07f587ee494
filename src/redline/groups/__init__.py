"""The groups layer: who "we", "us", "our" and "they" stand for, per voice.

The analyzer is :class:`redline.analyzers.groups.GroupAnalyzer`; this package holds what it
reads and how: the data file of pronouns, cues and thresholds (:mod:`.cues`), the linked actor
mentions read through the actors' contract (:mod:`.mentions`), the evidence of who a voice's
"we" is (:mod:`.evidence` for cues in the text, :mod:`.speakers` for who speaks, :mod:`.russian`
for the lemma-based Russian cues on the parse), and the decision and the spans it writes
(:mod:`.resolve`).
"""

from __future__ import annotations

ANALYZER = "groups"

__all__ = ["ANALYZER"]
