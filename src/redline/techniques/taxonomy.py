"""The persuasion-technique taxonomy Redline reports in: SemEval-2023 Task 3 (subtask 3).

Twenty-three techniques in six categories. Older label sets map onto it:

* the 14 labels of the Propaganda Techniques Corpus (SemEval-2020 Task 11), which Redline's
  model is trained on; two PTC labels are merged classes and map to several techniques;
* the 20 labels of SemEval-2021 Task 6 (memes), used as an out-of-domain benchmark.

The one-line definitions are Redline's own wording.

>>> TECHNIQUES["False_Dilemma-No_Choice"].category
'Simplification'
>>> resolve("Reductio ad Hitlerum")
('Guilt_by_Association',)
>>> resolve("Whataboutism,Straw_Men,Red_Herring")
('Whataboutism', 'Straw_Man', 'Red_Herring')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from redline.errors import ConfigError


@dataclass(frozen=True)
class Technique:
    """One SemEval-2023 technique: its official name, category and a short definition."""

    name: str
    category: str
    definition: str

    @property
    def title(self) -> str:
        """The name for people: ``"Name Calling / Labeling"``."""
        return self.name.replace("_", " ").replace("-", " / ")


CATEGORIES: tuple[str, ...] = (
    "Attack on Reputation",
    "Justification",
    "Simplification",
    "Distraction",
    "Call",
    "Manipulative Wording",
)

_TABLE: tuple[tuple[str, str, str], ...] = (
    # Attack on Reputation: discredit the opponent instead of answering the argument.
    ("Name_Calling-Labeling", "Attack on Reputation",
     "Pins an insulting or admiring label on a person or group so the label does the arguing."),
    ("Guilt_by_Association", "Attack on Reputation",
     "Discredits a target by linking it to someone already despised, such as Hitler or the Nazis."),
    ("Doubt", "Attack on Reputation",
     "Undermines trust in a person, body or claim by questioning its honesty or competence."),
    ("Appeal_to_Hypocrisy", "Attack on Reputation",
     "Brushes a criticism aside by accusing the critic of doing the same thing."),
    ("Questioning_the_Reputation", "Attack on Reputation",
     "Smears the target's character or record, unrelated to the issue at hand."),
    # Justification: support a claim with something other than evidence for it.
    ("Flag_Waving", "Justification",
     "Justifies a position by appeal to pride in or the interest of a nation, group or identity."),
    ("Appeal_to_Authority", "Justification",
     "Treats a claim as true because an authority or expert (often irrelevant) said so."),
    ("Appeal_to_Popularity", "Justification",
     "Treats a claim as true or an action as right because many or everyone accept it."),
    ("Appeal_to_Values", "Justification",
     "Ties a position to cherished values (freedom, peace, tradition) instead of arguing for it."),
    ("Appeal_to_Fear-Prejudice", "Justification",
     "Seeks support by stoking fear of an outcome or prejudice against a group."),
    # Simplification: reduce a complex situation to a false, simple shape.
    ("Causal_Oversimplification", "Simplification",
     "Assigns a complex outcome to a single cause, often a scapegoat."),
    ("False_Dilemma-No_Choice", "Simplification",
     "Presents two options (or one) as the only ones when more exist."),
    ("Consequential_Oversimplification", "Simplification",
     "Claims one step will inevitably set off a chain of (usually dire) consequences."),
    # Distraction: steer attention away from the point.
    ("Straw_Man", "Distraction",
     "Refutes a distorted version of the opponent's position instead of the real one."),
    ("Red_Herring", "Distraction",
     "Brings in an irrelevant topic to divert attention from the question."),
    ("Whataboutism", "Distraction",
     "Answers a charge by pointing to the accuser's own, supposedly similar, wrongdoing."),
    # Call: push the audience to act or to stop thinking.
    ("Slogans", "Call",
     "A short, catchy phrase that works as a rallying cry rather than an argument."),
    ("Conversation_Killer", "Call",
     "A stock phrase that ends discussion and discourages critical thought."),
    ("Appeal_to_Time", "Call",
     "Urges action because the moment has come or time is running out."),
    # Manipulative Wording: words chosen for their effect, not their content.
    ("Loaded_Language", "Manipulative Wording",
     "Uses emotionally charged words or phrases to sway the audience."),
    ("Obfuscation-Vagueness-Confusion", "Manipulative Wording",
     "Uses deliberately unclear wording so the audience reads in what it likes."),
    ("Exaggeration-Minimisation", "Manipulative Wording",
     "Blows something up or plays it down out of proportion."),
    ("Repetition", "Manipulative Wording",
     "Repeats the same word, phrase or idea so that it sticks."),
)  # fmt: skip

TECHNIQUES: dict[str, Technique] = {name: Technique(name, cat, d) for name, cat, d in _TABLE}
"""The 23 techniques by official SemEval-2023 name, grouped by category."""

# The 14 PTC labels (SemEval-2020 Task 11) -> SemEval-2023 names. The two merged PTC classes
# map to all of their members, in the order the analyzer prefers when no cue disambiguates.
PTC_TO_2023: dict[str, tuple[str, ...]] = {
    "Loaded_Language": ("Loaded_Language",),
    "Name_Calling,Labeling": ("Name_Calling-Labeling",),
    "Repetition": ("Repetition",),
    "Doubt": ("Doubt",),
    "Exaggeration,Minimisation": ("Exaggeration-Minimisation",),
    "Appeal_to_fear-prejudice": ("Appeal_to_Fear-Prejudice",),
    "Flag-Waving": ("Flag_Waving",),
    "Causal_Oversimplification": ("Causal_Oversimplification",),
    "Appeal_to_Authority": ("Appeal_to_Authority",),
    "Slogans": ("Slogans",),
    "Black-and-White_Fallacy": ("False_Dilemma-No_Choice",),
    "Thought-terminating_Cliches": ("Conversation_Killer",),
    "Whataboutism,Straw_Men,Red_Herring": ("Whataboutism", "Straw_Man", "Red_Herring"),
    "Bandwagon,Reductio_ad_hitlerum": ("Appeal_to_Popularity", "Guilt_by_Association"),
}

# The 20 SemEval-2021 Task 6 labels -> SemEval-2023 names.
SEMEVAL2021_TO_2023: dict[str, tuple[str, ...]] = {
    "Appeal to authority": ("Appeal_to_Authority",),
    "Appeal to fear/prejudice": ("Appeal_to_Fear-Prejudice",),
    "Black-and-white Fallacy/Dictatorship": ("False_Dilemma-No_Choice",),
    "Causal Oversimplification": ("Causal_Oversimplification",),
    "Doubt": ("Doubt",),
    "Exaggeration/Minimisation": ("Exaggeration-Minimisation",),
    "Flag-waving": ("Flag_Waving",),
    "Glittering generalities (Virtue)": ("Appeal_to_Values",),
    "Loaded Language": ("Loaded_Language",),
    "Misrepresentation of Someone's Position (Straw Man)": ("Straw_Man",),
    "Name calling/Labeling": ("Name_Calling-Labeling",),
    "Obfuscation, Intentional vagueness, Confusion": ("Obfuscation-Vagueness-Confusion",),
    "Presenting Irrelevant Data (Red Herring)": ("Red_Herring",),
    "Reductio ad hitlerum": ("Guilt_by_Association",),
    "Repetition": ("Repetition",),
    "Slogans": ("Slogans",),
    "Smears": ("Questioning_the_Reputation",),
    "Thought-terminating cliché": ("Conversation_Killer",),
    "Whataboutism": ("Whataboutism",),
    "Bandwagon": ("Appeal_to_Popularity",),
}

# Older or informal names that are neither official 2023 names nor PTC / 2021 labels.
_ALIASES: dict[str, tuple[str, ...]] = {
    "reductio_ad_hitlerum": ("Guilt_by_Association",),
    "bandwagon": ("Appeal_to_Popularity",),
    "smears": ("Questioning_the_Reputation",),
    "glittering_generalities": ("Appeal_to_Values",),
    "black-and-white_fallacy": ("False_Dilemma-No_Choice",),
    "thought-terminating_cliches": ("Conversation_Killer",),
    "thought-terminating_cliche": ("Conversation_Killer",),
    "straw_men": ("Straw_Man",),
    "casting_doubt": ("Doubt",),
    "name_calling": ("Name_Calling-Labeling",),
    "appeal_to_fear": ("Appeal_to_Fear-Prejudice",),
    "flag-waving": ("Flag_Waving",),
}


def _key(name: str) -> str:
    # "Name Calling-Labeling", "name_calling-labeling" and "Name_Calling-Labeling" agree;
    # "/" and "," (2021, PTC) become "-" and "," is kept apart for the merged PTC classes.
    text = name.strip().lower().replace("é", "e")
    text = re.sub(r"\s*/\s*", "-", text)
    return re.sub(r"[\s_]+", "_", text)


_INDEX: dict[str, tuple[str, ...]] = {}
for _name in TECHNIQUES:
    _INDEX[_key(_name)] = (_name,)
for _table in (_ALIASES, SEMEVAL2021_TO_2023, PTC_TO_2023):
    for _label, _targets in _table.items():
        _INDEX.setdefault(_key(_label), _targets)


def resolve(name: str) -> tuple[str, ...]:
    """The SemEval-2023 technique(s) a technique name from any supported label set denotes.

    Accepts official 2023 names, PTC and SemEval-2021 labels and loose spellings (spaces for
    underscores, any case). Raises :class:`ConfigError` for an unknown name.
    """
    found = _INDEX.get(_key(name))
    if found is None:
        raise ConfigError(
            f"unknown persuasion technique {name!r}; expected one of the SemEval-2023 names "
            f"{sorted(TECHNIQUES)} or a PTC / SemEval-2021 label"
        )
    return found


def technique(name: str) -> Technique:
    """The :class:`Technique` a name resolves to (the first one, for a merged PTC class)."""
    return TECHNIQUES[resolve(name)[0]]


def by_category() -> dict[str, list[Technique]]:
    """The techniques grouped by category, in the official order."""
    grouped: dict[str, list[Technique]] = {category: [] for category in CATEGORIES}
    for item in TECHNIQUES.values():
        grouped[item.category].append(item)
    return grouped


__all__ = [
    "CATEGORIES",
    "PTC_TO_2023",
    "SEMEVAL2021_TO_2023",
    "TECHNIQUES",
    "Technique",
    "by_category",
    "resolve",
    "technique",
]
