"""Claims: the action lexicon, the stance cascade and the learned claim model.

The analyzer that uses them is :class:`redline.analyzers.claims.ClaimAnalyzer`; this package
holds what it reads, as :mod:`redline.techniques` and :mod:`redline.incitement` do for theirs:

- :mod:`.lexicon`: the action lexicon (``data/actions.yaml``) and the escalation ladder;
- :mod:`.stance`: the stance of the voice that utters an action, read off the parse
  (``data/stance.yaml``);
- :mod:`.features` and :mod:`.model`: the learned claim model, trained on the escalation
  corpus's train split, which decides the candidates the rules propose (numpy only; rebuilt
  with ``python scripts/train_claims_model.py``).

>>> from redline.claims.lexicon import LADDER
>>> sorted(LADDER)[:2]
[0, 1]
"""
