"""The alignment graph drawn as an inline SVG: actors as nodes sized by mentions, edges
coloured by relation. Deterministic circular layout; every label is escaped."""

from __future__ import annotations

import math
from html import escape

import networkx as nx

RELATION_COLOURS = {
    "ally": "#059669", "partner": "#0891b2", "enemy": "#dc2626", "hostile": "#ea580c",
    "subordinate": "#7c3aed", "neutral": "#6b7280",
}  # fmt: skip
MAX_NODES = 24
SIZE = 520


def alignment_svg(graph: nx.MultiDiGraph[str]) -> str:
    """An SVG of the graph's alignment edges and its most-mentioned actors ('' when empty)."""
    nodes = _chosen_nodes(graph)
    if not nodes:
        return ""
    centre, radius = SIZE / 2, SIZE / 2 - 90
    positions = {
        node: (centre + radius * math.cos(2 * math.pi * i / len(nodes) - math.pi / 2),
               centre + radius * math.sin(2 * math.pi * i / len(nodes) - math.pi / 2))
        for i, node in enumerate(nodes)
    }  # fmt: skip
    largest = max(graph.nodes[n].get("mentions", 0) for n in nodes) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="alignment-graph" viewBox="0 0 {SIZE} '
        f'{SIZE}" '
        f'width="{SIZE}" height="{SIZE}" role="img" aria-label="alignment graph">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        'fill="#555"/></marker></defs>',
    ]
    for a, b, key, data in sorted(graph.edges(keys=True, data=True)):
        if a in positions and b in positions:
            (x1, y1), (x2, y2) = positions[a], positions[b]
            colour = RELATION_COLOURS.get(key, "#444")
            width = 1.5 + min(float(data.get("count", 1)), 5.0)
            title = escape(
                f"{graph.nodes[a].get('name', a)} → {key} → {graph.nodes[b].get('name', b)} "
                f"({data.get('count', 1)}×)"
            )
            parts.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
                f'stroke-width="{width:.1f}" marker-end="url(#arrow)"><title>{title}</title></line>'
            )
    for node in nodes:
        x, y = positions[node]
        data = graph.nodes[node]
        r = 5 + 18 * math.sqrt(data.get("mentions", 0) / largest)
        label = escape(str(data.get("name", node)))
        parts.append(
            f'<g class="node"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#2563eb" '
            'fill-opacity="0.75">'
            f"<title>{label}: {int(data.get('mentions', 0))} mentions</title></circle>"
            f'<text x="{x:.1f}" y="{y + r + 12:.1f}" text-anchor="middle" '
            f'font-size="11">{label}</text></g>'
        )
    parts.append(_legend())
    parts.append("</svg>")
    return "".join(parts)


def _chosen_nodes(graph: nx.MultiDiGraph[str]) -> list[str]:
    in_edges = {n for a, b in graph.edges() for n in (a, b)}
    by_mentions = sorted(graph.nodes, key=lambda n: (-graph.nodes[n].get("mentions", 0), str(n)))
    chosen = sorted(in_edges, key=str)
    for node in by_mentions:
        if len(chosen) >= MAX_NODES:
            break
        if (
            node not in chosen
            and graph.nodes[node].get("mentions", 0) > 1
            and not str(node).startswith("ner:")
        ):
            chosen.append(node)
    return chosen[:MAX_NODES] if in_edges or len(chosen) > 1 else []


def _legend() -> str:
    items = []
    for i, (relation, colour) in enumerate(RELATION_COLOURS.items()):
        y = 14 + i * 14
        items.append(f'<rect x="6" y="{y - 9}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="20" y="{y}" font-size="10">{relation}</text>')  # fmt: skip
    return "".join(items)
