"""What one analysis worker process does: load the pipeline once, then analyse and render jobs.

These functions run in the pool's worker processes (see :mod:`redline.web.pool`), never in the
server's event loop; rendering happens here too, since it is CPU work as well.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from redline.config import RedlineConfig
from redline.document import Document, Metadata
from redline.errors import RedlineError

# The worker's configuration, set once by initialize() in each worker process.
_CONFIG: RedlineConfig | None = None
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


@dataclass(frozen=True)
class Job:
    """One document to analyse and the form of the answer (``json``, ``html``, ``md``, or
    ``ui``: the HTML report with a short summary, as JSON, for the web page).

    ``min_confidence``: the reports' thresholds per layer (the server's configuration with the
    request's overrides; None: the built-in default); the JSON answer keeps every finding.
    """

    text: str
    metadata: Metadata | None
    format: str = "json"
    min_confidence: Mapping[str, float] | None = None


@dataclass(frozen=True)
class Outcome:
    """A worker's answer: an HTTP status, a body and its media type.

    ``csp`` is the page's own Content-Security-Policy (the HTML report admits its inline style and
    script by hash), sent as a header so that the header does not forbid what the page needs.
    """

    status: int
    body: str
    media_type: str
    csp: str | None = None


def initialize(config: RedlineConfig) -> None:
    """Load the pipeline and its models once in this process, and check that they run."""
    global _CONFIG
    from threadpoolctl import threadpool_limits

    from redline.analysis import get_pipeline

    # Each worker is one of several processes: a multi-threaded BLAS in each oversubscribes cores.
    threadpool_limits(1)
    get_pipeline(config).run(Document.from_text("The models load here, once per worker."))
    _CONFIG = config


def analyse(job: Job) -> Outcome:
    """The analysed document of ``job``, rendered; a :class:`RedlineError` becomes a 422."""
    from redline.analysis import get_pipeline

    if _CONFIG is None:
        raise RuntimeError("analyse() ran in a worker that was not initialised")
    document = Document.from_text(job.text, job.metadata)
    try:
        document = get_pipeline(_CONFIG).run(document)
    except RedlineError as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return Outcome(422, json.dumps({"detail": message}), "application/json")
    return render(document, job.format, job.min_confidence)


def render(
    document: Document, form: str, min_confidence: Mapping[str, float] | None = None
) -> Outcome:
    """``document`` as the answer's body in ``form`` (``json``, ``html``, ``md`` or ``ui``).

    The reports hide findings below their layer's ``min_confidence`` (None: the built-in
    default); the JSON answer keeps every finding.
    """
    if form == "json":
        return Outcome(200, document.to_json(indent=None), "application/json")
    from redline.render import render as render_report

    if form == "md":
        report = render_report(document, "md", min_confidence=min_confidence)
        return Outcome(200, report, "text/markdown; charset=utf-8")
    page = render_report(document, "html", min_confidence=min_confidence)
    found = _META_CSP.search(page)
    policy = html.unescape(found.group(1)) if found else None
    if form == "ui":
        # The web page shows the report in a frame of its own: framing is its host's choice.
        answer = {"html": page, "csp": policy, "summary": summary(document, min_confidence)}
        return Outcome(200, json.dumps(answer, ensure_ascii=False), "application/json")
    # A meta policy cannot forbid framing; the header can.
    csp = f"{policy}; frame-ancestors 'none'" if policy else None
    return Outcome(200, page, "text/html; charset=utf-8", csp)


def summary(
    document: Document, min_confidence: Mapping[str, float] | None = None
) -> dict[str, object]:
    """What the web page lists for an analysed document: its name, highest rungs and counts.

    The counts are of the findings its report shows, at or above ``min_confidence`` (None: the
    built-in default); the rungs are the document's escalation profile, from every claim.
    """
    meta = document.metadata
    shown = _shown_counter(document, min_confidence)
    profile = document.summaries.get("escalation") or {}
    return {
        "id": document.id,
        "title": meta.title or meta.source or document.text[:60].strip(),
        "author": meta.author,
        "date": meta.date,
        "index": profile.get("index"),
        "claims": shown("claims"),
        "advocated": profile.get("max_advocate"),
        "threatened": profile.get("max_threaten"),
        "red_lines": shown("redlines"),
        "incitement": shown("incitement"),
    }


def _shown_counter(
    document: Document, min_confidence: Mapping[str, float] | None
) -> Callable[[str], int]:
    """Counts a layer's findings that a report with these thresholds shows."""
    if min_confidence is None:
        from redline.config import DEFAULT_MIN_CONFIDENCE

        min_confidence = DEFAULT_MIN_CONFIDENCE
    thresholds = min_confidence

    def shown(layer: str) -> int:
        floor = thresholds.get(layer, 0.0)
        return sum(1 for span in document.layer(layer) if span.confidence >= floor)

    return shown
