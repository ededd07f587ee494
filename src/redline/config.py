"""Settings for reading and analysing, validated once; defaults live here and nowhere else."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from redline.analyzers import DEFAULT_ANALYZERS
from redline.errors import ConfigError

DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class RedlineConfig:
    """How Redline reads and analyses.

    ``pipeline`` is a spaCy pipeline name or path (None: environment, then default);
    ``max_bytes`` is the largest input file or document read, larger ones are refused.
    """

    pipeline: str | None = None
    analyzers: tuple[str, ...] = DEFAULT_ANALYZERS
    max_bytes: int = DEFAULT_MAX_BYTES

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(
                f"max_bytes must be a positive number of bytes, got {self.max_bytes!r}"
            )
        if not self.analyzers:
            raise ConfigError("analyzers must name at least one analyzer, got an empty list")

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
        return replace(self, **given)
