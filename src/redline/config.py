"""Settings for reading and analysing, validated once; defaults live here and nowhere else."""

from __future__ import annotations

import inspect
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from redline.analyzers import DEFAULT_ANALYZERS
from redline.errors import ConfigError

DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_MIN_CONFIDENCE: Mapping[str, float] = {"techniques": 0.25}
"""Reports hide a layer's findings below its threshold; the JSON report keeps every finding.
Techniques: 0.25 is the lowest threshold at which at least half of the span text a report
shows is gold propaganda on PTC dev (SI precision 0.51, recall 0.13; chosen on dev only, by
``benchmarks/techniques_threshold.py``)."""


@dataclass(frozen=True)
class RedlineConfig:
    """How Redline reads and analyses.

    ``pipeline`` is a spaCy pipeline name or path (None: environment, then default);
    ``max_bytes`` is the largest input file or document read, larger ones are refused;
    ``analyzer_options`` sets an analyzer's parameters by name (``{"claims": {"model": None}}``
    runs the claim rules without their model): the one place the config file
    (``[redline.analyzer_options.claims]``), the CLI (``--set claims.model=PATH``) and the web
    service set them.
    ``min_confidence`` hides, in the text, Markdown and HTML reports, a layer's findings whose
    confidence is below the layer's threshold (``[redline.min_confidence] techniques = 0.2``,
    ``--min-confidence techniques=0.2``); layers not named show everything.
    """

    pipeline: str | None = None
    analyzers: tuple[str, ...] = DEFAULT_ANALYZERS
    max_bytes: int = DEFAULT_MAX_BYTES
    analyzer_options: Mapping[str, Mapping[str, OptionValue]] = field(default_factory=dict)
    min_confidence: Mapping[str, float] = field(
        default_factory=lambda: dict(DEFAULT_MIN_CONFIDENCE)
    )

    def __post_init__(self) -> None:
        for layer, value in self.min_confidence.items():
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
                raise ConfigError(
                    f"min_confidence.{layer} must be a number from 0 to 1, got {value!r}"
                )
        if self.max_bytes <= 0:
            raise ConfigError(
                f"max_bytes must be a positive number of bytes, got {self.max_bytes!r}"
            )
        if not self.analyzers:
            raise ConfigError("analyzers must name at least one analyzer, got an empty list")
        for name, options in self.analyzer_options.items():
            _check_options(name, options)

    @classmethod
    def from_toml(cls, path: str | Path) -> RedlineConfig:
        """Read the ``[redline]`` table of a TOML file (unknown keys are refused)."""
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"{path}: cannot read configuration: {error}") from error
        return cls().updated(**data.get("redline", data))

    def updated(self, **changes: Any) -> RedlineConfig:
        """A copy with ``changes`` applied; ``None`` values are ignored (unset CLI options)."""
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise ConfigError(f"unknown setting(s) {sorted(unknown)}; known: {sorted(known)}")
        given = {key: value for key, value in changes.items() if value is not None}
        if "analyzers" in given:
            given["analyzers"] = tuple(given["analyzers"])
        if "analyzer_options" in given:
            given["analyzer_options"] = _merged(self.analyzer_options, given["analyzer_options"])
        if "min_confidence" in given:
            thresholds = given["min_confidence"]
            if not isinstance(thresholds, Mapping):
                raise ConfigError(
                    f"min_confidence must be a table of LAYER = NUMBER, got {thresholds!r}"
                )
            given["min_confidence"] = {**self.min_confidence, **thresholds}
        return replace(self, **given)


OptionValue = str | int | float | bool | None
_OPTION_TYPES = (str, int, float, bool, type(None))


def parse_setting(setting: str) -> dict[str, dict[str, OptionValue]]:
    """``"claims.model=PATH"`` as ``{"claims": {"model": "PATH"}}``; ``none`` stands for None."""
    target, equals, value = setting.partition("=")
    name, dot, key = target.strip().partition(".")
    if not equals or not dot or not name or not key:
        raise ConfigError(f"{setting!r}: write an analyzer setting as ANALYZER.PARAMETER=VALUE")
    text = value.strip()
    parsed: OptionValue = None if text.lower() in ("none", "null") else text
    return {name: {key: parsed}}


def parse_threshold(setting: str) -> dict[str, float]:
    """``"techniques=0.2"`` as ``{"techniques": 0.2}``: a layer's report threshold.

    >>> parse_threshold("claims=0.5")
    {'claims': 0.5}
    """
    layer, equals, value = setting.partition("=")
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not equals or not layer.strip() or not 0 <= number <= 1:
        raise ConfigError(
            f"{setting!r}: write a confidence threshold as LAYER=NUMBER with a number from 0 "
            "to 1, e.g. techniques=0.2"
        )
    return {layer.strip(): number}


def _merged(
    base: Mapping[str, Mapping[str, OptionValue]], changes: Mapping[str, Mapping[str, OptionValue]]
) -> dict[str, dict[str, OptionValue]]:
    merged = {name: dict(options) for name, options in base.items()}
    for name, options in changes.items():
        if not isinstance(options, Mapping):
            raise ConfigError(
                f"analyzer_options.{name} must be a table of settings, got {options!r}"
            )
        merged.setdefault(name, {}).update(options)
    return merged


def _check_options(name: str, options: Mapping[str, Any]) -> None:
    """Refuse a setting the analyzer's constructor does not take, or a value that is not plain."""
    from redline.analyzers import analyzer_class
    from redline.errors import PipelineError

    try:
        cls = analyzer_class(name)
    except PipelineError as error:
        raise ConfigError(f"analyzer_options: {error}") from error
    parameters = {
        key: parameter
        for key, parameter in inspect.signature(cls.__init__).parameters.items()
        if key != "self" and isinstance(parameter.default, _OPTION_TYPES)
    }
    for key, value in options.items():
        if key not in parameters:
            raise ConfigError(
                f"analyzer_options: the {name} analyzer has no setting {key!r}; "
                f"it takes {sorted(parameters) or 'none'}"
            )
        if not isinstance(value, _OPTION_TYPES):
            raise ConfigError(
                f"analyzer_options: {name}.{key} must be a plain value, got {value!r}"
            )
