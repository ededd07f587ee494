"""The alignment graph as a standalone HTML page: the drawing and the table of its edges.

``redline graph ... --out x.html`` writes it; it uses the report's style sheet, needs no script
and carries the report's Content-Security-Policy (its one style by hash, no script, no
network).

>>> import networkx as nx
>>> "<table" in render_graph_page(nx.MultiDiGraph())
False
"""

from __future__ import annotations

import networkx as nx

from redline.render.html import escape, graph_view, page_csp, template


def render_graph_page(graph: nx.MultiDiGraph[str], title: str = "Redline alignment graph") -> str:
    """The page: a heading, a line of counts, the SVG and the edge table."""
    style = template("report.css")
    touched = len({n for a, b in graph.edges() for n in (a, b)})
    counts = (
        f"{graph.number_of_edges()} alignment edges among {touched} actors "
        f"({graph.number_of_nodes()} actors mentioned in all). Each arrow reads source → "
        "relation → target as the text asserts it; thicker lines were asserted more often."
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(page_csp(style, None))}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n</head>\n<body>\n"
        f'<div class="rl-report"><style>{style}</style><h1>{escape(title)}</h1>'
        f'<p class="rl-hint">{escape(counts)}</p><section class="rl-graph">'
        f"{graph_view(graph, both=True)}</section></div>\n</body>\n</html>\n"
    )
