"""The practice heatmap: weeks as columns, seven day cells each.

Cell states, in order of precedence:

* future: after today, or today while it is not finished yet (still open);
* done: the day's practice is finished;
* frozen: a missed day covered by a streak freeze (`StreakSummary.frozen_days`);
* before_start: before the first finished day (nothing to miss yet);
* missed: any other day before today.

Paging: the grid ends with the week that holds `end` (default: today). The
page before a grid ending at `end` ends at `end - timedelta(weeks=weeks)`;
`weeks_ending` gives the dates of any page.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

__all__ = [
    "MONDAY",
    "SUNDAY",
    "CellState",
    "HeatCell",
    "heatmap",
    "weeks_ending",
]

MONDAY = calendar.MONDAY
SUNDAY = calendar.SUNDAY


class CellState(StrEnum):
    """A heatmap cell's state; compares equal to its plain string."""

    DONE = "done"
    FROZEN = "frozen"
    MISSED = "missed"
    FUTURE = "future"
    BEFORE_START = "before_start"


@dataclass(frozen=True)
class HeatCell:
    """One day in the heatmap. `is_today` lets the screen outline today."""

    day: date
    state: CellState
    is_today: bool = False


def weeks_ending(
    end_day: date, weeks: int = 12, week_start: int = MONDAY
) -> list[list[date]]:
    """Dates of `weeks` week columns, oldest first, the last holding `end_day`.

    Each column has 7 consecutive dates starting on `week_start` (a
    `calendar` weekday constant, MONDAY=0 .. SUNDAY=6). For the page before,
    call again with `end_day - timedelta(weeks=weeks)`.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    if not 0 <= week_start <= 6:
        raise ValueError(f"week_start must be 0..6, got {week_start}")
    last_start = end_day.toordinal() - (end_day.weekday() - week_start) % 7
    first = last_start - 7 * (weeks - 1)
    return [
        [date.fromordinal(first + 7 * w + i) for i in range(7)]
        for w in range(weeks)
    ]


def heatmap(
    finished: Iterable[date],
    frozen: Iterable[date],
    today: date,
    weeks: int = 12,
    week_start: int = MONDAY,
    *,
    end: date | None = None,
) -> list[list[HeatCell]]:
    """Heatmap cells: `weeks` columns of 7 `HeatCell`s, oldest week first.

    `finished` are the stored practice days, `frozen` the days a freeze
    covered (`summarize(...).frozen_days`, computed for the same `today`).
    The last column holds `end` (default `today`); pass an earlier `end` to
    page back. The first finished day on or before today marks the start.
    """
    done = finished if isinstance(finished, (set, frozenset)) else set(finished)
    ice = frozen if isinstance(frozen, (set, frozenset)) else set(frozen)
    t = today.toordinal()
    first = min(done, default=None)
    # No finished day on or before today: every past day is before the start.
    start = first.toordinal() if first is not None and first <= today else t + 1

    columns = []
    for week in weeks_ending(today if end is None else end, weeks, week_start):
        column = []
        for day in week:
            o = day.toordinal()
            if o > t or (o == t and day not in done):
                state = CellState.FUTURE
            elif day in done:
                state = CellState.DONE
            elif day in ice:
                state = CellState.FROZEN
            elif o < start:
                state = CellState.BEFORE_START
            else:
                state = CellState.MISSED
            column.append(HeatCell(day, state, o == t))
        columns.append(column)
    return columns
