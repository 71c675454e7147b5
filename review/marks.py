"""When a review is due, and the runs of days a step or habit was practised.

A *practised day* of an insight is a day its practice was finished or at
least one of its steps was checked. Reviews are offered at 7 and 30 practised
days (a count of days, not calendar days since the start).

A mark is *handled* once a verdict was recorded while the count stood at or
above it, or the user said "Later" to the offer at that mark. Only the highest
mark reached can be due: a review at 30 is never followed by a late one for 7.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, timedelta

#: Practised-day counts at which a review is offered.
MARKS: tuple[int, ...] = (7, 30)


def practised_days(finished_days: Iterable[date], step_days: Iterable[Iterable[date]]) -> frozenset[date]:
    """The days an insight was practised: the days it was finished, and every day one of its steps was checked."""
    days = set(finished_days)
    for checked in step_days:
        days.update(checked)
    return frozenset(days)


def handled_marks(verdict_marks: Iterable[int], dismissed_marks: Iterable[int]) -> frozenset[int]:
    """The marks that need no offer: those a verdict was recorded at or after, and those dismissed."""
    verdicts = list(verdict_marks)
    handled = {m for m in MARKS if any(count >= m for count in verdicts)}
    handled.update(m for m in dismissed_marks if m in MARKS)
    return frozenset(handled)


def due_mark(practised_count: int, handled: Collection[int]) -> int | None:
    """The mark a review is due for: the highest mark reached, unless it is handled (then None)."""
    reached = [m for m in MARKS if practised_count >= m]
    if not reached or reached[-1] in handled:
        return None
    return reached[-1]


def reached_on(days: Iterable[date], mark: int) -> date | None:
    """The day the count of practised days reached ``mark`` (None if it has not)."""
    ordered = sorted(set(days))
    return ordered[mark - 1] if 0 < mark <= len(ordered) else None


def longest_run(days: Iterable[date]) -> int:
    """The most consecutive calendar days in ``days``."""
    best = run = 0
    previous: date | None = None
    for day in sorted(set(days)):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = day
    return best


def current_run(days: Iterable[date], today: date) -> int:
    """Consecutive days ending today, or ending yesterday while today is still open (else 0)."""
    held = set(days)
    day = today if today in held else today - timedelta(days=1)
    run = 0
    while day in held:
        run += 1
        day -= timedelta(days=1)
    return run
