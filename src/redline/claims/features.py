"""What the claim model sees of a candidate: sparse binary features as strings.

Two families, so that the model can be trained with or without the rules' reading:

- ``lex``: the words and the parse around the action — the trigger's lemma, part of speech and
  dependency; the governing verb's lemma; the subject's word; the modal and negation words of
  the clause; the words just before and after the trigger in its sentence; whether the sentence
  asks, has "if", or sits in a quotation;
- ``rule``: what the rules decided — the stance and the rule that fired, the level and how it
  was reached, the lexicon's action key, PLOVER type and mode, whether an actor, a target or
  the speaker's own side was found.

>>> sorted(f for f in ["lex:pos=VERB", "rule:stance=report"] if f.startswith("rule:"))
['rule:stance=report']
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

FAMILIES = ("lex", "rule")
_WINDOW = 4
_MARKERS = {
    "must",
    "should",
    "need",
    "have",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "shall",
    "not",
    "never",
    "no",
    "if",
    "unless",
    "let",
    "please",
    "ready",
    "going",
    "want",
    "call",
    "demand",
    "urge",
    "threaten",
    "warn",
    "deny",
    "refuse",
    "reject",
    "condemn",
    "said",
    "say",
    "says",
    "according",
    "otherwise",
    "or",
    "else",
    "time",
    "only",
}


def candidate_features(
    trigger: Token, verb: Token, subject: Token | None, reading: Any, level: int, level_rule: str,
    action: Any, scope: Any, own_side: bool, has_actor: bool, has_target: bool,
) -> list[str]:  # fmt: skip
    """The feature strings of one candidate claim."""
    sentence = trigger.sent
    features = [
        f"lex:lemma={trigger.lemma_.lower()}",
        f"lex:pos={trigger.pos_}",
        f"lex:dep={trigger.dep_}",
        f"lex:verb={verb.lemma_.lower()}",
        f"lex:verb_pos={verb.pos_}",
        f"lex:verb_dep={verb.dep_}",
        f"lex:subject={subject.lower_ if subject is not None else '-'}",
        f"lex:voice={scope.label}",
    ]
    if sentence.text.rstrip().endswith("?"):
        features.append("lex:question")
    before = trigger.doc[max(sentence.start, trigger.i - _WINDOW) : trigger.i]
    after = trigger.doc[trigger.i + 1 : min(sentence.end, trigger.i + 1 + _WINDOW)]
    features += [f"lex:before={t.lower_}" for t in before]
    features += [f"lex:after={t.lower_}" for t in after]
    clause = trigger.doc[sentence.start : sentence.end]
    features += sorted({f"lex:marker={t.lower_}" for t in clause if t.lower_ in _MARKERS})
    features += [
        f"lex:child={c.dep_}:{c.lower_}"
        for c in verb.children
        if c.dep_ in ("aux", "auxpass", "neg", "mark", "advmod")
    ]
    features += [
        f"rule:stance={reading.stance}",
        f"rule:rule={reading.rule}",
        f"rule:level={level}",
        f"rule:level_rule={level_rule}",
        f"rule:action={action.key}",
        f"rule:plover={action.plover}",
        f"rule:mode={action.mode}",
        f"rule:negated={reading.negated}",
        f"rule:own_side={own_side}",
        f"rule:actor={has_actor}",
        f"rule:target={has_target}",
        f"rule:lexlevel={action.level}",
    ]
    features += [f"rule:also={s}" for s in reading.also]
    return features


def select(features: list[str], families: tuple[str, ...]) -> list[str]:
    return [f for f in features if f.split(":", 1)[0] in families]
