"""A stand-in for the analysis in the pool's worker processes: quick, and told how to misbehave.

Workers are spawned, so these must be importable functions; the spawned worker finds this
module on the ``sys.path`` it inherits from the test process (pytest puts ``tests/web`` there).
"""

from __future__ import annotations

import json
import os
import time

from redline.document import Document
from redline.web.worker import Job, Outcome, render


def initialize() -> None:
    """Nothing to load."""


def initialize_or_fail(fail: bool) -> None:
    """An initializer that fails as a missing model would."""
    if fail:
        raise OSError("no model here\nmore detail")


def answer(job: Job) -> Outcome:
    """``sleep:S ...`` sleeps S seconds, ``exit`` ends the process, ``raise`` raises; any
    other text is answered at once with the worker's pid and the text's length (for the web
    page's ``ui`` form: the report of the text without any analysis)."""
    if job.text.startswith("sleep:"):
        time.sleep(float(job.text[len("sleep:") :].split()[0]))
    elif job.text == "exit":
        os._exit(3)
    elif job.text == "raise":
        raise ValueError("the stand-in was told to fail\nsecond line")
    if job.format == "ui":
        return render(Document.from_text(job.text, job.metadata), "ui")
    return Outcome(
        200, json.dumps({"pid": os.getpid(), "chars": len(job.text)}), "application/json"
    )
