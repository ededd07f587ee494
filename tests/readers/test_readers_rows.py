"""Row mapping helpers: dates and JSON-safe extra values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from redline.readers.rows import jsonable


def test_rows_jsonable_converts_library_values() -> None:
    value = {
        "when": dt.datetime(2024, 3, 5, 10, 30),
        "day": dt.date(2024, 3, 5),
        "price": Decimal("1.50"),
        "blob": b"\xff\x00",
        "nested": [float("inf"), 1, "x"],
    }
    assert jsonable(value) == {
        "when": "2024-03-05T10:30:00",
        "day": "2024-03-05",
        "price": "1.50",
        "blob": "ff00",
        "nested": [None, 1, "x"],
    }
