"""Dates and moments as they are written on disk: ISO strings, always with an offset."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from habit.dates import day_from_text, moment_from_text

#: Moments and days this close to datetime's limits cannot be shown in every time zone
#: (UTC offsets are under a day) or moved by a day: they are refused where data enters.
_MARGIN = timedelta(days=2)
EARLIEST = (datetime.min + _MARGIN).replace(tzinfo=timezone.utc)
LATEST = (datetime.max - _MARGIN).replace(tzinfo=timezone.utc)
FIRST_DAY = EARLIEST.date()
LAST_DAY = LATEST.date()


class OutOfRange(ValueError):
    """A date or moment the app cannot place in UTC and in every time zone."""


def require_day(day: date) -> date:
    """A calendar day; a datetime is refused because its time would be silently dropped."""
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"day must be a datetime.date, got {type(day).__name__}")
    return day


def require_aware(moment: datetime) -> datetime:
    """A moment with its UTC offset, so 'when' survives travel and DST."""
    if not isinstance(moment, datetime):
        raise TypeError(f"moment must be a datetime, got {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("moment must be timezone-aware (e.g. datetime.now().astimezone())")
    return moment


def require_placeable(moment: datetime) -> datetime:
    """An aware moment that has a UTC instant and a local time in every zone (OutOfRange if not)."""
    require_aware(moment)
    try:
        instant = moment.astimezone(timezone.utc)
    except OverflowError:
        instant = None
    if instant is None or not EARLIEST <= instant <= LATEST:
        raise OutOfRange(f"{moment.isoformat()} is outside the years the app can show")
    return moment


def require_placeable_day(day: date) -> date:
    require_day(day)
    if not FIRST_DAY <= day <= LAST_DAY:
        raise OutOfRange(f"{day.isoformat()} is outside the years the app can show")
    return day


def moment_to_iso(moment: datetime) -> str:
    """ISO 8601 with offset, e.g. 2026-11-03T07:12:00.123456+01:00."""
    return require_aware(moment).isoformat()


def moment_from_iso(text: str, *, assume_local: bool = False) -> datetime:
    """Parse an ISO moment; a naive one is an error unless ``assume_local`` (old data)."""
    moment = moment_from_text(text)
    if moment.tzinfo is None:
        if not assume_local:
            raise ValueError(f"moment without offset: {text!r}")
        moment = moment.astimezone()
    return moment


def day_to_iso(day: date) -> str:
    return require_day(day).isoformat()


#: A stored day, YYYY-MM-DD (ValueError for anything else): habit.dates' one rule.
day_from_iso = day_from_text
