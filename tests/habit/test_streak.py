"""Example tests for the streak rules, with fixed dates."""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import FrozenInstanceError
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from habit.day import practice_day
from habit.streak import MAX_FREEZES, STREAK_HELP, StreakSummary, summarize


def days(first: date, count: int) -> list[date]:
    """`count` consecutive days starting at `first`."""
    return [first + timedelta(days=i) for i in range(count)]


D = date(2024, 3, 1)  # a Friday; March 2024 has 31 days


def nth(n: int) -> date:
    """March n, 2024 (n may run past 31 into April)."""
    return D + timedelta(days=n - 1)


# --- basics -------------------------------------------------------------------


def test_nothing_finished():
    s = summarize([], nth(5))
    assert s == StreakSummary(0, 0, 0, 0, frozenset(), False)


def test_today_only():
    s = summarize([nth(5)], nth(5))
    assert (s.current, s.longest, s.total_days, s.today_done) == (1, 1, 1, True)


def test_summary_is_frozen():
    s = summarize([nth(1)], nth(1))
    with pytest.raises(FrozenInstanceError):
        s.current = 5  # type: ignore[misc]


def test_gap_breaks_without_freezes():
    finished = days(nth(1), 3) + days(nth(5), 2)  # 1-3, 5-6; 4 missed
    s = summarize(finished, nth(6), freezes_enabled=False)
    assert (s.current, s.longest, s.total_days) == (2, 3, 5)


def test_gap_breaks_with_freezes_when_none_held():
    finished = days(nth(1), 3) + days(nth(5), 2)
    s = summarize(finished, nth(6))
    assert (s.current, s.longest, s.freezes_held, s.frozen_days) == (2, 3, 0, frozenset())


def test_repeats_on_one_day_count_once():
    finished = [nth(1), nth(1), nth(2), nth(2), nth(2), nth(3)]
    s = summarize(finished, nth(3))
    assert (s.current, s.longest, s.total_days) == (3, 3, 3)


def test_input_may_be_any_iterable_once():
    s = summarize(iter(days(nth(1), 3)), nth(3))
    assert s.current == 3


def test_year_boundary():
    finished = [date(2023, 12, 30), date(2023, 12, 31), date(2024, 1, 1)]
    s = summarize(finished, date(2024, 1, 1))
    assert (s.current, s.longest) == (3, 3)
    # and still alive on Jan 2 while Jan 2 is open
    assert summarize(finished, date(2024, 1, 2)).current == 3


def test_month_boundary():
    finished = [date(2024, 4, 29), date(2024, 4, 30), date(2024, 5, 1)]
    assert summarize(finished, date(2024, 5, 1)).current == 3


def test_leap_day_is_a_real_day():
    # 2024 is a leap year: Feb 28 -> Feb 29 -> Mar 1 is three days in a row.
    finished = [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)]
    assert summarize(finished, date(2024, 3, 1)).current == 3
    # Skipping Feb 29 is a missed day.
    s = summarize([date(2024, 2, 28), date(2024, 3, 1)], date(2024, 3, 1), False)
    assert (s.current, s.longest) == (1, 1)


def test_no_leap_day_in_common_year():
    # 2023 is not a leap year: Feb 28 -> Mar 1 is consecutive.
    finished = [date(2023, 2, 28), date(2023, 3, 1)]
    assert summarize(finished, date(2023, 3, 1), False).current == 2


def test_century_rule_1900_and_2000():
    assert summarize([date(1900, 2, 28), date(1900, 3, 1)], date(1900, 3, 1), False).current == 2
    assert summarize([date(2000, 2, 28), date(2000, 3, 1)], date(2000, 3, 1), False).current == 1


# --- today is open ------------------------------------------------------------


def test_today_unfinished_keeps_yesterdays_streak():
    finished = days(nth(1), 4)  # 1-4
    s = summarize(finished, nth(5))
    assert (s.current, s.today_done) == (4, False)


def test_today_finished_extends_streak():
    s = summarize(days(nth(1), 5), nth(5))
    assert (s.current, s.today_done) == (5, True)


def test_yesterday_missed_and_today_open_without_freezes_is_broken():
    s = summarize(days(nth(1), 4), nth(6), freezes_enabled=False)
    assert (s.current, s.longest) == (0, 4)


def test_dates_after_today_are_ignored():
    # A completion stored while the clock was ahead does not count yet.
    finished = days(nth(1), 3) + [nth(10)]
    s = summarize(finished, nth(4))
    assert (s.current, s.total_days, s.today_done) == (3, 3, False)
    assert summarize(finished, nth(10)).total_days == 4


# --- freezes -----------------------------------------------------------------


def test_no_freeze_before_seven_days():
    assert summarize(days(nth(1), 6), nth(6)).freezes_held == 0


def test_freeze_earned_at_seven_days():
    assert summarize(days(nth(1), 7), nth(7)).freezes_held == 1


def test_second_freeze_at_fourteen():
    assert summarize(days(nth(1), 13), nth(13)).freezes_held == 1
    assert summarize(days(nth(1), 14), nth(14)).freezes_held == 2


def test_freezes_capped_at_two():
    assert MAX_FREEZES == 2
    assert summarize(days(nth(1), 21), nth(21)).freezes_held == 2
    assert summarize(days(nth(1), 70), nth(70)).freezes_held == 2


def test_freeze_earned_over_cap_is_not_banked():
    # 21 days: earned at 7 and 14; the one at 21 is dropped (cap 2).
    # Spend one on day 22, then 6 more days: still 1 held, not 2.
    finished = days(nth(1), 21) + days(nth(23), 6)
    s = summarize(finished, nth(28))
    assert s.freezes_held == 1
    assert s.frozen_days == {nth(22)}


def test_freeze_spent_on_single_missed_day():
    finished = days(nth(1), 7) + [nth(9)]  # day 8 missed
    s = summarize(finished, nth(9))
    assert s.freezes_held == 0
    assert s.frozen_days == {nth(8)}
    assert s.current == 8


def test_freeze_does_not_add_a_day():
    finished = days(nth(1), 7) + days(nth(9), 3)  # 7 + frozen + 3
    s = summarize(finished, nth(11))
    assert s.current == 10  # practised days, not 11 calendar days
    assert s.longest == 10
    assert s.total_days == 10


def test_two_day_gap_with_one_freeze_breaks():
    finished = days(nth(1), 7) + [nth(10)]  # 8 and 9 missed, 1 freeze held
    s = summarize(finished, nth(10))
    assert s.current == 1
    assert s.longest == 7
    assert s.frozen_days == frozenset()  # not partly spent
    assert s.freezes_held == 0  # lost with the broken streak


def test_two_day_gap_with_two_freezes_is_covered():
    finished = days(nth(1), 14) + [nth(17)]  # 15 and 16 missed
    s = summarize(finished, nth(17))
    assert s.current == 15
    assert s.frozen_days == {nth(15), nth(16)}
    assert s.freezes_held == 0


def test_three_day_gap_with_two_freezes_breaks():
    finished = days(nth(1), 14) + [nth(18)]
    s = summarize(finished, nth(18))
    assert (s.current, s.longest, s.freezes_held) == (1, 14, 0)
    assert s.frozen_days == frozenset()


def test_today_unfinished_never_spends_a_freeze():
    s = summarize(days(nth(1), 7), nth(8))  # day 8 is today, open
    assert (s.current, s.freezes_held, s.frozen_days) == (7, 1, frozenset())


def test_freeze_covers_yesterday_while_today_is_open():
    s = summarize(days(nth(1), 7), nth(9))  # 8 missed, 9 today open
    assert (s.current, s.freezes_held, s.frozen_days) == (7, 0, {nth(8)})


def test_trailing_gap_grows_past_freezes():
    s = summarize(days(nth(1), 7), nth(10))  # 8 and 9 missed, 1 freeze
    assert (s.current, s.longest, s.freezes_held, s.frozen_days) == (0, 7, 0, frozenset())


def test_consecutive_count_restarts_after_a_frozen_day():
    # Freezes come from practised days *in a row*: after the frozen day 11
    # the count restarts, so the 14th practised day of the run (day 15)
    # earns nothing; the 7th in a row after the gap (day 18) does.
    finished = days(nth(1), 10) + days(nth(12), 7)  # 1-10, 12-18
    assert summarize(finished, nth(15)).freezes_held == 0
    assert summarize(finished, nth(17)).freezes_held == 0
    s = summarize(finished, nth(18))
    assert (s.current, s.freezes_held) == (17, 1)


def test_new_streak_earns_its_own_freezes():
    finished = days(nth(1), 7) + days(nth(10), 7)  # broken, then 7 again
    s = summarize(finished, nth(16))
    assert (s.current, s.longest, s.freezes_held) == (7, 7, 1)


def test_longest_counts_a_protected_run():
    finished = days(nth(1), 7) + days(nth(9), 5) + days(nth(20), 2)
    s = summarize(finished, nth(21))
    assert (s.current, s.longest) == (2, 12)


def test_freezes_disabled():
    finished = days(nth(1), 7) + [nth(9)]
    s = summarize(finished, nth(9), freezes_enabled=False)
    assert (s.current, s.longest, s.freezes_held, s.frozen_days) == (1, 7, 0, frozenset())
    assert summarize(days(nth(1), 30), nth(30), False).freezes_held == 0


def test_total_days_never_depends_on_freezes():
    finished = days(nth(1), 7) + [nth(9)] + days(nth(20), 3)
    assert summarize(finished, nth(30)).total_days == 11
    assert summarize(finished, nth(30), False).total_days == 11


def test_long_protected_streak_across_a_year_end():
    # 2023-12-01 .. 2024-01-31 with one missed day every 10th day.
    first = date(2023, 12, 1)
    all_days = days(first, 62)
    finished = [d for i, d in enumerate(all_days) if i % 10 != 9]
    s = summarize(finished, all_days[-1])
    # Every gap is one day after 9 in a row: a freeze at day 7 covers it.
    assert s.current == len(finished)
    assert len(s.frozen_days) == 6


# --- completions through practice_day -----------------------------------------


def test_travel_does_not_rewrite_stored_days():
    berlin, ny = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
    moments = [
        datetime(2024, 3, 29, 22, 0, tzinfo=berlin),
        datetime(2024, 3, 30, 23, 30, tzinfo=berlin),  # DST starts 31 March
        datetime(2024, 3, 31, 7, 0, tzinfo=berlin),
        datetime(2024, 3, 31, 20, 0, tzinfo=ny),  # flew west: still 31 March locally
        datetime(2024, 4, 1, 21, 0, tzinfo=ny),  # already 2 April in Berlin
    ]
    finished = {practice_day(m) for m in moments}
    s = summarize(finished, date(2024, 4, 1))
    assert (s.current, s.total_days) == (4, 4)


def test_day_start_hour_moves_late_night_practice_back():
    z = ZoneInfo("Europe/Berlin")
    moments = [
        datetime(2024, 1, 1, 20, 0, tzinfo=z),
        datetime(2024, 1, 3, 1, 30, tzinfo=z),  # counts for 2 Jan with start hour 3
        datetime(2024, 1, 3, 21, 0, tzinfo=z),
    ]
    s = summarize({practice_day(m, 3) for m in moments}, date(2024, 1, 3), False)
    assert s.current == 3
    s0 = summarize({practice_day(m, 0) for m in moments}, date(2024, 1, 3), False)
    assert s0.current == 1  # with midnight, 2 Jan was missed


# --- help text and stdlib-only -------------------------------------------------


def test_help_text_is_short_and_plain():
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", STREAK_HELP.strip()) if s]
    assert 2 <= len(sentences) <= 4
    assert "7" in STREAK_HELP and "2" in STREAK_HELP
    assert "freeze" in STREAK_HELP


@pytest.mark.parametrize("name", ["streak", "milestones", "heatmap"])
def test_rules_import_only_stdlib(name):
    path = Path(__file__).resolve().parents[2] / "habit" / f"{name}.py"
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            mods = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            mods = [node.module or ""]
        else:
            continue
        for mod in mods:
            top = mod.split(".")[0]
            assert top == "habit" or top in sys.stdlib_module_names, mod
