"""Naive reference implementations, written independently of `habit/`.

Used as oracles by the property tests and as the baseline in
`benchmarks/streak.py`. Deliberately simple: walk the calendar a day at a
time with `timedelta`, no ordinals, no sorting tricks.
"""

from __future__ import annotations

from datetime import date, timedelta

ONE = timedelta(days=1)


def reference_plain(finished, today: date) -> dict:
    """Streaks without freezes: just runs of consecutive days."""
    days = {d for d in finished if d <= today}
    # Current: walk back from today, or from yesterday if today is open.
    cursor = today if today in days else today - ONE
    current = 0
    while cursor in days:
        current += 1
        cursor -= ONE
    # Longest: from each run's first day, count forward.
    longest = 0
    for d in days:
        if d - ONE in days:
            continue
        length = 0
        while d in days:
            length += 1
            d += ONE
        longest = max(longest, length)
    return {
        "current": current,
        "longest": longest,
        "total_days": len(days),
        "freezes_held": 0,
        "frozen_days": frozenset(),
        "today_done": today in days,
    }


def reference_freezes(finished, today: date) -> dict:
    """Streaks with freezes, simulated one calendar day at a time.

    Rule (as specified): every 7th practised day in a row earns a freeze,
    at most 2 held; a gap of n missed days (before today) is covered only if
    n freezes are held, else the streak ends and held freezes are lost; a
    frozen day adds nothing to the count; today never spends a freeze.
    """
    days = {d for d in finished if d <= today}
    if not days:
        return reference_plain(days, today)
    held = 0
    in_row = 0
    run = 0
    longest = 0
    frozen: set[date] = set()
    day = min(days)
    while day <= today:
        if day in days:
            run += 1
            in_row += 1
            if in_row % 7 == 0:
                held = min(2, held + 1)
            longest = max(longest, run)
            day += ONE
        elif day == today:
            break  # still open
        else:
            gap_days = []
            while day < today and day not in days:
                gap_days.append(day)
                day += ONE
            in_row = 0
            if len(gap_days) <= held:
                held -= len(gap_days)
                frozen.update(gap_days)
            else:
                held = 0
                run = 0
    return {
        "current": run,
        "longest": longest,
        "total_days": len(days),
        "freezes_held": held,
        "frozen_days": frozenset(frozen),
        "today_done": today in days,
    }


def reference_heatmap(finished, frozen, today: date, weeks: int = 12, week_start: int = 0):
    """Heatmap as (day, state) pairs, columns oldest first."""
    finished = set(finished)
    frozen = set(frozen)
    past = [d for d in finished if d <= today]
    start = min(past) if past else None
    last_col_start = today
    while last_col_start.weekday() != week_start:
        last_col_start -= ONE
    columns = []
    for w in range(weeks - 1, -1, -1):
        col_start = last_col_start - timedelta(weeks=w)
        column = []
        for i in range(7):
            d = col_start + timedelta(days=i)
            if d > today:
                state = "future"
            elif d in finished:
                state = "done"
            elif d == today:
                state = "future"
            elif d in frozen:
                state = "frozen"
            elif start is None or d < start:
                state = "before_start"
            else:
                state = "missed"
            column.append((d, state))
        columns.append(column)
    return columns
