"""The geopolitical gazetteer: canonical actors with aliases, demonyms, metonyms and dated roles.

The entries live in versioned YAML files under ``redline/data/gazetteer/``; this module only
loads and indexes them.

>>> gazetteer = Gazetteer.load()   # doctest: +SKIP
>>> [e.name for e in gazetteer.holders("head_of_state", "ukraine", date(2023, 5, 1))]   # doctest: +SKIP
['Volodymyr Zelenskyy']
"""

from __future__ import annotations

import functools

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from redline.errors import ConfigError

ENTRY_TYPES = frozenset(
    {"state", "government", "person", "organisation", "armed_group", "place", "weapon", "event"}
)
ROLES = frozenset(
    {
        "head_of_state", "head_of_government", "foreign_minister", "defence_minister", "envoy",
        "spokesperson", "security_official", "military_commander", "party_leader",
        "opposition_leader", "religious_leader", "leader_of_organisation", "commentator", "other",
    }
)  # fmt: skip
_QID = re.compile(r"^Q\d+$")


@dataclass(frozen=True)
class Role:
    """An office held between two dates (``end`` None: still held when the data was compiled)."""

    role: str
    title: str
    of: str
    start: date | None
    end: date | None

    def held_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Entry:
    """One canonical actor."""

    id: str
    name: str
    type: str
    kind: str | None = None
    qid: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    ambiguous: bool = False
    venue: bool = False
    source_file: str = field(default="", compare=False)

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """(form, how) pairs: how is name, alias, demonym or metonym."""
        yield self.name, "name"
        for alias in self.aliases:
            yield alias, "alias"
        for demonym in self.demonyms:
            yield demonym, "demonym"
        for metonym in self.metonyms:
            yield metonym, "metonym"


class Gazetteer:
    """All entries, by id, with role look-up by date."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            if entry.id in self.entries:
                raise ConfigError(
                    f"gazetteer id {entry.id!r} is defined in both "
                    f"{self.entries[entry.id].source_file} and {entry.source_file}; ids must be unique"
                )
            self.entries[entry.id] = entry

    @classmethod
    def load(cls, folder: str | Path | None = None) -> Gazetteer:
        """Load every ``*.yaml`` file of ``folder`` (default: the packaged gazetteer)."""
        if folder is None:
            return _packaged()
        paths = sorted(Path(folder).glob("*.yaml"))
        return cls(entry for path in paths for entry in _read_file(path))

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, entry_id: str) -> Entry:
        return self.entries[entry_id]

    def get(self, entry_id: str | None) -> Entry | None:
        return self.entries.get(entry_id) if entry_id else None

    def holders(self, role: str, of: str, on: date | None) -> list[Entry]:
        """The people holding ``role`` of ``of`` on ``on`` (all holders, latest first, if None)."""
        found = [
            (held.start or date.min, person)
            for person in self.entries.values()
            for held in person.roles
            if held.role == role and held.of == of and (on is None or held.held_on(on))
        ]
        return [person for _, person in sorted(found, key=lambda pair: pair[0], reverse=True)]

    def holders_titled(self, phrase: str, of: str, on: date | None) -> list[Entry]:
        """People whose office of ``of`` is titled with ``phrase`` ("president"), latest first."""
        phrase = phrase.lower()
        found = [
            (held.start or date.min, person)
            for person in self.entries.values()
            for held in person.roles
            if held.of == of and held.title.lower().startswith(phrase) and (on is None or held.held_on(on))
            and not any(word in held.title.lower() for word in ("vice", "deputy", "acting"))
        ]
        return [person for _, person in sorted(found, key=lambda pair: pair[0], reverse=True)]

    def named(self, form: str) -> list[Entry]:
        """The entries one of whose names, aliases or metonyms is ``form``, ignoring case."""
        return [self.entries[i] for i in self._by_form.get(form.strip().casefold(), ())]

    @functools.cached_property
    def _by_form(self) -> dict[str, tuple[str, ...]]:
        index: dict[str, list[str]] = {}
        for entry in self.entries.values():
            for form, how in entry.surface_forms():
                if how != "demonym":
                    index.setdefault(form.casefold(), []).append(entry.id)
        return {form: tuple(dict.fromkeys(ids)) for form, ids in index.items()}

    def state_of(self, entry_id: str | None) -> str | None:
        """The state an entry belongs to (itself for a state), following affiliations."""
        seen: set[str] = set()
        while entry_id and entry_id not in seen:
            seen.add(entry_id)
            entry = self.entries.get(entry_id)
            if entry is None:
                return None
            if entry.type == "state":
                return entry.id
            entry_id = entry.affiliation
        return None


@cache
def _packaged() -> Gazetteer:
    folder = resources.files("redline") / "data" / "gazetteer"
    files = sorted((item for item in folder.iterdir() if item.name.endswith(".yaml")), key=str)
    return Gazetteer(entry for item in files for entry in _parse(item.read_text("utf-8"), item.name))


def _read_file(path: Path) -> list[Entry]:
    return _parse(path.read_text(encoding="utf-8"), str(path))


def _parse(text: str, source: str) -> list[Entry]:
    try:
        raw = yaml.safe_load(text) or []
    except yaml.YAMLError as error:
        raise ConfigError(f"{source}: not valid YAML: {str(error).splitlines()[0]}") from error
    if not isinstance(raw, list):
        raise ConfigError(f"{source}: expected a YAML list of entries, got {type(raw).__name__}")
    return [_entry(item, source) for item in raw]


def _entry(item: Any, source: str) -> Entry:
    if not isinstance(item, dict) or not {"id", "name", "type"} <= item.keys():
        raise ConfigError(f"{source}: every entry needs id, name and type; got {item!r:.120}")
    if item["type"] not in ENTRY_TYPES:
        raise ConfigError(f"{source}: entry {item['id']!r} has unknown type {item['type']!r}")
    qid = item.get("qid")
    if qid is not None and not _QID.match(str(qid)):
        raise ConfigError(f"{source}: entry {item['id']!r} has malformed qid {qid!r}")
    aliases = item.get("aliases") or {}
    if isinstance(aliases, list):
        aliases = {"en": aliases}
    return Entry(
        id=str(item["id"]),
        name=str(item["name"]),
        type=str(item["type"]),
        kind="capital" if item.get("capital") else item.get("kind"),
        qid=str(qid) if qid else None,
        affiliation=item.get("affiliation"),
        aliases=tuple(str(a) for forms in aliases.values() for a in (forms or ())),
        demonyms=tuple(str(d) for d in item.get("demonyms") or ()),
        metonyms=tuple(str(m) for m in item.get("metonyms") or ()),
        roles=tuple(_role(role, item["id"], source) for role in item.get("roles") or ()),
        ambiguous=bool(item.get("ambiguous", False)),
        venue=bool(item.get("venue", False)),
        source_file=source,
    )


def _role(raw: dict[str, Any], entry_id: str, source: str) -> Role:
    role = raw.get("role", "other")
    if role not in ROLES:
        raise ConfigError(f"{source}: {entry_id!r} has unknown role {role!r}; known: {sorted(ROLES)}")
    return Role(
        role=role,
        title=str(raw.get("title", "")),
        of=str(raw.get("of", "")),
        start=parse_partial_date(raw.get("from")),
        end=parse_partial_date(raw.get("to")),
    )


def parse_partial_date(value: Any) -> date | None:
    """A date from YYYY-MM-DD, YYYY-MM or YYYY (the first day of the month or year)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    parts = [int(p) for p in text.split("-")]
    if not 1 <= len(parts) <= 3:
        raise ConfigError(f"cannot read date {text!r}; use YYYY-MM-DD, YYYY-MM or YYYY")
    return date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))
