"""The one loader of Redline's YAML data files, validated by a pydantic model per file.

Every cue list, lexicon and gazetteer file under ``redline/data/`` is read here: the YAML is
parsed, checked against the model that describes the file (declared beside the code that reads
it: :class:`redline.claims.stance.StanceFile`, :class:`redline.groups.cues.GroupsFile`, ...),
and any problem is raised as :class:`~redline.errors.ConfigError` naming the file, where in it,
what was expected and what was found. Nothing downstream checks a key with ``.get()``.

>>> class Roles(DataFile):
...     version: int
...     titles: dict[str, str]
...     max_gap_before: int
...     after_connectors: list[str]
>>> load("roles.yaml", Roles).max_gap_before > 0
True
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from redline.errors import ConfigError

__all__ = ["DataFile", "load", "parse"]

Model = TypeVar("Model", bound=BaseModel)


class DataFile(BaseModel):
    """The base of a data file's model: frozen, and a key it does not declare is an error (a
    misspelt key would otherwise be ignored and its default used without a word)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def load(name: str, model: type[Model], *, path: str | Path | None = None) -> Model:
    """The packaged data file ``redline/data/<name>`` (or the file at ``path``), validated.

    Raises :class:`~redline.errors.ConfigError` when the file cannot be read, is not YAML or
    does not fit ``model``.
    """
    if path is None:
        source = f"redline/data/{name}"
        item = resources.files("redline").joinpath("data", *name.split("/"))
    else:
        source = str(path)
        item = Path(path)
    try:
        text = item.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(
            f"{source}: cannot read it ({error}); reinstall Redline or fix the path"
        ) from error
    return parse(text, model, source)


def parse(text: str, model: type[Model], source: str) -> Model:
    """``text`` (the YAML of the file named ``source``) validated against ``model``."""
    try:
        raw: Any = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ConfigError(
            f"{source}: not valid YAML ({str(error).splitlines()[0]}); fix the file's syntax"
        ) from error
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise ConfigError(f"{source}: {_problems(error)}") from error


def _problems(error: ValidationError) -> str:
    problems = []
    for item in error.errors()[:5]:
        where = ".".join(str(part) for part in item["loc"]) or "the file"
        found = repr(item.get("input"))
        found = found if len(found) <= 80 else found[:77] + "..."
        hint = ""
        if item["type"] == "string_type" and isinstance(item.get("input"), bool | int | float):
            hint = "; quote words that YAML reads as booleans or numbers ('no', 'off', '12')"
        problems.append(f"{where}: {item['msg']} (found {found}){hint}")
    more = error.error_count() - len(problems)
    tail = f"; and {more} more" if more > 0 else ""
    return "; ".join(problems) + tail + "; fix the file or reinstall Redline"
