"""The alignment graph of one document or a corpus (networkx), exported as JSON or GraphML.

Nodes are actors (sized by mentions), edges the alignment relations the texts assert, each
with its evidence.

>>> graph = alignment_graph([document])   # doctest: +SKIP
>>> save_graph(graph, Path("alignment.graphml"))   # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from redline.attributes import ActorAttributes, AlignmentAttributes
from redline.document import Document
from redline.store.files import atomic_path, write_atomic


def alignment_graph(documents: Iterable[Document]) -> nx.MultiDiGraph[str]:
    """Actors as nodes, one edge per (a, b, relation) with the evidence of every assertion."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    mentions: Counter[str] = Counter()
    for document in documents:
        for span in document.layer("actors"):
            actor = ActorAttributes.read_or_none(span)
            if actor is None:
                continue  # a hand-made span that names no actor
            mentions[actor.actor_id] += 1
            if actor.actor_id not in graph:
                graph.add_node(actor.actor_id, name=actor.name, type=actor.type)
        for span in document.layer("alignment"):
            edge = AlignmentAttributes.read_or_none(span)
            if edge is not None:
                _add_edge(graph, document, edge, span.label, span.start, span.end, span.text)
    for actor_id, count in mentions.items():
        graph.nodes[actor_id]["mentions"] = count
    for _, data in graph.nodes(data=True):
        data.setdefault("mentions", 0)
    return graph


def _add_edge(
    graph: nx.MultiDiGraph[str], document: Document, edge: AlignmentAttributes, relation: str,
    start: int, end: int, quote: str,
) -> None:  # fmt: skip
    a, b = edge.a, edge.b
    for node, name in ((a, edge.a_name or a), (b, edge.b_name or b)):
        if node not in graph:
            graph.add_node(node, name=name, type="actor")
    evidence = {"document": document.id, "start": start, "end": end, "text": quote,
                "speaker": edge.speaker}  # fmt: skip
    if graph.has_edge(a, b, key=relation):
        data = graph.edges[a, b, relation]
        data["count"] += 1
        data["evidence"].append(evidence)
    else:
        graph.add_edge(a, b, key=relation, relation=relation, count=1, evidence=[evidence])


def graph_to_json(graph: nx.MultiDiGraph[str]) -> str:
    """Node-link JSON (networkx's format), with evidence lists kept as lists."""
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=2)


def save_graph(graph: nx.MultiDiGraph[str], path: Path) -> None:
    """Write ``graph`` to ``path`` whole or not at all: node-link JSON for a ``.json`` file,
    GraphML otherwise."""
    if path.suffix.lower() == ".json":
        write_atomic(path, graph_to_json(graph) + "\n")
    else:
        with atomic_path(path) as temporary:
            write_graphml(graph, temporary)


def write_graphml(graph: nx.MultiDiGraph[str], path: str | Path) -> None:
    """GraphML; lists (evidence) are stored as JSON strings, as GraphML has no list type.

    Writes in place; :func:`save_graph` writes atomically."""
    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    flat.add_nodes_from(graph.nodes(data=True))
    for a, b, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(
            a,
            b,
            key=key,
            **{k: json.dumps(v) if isinstance(v, list) else v for k, v in data.items()},
        )
    for _, data in flat.nodes(data=True):
        for key in [k for k, v in data.items() if v is None]:
            del data[key]
    nx.write_graphml(flat, str(path))
