"""Structure: the rules, cues and helpers behind the structure layer.

The analyzer that uses them is :class:`redline.analyzers.structure.StructureAnalyzer`; this
package holds what it reads, as :mod:`redline.techniques` and :mod:`redline.incitement` do for
theirs:

- :mod:`.cues`: every cue word, loaded from ``data/structure.yaml``;
- :mod:`.rules`: lines, speaker labels, apparatus, furniture, paragraphs and turns;
- :mod:`.head`: the dateline, title block, byline and interview intro;
- :mod:`.comments`: the reader-comment region and each comment in it.
"""
