"""The alignment graph for readers: an inline SVG drawn with a networkx layout, or a table.

Only actors that take part in an alignment edge are drawn (an actor with no edge says nothing
about alignment), placed by a spring layout with a fixed seed, so the same graph always gives
the same picture. A sparse graph (:func:`is_sparse`) draws as scattered pairs that a table
reads better: :func:`edge_rows` gives its rows. Names, never ids; every label is escaped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import networkx as nx

RELATION_COLOURS = {
    "ally": "#059669", "partner": "#0891b2", "enemy": "#dc2626", "hostile": "#ea580c",
    "subordinate": "#7c3aed", "neutral": "#6b7280",
}  # fmt: skip
MAX_NODES = 24
SIZE = 560
MARGIN = 70  # room for the labels around the drawing
LEGEND_HEIGHT = 24  # a row under the drawing, so it never covers a node
LAYOUT_SEED = 13
# Sparse: fewer than 4 edges, or fewer than 3 edges per 4 actors they touch (e.g. four
# unrelated pairs). Such a drawing is mostly empty space; the table says the same at a glance.
MIN_EDGES = 4
MIN_EDGES_PER_NODE = 0.75
EDGE_HEADER = ("Source", "Relation", "Target", "Count", "First quote")


@dataclass(frozen=True)
class EdgeRow:
    """One alignment edge for a table: names, the relation, how often, the first quote."""

    source: str
    relation: str
    target: str
    count: int
    quote: str
    speaker: str

    def cells(self) -> tuple[str, str, str, str, str]:
        said = f" ({self.speaker})" if self.speaker else ""
        return (self.source, self.relation, self.target, str(self.count), f"“{self.quote}”{said}")


def node_name(graph: nx.MultiDiGraph[str], node: str) -> str:
    """The actor's name; an actor without one gets its id made readable ("ner:" and
    underscores dropped), never ``None``."""
    name = graph.nodes[node].get("name")
    if isinstance(name, str) and name.strip():
        return name.strip()
    return str(node).removeprefix("ner:").replace("_", " ").strip() or "unnamed actor"


def edge_rows(graph: nx.MultiDiGraph[str]) -> list[EdgeRow]:
    """Every edge, most asserted first, then by names."""
    rows = []
    for a, b, key, data in graph.edges(keys=True, data=True):
        evidence = data.get("evidence") or [{}]
        first = evidence[0]
        quote = " ".join(str(first.get("text") or "").split())
        rows.append(
            EdgeRow(
                node_name(graph, a), str(data.get("relation") or key), node_name(graph, b),
                int(data.get("count", 1)), quote, str(first.get("speaker") or ""),
            )
        )  # fmt: skip
    return sorted(rows, key=lambda r: (-r.count, r.source, r.relation, r.target))


def is_sparse(graph: nx.MultiDiGraph[str]) -> bool:
    """True when the graph reads better as a table than as a drawing (see ``MIN_EDGES``)."""
    edges = graph.number_of_edges()
    touched = {n for a, b in graph.edges() for n in (a, b)}
    return edges < MIN_EDGES or edges < MIN_EDGES_PER_NODE * len(touched)


def alignment_svg(graph: nx.MultiDiGraph[str]) -> str:
    """An SVG of the graph's alignment edges and the actors they join ('' when no edge)."""
    nodes = _chosen_nodes(graph)
    if not nodes:
        return ""
    positions = _layout(graph, nodes)
    largest = max(graph.nodes[n].get("mentions", 0) for n in nodes) or 1
    radius = {n: 6 + 16 * math.sqrt(graph.nodes[n].get("mentions", 0) / largest) for n in nodes}
    height = SIZE + LEGEND_HEIGHT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="alignment-graph" viewBox="0 0 {SIZE} '
        f'{height}" width="{SIZE}" height="{height}" role="img" aria-label="alignment graph">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        'fill="#555"/></marker></defs>',
    ]
    parts.extend(_edges(graph, positions, radius))
    parts.extend(_node(graph, node, positions[node], radius[node]) for node in nodes)
    parts.append(_legend({str(key) for *_, key in graph.edges(keys=True)}))
    parts.append("</svg>")
    return "".join(parts)


def _chosen_nodes(graph: nx.MultiDiGraph[str]) -> list[str]:
    """The actors in an edge, the most connected (then most mentioned) first, at most
    ``MAX_NODES``."""
    touched = {n for a, b in graph.edges() for n in (a, b)}
    ranked = sorted(
        touched, key=lambda n: (-graph.degree(n), -graph.nodes[n].get("mentions", 0), str(n))
    )
    return sorted(ranked[:MAX_NODES], key=str)


def _layout(graph: nx.MultiDiGraph[str], nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Spring layout (fixed seed, nodes and edges in sorted order: deterministic), scaled into
    the drawing's box."""
    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(nodes)
    pairs = {
        (min(a, b), max(a, b)) for a, b in graph.edges() if a != b and a in simple and b in simple
    }
    simple.add_edges_from(sorted(pairs))
    raw = nx.spring_layout(simple, seed=LAYOUT_SEED, iterations=200)
    xs = [float(p[0]) for p in raw.values()]
    ys = [float(p[1]) for p in raw.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    inner = SIZE - 2 * MARGIN
    return {
        node: (
            MARGIN + inner * (float(raw[node][0]) - min(xs)) / span_x,
            MARGIN + inner * (float(raw[node][1]) - min(ys)) / span_y,
        )
        for node in nodes
    }


def _edges(
    graph: nx.MultiDiGraph[str],
    positions: dict[str, tuple[float, float]],
    radius: dict[str, float],
) -> list[str]:
    parts = []
    seen: dict[frozenset[str], int] = {}
    for a, b, key, data in sorted(graph.edges(keys=True, data=True)):
        if a not in positions or b not in positions or a == b:
            continue
        pair = frozenset((a, b))
        offset = 5.0 * seen.get(pair, 0)  # parallel edges of one pair drawn side by side
        seen[pair] = seen.get(pair, 0) + 1
        (x1, y1), (x2, y2) = positions[a], positions[b]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        nx_, ny_ = -uy * offset, ux * offset
        # The arrow stops at the target's rim, so its head is not hidden under the circle.
        start = (x1 + ux * radius[a] + nx_, y1 + uy * radius[a] + ny_)
        end = (x2 - ux * (radius[b] + 2) + nx_, y2 - uy * (radius[b] + 2) + ny_)
        colour = RELATION_COLOURS.get(key, "#444")
        width = 1.5 + min(float(data.get("count", 1)), 5.0)
        title = escape(
            f"{node_name(graph, a)} → {key} → {node_name(graph, b)} ({data.get('count', 1)}×)"
        )
        parts.append(
            f'<line x1="{start[0]:.1f}" y1="{start[1]:.1f}" x2="{end[0]:.1f}" y2="{end[1]:.1f}" '
            f'stroke="{colour}" stroke-width="{width:.1f}" marker-end="url(#arrow)">'
            f"<title>{title}</title></line>"
        )
    return parts


def _node(graph: nx.MultiDiGraph[str], node: str, position: tuple[float, float], r: float) -> str:
    x, y = position
    label = escape(node_name(graph, node))
    mentions = int(graph.nodes[node].get("mentions", 0))
    # Labels sit beside the node, on the side away from the centre, where edges (which run
    # mostly towards the middle of a spring layout) rarely pass.
    right = x >= SIZE / 2
    label_x, anchor = (x + r + 4, "start") if right else (x - r - 4, "end")
    return (
        f'<g class="node"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#2563eb" '
        f'fill-opacity="0.75"><title>{label}: {mentions} mentions</title></circle>'
        f'<text x="{label_x:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" font-size="12" '
        f'paint-order="stroke" stroke="#fff" stroke-width="3">{label}</text></g>'
    )


def _legend(relations: set[str]) -> str:
    """The colours of the relations present, in a row under the drawing."""
    items, x = [], 8
    for relation, colour in RELATION_COLOURS.items():
        if relation in relations:
            items.append(
                f'<rect x="{x}" y="{SIZE + 6}" width="10" height="10" fill="{colour}"/>'
                f'<text x="{x + 14}" y="{SIZE + 15}" font-size="11">{escape(relation)}</text>'
            )
            x += 24 + 7 * len(relation)
    return "".join(items)
