"""Persuasion techniques: the SemEval-2023 taxonomy, the cue lexicons and the shipped models.

English: span-level SI/TC model (:mod:`.model`, trained on PTC) and ``data/techniques.yaml``.
Russian: paragraph-level model (:mod:`.paragraphs`, trained on SemEval-2023 Task 3's Russian
train articles) and ``data/ru/techniques.yaml``. The analyzer that uses them is
:class:`redline.analyzers.techniques.TechniqueAnalyzer`.

>>> from redline.techniques import TECHNIQUES, resolve
>>> len(TECHNIQUES), resolve("Black-and-White_Fallacy")
(23, ('False_Dilemma-No_Choice',))
"""

from __future__ import annotations

from redline.techniques.taxonomy import (
    CATEGORIES,
    PTC_TO_2023,
    SEMEVAL2021_TO_2023,
    TECHNIQUES,
    Technique,
    by_category,
    resolve,
    technique,
)


def techniques_command() -> None:
    """Print the 23 techniques by category, with definitions and cue counts, as a Rich table."""
    from rich.console import Console
    from rich.table import Table

    from redline.techniques.cues import CueLexicon

    cue_counts: dict[str, int] = {}
    for cue in CueLexicon.load().cues:
        for name in cue.techniques:
            cue_counts[name] = cue_counts.get(name, 0) + 1
    modelled = {name for names in PTC_TO_2023.values() for name in names}
    table = Table(title="Persuasion techniques (SemEval-2023 Task 3)", show_lines=False)
    table.add_column("Technique", max_width=34, overflow="fold")
    table.add_column("Definition", ratio=1)
    table.add_column("Found by", max_width=12)
    for category, items in by_category().items():
        table.add_row(f"[bold]{category}[/bold]", "", "")
        for i, item in enumerate(items):
            finders = ["model"] if item.name in modelled else []
            if cue_counts.get(item.name):
                finders.append(
                    f"{cue_counts[item.name]} cue{'s' if cue_counts[item.name] > 1 else ''}"
                )
            table.add_row(
                "  " + item.name,
                item.definition,
                " + ".join(finders) or "-",
                end_section=i == len(items) - 1,
            )
    Console().print(table)


__all__ = [
    "CATEGORIES",
    "PTC_TO_2023",
    "SEMEVAL2021_TO_2023",
    "TECHNIQUES",
    "Technique",
    "by_category",
    "resolve",
    "technique",
    "techniques_command",
]
