"""Days and moments written as text: the one way Stepwise reads them back.

Stepwise writes a day as ``YYYY-MM-DD`` and a moment as ISO 8601
(``2026-11-03T08:00:00+01:00``). Every place that reads one (stored data,
a journal export being imported, the reminder settings, an address like
/progress/day/2026-11-03) parses it here; each caller says in its own words
what was wrong, naming its file and field.

`day_from_text` / `moment_from_text` raise ValueError (storage reads every
stored record through them, so they do only cheap checks); `parse_day` /
`parse_moment` return None instead, for text from outside.
"""

from __future__ import annotations

from datetime import date, datetime


#: Days already read, text -> date. Reading ten years of finished days parses the
#: same few thousand texts after every change of the practice files; a hit costs
#: what date.fromisoformat alone did (the checks below made a read 3x slower).
#: Only texts that passed the checks are kept, and at most _DAYS_KEPT of them.
_days: dict[str, date] = {}
_DAYS_KEPT = 50_000


def day_from_text(text: str) -> date:
    """A day written ``YYYY-MM-DD`` (exactly that form); ValueError for anything else."""
    try:
        return _days[text]
    except KeyError:
        pass
    except TypeError:  # unhashable, so not text
        raise ValueError(f"not a day YYYY-MM-DD: {text!r}") from None
    # Of the 10-character forms date.fromisoformat reads, only YYYY-MM-DD has its
    # dashes at 4 and 7 (not 2026-W45-2; 20261103 is too short).
    if type(text) is not str or len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(f"not a day YYYY-MM-DD: {text!r}")
    day = date.fromisoformat(text)
    if len(_days) >= _DAYS_KEPT:
        _days.clear()
    _days[text] = day
    return day


def moment_from_text(text: str) -> datetime:
    """An ISO 8601 date-time, with its UTC offset or naive (the caller decides); ValueError if not one."""
    if type(text) is not str:
        raise ValueError(f"not an ISO date-time: {text!r}")
    return datetime.fromisoformat(text)


def parse_day(value: object) -> date | None:
    """`day_from_text`, or None for anything that is not a day written ``YYYY-MM-DD``."""
    try:
        return day_from_text(value)  # type: ignore[arg-type]
    except ValueError:
        return None


def parse_moment(value: object) -> datetime | None:
    """`moment_from_text`, or None for anything that is not an ISO 8601 date-time."""
    try:
        return moment_from_text(value)  # type: ignore[arg-type]
    except ValueError:
        return None
