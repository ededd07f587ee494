"""Read-only questions the web page asks of the corpus store, answered as JSON-ready values.

The store is opened (read-only) for each question and closed after it, so ``redline corpus add``
can write between two requests; every value that reaches SQL is a bound parameter or one of a
fixed set of names.

- :func:`overview`: how many documents, and the values each filter can take;
- :func:`documents` and :func:`claims`: rows matching a :class:`Filters`, with quotes;
- :func:`document_text`: one document's text and metadata, for showing a quote in place;
- :func:`chart`: a trends chart as Plotly's figure JSON;
- :func:`redline_timeline`: each actor's red lines in date order.

>>> with open_corpus(Path("redline.duckdb")) as corpus:          # doctest: +SKIP
...     documents(corpus, Filters(stance="threaten", rung=4))
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from redline.store.api import Corpus
    from redline.store.trends import Window

CHART_VIEWS = ("trends", "techniques", "actors", "alignment", "redlines")
ROW_LIMIT = 500
_FACET_LIMIT = 200
# A document without a title is named by its opening words.
_TITLE = (
    "coalesce(d.title, CASE WHEN length(d.text) > 70 THEN rtrim(substring(d.text, 1, 69)) || '…' "
    "ELSE d.text END) AS title"
)


class NotFound(LookupError):
    """The corpus holds no such document."""


@dataclass(frozen=True)
class Filters:
    """Which documents (and their claims) to show: dates inclusive; the claim filters
    (speaker, stance, rung: the lowest ladder level) hold for one and the same claim."""

    since: dt.date | None = None
    until: dt.date | None = None
    author: str | None = None
    outlet: str | None = None
    speaker: str | None = None
    actor: str | None = None
    stance: str | None = None
    rung: int | None = None

    def window(self) -> Window:
        """The documents' part of the filters (dates, author, outlet), as the trends take it."""
        from redline.store.trends import Window  # DuckDB loads with the first question

        return Window(self.since, self.until, self.author, self.outlet)

    def where(self) -> tuple[str, list[Any]]:
        """An SQL condition over ``documents d`` and its parameters."""
        documents, params = self.window().where(dated=False)
        conditions = [documents]
        claim, claim_params = self.claim_where("c")
        if claim_params:
            conditions.append(f"EXISTS (SELECT 1 FROM claims c WHERE c.doc_id = d.id AND {claim})")
            params.extend(claim_params)
        if self.actor is not None:
            conditions.append(
                "EXISTS (SELECT 1 FROM actors a WHERE a.doc_id = d.id AND a.actor_id = ?)"
            )
            params.append(self.actor)
        return " AND ".join(conditions), params

    def claim_where(self, alias: str) -> tuple[str, list[Any]]:
        """The condition one claim row (``alias``) must meet, and its parameters."""
        conditions, params = ["TRUE"], []
        for column, operator, value in (
            ("speaker", "=", self.speaker),
            ("stance", "=", self.stance),
            ("level", ">=", self.rung),
        ):
            if value is not None:
                conditions.append(f"{alias}.{column} {operator} ?")
                params.append(value)
        return " AND ".join(conditions), params


@contextmanager
def open_corpus(path: Path) -> Iterator[Corpus]:
    """The corpus at ``path``, read-only, closed afterwards."""
    from redline.store.api import Corpus  # DuckDB and pandas load with the first question

    corpus = Corpus(path)
    try:
        yield corpus
    finally:
        corpus.close()


def overview(corpus: Corpus) -> dict[str, Any]:
    """The corpus size, its date range and the values each filter can take."""
    con = corpus.con

    def values(query: str) -> list[Any]:
        return [row[0] for row in con.execute(query).fetchall()]

    first, last = con.execute(
        "SELECT min(published), max(published) FROM documents"
    ).fetchone() or (
        None,
        None,
    )
    actors = con.execute(
        "SELECT actor_id, any_value(name), count(*) AS n FROM actors "
        "WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY n DESC, actor_id "
        f"LIMIT {_FACET_LIMIT}"
    ).fetchall()
    return {
        "documents": len(corpus),
        "first": _iso(first),
        "last": _iso(last),
        "authors": values(
            "SELECT DISTINCT author FROM documents WHERE author IS NOT NULL ORDER BY 1"
        ),
        "outlets": values(
            "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY 1"
        ),
        "speakers": values(
            "SELECT speaker FROM claims WHERE speaker IS NOT NULL GROUP BY 1 "
            f"ORDER BY count(*) DESC, 1 LIMIT {_FACET_LIMIT}"
        ),
        "actors": [{"id": row[0], "name": row[1] or row[0]} for row in actors],
        "stances": values("SELECT DISTINCT stance FROM claims WHERE stance IS NOT NULL ORDER BY 1"),
        "rungs": values("SELECT DISTINCT level FROM claims WHERE level IS NOT NULL ORDER BY 1"),
    }


def documents(corpus: Corpus, filters: Filters) -> dict[str, Any]:
    """Documents matching ``filters``, newest first, with their escalation summary."""
    where, params = filters.where()
    query = f"""
        SELECT d.id, {_TITLE}, d.author, d.outlet, d.published, d.escalation_index,
               d.claim_count, d.max_advocate, d.max_threaten
        FROM documents d WHERE {where}
        ORDER BY d.published DESC NULLS LAST, d.id LIMIT {ROW_LIMIT + 1}"""
    return _rows(corpus, query, params)


def claims(corpus: Corpus, filters: Filters) -> dict[str, Any]:
    """Claims matching ``filters``, highest rung first, each with its quote and offsets."""
    where, params = filters.where()
    claim, claim_params = filters.claim_where("t")
    query = f"""
        SELECT t.doc_id, t.start_char, t.end_char, t.quote, t.stance, t.level, t.speaker,
               coalesce(t.actor_name, t.actor) AS actor,
               coalesce(t.target_name, t.target) AS target,
               {_TITLE}, d.published
        FROM claims t JOIN documents d ON d.id = t.doc_id
        WHERE {where} AND {claim}
        ORDER BY t.level DESC NULLS LAST, d.published DESC NULLS LAST, t.doc_id, t.seq
        LIMIT {ROW_LIMIT + 1}"""
    return _rows(corpus, query, params + claim_params)


def document_text(corpus: Corpus, doc_id: str) -> dict[str, Any]:
    """One document's text and metadata; :class:`NotFound` when the corpus lacks it."""
    found = _rows(
        corpus,
        f"SELECT id, {_TITLE}, author, outlet, published, text FROM documents d WHERE id = ?",
        [doc_id],
    )["rows"]
    if not found:
        raise NotFound(f"the corpus holds no document {doc_id!r}")
    return dict(found[0])


def chart(
    corpus: Corpus,
    view: str,
    *,
    by: str = "author",
    every: str = "month",
    filters: Filters = Filters(),
) -> Any:
    """The chart of ``view`` (one of :data:`CHART_VIEWS`) as Plotly's figure (a JSON value),
    over the filters' dates (and, for the escalation trends, author and outlet)."""
    from redline.store.charts import chart_figure  # the one home of the charts' definitions
    from redline.store.trends import PERIODS, TREND_KEYS

    if view not in CHART_VIEWS:
        raise ValueError(f"no chart {view!r}; expected one of: {', '.join(CHART_VIEWS)}")
    if by not in TREND_KEYS:
        raise ValueError(f"by must be one of {', '.join(TREND_KEYS)}; got {by!r}")
    if every not in PERIODS:
        raise ValueError(f"every must be one of {', '.join(PERIODS)}; got {every!r}")
    days = {"since": filters.since, "until": filters.until}
    if view == "trends":
        frame = corpus.trends(
            by=by, every=every, author=filters.author, outlet=filters.outlet, **days
        )
    elif view == "techniques":
        by = "outlet" if by == "outlet" else "author"
        frame = corpus.technique_frequencies(by=by, **days)
    elif view == "actors":
        frame = corpus.top_actors(since=filters.since, until=filters.until)
    elif view == "alignment":
        frame = corpus.alignment_edges(**days)
    else:
        frame = corpus.redlines_over_time(every=every, **days)
    if frame.empty:
        return {"data": [], "layout": {"title": {"text": f"No data for {view} yet"}}}
    figure = chart_figure(view, frame, by)
    figure.update_layout(margin={"l": 40, "r": 20, "t": 50, "b": 40}, height=420)
    return json.loads(figure.to_json())


def redline_timeline(corpus: Corpus, filters: Filters) -> dict[str, Any]:
    """Each actor's red lines (the setter, else the speaker) in date order, with quotes."""
    from redline.store.trends import UNKNOWN

    where, params = filters.where()
    query = f"""
        SELECT coalesce(r.setter_name, r.setter, r.speaker, '{UNKNOWN}') AS actor,
               d.published, r.doc_id, r.start_char, r.end_char, r.quote, r.kind, r.level,
               r.condition, r.consequence, {_TITLE}
        FROM redlines r JOIN documents d ON d.id = r.doc_id WHERE {where}
        ORDER BY actor, d.published NULLS LAST, r.doc_id, r.seq LIMIT {ROW_LIMIT + 1}"""
    found = _rows(corpus, query, params)
    actors: dict[str, list[dict[str, Any]]] = {}
    for row in found["rows"]:
        actors.setdefault(row.pop("actor"), []).append(row)
    timeline = [{"actor": name, "red_lines": rows} for name, rows in actors.items()]
    timeline.sort(key=lambda entry: (-len(entry["red_lines"]), entry["actor"]))
    return {"actors": timeline, "truncated": found["truncated"]}


def _rows(corpus: Corpus, query: str, params: list[Any]) -> dict[str, Any]:
    cursor = corpus.con.execute(query, params)
    names = [column[0] for column in cursor.description or ()]
    rows = [
        {name: _jsonable(value) for name, value in zip(names, row, strict=True)}
        for row in cursor.fetchall()
    ]
    return {"rows": rows[:ROW_LIMIT], "truncated": len(rows) > ROW_LIMIT}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None
