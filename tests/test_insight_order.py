from datetime import date

from daily.insight_order import insight_for_day

D = date(2026, 11, 26)


def test_new_user_starts_with_the_first_insight():
    assert insight_for_day(["a", "b", "c"], {}, D) == "a"


def test_next_day_moves_on_in_order_and_wraps():
    assert insight_for_day(["a", "b", "c"], {date(2026, 11, 25): "a"}, D) == "b"
    assert insight_for_day(["a", "b", "c"], {date(2026, 11, 20): "c"}, D) == "a"


def test_a_finished_day_keeps_its_insight_when_walked_again():
    finished = {date(2026, 11, 25): "a", D: "b"}
    assert insight_for_day(["a", "b", "c"], finished, D) == "b"


def test_single_insight_continues_daily():
    finished = {date(2026, 11, 24): "only", date(2026, 11, 25): "only"}
    assert insight_for_day(["only"], finished, D) == "only"


def test_removed_insight_is_skipped_and_no_content_gives_none():
    assert insight_for_day(["a", "b"], {date(2026, 11, 25): "gone"}, D) == "a"
    assert insight_for_day([], {}, D) is None


def test_later_days_do_not_influence_earlier_ones():
    finished = {date(2026, 11, 27): "a"}
    assert insight_for_day(["a", "b"], finished, D) == "a"
