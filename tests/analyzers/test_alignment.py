from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

from redline.analyzers.alignment import _cues
from redline.document import Document
from redline.graph import alignment_graph, graph_to_json, write_graphml


def _edges(document: Document) -> set[tuple[str, str, str]]:
    return {
        (str(s.attrs["a_name"]), str(s.attrs["b_name"]), s.label) for s in document.layer("alignment")
    }


def _state_names(document: Document, span_attrs: dict, side: str) -> set[str]:
    names = {str(span_attrs[f"{side}_name"])}
    state = span_attrs.get(f"{side}_state")
    if state:
        names.add(str(state).replace("_", " ").title())
    return names


def test_alignment_cues_compile() -> None:
    assert len(_cues()) >= 20


@pytest.mark.parametrize("seed", ["seed_op_ed", "seed_interview"])
def test_alignment_seed_gold_edges(seed: str, request: pytest.FixtureRequest) -> None:
    document, gold = request.getfixturevalue(seed)
    for expected in gold["alignment"]:
        found = [
            s for s in document.layer("alignment")
            if s.label == expected["relation"]
            and {expected["a"], expected["b"]} <= _state_names(document, s.attrs, "a") | _state_names(document, s.attrs, "b")
        ]
        assert found, expected


def test_alignment_explicit_cues(analyse: Callable[..., Document]) -> None:
    document = analyse("Iran is Russia's closest ally. Belarus is a vassal of Moscow. Poland is an enemy of Belarus.")
    edges = _edges(document)
    assert ("Iran", "Russia", "ally") in edges
    assert any(a == "Belarus" and rel == "subordinate" for a, _, rel in edges)
    assert ("Poland", "Belarus", "enemy") in edges


def test_alignment_no_edge_without_cue(analyse: Callable[..., Document]) -> None:
    assert not _edges(analyse("Russia and Iran signed a trade agreement in Tehran."))


def test_alignment_graph_exports(seed_interview: tuple[Document, dict], tmp_path: Path) -> None:
    document, _ = seed_interview
    graph = alignment_graph([document])
    assert graph.number_of_edges() >= 2
    assert graph.nodes["russia"]["mentions"] > 5
    assert '"edges"' in graph_to_json(graph)
    write_graphml(graph, tmp_path / "g.graphml")
    again = nx.read_graphml(tmp_path / "g.graphml")
    assert again.number_of_edges() == graph.number_of_edges()
