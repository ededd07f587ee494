"""Trends and views over a corpus, as DuckDB SQL (lazy relations: to pandas, polars, CSV...).

Every view takes a :class:`Window` (days, author, outlet) and leaves out documents without a
date where time matters. Periods start on the day, the Monday of the week or the first of the
month (``date_trunc``).

- :func:`escalation_trends`: escalation index and highest advocated / threatened level per
  period, per author, outlet or speaker;
- :func:`technique_frequencies`: persuasion techniques per author or outlet;
- :func:`top_actors`: the most mentioned actors;
- :func:`alignment_edges`: the alignment graph (who is said to be whose ally, enemy, vassal);
- :func:`redlines_over_time`: red lines per actor (the setter, else the speaker) per period.

>>> with CorpusStore.open("redline.duckdb") as store:            # doctest: +SKIP
...     escalation_trends(store.con, by="author", every="month").df()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb
import networkx as nx

PERIODS = ("day", "week", "month")
TREND_KEYS = ("author", "outlet", "speaker")
UNKNOWN = "(unknown)"


@dataclass(frozen=True)
class Window:
    """Which documents a view covers: dates inclusive (ISO ``YYYY-MM-DD``), author, outlet."""

    since: dt.date | str | None = None
    until: dt.date | str | None = None
    author: str | None = None
    outlet: str | None = None

    def where(self, *, dated: bool) -> tuple[str, list[Any]]:
        """An SQL condition over ``documents d`` and its parameters."""
        conditions, params = ["d.published IS NOT NULL"] if dated else ["TRUE"], []
        for column, operator, value in (
            ("published", ">=", self.since),
            ("published", "<=", self.until),
            ("author", "=", self.author),
            ("outlet", "=", self.outlet),
        ):
            if value is not None:
                conditions.append(f"d.{column} {operator} ?")
                params.append(_day(value) if column == "published" else value)
        return " AND ".join(conditions), params


def _day(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    # Values are spliced into SQL (column names, date_trunc parts): only known ones get through.
    if value not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}; got {value!r}")
    return value


def escalation_trends(
    con: duckdb.DuckDBPyConnection,
    *,
    by: str = "author",
    every: str = "month",
    window: Window = Window(),
) -> duckdb.DuckDBPyRelation:
    """Per period and ``by`` (author, outlet, speaker): documents, index, highest levels."""
    by, every = _choice(by, TREND_KEYS, "by"), _choice(every, PERIODS, "every")
    where, params = window.where(dated=True)
    if by == "speaker":
        source, key, docs = (
            "speaker_escalation s JOIN documents d ON d.id = s.doc_id",
            "s.speaker",
            "count(DISTINCT s.doc_id)",
        )
        stats = "s"
    else:
        source, key, docs, stats = "documents d", f"coalesce(d.{by}, '{UNKNOWN}')", "count(*)", "d"
    query = f"""
        SELECT date_trunc('{every}', d.published)::DATE AS period, {key} AS {by},
               {docs} AS documents, round(avg({stats}.escalation_index), 1) AS mean_index,
               max({stats}.escalation_index) AS max_index,
               max({stats}.max_advocate) AS highest_advocated,
               max({stats}.max_threaten) AS highest_threatened,
               sum({stats}.claim_count)::BIGINT AS claims
        FROM {source} WHERE {where}
        GROUP BY ALL ORDER BY period, {by}"""
    return con.sql(query, params=params)


def technique_frequencies(
    con: duckdb.DuckDBPyConnection, *, by: str = "author", window: Window = Window()
) -> duckdb.DuckDBPyRelation:
    """Per author (or outlet) and technique: spans, documents, and the share of its documents."""
    by = _choice(by, ("author", "outlet"), "by")
    where, params = window.where(dated=False)
    key = f"coalesce(d.{by}, '{UNKNOWN}')"
    query = f"""
        WITH totals AS (
            SELECT {key} AS key, count(*) AS n FROM documents d WHERE {where} GROUP BY 1)
        SELECT {key} AS {by}, t.label AS technique, count(*) AS spans,
               count(DISTINCT t.doc_id) AS documents,
               round(count(DISTINCT t.doc_id) / any_value(totals.n), 3) AS document_share
        FROM techniques t JOIN documents d ON d.id = t.doc_id JOIN totals ON totals.key = {key}
        WHERE {where}
        GROUP BY ALL ORDER BY {by}, spans DESC, technique"""
    return con.sql(query, params=params + params)


def top_actors(
    con: duckdb.DuckDBPyConnection, *, window: Window = Window(), limit: int = 20
) -> duckdb.DuckDBPyRelation:
    """The ``limit`` most mentioned actors in the window, with the documents that mention them."""
    where, params = window.where(dated=window.since is not None or window.until is not None)
    query = f"""
        SELECT a.actor_id, any_value(a.name) AS name, any_value(a.type) AS type,
               count(*) AS mentions, count(DISTINCT a.doc_id) AS documents
        FROM actors a JOIN documents d ON d.id = a.doc_id WHERE {where}
        GROUP BY a.actor_id ORDER BY mentions DESC, a.actor_id LIMIT {int(limit)}"""
    return con.sql(query, params=params)


def alignment_edges(
    con: duckdb.DuckDBPyConnection, *, window: Window = Window()
) -> duckdb.DuckDBPyRelation:
    """One row per (a, relation, b) asserted in the window: how often, in how many documents."""
    where, params = window.where(dated=window.since is not None or window.until is not None)
    query = f"""
        SELECT e.a, any_value(e.a_name) AS a_name, e.label AS relation, e.b,
               any_value(e.b_name) AS b_name, count(*) AS assertions,
               count(DISTINCT e.doc_id) AS documents, min(d.published) AS first_seen,
               max(d.published) AS last_seen
        FROM alignment_edges e JOIN documents d ON d.id = e.doc_id WHERE {where}
        GROUP BY e.a, e.label, e.b ORDER BY assertions DESC, e.a, relation, e.b"""
    return con.sql(query, params=params)


def redlines_over_time(
    con: duckdb.DuckDBPyConnection, *, every: str = "month", window: Window = Window()
) -> duckdb.DuckDBPyRelation:
    """Per period and actor (the setter, else the speaker): red lines, threats, level."""
    every = _choice(every, PERIODS, "every")
    where, params = window.where(dated=True)
    query = f"""
        SELECT date_trunc('{every}', d.published)::DATE AS period,
               coalesce(r.setter_name, r.setter, r.speaker, '{UNKNOWN}') AS actor,
               count(*) AS red_lines,
               count(*) FILTER (WHERE r.kind = 'conditional_threat') AS conditional_threats,
               max(r.level) AS highest_level
        FROM redlines r JOIN documents d ON d.id = r.doc_id WHERE {where}
        GROUP BY ALL ORDER BY period, red_lines DESC, actor"""
    return con.sql(query, params=params)


def alignment_network(edges: Any) -> nx.MultiDiGraph[str]:
    """The alignment graph of :func:`alignment_edges` rows (a pandas DataFrame) for networkx."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for row in edges.itertuples(index=False):
        graph.add_node(row.a, name=row.a_name)
        graph.add_node(row.b, name=row.b_name)
        graph.add_edge(
            row.a,
            row.b,
            key=row.relation,
            relation=row.relation,
            count=int(row.assertions),
            documents=int(row.documents),
        )
    return graph


View = Callable[..., duckdb.DuckDBPyRelation]
VIEWS: dict[str, View] = {
    "trends": escalation_trends,
    "techniques": technique_frequencies,
    "actors": top_actors,
    "alignment": alignment_edges,
    "redlines": redlines_over_time,
}
