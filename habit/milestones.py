"""Streak milestones: which are reached, and which was just reached."""

from __future__ import annotations

from habit.streak import StreakSummary

__all__ = ["MILESTONES", "milestones_reached", "new_milestone"]

MILESTONES: tuple[int, ...] = (7, 30, 100, 365)
"""Streak lengths (practised days in a row) worth celebrating, ascending."""


def milestones_reached(summary: StreakSummary) -> list[int]:
    """Milestones any streak has reached so far (by `longest`), ascending."""
    return [m for m in MILESTONES if summary.longest >= m]


def new_milestone(before: StreakSummary, after: StreakSummary) -> int | None:
    """The milestone the current streak just reached, for a celebration.

    A milestone is just reached when `before.current < m <= after.current`,
    so each new streak celebrates its own milestones again. If a jump crosses
    several (say, an import), the largest is returned. None when the streak
    did not grow past a milestone (unchanged, shorter, or broken).
    """
    crossed = [m for m in MILESTONES if before.current < m <= after.current]
    return crossed[-1] if crossed else None
