"""Dates: the one place that turns a written date into a calendar day.

Readers normalise a row's or a page's ``date`` with it, the gazetteer reads the start and end
of a role with it (``partial=True``: "2014" and "2014-03" are the first day of the year or
month), and the structure layer turns the date of a dateline into ISO with it. The parsing is
python-dateutil's; this module only decides what counts as a day:

- every part must come from the text: "March 2024" names no day (unless ``partial``), and
  dateutil's habit of filling missing parts from today's date never leaks through;
- ``05.03.2024`` is day first (the dotted European form), while ``05/03/2024`` could be either
  and is not guessed.

>>> iso_day("Tue, 05 Mar 2024 10:00:00 GMT"), iso_day("5 March 2024"), iso_day("05/03/2024")
('2024-03-05', '2024-03-05', None)
>>> parse_day("2014-03", partial=True)
datetime.date(2014, 3, 1)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from dateutil import parser

__all__ = ["iso_day", "parse_day"]

# Two defaults that differ in every part: a part that dateutil took from the default differs
# between the two parses, a part the text gave does not.
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))
_NUMERIC = re.compile(r"\d{1,2}([./-])\d{1,2}\1\d{2,4}")
_ISO_SHAPE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def parse_day(value: Any, *, partial: bool = False) -> dt.date | None:
    """The calendar day ``value`` names (a date, a datetime or a string), or None.

    With ``partial``, a year alone or a year and month is the first day of it; the year is
    always needed.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and partial and not isinstance(value, bool):
        value = str(value)  # a bare year, as YAML reads "from: 2014"
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        # The common case, and the strictest: ISO 8601 needs no guessing.
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        if _ISO_SHAPE.fullmatch(text):
            return None  # 2024-13-05 or 2024-02-30: refused by the calendar, never reread
    numeric = _NUMERIC.fullmatch(text)
    if numeric and numeric[1] != ".":
        return None  # 05/03/2024: day or month first? not guessed
    try:
        first, second = (
            parser.parse(text, default=default, dayfirst=bool(numeric)) for default in _DEFAULTS
        )
    except (parser.ParserError, ValueError, OverflowError):
        return None
    if first.year != second.year:
        return None
    if partial:
        return dt.date(
            first.year,
            first.month if first.month == second.month else 1,
            first.day if first.day == second.day else 1,
        )
    return first.date() if first.date() == second.date() else None


def iso_day(value: Any, *, partial: bool = False) -> str | None:
    """``YYYY-MM-DD`` for the day ``value`` names (see :func:`parse_day`), or None."""
    day = parse_day(value, partial=partial)
    return day.isoformat() if day else None
