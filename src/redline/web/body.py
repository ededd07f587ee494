"""Reading and checking a request body before any analysis starts.

The checks run in this order, each answering with one line that says what was wrong:

1. size: ``Content-Length`` first, then the bytes counted as they stream in (413), so a huge
   body is refused without being held in memory;
2. UTF-8 (422): the body must decode strictly;
3. JSON (422): standard JSON only (no ``NaN``), integers of at most 4,300 digits (Python's
   limit), nesting within ``max_depth``: checked while walking the parsed value, and a body too
   deep for the parser itself is refused the same way;
4. Unicode (422): no lone surrogates (``"\\ud800"`` escapes) in any string or key, since a
   document's text and metadata must be encodable as UTF-8 everywhere downstream;
5. the request model (422), then the text's and the metadata's sizes (413), then an empty text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, Request
from pydantic import BaseModel, Field, ValidationError

from redline.document import Metadata

_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_INTEGER_DIGITS = 4_300  # Python's own limit for int(str)


class AnalyzeRequest(BaseModel):
    """One document to analyse."""

    text: str = Field(description="The document's text, exactly as it should be cited.")
    metadata: Metadata | None = Field(default=None, description="What is known besides the text.")


@dataclass(frozen=True)
class BodyLimits:
    """The sizes and depth a request body may reach."""

    body_bytes: int
    text_bytes: int
    metadata_bytes: int
    depth: int


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, _too_large(f"{int(declared):,} bytes (Content-Length)", limit))
    chunks: list[bytes] = []
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > limit:  # a chunked body, or one longer than it declared
            raise HTTPException(413, _too_large(f"over {limit:,} bytes", limit))
        chunks.append(chunk)
    return b"".join(chunks)


def parse_analyze_request(body: bytes, limits: BodyLimits) -> AnalyzeRequest:
    """The checked request in ``body``; an :class:`HTTPException` (413, 422) says what is wrong."""
    value = _json_value(body, limits.depth)
    try:
        request = AnalyzeRequest.model_validate(value)
    except ValidationError as error:
        raise HTTPException(422, _validation_message(error)) from None
    size = len(request.text.encode("utf-8"))
    if size > limits.text_bytes:
        raise HTTPException(
            413, f"text is {size:,} bytes; the limit is {limits.text_bytes:,} (max_bytes)"
        )
    if isinstance(value, dict) and value.get("metadata") is not None:
        size = len(
            json.dumps(value["metadata"], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        )
        if size > limits.metadata_bytes:
            raise HTTPException(
                413,
                f"metadata is {size:,} bytes as JSON; the limit is {limits.metadata_bytes:,} "
                "(max_metadata_bytes): send less metadata",
            )
    if not request.text.strip():
        raise HTTPException(422, "text is empty: send the document's text in the 'text' field")
    return request


def check_json_value(value: Any, max_depth: int, where: str = "body") -> None:
    """Raise ``ValueError`` (one line) if ``value`` nests deeper than ``max_depth`` containers or
    holds a string or key with a lone surrogate; iterative, so any depth is safe to check.

    >>> check_json_value({"a": [["deep"]]}, 2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: the JSON body nests more than 2 levels deep (at body.a[0]); the limit is 2 ...
    """
    stack: list[tuple[Any, str, int]] = [(value, where, 0)]
    while stack:
        item, path, depth = stack.pop()
        if isinstance(item, str):
            _check_string(item, path)
        elif isinstance(item, dict | list):
            if depth + 1 > max_depth:
                raise ValueError(
                    f"the JSON body nests more than {max_depth} levels deep (at {_short(path)}); "
                    f"the limit is {max_depth} (max_depth): flatten the metadata"
                )
            stack.extend(_children(item, path, depth + 1))


def _json_value(body: bytes, max_depth: int) -> Any:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HTTPException(
            422,
            f"the body is not valid UTF-8 (byte {error.start:,}: {error.reason}); send UTF-8 JSON",
        ) from None
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_int=_integer)
    except RecursionError:
        raise HTTPException(
            422, f"the JSON body nests too deeply to parse; the limit is {max_depth} (max_depth)"
        ) from None
    except ValueError as error:  # JSONDecodeError, integers over 4,300 digits, NaN
        raise HTTPException(422, f"the body is not valid JSON: {_first_line(error)}") from None
    try:
        check_json_value(value, max_depth)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    return value


def _integer(digits: str) -> int:
    # Python refuses longer ones anyway, with advice meant for the server, not the client.
    if len(digits.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise ValueError(
            f"an integer of {len(digits.lstrip('-')):,} digits; the limit is "
            f"{MAX_INTEGER_DIGITS:,}: send long numbers as strings"
        )
    return int(digits)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number (use null or a string)")


def _check_string(text: str, path: str) -> None:
    found = _SURROGATE.search(text)
    if found:
        raise ValueError(
            f"{_short(path)}: lone surrogate U+{ord(found.group()):04X} at character "
            f"{found.start():,}; strings must be valid Unicode (send UTF-8)"
        )


def _children(
    item: dict[str, Any] | list[Any], path: str, depth: int
) -> list[tuple[Any, str, int]]:
    if isinstance(item, list):
        return [(child, f"{path}[{index}]", depth) for index, child in enumerate(item)]
    children: list[tuple[Any, str, int]] = []
    for key, child in item.items():
        _check_string(key, f"{path} (a key)")
        children.append((child, f"{path}.{key}", depth))
    return children


def _short(path: str) -> str:
    # A path 300 levels deep would make the one-line message unreadable.
    return path if len(path) <= 80 else path[:77] + "..."


def _validation_message(error: ValidationError) -> str:
    problems = [
        f"{'.'.join(str(part) for part in problem['loc']) or 'body'}: {problem['msg']}"
        for problem in error.errors(include_url=False, include_input=False)
    ]
    extra = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    return "; ".join(problems[:3]) + extra + ' (expected {"text": "...", "metadata": {...}})'


def _first_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def _too_large(found: str, limit: int) -> str:
    return (
        f"the request body is {found}; the limit is {limit:,} bytes (max_body_bytes): "
        "send a shorter text"
    )
