"""The heatmap grid and its paging helper."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from habit.heatmap import MONDAY, SUNDAY, CellState, HeatCell, heatmap, weeks_ending
from habit.streak import summarize
from tests.helpers.streak_reference import reference_heatmap

STATES = {"done", "frozen", "missed", "future", "before_start"}
TODAY = date(2024, 3, 13)  # a Wednesday


def states(grid):
    return [[c.state for c in col] for col in grid]


def test_weeks_ending_shape_monday():
    cols = weeks_ending(TODAY, 12)
    assert len(cols) == 12
    assert all(len(c) == 7 for c in cols)
    assert all(c[0].weekday() == 0 for c in cols)
    assert cols[-1][0] == date(2024, 3, 11) and TODAY in cols[-1]
    flat = [d for c in cols for d in c]
    assert all(b - a == timedelta(days=1) for a, b in zip(flat, flat[1:]))


def test_weeks_ending_sunday_start():
    cols = weeks_ending(TODAY, 2, week_start=SUNDAY)
    assert cols[-1][0] == date(2024, 3, 10)
    assert cols[0][0] == date(2024, 3, 3)


def test_weeks_ending_when_end_is_week_start():
    monday = date(2024, 3, 11)
    assert weeks_ending(monday, 1)[0][0] == monday


@pytest.mark.parametrize("weeks, start", [(0, MONDAY), (-1, MONDAY), (3, 7), (3, -1)])
def test_weeks_ending_rejects_bad_input(weeks, start):
    with pytest.raises(ValueError):
        weeks_ending(TODAY, weeks, start)


def test_paging_back_is_contiguous():
    page = weeks_ending(TODAY, 4)
    earlier = weeks_ending(TODAY - timedelta(weeks=4), 4)
    assert earlier[-1][-1] + timedelta(days=1) == page[0][0]


def test_cell_states():
    # Monday 4 March: first practice. 5th done, 6th missed, 7th frozen (by hand),
    # 8th-12th done, today (13th) open, 14th+ future.
    finished = {date(2024, 3, 4), date(2024, 3, 5)} | {date(2024, 3, d) for d in range(8, 13)}
    frozen = {date(2024, 3, 7)}
    grid = heatmap(finished, frozen, TODAY, weeks=3)
    assert [c.day for c in grid[0]][0] == date(2024, 2, 26)
    assert states(grid) == [
        ["before_start"] * 7,
        ["done", "done", "missed", "frozen", "done", "done", "done"],
        ["done", "done", "future", "future", "future", "future", "future"],
    ]
    assert [c.is_today for c in grid[-1]] == [False, False, True] + [False] * 4


def test_today_done_and_state_is_plain_string():
    grid = heatmap([TODAY], [], TODAY, weeks=1)
    cell = grid[0][2]
    assert cell == HeatCell(TODAY, CellState.DONE, True)
    assert cell.state == "done"


def test_no_practice_at_all():
    grid = heatmap([], [], TODAY, weeks=2)
    flat = [c for col in grid for c in col]
    assert {c.state for c in flat if c.day < TODAY} == {"before_start"}
    assert {c.state for c in flat if c.day >= TODAY} == {"future"}


def test_stored_future_date_is_future_and_does_not_start():
    grid = heatmap([TODAY + timedelta(days=2)], [], TODAY, weeks=1)
    assert states(grid)[0] == ["before_start"] * 2 + ["future"] * 5


def test_heatmap_with_summary_frozen_days():
    first = date(2024, 2, 26)
    finished = [first + timedelta(days=i) for i in range(7)] + [date(2024, 3, 5)]
    s = summarize(finished, TODAY)
    assert s.frozen_days == {date(2024, 3, 4)}
    grid = heatmap(finished, s.frozen_days, TODAY, weeks=3)
    assert states(grid)[1][:3] == ["frozen", "done", "missed"]


def test_paging_with_end():
    finished = {date(2024, 1, 1) + timedelta(days=i) for i in range(60)}
    grid = heatmap(finished, set(), TODAY, weeks=4, end=TODAY - timedelta(weeks=4))
    assert grid[-1][0].day == date(2024, 2, 12)
    assert not any(c.is_today for col in grid for c in col)


@given(
    finished=st.sets(st.dates(date(2023, 10, 1), date(2024, 4, 30)), max_size=120),
    today=st.dates(date(2023, 12, 1), date(2024, 4, 30)),
    weeks=st.integers(1, 30),
    week_start=st.integers(0, 6),
)
def test_heatmap_matches_reference(finished, today, weeks, week_start):
    s = summarize(finished, today)
    grid = heatmap(finished, s.frozen_days, today, weeks, week_start)
    expected = reference_heatmap(finished, s.frozen_days, today, weeks, week_start)
    assert [[(c.day, c.state) for c in col] for col in grid] == expected
    assert all(c.state in STATES for col in grid for c in col)
    assert sum(c.is_today for col in grid for c in col) == 1
