"""Days and moments written as text: the one way Stepwise reads them back.

Stepwise writes a day as ``YYYY-MM-DD`` and a moment as ISO 8601
(``2026-11-03T08:00:00+01:00``). Every place that reads one (stored data,
a journal export being imported, the reminder settings, an address like
/progress/day/2026-11-03) parses it here; each caller says in its own words
what was wrong, naming its file and field.
"""

from __future__ import annotations

from datetime import date, datetime


def parse_day(value: object) -> date | None:
    """A day written ``YYYY-MM-DD`` (exactly that form), or None for anything else."""
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    if not (value[:4].isdigit() and value[5:7].isdigit() and value[8:].isdigit()):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def parse_moment(value: object) -> datetime | None:
    """An ISO 8601 date-time (with its UTC offset, or naive: the caller decides), or None."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
