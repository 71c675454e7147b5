"""Looking back: one of your own past answers comes back after 1, 3, 7 and 30 days.

Rules (plain functions; the caller passes today's date):

* An answer's *age* is today minus its day. Its current interval is the
  largest of 1, 3, 7, 30 days not above its age; an answer 60 days old or
  more has had its chances (``WINDOW_DAYS``). Free notes and empty answers
  never come back.
* Each showing is logged per (answer, interval), so an answer is never shown
  twice for the same interval; an answer already seen for a later interval is
  not shown for an earlier one it missed (a skipped day does not queue up
  stale reviews).
* One answer a day. The day's preferred interval rotates through 1, 3, 7, 30
  so the user meets yesterday's words one day and last month's another;
  when none is due for it, the next interval in the rotation is used. Among
  answers due for the same interval, the one exactly on time comes first,
  then the least overdue, then the earliest written.
* Once today's answer has been picked (and logged), it is today's answer
  until tomorrow: opening Today again shows the same one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

INTERVALS: tuple[int, ...] = (1, 3, 7, 30)
#: Answers this many days old or older no longer come back.
WINDOW_DAYS = 60


@dataclass(frozen=True)
class Candidate:
    """An answer due to come back, and the interval it comes back for."""

    entry: Any  # storage.JournalEntry
    interval: int


def window(today: date) -> tuple[date, date]:
    """The days whose answers can come back today: ``(first, last)`` inclusive."""
    return today - timedelta(days=WINDOW_DAYS - 1), today - timedelta(days=1)


def current_interval(entry_day: date, today: date) -> int | None:
    """The interval an answer written on ``entry_day`` is in today, or None."""
    age = (today - entry_day).days
    if age < INTERVALS[0] or age >= WINDOW_DAYS:
        return None
    return max(i for i in INTERVALS if i <= age)


def preferred_order(today: date) -> tuple[int, ...]:
    """Intervals in the order tried today (rotates by one each day)."""
    start = today.toordinal() % len(INTERVALS)
    return INTERVALS[start:] + INTERVALS[:start]


def due(entries: Iterable[Any], logged: set[tuple[str, int]], today: date) -> list[Candidate]:
    """Every answer that may come back today, with its interval (unordered)."""
    found = []
    for entry in entries:
        if entry.question_index is None or not entry.text.strip():
            continue
        interval = current_interval(entry.day, today)
        if interval is None:
            continue
        if any((entry.id, later) in logged for later in INTERVALS if later >= interval):
            continue
        found.append(Candidate(entry, interval))
    return found


def pick(entries: Iterable[Any], logged: set[tuple[str, int]], today: date) -> Candidate | None:
    """Today's answer to look back at, or None (see the module docstring for the order)."""
    candidates = due(entries, logged, today)
    if not candidates:
        return None
    order = preferred_order(today)

    def rank(c: Candidate):
        lateness = (today - c.entry.day).days - c.interval
        return (order.index(c.interval), lateness, c.entry.created_at, c.entry.id)

    return min(candidates, key=rank)


def todays_look_back(records: Iterable[Any], today: date) -> Any | None:
    """The look back already picked today, if any (the latest if several)."""
    shown = [r for r in records if r.shown_on == today]
    return max(shown, key=lambda r: (r.shown_at, r.entry_id)) if shown else None


def age_phrase(entry_day: date, today: date) -> str:
    """How long ago an answer was written: 'yesterday', '3 days ago', 'a week ago'..."""
    age = (today - entry_day).days
    if age == 1:
        return "yesterday"
    if age == 7:
        return "a week ago"
    if age in (30, 31):
        return "a month ago"
    return f"{age} days ago"
