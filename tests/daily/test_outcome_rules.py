"""The rules of an outcome's numbers (daily/outcomes.py): typed numbers, the chart's top, the trend in words."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from daily.outcomes import (NUMBER, TREND_DAYS, YES_NO, chart_top, format_number, logged_text, parse_number,
                            trend_start, trend_summary)
from storage.outcomes import Outcome, OutcomeLog

AT = datetime(2026, 11, 26, 9, 30, tzinfo=timezone.utc)


def outcome(kind: str) -> Outcome:
    return Outcome("ins", "Requests I questioned", kind, AT, AT)


def logs(*days_and_values) -> list[OutcomeLog]:
    return [OutcomeLog("ins", date(2026, 11, day), value, AT) for day, value in days_and_values]


@pytest.mark.parametrize("text, expected", [
    ("3", 3.0), (" 2.5 ", 2.5), ("2,5", 2.5), ("-4", -4.0), ("0", 0.0),
    ("", None), ("  ", None), ("three", None), ("1.2.3", None), ("nan", None), ("inf", None),
    ("1e12", None), ("999999999999", 999999999999.0), (None, None),
])
def test_a_typed_number_is_read_or_refused(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("value, expected", [
    (3.0, "3"), (3, "3"), (2.5, "2.5"), (1 / 3, "0.33"), (2.10, "2.1"), (0.0, "0"), (-1.25, "-1.25"),
])
def test_a_number_is_written_without_trailing_zeros(value, expected):
    assert format_number(value) == expected


def test_a_logged_value_in_words():
    assert (logged_text(True), logged_text(False)) == ("yes", "no")
    assert (logged_text(4.0), logged_text(2.5)) == ("4", "2.5")


@pytest.mark.parametrize("values, top", [
    ([], 1.0), ([0.0, 0.0], 1.0), ([-3.0], 1.0),
    ([0.5], 1.0), ([1.0], 1.0), ([1.5], 2.0), ([3.0], 4.0), ([4.0], 4.0),
    ([7.0], 8.0), ([9.0, 2.0], 10.0), ([21.0], 40.0), ([45.0], 80.0), ([130.0], 200.0),
    ([4000.0], 4000.0), ([5000.0], 5500.0),
])
def test_the_chart_top_is_a_round_number_at_or_above_the_largest(values, top):
    assert chart_top(values) == top
    assert all(v <= chart_top(values) for v in values)


def test_the_trend_starts_so_that_it_ends_today():
    assert TREND_DAYS == 30
    assert trend_start(date(2026, 11, 30)) == date(2026, 11, 1)
    assert trend_start(date(2026, 12, 1), 2) == date(2026, 11, 30)


def test_the_trend_in_words():
    assert trend_summary(outcome(NUMBER), [], 30) == "Nothing logged in the last 30 days."
    assert trend_summary(outcome(NUMBER), logs((24, 4)), 30) == (
        "1 day logged in the last 30 days; latest 4 on 24 November, average 4.")
    assert trend_summary(outcome(NUMBER), logs((20, 1), (22, 2.5), (25, 3)), 30) == (
        "3 days logged in the last 30 days; latest 3 on 25 November, average 2.2.")
    assert trend_summary(outcome(YES_NO), logs((20, True), (21, False), (22, True)), 30) == (
        "Yes on 2 of 3 logged days in the last 30 days.")
