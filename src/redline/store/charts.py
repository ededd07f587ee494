"""Charts of the corpus views with Plotly, as one self-contained HTML file (no network needed).

>>> frame = escalation_trends(con, by="author").df()              # doctest: +SKIP
>>> write_chart("trends", frame, Path("trends.html"), by="author")  # doctest: +SKIP
>>> chart_figure("trends", frame, by="author").to_json()  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# A chart with more lines than this is unreadable: the most frequent keys are drawn.
MAX_SERIES = 12


def write_chart(view: str, frame: Any, path: Path, *, by: str = "author") -> None:
    """Draw ``frame`` (a pandas DataFrame of ``view``) into ``path`` (HTML, Plotly inlined)."""
    if path.suffix.lower() not in (".html", ".htm"):
        raise ValueError(
            f"charts are written as HTML; expected a file ending in .html, got {path.name!r}"
        )
    from redline.store.files import atomic_path

    figure = chart_figure(view, frame, by)
    with atomic_path(path) as temporary:
        figure.write_html(str(temporary), include_plotlyjs=True, full_html=True)


def chart_figure(view: str, frame: Any, by: str = "author") -> Any:
    """The Plotly figure of ``frame`` (a pandas DataFrame of the corpus view ``view``), series
    keyed by ``by``: the one home of the charts' definitions, for files and the web page."""
    import plotly.express as px

    if view == "trends":
        frame = _top(frame, by, "documents")
        return px.line(
            frame,
            x="period",
            y="mean_index",
            color=by,
            markers=True,
            hover_data=["documents", "max_index", "highest_advocated", "highest_threatened"],
            title=f"Escalation index by {by}",
            labels={"mean_index": "mean escalation index"},
        )
    if view == "techniques":
        frame = _top(frame, by, "spans")
        return px.bar(
            frame,
            x=by,
            y="spans",
            color="technique",
            hover_data=["documents", "document_share"],
            title=f"Persuasion techniques by {by}",
        )
    if view == "actors":
        return px.bar(
            frame,
            x="name",
            y="mentions",
            color="type",
            hover_data=["actor_id", "documents"],
            title="Most mentioned actors",
        )
    if view == "alignment":
        frame = frame.assign(
            edge=frame["a_name"] + " → " + frame["relation"] + " → " + frame["b_name"]
        )
        return px.bar(
            frame.head(40),
            x="assertions",
            y="edge",
            color="relation",
            orientation="h",
            title="Alignment assertions",
        )
    if view == "redlines":
        frame = _top(frame, "actor", "red_lines")
        return px.line(
            frame,
            x="period",
            y="red_lines",
            color="actor",
            markers=True,
            hover_data=["conditional_threats", "highest_level"],
            title="Red lines per actor",
        )
    raise ValueError(f"no chart for view {view!r}")


def _top(frame: Any, key: str, weight: str) -> Any:
    totals = frame.groupby(key)[weight].sum().sort_values(ascending=False)
    return frame[frame[key].isin(totals.index[:MAX_SERIES])]
