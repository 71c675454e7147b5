"""Milestones at 7, 30, 100 and 365 practised days in a row."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from habit.milestones import MILESTONES, milestones_reached, new_milestone
from habit.streak import StreakSummary, summarize


def summary(current: int, longest: int | None = None) -> StreakSummary:
    longest = current if longest is None else longest
    return StreakSummary(current, longest, longest, 0, frozenset(), True)


def test_milestone_values():
    assert MILESTONES == (7, 30, 100, 365)


@pytest.mark.parametrize(
    "longest, expected",
    [(0, []), (6, []), (7, [7]), (29, [7]), (30, [7, 30]), (100, [7, 30, 100]),
     (364, [7, 30, 100]), (365, [7, 30, 100, 365]), (1000, [7, 30, 100, 365])],
)
def test_milestones_reached_by_longest(longest, expected):
    assert milestones_reached(summary(0, longest)) == expected


@pytest.mark.parametrize("m", [7, 30, 100, 365])
def test_new_milestone_just_reached(m):
    assert new_milestone(summary(m - 1), summary(m)) == m
    assert new_milestone(summary(m), summary(m + 1)) is None
    assert new_milestone(summary(m), summary(m)) is None


def test_no_milestone_when_broken_or_shrinking():
    assert new_milestone(summary(30), summary(0, 30)) is None
    assert new_milestone(summary(30), summary(1, 30)) is None


def test_new_streak_celebrates_again():
    assert new_milestone(summary(6, 40), summary(7, 40)) == 7


def test_jump_over_several_reports_largest():
    assert new_milestone(summary(0), summary(120)) == 100


def test_milestone_from_real_days():
    first = date(2024, 1, 1)
    finished = [first + timedelta(days=i) for i in range(7)]
    today = finished[-1]
    before = summarize(finished[:-1], today)  # today still open: 6
    after = summarize(finished, today)  # today done: 7
    assert (before.current, after.current) == (6, 7)
    assert new_milestone(before, after) == 7
    assert milestones_reached(after) == [7]
