import random
import re
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

from redline.analyzers.alignment import Slot, _cues, _outermost, _possessive_pronouns
from redline.document import Document, Span
from redline.graph import alignment_graph, graph_to_json, write_graphml
from redline.scope import ScopeIndex


def _edges(document: Document) -> set[tuple[str, str, str]]:
    return {
        (str(s.attrs["a_name"]), str(s.attrs["b_name"]), s.label)
        for s in document.layer("alignment")
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
            s
            for s in document.layer("alignment")
            if s.label == expected["relation"]
            and {expected["a"], expected["b"]}
            <= _state_names(document, s.attrs, "a") | _state_names(document, s.attrs, "b")
        ]
        assert found, expected


def test_alignment_explicit_cues(analyse: Callable[..., Document]) -> None:
    document = analyse(
        "Iran is Russia's closest ally. Belarus is a vassal of Moscow. Poland is an enemy of "
        "Belarus."
    )
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


# -- issue 15 §1: the same slots and statements, without comparing every pair ------------------


def _possessives_by_scan(document: Document, slots: list[Slot], scopes: ScopeIndex) -> list[Slot]:
    """_possessive_pronouns before issue 15: every slot read again for every pronoun."""
    people = {s.id for s in document.layer("actors") if s.label == "person"}
    found = []
    for hit in re.finditer(r"\b(?:his|her|its)\b", document.text, re.IGNORECASE):
        voice = scopes.at(hit.start()).key
        wants_person = hit.group().lower() != "its"
        before = [
            s
            for s in slots
            if s.end <= hit.start()
            and scopes.at(s.start).key == voice
            and (s.span_id in people) == wants_person
            and s.span_id.startswith("actors/")
        ]
        if before:
            last = before[-1]
            found.append(
                Slot(hit.start(), hit.end(), last.actor_id, last.name, last.state, last.span_id)
            )
    return found


@pytest.mark.parametrize("seed", ["seed_op_ed", "seed_interview"])
def test_alignment_possessives_match_the_scan(seed: str, request: pytest.FixtureRequest) -> None:
    document, _ = request.getfixturevalue(seed)
    scopes = ScopeIndex(document)
    slots = [_slot(s, s.attrs.get("state")) for s in document.layer("actors")]
    slots += [
        _slot(s, str(s.attrs["actor_id"]))
        for s in document.layer("groups")
        if s.label in ("we", "they") and s.attrs.get("resolved")
    ]
    found = _possessive_pronouns(document, slots, scopes)
    assert found == _possessives_by_scan(document, slots, scopes)
    assert found  # "his", "her" and "its" resolved somewhere in the seed


def _slot(span: Span, state: str | None) -> Slot:
    actor = str(span.attrs["actor_id"])
    return Slot(span.start, span.end, actor, str(span.attrs["name"]), state, span.id)


def _outermost_by_scan(spans: list[Span]) -> list[Span]:
    """_outermost before issue 15: each span against every span kept before it."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start - s.end):
        if not any({o.attrs["a"], o.attrs["b"]} == {span.attrs["a"], span.attrs["b"]}
                   and o.start <= span.start and span.end <= o.end for o in kept):  # fmt: skip
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


@pytest.mark.parametrize("seed", range(25))
def test_alignment_outermost_keeps_what_the_scan_kept(seed: int) -> None:
    rng = random.Random(seed)
    document = Document.from_text("x" * 120)
    spans = []
    for index in range(rng.randrange(0, 40)):
        start = rng.randrange(100)
        end = start + rng.choice([0, 5, 10, 10, 20, 40])
        a, b = rng.sample(["russia", "ukraine", "nato"], 2)
        attrs = {"a": a, "b": b}
        rule, span_id = f"cue{index % 3}", f"alignment/{index}"
        end = min(end, 120)
        span = document.make_span(
            start, end, "enemy", analyzer="alignment", rule=rule, attrs=attrs, span_id=span_id
        )
        spans.append(span)
    assert _outermost(spans) == _outermost_by_scan(spans)


def test_alignment_sides_joined_by_and_share_the_relation() -> None:
    from redline.analysis import analyze

    document = analyze(
        "China and India remain our reliable partners, the Russian minister said. We, Russians, "
        "value them."
    )
    pairs = {(s.attrs["a"], s.attrs["b"], s.label) for s in document.layer("alignment")}
    assert pairs == {("china", "russia", "partner"), ("india", "russia", "partner")}
