"""Values from outside (JSON lines, corpus rows, request bodies) checked before they are kept.

Some values pass a JSON parser yet break something far downstream, where the input that caused
them is no longer known; each is caught here, where it still is. The corpus readers (JSON
Lines, CSV, Parquet, on one machine or on Dask) use these checks, and so can the web service,
so a hostile value means the same thing everywhere (text files cannot carry these: they are
decoded strictly):

1. A lone surrogate (``"\\ud800"`` in JSON) is not Unicode: it cannot be written as UTF-8,
   so the report, the terminal and the corpus store would each fail on it later. The record is
   refused, naming the field.
2. Nesting: pydantic serialises at most 255 levels, so one deeply nested metadata value would
   break every report and every ``corpus export`` after it was stored. Values nested deeper than
   :data:`MAX_NESTING` keep their first levels; what lies below becomes its compact JSON text,
   so nothing is lost and every later step sees a bounded depth.
3. Bodies the JSON parser gives up on (not UTF-8, nested past Python's recursion limit, an
   integer of more than 4,300 digits) are one clear problem, not a traceback.

>>> loads_json(b'{"a": [1, 2]}')
{'a': [1, 2]}
>>> bound_nesting([[["deep"]]], limit=2)
[['["deep"]']]
>>> refuse_lone_surrogates({"author": "A \\ud800"}, "metadata")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
redline.readers.untrusted.UnsafeValue: field 'metadata.author' holds a lone surrogate (U+D800)...
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator, Mapping
from typing import Any

MAX_NESTING = 64
"""Levels of lists and objects kept in one metadata value; deeper ones are kept as JSON text.

Far below pydantic's 255-level serialisation limit (a Document adds a few levels of its own
around metadata), and far above what real metadata uses.
"""

_SURROGATE = re.compile("[\ud800-\udfff]")


class UnsafeValue(ValueError):
    """A value that cannot be kept; ``str(error)`` is one line saying what and what to do."""


def loads_json(data: bytes | str) -> Any:
    """Parse JSON from outside, turning every way the parser can fail into :class:`UnsafeValue`.

    >>> loads_json(b'{"n": ' + b"9" * 5000 + b"}")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    redline.readers.untrusted.UnsafeValue: a number with more than 4,300 digits, ...
    """
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as error:
        raise UnsafeValue(
            f"not valid UTF-8 (byte {error.start}); JSON must be encoded as UTF-8"
        ) from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise UnsafeValue(f"malformed JSON ({error.msg})") from error
    except RecursionError as error:
        raise UnsafeValue(
            f"JSON nested too deeply to read (about {sys.getrecursionlimit():,} levels or "
            f"more); keep metadata under {MAX_NESTING} levels"
        ) from error
    except ValueError as error:  # int("9" * 5000): Python's integer string conversion limit
        limit = sys.get_int_max_str_digits()
        raise UnsafeValue(
            f"a number with more than {limit:,} digits, more than Python reads; send it as a string"
        ) from error


def refuse_lone_surrogates(value: Any, name: str) -> None:
    """Raise :class:`UnsafeValue` naming the first string (or key) in ``value`` with one.

    ``name`` starts every field path; with ``""`` a mapping's keys are the paths.
    """
    for path, text in _strings(value, name):
        found = _SURROGATE.search(text)
        if found is not None:
            raise UnsafeValue(
                f"field '{path}' holds a lone surrogate (U+{ord(found.group()):04X}) at "
                f"character {found.start()}, which is not valid Unicode; fix the encoding of "
                "the program that wrote it"
            )


def _strings(value: Any, name: str) -> Iterator[tuple[str, str]]:
    """``(dotted path, string)`` for every string and key in ``value``, in document order,
    without recursion (the value may be nested as deep as the parser allowed)."""
    stack: list[tuple[str, Any]] = [(name, value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            yield path, item
        elif isinstance(item, Mapping):
            children = []
            for key, child in item.items():
                shown = _printable(str(key))
                child_path = f"{path}.{shown}" if path else shown
                if isinstance(key, str):
                    children.append((f"{child_path} (its name)", key))
                children.append((child_path, child))
            stack.extend(reversed(children))  # popped in document order
        elif isinstance(item, list | tuple):
            items = [(f"{path}[{index}]", child) for index, child in enumerate(item)]
            stack.extend(reversed(items))


def _printable(name: str) -> str:
    # A field name may hold the very surrogate being reported; the message must still print.
    return name.encode("utf-8", "backslashreplace").decode("utf-8")


def bound_nesting(value: Any, limit: int = MAX_NESTING) -> Any:
    """``value`` with lists and objects below ``limit`` levels kept as their compact JSON text.

    Raises :class:`UnsafeValue` when even that text cannot be written (nesting near the
    interpreter's recursion limit).
    """
    if not isinstance(value, Mapping | list | tuple):
        return value
    if limit <= 0:
        return _as_json_text(value)
    if isinstance(value, Mapping):
        return {key: bound_nesting(item, limit - 1) for key, item in value.items()}
    return [bound_nesting(item, limit - 1) for item in value]


def _as_json_text(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    except RecursionError as error:
        raise UnsafeValue(
            f"a value nested too deeply to keep, even as text; keep metadata under "
            f"{MAX_NESTING} levels"
        ) from error
