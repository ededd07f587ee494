"""The registered analyzers.

Redline's own analyzers are listed in :data:`BUILTIN`; third-party packages add theirs through
the ``redline.analyzers`` entry-point group. Adding an analyzer never touches the pipeline.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from importlib.metadata import entry_points

from pydantic import BaseModel

from redline.analyzers.base import AnalysisContext, Analyzer, AnalyzerOutput, declared
from redline.attributes import Attributes
from redline.errors import PipelineError

# name -> "module:Class"; imported only when used, so `redline --version` stays fast.
BUILTIN: dict[str, str] = {
    "structure": "redline.analyzers.structure:StructureAnalyzer",
    "actors": "redline.analyzers.actors:ActorAnalyzer",
    "voices": "redline.analyzers.voices:VoiceAnalyzer",
    "groups": "redline.analyzers.groups:GroupAnalyzer",
    "alignment": "redline.analyzers.alignment:AlignmentAnalyzer",
    "claims": "redline.analyzers.claims:ClaimAnalyzer",
    "redlines": "redline.analyzers.redlines:RedLineAnalyzer",
    "escalation": "redline.analyzers.escalation:EscalationAnalyzer",
    "techniques": "redline.analyzers.techniques:TechniqueAnalyzer",
    "incitement": "redline.analyzers.incitement:IncitementAnalyzer",
}

# The order the default pipeline runs them in.
DEFAULT_ANALYZERS: tuple[str, ...] = (
    "structure",
    "actors",
    "voices",
    "groups",
    "alignment",
    "claims",
    "redlines",
    "escalation",
    "techniques",
    "incitement",
)


def registered() -> dict[str, str]:
    """Every analyzer name Redline knows, built-in and from entry points."""
    found = dict(BUILTIN)
    for entry in entry_points(group="redline.analyzers"):
        found.setdefault(entry.name, entry.value)
    return found


def analyzer_class(name: str) -> type[Analyzer]:
    """Import and return the analyzer class registered under ``name``."""
    known = registered()
    if name not in known:
        raise PipelineError(f"no analyzer named {name!r}; known analyzers: {sorted(known)}")
    module_name, _, class_name = known[name].partition(":")
    cls: type[Analyzer] = getattr(import_module(module_name), class_name)
    return cls


@cache
def declared_attributes(
    names: tuple[str, ...] = DEFAULT_ANALYZERS,
) -> dict[str, dict[str, type[Attributes]]]:
    """Layer -> label -> attributes model, as the analyzers ``names`` declare them."""
    layers: dict[str, dict[str, type[Attributes]]] = {}
    for name in names:
        cls = analyzer_class(name)
        for layer in cls.provides:
            layers.setdefault(layer, {}).update(declared(cls).attributes)
    return layers


def declared_summaries(names: tuple[str, ...] = DEFAULT_ANALYZERS) -> dict[str, type[BaseModel]]:
    """Analyzer name -> the model of its document-level summary, for those that write one."""
    found = {name: declared(analyzer_class(name)).summary for name in names}
    return {name: model for name, model in found.items() if model is not None}


__all__ = [
    "BUILTIN",
    "DEFAULT_ANALYZERS",
    "AnalysisContext",
    "Analyzer",
    "AnalyzerOutput",
    "analyzer_class",
    "declared_attributes",
    "declared_summaries",
    "registered",
]
