"""A stand-in for the analysis in the pool's worker processes: quick, and told how to misbehave.

Workers are spawned, so these must be importable functions; the spawned worker finds this
module on the ``sys.path`` it inherits from the test process (pytest puts ``tests/web`` there).
"""

from __future__ import annotations

import json
import os
import re
import time

from redline.document import Document
from redline.web.worker import Job, Outcome, render


def initialize() -> None:
    """Nothing to load."""


def initialize_or_fail(fail: bool) -> None:
    """An initializer that fails as a missing model would."""
    if fail:
        raise OSError("no model here\nmore detail")


# A number such as 0.4 in a text stands for a technique found there with that confidence.
_CONFIDENCE = re.compile(r"\b0\.\d+\b")


def answer(job: Job) -> Outcome:
    """``sleep:S ...`` sleeps S seconds, ``exit`` ends the process, ``raise`` raises; any
    other text is answered at once with the worker's pid and the text's length (for a report,
    ``html``, ``md`` or the web page's ``ui``: the report of the text, whose only findings are
    a technique at each number from 0 to 1, with that number as its confidence)."""
    if job.text.startswith("sleep:"):
        time.sleep(float(job.text[len("sleep:") :].split()[0]))
    elif job.text == "exit":
        os._exit(3)
    elif job.text == "raise":
        raise ValueError("the stand-in was told to fail\nsecond line")
    if job.format != "json":
        return render(techniques_at_numbers(job), job.format, job.min_confidence)
    return Outcome(
        200, json.dumps({"pid": os.getpid(), "chars": len(job.text)}), "application/json"
    )


def techniques_at_numbers(job: Job) -> Document:
    """The document of ``job`` with a Loaded_Language technique at each number from 0 to 1."""
    document = Document.from_text(job.text, job.metadata)
    spans = [
        document.make_span(
            *found.span(),
            "Loaded_Language",
            analyzer="techniques",
            rule="stand-in",
            confidence=float(found.group()),
            attrs={"techniques": ["Loaded_Language"], "source": "stand-in"},
        )
        for found in _CONFIDENCE.finditer(job.text)
    ]
    return document.with_layers({"techniques": spans}) if spans else document
