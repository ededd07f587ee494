"""Row mapping helpers: dates and JSON-safe extra values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from redline.readers.rows import jsonable, normalise_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T10:00:00+02:00", "2024-03-05"),
        ("2024-03-05T10:00:00Z", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("Mar 5, 2024", "2024-03-05"),
        ("2024/03/05", "2024-03-05"),
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05"),
        (dt.datetime(2024, 3, 5, 23, 59), "2024-03-05"),
        (dt.date(2024, 3, 5), "2024-03-05"),
        ("05/03/2024", None),  # day or month first? not guessed
        ("spring 2024", None),
        ("", None),
        (20240305, None),
    ],
)
def test_rows_normalise_date(raw: object, expected: str | None) -> None:
    assert normalise_date(raw) == expected


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
