"""The alignment graph for readers: drawn with a spring layout when its actors connect, a table
when it is sparse, and ``redline graph --out x.html`` as a standalone page beside JSON/GraphML."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from redline.cli import app
from redline.document import Document
from redline.graph import alignment_graph
from redline.render import render_html
from redline.render.graph_page import render_graph_page
from redline.render.graph_svg import alignment_svg, edge_rows, is_sparse

# Written for these tests: a ministry briefing naming Russia's partners and two enemies.
BRIEFING = (
    "Allies and enemies\n"
    "The ministry said on Tuesday that Belarus remains Russia's closest ally. China is a partner "
    "of Russia, the minister added. Iran is a partner of Russia in the region. Serbia is a "
    "partner of Russia. Kazakhstan is an ally of Russia. The United States is an enemy of Iran, "
    "he said. Ukraine is an enemy of Russia.\n"
)
# Two alignments among many actors named in passing: a sparse graph.
SPARSE = (
    "Talks in Geneva\n"
    "Delegations from Russia, Ukraine, Turkey, France, Germany, Poland, Lithuania, Latvia and "
    "Estonia met in Geneva on Friday. Belarus is an ally of Russia, the spokesman recalled. "
    "Poland, Lithuania, Latvia, Estonia, France and Germany spoke again on Saturday. Ukraine is "
    "an enemy of Russia, he said.\n"
)


@pytest.fixture(scope="module")
def briefing(analyse: Callable[..., Document]) -> Document:
    return analyse(BRIEFING)


@pytest.fixture(scope="module")
def sparse(analyse: Callable[..., Document]) -> Document:
    return analyse(SPARSE)


def test_graph_render_draws_connected_actors_with_names(briefing: Document) -> None:
    graph = alignment_graph([briefing])
    assert graph.number_of_edges() >= 5 and not is_sparse(graph)
    svg = alignment_svg(graph)
    assert svg.count("<line") == graph.number_of_edges()
    assert svg.count('<g class="node">') == len({n for e in graph.edges() for n in e})
    assert "United States" in svg and "united_states" not in svg
    assert svg == alignment_svg(alignment_graph([briefing]))  # fixed seed: same picture


def test_graph_render_layout_is_not_a_circle(briefing: Document) -> None:
    # The hub (Russia) sits among its partners, not on a ring with them.
    svg = alignment_svg(alignment_graph([briefing]))
    centres = {
        label: (float(x), float(y))
        for x, y, label in re.findall(
            r'<circle cx="([\d.]+)" cy="([\d.]+)".*?<title>([^:<]+):', svg
        )
    }
    hub = centres["Russia"]
    others = [p for name, p in centres.items() if name != "Russia"]
    mean = (sum(p[0] for p in others) / len(others), sum(p[1] for p in others) / len(others))
    assert abs(hub[0] - mean[0]) < 120 and abs(hub[1] - mean[1]) < 120


def test_graph_render_sparse_graph_is_a_table_in_the_report(sparse: Document) -> None:
    graph = alignment_graph([sparse])
    assert 1 <= graph.number_of_edges() < 4 and is_sparse(graph)
    page = render_html(sparse)
    section = page[page.index('<section class="rl-graph">') :]
    section = section[: section.index("</section>")]
    assert "<svg" not in section and "<table" in section
    assert "Belarus" in section and "“Belarus is an ally of Russia”" in section
    assert "null" not in section and "None" not in section


def test_graph_render_edge_rows_read_as_names_and_quotes(briefing: Document) -> None:
    rows = edge_rows(alignment_graph([briefing]))
    belarus = next(row for row in rows if row.source == "Belarus")
    assert (belarus.relation, belarus.target, belarus.count) == ("ally", "Russia", 1)
    assert "closest ally" in belarus.quote
    assert all("_" not in row.source + row.target for row in rows)


def test_graph_render_unnamed_actor_is_never_an_id_or_null() -> None:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_node("ner:black_sea_fleet", name=None, mentions=1)
    graph.add_node("russia", name="Russia", mentions=3)
    evidence = [{"text": "the fleet answers to Moscow", "speaker": None}]
    graph.add_edge(
        "ner:black_sea_fleet", "russia", key="subordinate", relation="subordinate", count=1,
        evidence=evidence,
    )  # fmt: skip
    (row,) = edge_rows(graph)
    assert row.source == "black sea fleet" and "None" not in row.cells()[4]


def test_graph_render_page_has_drawing_table_and_strict_csp(briefing: Document) -> None:
    page = render_graph_page(alignment_graph([briefing]), "Alignment: ministry briefing")
    assert "<svg" in page and "<table" in page and "Kazakhstan" in page
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None and "script-src &#x27;none&#x27;" in policy.group(1)
    assert "<script" not in page


def test_graph_cli_writes_html_beside_json(tmp_path: Path) -> None:
    source = tmp_path / "briefing.txt"
    source.write_text(BRIEFING, encoding="utf-8")
    page, data = tmp_path / "g.html", tmp_path / "g.json"
    result = CliRunner().invoke(
        app, ["graph", str(source), "-o", str(page), "-o", str(data), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert "<svg" in page.read_text(encoding="utf-8")
    assert "Redline alignment graph: Allies and enemies" in page.read_text(encoding="utf-8")
    assert any(e["key"] == "ally" for e in json.loads(data.read_text(encoding="utf-8"))["edges"])


def test_graph_cli_refuses_an_unknown_suffix(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["graph", "x.txt", "-o", str(tmp_path / "g.png")])
    assert result.exit_code == 2 and ".html" in result.output
