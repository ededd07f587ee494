"""redline.dates: one normaliser for every written date."""

import datetime as dt

import pytest

from redline.dates import iso_day, parse_day


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
def test_dates_iso_day(raw: object, expected: str | None) -> None:
    assert iso_day(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (2014, dt.date(2014, 1, 1)),
        ("2014-03", dt.date(2014, 3, 1)),
        ("2014-03-05", dt.date(2014, 3, 5)),
        (dt.date(2014, 3, 5), dt.date(2014, 3, 5)),
        ("March", None),
        ("2014-13-01", None),
    ],
)
def test_dates_partial_days_start_the_month_or_year(raw: object, expected: dt.date | None) -> None:
    assert parse_day(raw, partial=True) == expected
