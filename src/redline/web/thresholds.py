"""Report thresholds in the web service: the server's configuration, which a request may override.

A request names thresholds as the CLI's ``--min-confidence`` does, repeated per layer:
``?min_confidence=techniques=0.3&min_confidence=claims=0.5``; the layers it does not name keep
the server's ``[redline.min_confidence]``. Only the HTML and Markdown reports (and the web page's
report) hide findings below them; a JSON answer keeps every finding, as the CLI's does.

>>> effective({"techniques": 0.25}, {"claims": 0.5})
{'techniques': 0.25, 'claims': 0.5}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import Depends, HTTPException, Query

from redline.config import parse_threshold
from redline.errors import ConfigError

PAGE_LAYERS = ("claims", "redlines", "incitement", "techniques")
"""The layers the web page offers a threshold for: those whose findings' confidence varies."""

_HELP = (
    "Hide a layer's findings below this confidence in an HTML or Markdown report, as "
    "LAYER=VALUE with a value from 0 to 1 (repeatable, e.g. techniques=0.3); layers not named "
    "keep the server's configured thresholds. JSON answers keep every finding."
)


def requested(
    min_confidence: Annotated[list[str] | None, Query(description=_HELP)] = None,
) -> dict[str, float]:
    """The thresholds a request names; a bad one is a one-line 422, worded as the CLI's."""
    overrides: dict[str, float] = {}
    for setting in min_confidence or ():
        try:
            overrides.update(parse_threshold(setting))
        except ConfigError as error:
            raise HTTPException(422, str(error)) from None
    return overrides


# Module level: FastAPI resolves the (postponed) annotations that name it in the route's module.
Overrides = Annotated[dict[str, float], Depends(requested)]


def effective(configured: Mapping[str, float], overrides: Mapping[str, float]) -> dict[str, float]:
    """The server's thresholds with a request's ``overrides`` applied, layer by layer."""
    return {**configured, **overrides}


def page_defaults(configured: Mapping[str, float]) -> dict[str, float]:
    """What the page prefills its controls with: each offered layer's configured threshold (0:
    everything shown), and any other layer the configuration names."""
    return {**{layer: 0.0 for layer in PAGE_LAYERS}, **configured}
