"""Streaks and streak freezes: plain functions over the set of finished days.

A day counts when that day's practice is finished. The day is the local
calendar date from `habit.day.practice_day(moment, day_start_hour)`, worked
out once at the moment of completion and stored. Everything here takes those
stored dates plus `today`, so travelling, DST changes or a clock set back
never rewrite history: only the stored dates and `today` matter.

The rules, exactly:

* Repeats on the same day count once (the input is treated as a set).
* Only days up to and including `today` count. A stored date after `today`
  (a clock that was ahead, or has since been set back) is ignored until its
  day comes, in every field of the summary.
* Today is still open: an unfinished today never breaks the streak and never
  spends a freeze. The current streak ends today if today is finished,
  otherwise it ends yesterday.
* A *gap* is a run of missed days, either between two practised days or
  between the last practised day and today (today itself is never part of a
  gap).
* Freezes are earned by practising on consecutive calendar days: the 7th,
  14th, 21st, ... practised day in a row (no missed day in between, not even
  a frozen one) earns one freeze. At most `MAX_FREEZES` (2) are held; a
  freeze earned while already holding 2 is not kept.
* A gap of `n` missed days is covered when at least `n` freezes are held at
  its start: `n` freezes are spent automatically and the gap's days become
  *frozen days*. Otherwise no freeze is spent, the streak ends, and any held
  freezes are lost with it (freezes belong to the streak that earned them).
* A freeze protects the streak but never adds a day to it: a streak's length
  is the number of practised days in its protected run.
* Freezes only cover gaps that are already over (days before today), so
  which days are frozen is a pure function of the stored dates and `today`.
  If a trailing gap grows past the freezes held, the streak ends and those
  days stop being frozen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

__all__ = [
    "FREEZE_EVERY",
    "MAX_FREEZES",
    "STREAK_HELP",
    "StreakSummary",
    "summarize",
]

FREEZE_EVERY = 7
"""Practised days in a row that earn one streak freeze."""

MAX_FREEZES = 2
"""Most streak freezes held at once."""

STREAK_HELP = (
    "Your streak counts the days in a row on which you finished your practice; "
    "today stays open until your day ends, so not having practised yet today "
    "never breaks it. "
    "Every 7 days in a row you practise earns a streak freeze, and you can hold 2. "
    "If you miss a day, a freeze is used automatically to keep your streak alive, "
    "but a frozen day doesn't add to the count. "
    "If you miss more days in a row than you have freezes, your streak starts "
    "over and any unused freezes are lost."
)
"""User-facing explanation shown on the Progress screen."""


@dataclass(frozen=True)
class StreakSummary:
    """Where the user stands, as of one `today`.

    current: practised days in the streak that ends today (or yesterday, if
        today is not finished yet); 0 when there is no live streak.
    longest: the most practised days in any one streak so far (>= current).
    total_days: distinct finished days up to today; never depends on freezes.
    freezes_held: freezes held now, 0..MAX_FREEZES (0 when freezes are off).
    frozen_days: the missed days a freeze covered (empty when freezes are off).
    today_done: whether today's practice is finished.
    """

    current: int
    longest: int
    total_days: int
    freezes_held: int
    frozen_days: frozenset[date]
    today_done: bool


_EMPTY = frozenset()


def summarize(
    finished: Iterable[date], today: date, freezes_enabled: bool = True
) -> StreakSummary:
    """Streak summary for the finished days as of `today`.

    `finished` holds the stored practice days (repeats allowed). With
    `freezes_enabled=False` every missed day before today ends the streak.
    See the module docstring for the exact freeze rule. Runs in
    O(n log n) for n finished days (10 years of daily data: well under 5 ms).
    """
    t = today.toordinal()
    days = sorted({d.toordinal() for d in finished})
    # Drop dates after today (sorted, so they are at the end).
    while days and days[-1] > t:
        days.pop()
    if not days:
        return StreakSummary(0, 0, 0, 0, _EMPTY, False)

    held = 0  # freezes held
    in_row = 0  # practised days in a row, no missed day between
    run = 0  # practised days in the current protected run
    longest = 0
    frozen: list[int] = []
    prev = days[0] - 1
    for d in days:
        gap = d - prev - 1
        if gap:
            in_row = 0
            if gap <= held:
                held -= gap
                frozen.extend(range(prev + 1, d))
            else:
                if run > longest:
                    longest = run
                run = 0
                held = 0
        run += 1
        in_row += 1
        if freezes_enabled and in_row % FREEZE_EVERY == 0 and held < MAX_FREEZES:
            held += 1
        prev = d
    if run > longest:
        longest = run

    # Trailing gap: days after the last practised day and before today.
    gap = t - prev - 1
    if gap <= 0:
        current = run
    elif gap <= held:
        held -= gap
        frozen.extend(range(prev + 1, t))
        current = run
    else:
        current = 0
        held = 0

    return StreakSummary(
        current=current,
        longest=longest,
        total_days=len(days),
        freezes_held=held,
        frozen_days=frozenset(map(date.fromordinal, frozen)) if frozen else _EMPTY,
        today_done=prev == t,
    )
